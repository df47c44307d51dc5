-- Keeping the analysis ledgers current costs one cheap INSERT per statement (issue 6: upkeep
-- ≤ 0.2× a rebuild). Until now each statement's trigger upserted −1/+1 at three levels into the
-- ledgers (ON CONFLICT: an index probe and a row update per key, 0.76× a rebuild over 100 k
-- changes). Now the triggers append the statement's summed deltas, at the records' own paths only,
-- to an insert-only table per ledger (`analysis_*_delta`: no key, no index, no conflict);
-- `linli_analysis_fold()` moves what is there into the ledgers at their three levels in one
-- grouped upsert (the jobs role calls it every 2 s, so many changes to one key cost one update).
-- Reads go through `analysis_*_now` = ledger + the deltas not yet folded (rolled up on the fly),
-- one statement and so one snapshot: a fold committing in between is seen whole or not at all, and
-- the figures are exact at every commit, folded or not.

CREATE TABLE analysis_person_delta (
  path ltree NOT NULL,
  month date NOT NULL, birth_year smallint NOT NULL, gender smallint NOT NULL, ethnicity text NOT NULL, hukou_local boolean NOT NULL, tag text NOT NULL, n integer NOT NULL
);
CREATE TABLE analysis_living_delta (
  path ltree NOT NULL,
  month date NOT NULL, moved_in integer NOT NULL DEFAULT 0, moved_out integer NOT NULL DEFAULT 0, shifted integer NOT NULL DEFAULT 0
);
CREATE TABLE analysis_house_delta (
  path ltree NOT NULL,
  month date NOT NULL, use text NOT NULL, n integer NOT NULL
);
CREATE TABLE analysis_household_delta (
  path ltree NOT NULL,
  month date NOT NULL, n integer NOT NULL
);
CREATE TABLE analysis_event_delta (
  path ltree NOT NULL,
  day date NOT NULL, kind text NOT NULL, state text NOT NULL, created integer NOT NULL DEFAULT 0, in_state integer NOT NULL DEFAULT 0
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['analysis_person_delta', 'analysis_living_delta', 'analysis_house_delta', 'analysis_household_delta', 'analysis_event_delta'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM linli_app', t);
    EXECUTE format('GRANT SELECT ON %I TO linli_app', t);
  END LOOP;
END $$;

CREATE VIEW analysis_person_now WITH (security_invoker = true) AS
  SELECT lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag, n FROM analysis_person_fact
  UNION ALL
  SELECT lv.lvl, lv.path, d.month, d.birth_year, d.gender, d.ethnicity, d.hukou_local, d.tag, d.n FROM analysis_person_delta d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path);
GRANT SELECT ON analysis_person_now TO linli_app;

CREATE VIEW analysis_living_now WITH (security_invoker = true) AS
  SELECT lvl, path, month, moved_in, moved_out, shifted FROM analysis_living_fact
  UNION ALL
  SELECT lv.lvl, lv.path, d.month, d.moved_in, d.moved_out, d.shifted FROM analysis_living_delta d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path);
GRANT SELECT ON analysis_living_now TO linli_app;

CREATE VIEW analysis_house_now WITH (security_invoker = true) AS
  SELECT lvl, path, month, use, n FROM analysis_house_fact
  UNION ALL
  SELECT lv.lvl, lv.path, d.month, d.use, d.n FROM analysis_house_delta d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path);
GRANT SELECT ON analysis_house_now TO linli_app;

CREATE VIEW analysis_household_now WITH (security_invoker = true) AS
  SELECT lvl, path, month, n FROM analysis_household_fact
  UNION ALL
  SELECT lv.lvl, lv.path, d.month, d.n FROM analysis_household_delta d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path);
GRANT SELECT ON analysis_household_now TO linli_app;

CREATE VIEW analysis_event_now WITH (security_invoker = true) AS
  SELECT lvl, path, day, kind, state, created, in_state FROM analysis_event_fact
  UNION ALL
  SELECT lv.lvl, lv.path, d.day, d.kind, d.state, d.created, d.in_state FROM analysis_event_delta d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path);
GRANT SELECT ON analysis_event_now TO linli_app;

-- Folds the deltas into the ledgers; one folder at a time (another caller returns at once), so the
-- upserts need no ordering against each other. A fold updates rows in place: with room left on
-- each page (fillfactor 70, taking effect at the next rebuild) the update stays on the page and
-- the key index is not touched (a HOT update).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['analysis_person_fact', 'analysis_living_fact', 'analysis_house_fact', 'analysis_household_fact', 'analysis_event_fact'] LOOP
    EXECUTE format('ALTER TABLE %I SET (fillfactor = 70)', t);
  END LOOP;
END $$;

CREATE FUNCTION linli_analysis_fold() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE k integer; folded integer := 0;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('linli_analysis_fold')) THEN RETURN 0; END IF;
  WITH d AS (DELETE FROM analysis_person_delta RETURNING *)
  INSERT INTO analysis_person_fact AS f (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
  SELECT lv.lvl, lv.path, d.month, d.birth_year, d.gender, d.ethnicity, d.hukou_local, d.tag, sum(d.n)
    FROM d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d.n) <> 0
  ON CONFLICT (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag) DO UPDATE SET n = f.n + excluded.n;
  GET DIAGNOSTICS k = ROW_COUNT; folded := folded + k;
  WITH d AS (DELETE FROM analysis_living_delta RETURNING *)
  INSERT INTO analysis_living_fact AS f (lvl, path, month, moved_in, moved_out, shifted)
  SELECT lv.lvl, lv.path, d.month, sum(d.moved_in), sum(d.moved_out), sum(d.shifted)
    FROM d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3 HAVING sum(d.moved_in) <> 0 OR sum(d.moved_out) <> 0 OR sum(d.shifted) <> 0
  ON CONFLICT (lvl, path, month) DO UPDATE SET moved_in = f.moved_in + excluded.moved_in, moved_out = f.moved_out + excluded.moved_out, shifted = f.shifted + excluded.shifted;
  GET DIAGNOSTICS k = ROW_COUNT; folded := folded + k;
  WITH d AS (DELETE FROM analysis_house_delta RETURNING *)
  INSERT INTO analysis_house_fact AS f (lvl, path, month, use, n)
  SELECT lv.lvl, lv.path, d.month, d.use, sum(d.n)
    FROM d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0
  ON CONFLICT (lvl, path, month, use) DO UPDATE SET n = f.n + excluded.n;
  GET DIAGNOSTICS k = ROW_COUNT; folded := folded + k;
  WITH d AS (DELETE FROM analysis_household_delta RETURNING *)
  INSERT INTO analysis_household_fact AS f (lvl, path, month, n)
  SELECT lv.lvl, lv.path, d.month, sum(d.n)
    FROM d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0
  ON CONFLICT (lvl, path, month) DO UPDATE SET n = f.n + excluded.n;
  GET DIAGNOSTICS k = ROW_COUNT; folded := folded + k;
  WITH d AS (DELETE FROM analysis_event_delta RETURNING *)
  INSERT INTO analysis_event_fact AS f (lvl, path, day, kind, state, created, in_state)
  SELECT lv.lvl, lv.path, d.day, d.kind, d.state, sum(d.created), sum(d.in_state)
    FROM d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.created) <> 0 OR sum(d.in_state) <> 0
  ON CONFLICT (lvl, path, day, kind, state) DO UPDATE SET created = f.created + excluded.created, in_state = f.in_state + excluded.in_state;
  GET DIAGNOSTICS k = ROW_COUNT; folded := folded + k;
  RETURN folded;
END $$;
REVOKE ALL ON FUNCTION linli_analysis_fold() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_analysis_fold() TO linli_app;

-- The triggers of migration 20261130_0400, appending to the deltas instead of upserting the ledgers.
CREATE OR REPLACE FUNCTION linli_analysis_person_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE m date := linli_analysis_month();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analysis_person_delta (path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
    SELECT k.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
      FROM new_rows r, LATERAL linli_analysis_person_keys(r, 1) k
     GROUP BY 1, 3, 4, 5, 6, 7;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analysis_person_delta (path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
    SELECT k.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
      FROM old_rows r, LATERAL linli_analysis_person_keys(r, -1) k
     GROUP BY 1, 3, 4, 5, 6, 7;
  ELSE
    INSERT INTO analysis_person_delta (path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
    SELECT k.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
      FROM old_rows o JOIN new_rows n ON n.id = o.id,
           LATERAL (SELECT * FROM linli_analysis_person_keys(o, -1) UNION ALL SELECT * FROM linli_analysis_person_keys(n, 1)) k
     WHERE (o.path, o.birth_date, o.gender, o.ethnicity, o.hukou_division, o.district_code, o.tags, o.status)
           IS DISTINCT FROM (n.path, n.birth_date, n.gender, n.ethnicity, n.hukou_division, n.district_code, n.tags, n.status)
     GROUP BY 1, 3, 4, 5, 6, 7 HAVING sum(k.d) <> 0;
  END IF;
  PERFORM pg_notify('linli_analysis', 'person');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION linli_analysis_living_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE m date := linli_analysis_month();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analysis_living_delta (path, month, moved_in, moved_out)
    SELECT k.path, k.month, sum(k.moved_in), sum(k.moved_out)
      FROM new_rows r, LATERAL linli_analysis_living_keys(r, 1) k GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analysis_living_delta (path, month, moved_in, moved_out)
    SELECT k.path, k.month, sum(k.moved_in), sum(k.moved_out)
      FROM old_rows r, LATERAL linli_analysis_living_keys(r, -1) k GROUP BY 1, 2;
  ELSE
    INSERT INTO analysis_living_delta (path, month, moved_in, moved_out, shifted)
    SELECT d.path, d.month, sum(d.mi), sum(d.mo), sum(d.sh) FROM (
      SELECT k.path, k.month, k.moved_in AS mi, k.moved_out AS mo, 0 AS sh
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
             LATERAL (SELECT * FROM linli_analysis_living_keys(o, -1) UNION ALL SELECT * FROM linli_analysis_living_keys(n, 1)) k
       WHERE (o.kind, o.valid_from, o.valid_to) IS DISTINCT FROM (n.kind, n.valid_from, n.valid_to) AND o.path = n.path
      UNION ALL
      SELECT x.path, m, 0, 0, x.sh
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
             LATERAL (VALUES (o.path, -1), (n.path, 1)) x(path, sh)
       WHERE o.path <> n.path AND o.kind IN ('resident', 'tenant') AND o.valid_from <= m + interval '1 month - 1 day'
         AND (o.valid_to IS NULL OR o.valid_to >= m)
    ) d
     GROUP BY 1, 2 HAVING sum(d.mi) <> 0 OR sum(d.mo) <> 0 OR sum(d.sh) <> 0;
  END IF;
  PERFORM pg_notify('linli_analysis', 'living');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION linli_analysis_house_add(rows jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO analysis_house_delta (path, month, use, n)
  SELECT x.path, linli_analysis_month(), x.use, sum(x.d)
    FROM jsonb_to_recordset(rows) AS x(path ltree, use text, d integer)
   GROUP BY 1, 3 HAVING sum(x.d) <> 0
$$;

CREATE OR REPLACE FUNCTION linli_analysis_household_add(rows jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO analysis_household_delta (path, month, n)
  SELECT x.path, linli_analysis_month(), sum(x.d)
    FROM jsonb_to_recordset(rows) AS x(path ltree, d integer)
   GROUP BY 1 HAVING sum(x.d) <> 0
$$;

CREATE OR REPLACE FUNCTION linli_analysis_event_add(rows jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO analysis_event_delta (path, day, kind, state, created, in_state)
  SELECT x.path, x.day, x.kind, x.state, sum(x.c), sum(x.s)
    FROM jsonb_to_recordset(rows) AS x(path ltree, day date, kind text, state text, c integer, s integer)
   GROUP BY 1, 2, 3, 4 HAVING sum(x.c) <> 0 OR sum(x.s) <> 0
$$;

-- A rebuild recounts the ledgers from the registry, so the deltas it covers go with it.
ALTER FUNCTION linli_analysis_rebuild() RENAME TO linli_analysis_rebuild_ledgers;
CREATE FUNCTION linli_analysis_rebuild() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  TRUNCATE analysis_person_delta, analysis_living_delta, analysis_house_delta, analysis_household_delta, analysis_event_delta;
  PERFORM linli_analysis_rebuild_ledgers();
END $$;
REVOKE ALL ON FUNCTION linli_analysis_rebuild() FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_analysis_rebuild_ledgers() FROM PUBLIC;
