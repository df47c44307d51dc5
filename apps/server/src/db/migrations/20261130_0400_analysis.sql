-- 民情分析 / 数据立方 / 领导驾驶舱 — aggregates of the registry kept current by the changes
-- themselves (no nightly batch), and history that a redrawn grid does not rewrite.
--
-- Each fact table is a ledger of signed deltas: a statement trigger on the registry table turns
-- the statement's transition tables into −1 at the old key and +1 at the new key, summed per key,
-- and adds them to the row of the month the change is recorded in (China time). A figure for
-- month M is the sum of the rows of months ≤ M, so it is computed on the paths the records had
-- then: a grid redrawn in November adds its −1/+1 to November and leaves September as it was.
-- Person–house links are booked by their own validity dates (moved in / moved out in the month of
-- valid_from / valid_to), so "living here" at the end of a month follows the relationships'
-- dates. Ages are kept as birth years and turned into age bands for the month asked for, so time
-- passing never needs a recompute. The cost of a change is the size of the change, not of the city.

CREATE FUNCTION linli_analysis_month() RETURNS date
LANGUAGE sql STABLE AS $$ SELECT date_trunc('month', (now() AT TIME ZONE 'UTC') + interval '8 hours')::date $$;

CREATE FUNCTION linli_analysis_day() RETURNS date
LANGUAGE sql STABLE AS $$ SELECT ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date $$;

-- Every ledger is kept at three levels (`lvl`): 0 the records' own paths (community or grid),
-- 3 rolled up to their street and 2 to their district, so a city or district view reads a few
-- thousand rows, not one per community and birth year. A shallower record keeps its own path.
-- (Written out as VALUES in each statement: as a set-returning SQL function beside the key
-- functions, PGlite's planner failed on it.)

-- 人口: active people by where they are registered, birth year, gender, ethnicity, local 户籍 and
-- tag. tag '' holds every person once; each of a person's tags has a row of its own besides.
CREATE TABLE analysis_person_fact (
  lvl          smallint NOT NULL,
  path         ltree NOT NULL,
  month        date NOT NULL,
  birth_year   smallint NOT NULL,      -- 0: unknown
  gender       smallint NOT NULL,
  ethnicity    text NOT NULL,          -- '': unknown
  hukou_local  boolean NOT NULL,       -- 户籍 in the same district as the record
  tag          text NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag)
);

-- 实际居住: residents' and tenants' links to houses, booked at their validity dates.
CREATE TABLE analysis_living_fact (
  lvl        smallint NOT NULL,
  path       ltree NOT NULL,
  month      date NOT NULL,
  moved_in   integer NOT NULL DEFAULT 0,
  moved_out  integer NOT NULL DEFAULT 0,
  shifted    integer NOT NULL DEFAULT 0,   -- a link re-pathed (grid redrawn): not a move
  PRIMARY KEY (lvl, path, month)
);

CREATE TABLE analysis_house_fact (
  lvl     smallint NOT NULL,
  path    ltree NOT NULL,
  month   date NOT NULL,
  use     text NOT NULL,
  n       integer NOT NULL,
  PRIMARY KEY (lvl, path, month, use)
);

CREATE TABLE analysis_household_fact (
  lvl     smallint NOT NULL,
  path    ltree NOT NULL,
  month   date NOT NULL,
  n       integer NOT NULL,
  PRIMARY KEY (lvl, path, month)
);

-- 事件: by day; `created` counts events on the day they were reported, `in_state` the deltas of
-- how many are in each state.
CREATE TABLE analysis_event_fact (
  lvl       smallint NOT NULL,
  path      ltree NOT NULL,
  day       date NOT NULL,
  kind      text NOT NULL,
  state     text NOT NULL,
  created   integer NOT NULL DEFAULT 0,
  in_state  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (lvl, path, day, kind, state)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['analysis_person_fact', 'analysis_living_fact', 'analysis_house_fact', 'analysis_household_fact', 'analysis_event_fact'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I FROM linli_app', t);
    EXECUTE format('GRANT SELECT ON %I TO linli_app', t);
  END LOOP;
END $$;

-- The keys a person row counts under (none unless active).
CREATE FUNCTION linli_analysis_person_keys(p person, sign integer)
RETURNS TABLE (path ltree, birth_year smallint, gender smallint, ethnicity text, hukou_local boolean, tag text, d integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT p.path, coalesce(extract(year FROM p.birth_date)::smallint, 0::smallint), p.gender, coalesce(p.ethnicity, ''),
         coalesce(left(p.hukou_division, 6) = p.district_code, false), t.tag, sign
    FROM unnest(array_prepend('', p.tags)) AS t(tag)
   WHERE p.status = 'active'
$$;

CREATE FUNCTION linli_analysis_person_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE m date := linli_analysis_month();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analysis_person_fact AS f (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
    SELECT lv.lvl, lv.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
      FROM new_rows r, LATERAL linli_analysis_person_keys(r, 1) k, LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path)
     GROUP BY 1, 2, 4, 5, 6, 7, 8 ORDER BY 1, 2, 4, 5, 6, 7, 8
    ON CONFLICT (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag) DO UPDATE SET n = f.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analysis_person_fact AS f (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
    SELECT lv.lvl, lv.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
      FROM old_rows r, LATERAL linli_analysis_person_keys(r, -1) k, LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path)
     GROUP BY 1, 2, 4, 5, 6, 7, 8 ORDER BY 1, 2, 4, 5, 6, 7, 8
    ON CONFLICT (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag) DO UPDATE SET n = f.n + excluded.n;
  ELSE
    INSERT INTO analysis_person_fact AS f (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
    SELECT lv.lvl, lv.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
      FROM old_rows o JOIN new_rows n ON n.id = o.id,
           LATERAL (SELECT * FROM linli_analysis_person_keys(o, -1) UNION ALL SELECT * FROM linli_analysis_person_keys(n, 1)) k,
           LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path)
     WHERE (o.path, o.birth_date, o.gender, o.ethnicity, o.hukou_division, o.district_code, o.tags, o.status)
           IS DISTINCT FROM (n.path, n.birth_date, n.gender, n.ethnicity, n.hukou_division, n.district_code, n.tags, n.status)
     GROUP BY 1, 2, 4, 5, 6, 7, 8 HAVING sum(k.d) <> 0 ORDER BY 1, 2, 4, 5, 6, 7, 8
    ON CONFLICT (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag) DO UPDATE SET n = f.n + excluded.n;
  END IF;
  PERFORM pg_notify('linli_analysis', 'person');
  RETURN NULL;
END $$;

-- A link's bookings: moved in at valid_from, moved out at valid_to (residents and tenants).
CREATE FUNCTION linli_analysis_living_keys(l person_house, sign integer)
RETURNS TABLE (path ltree, month date, moved_in integer, moved_out integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT l.path, date_trunc('month', l.valid_from)::date, sign, 0 WHERE l.kind IN ('resident', 'tenant')
  UNION ALL
  SELECT l.path, date_trunc('month', l.valid_to)::date, 0, sign WHERE l.kind IN ('resident', 'tenant') AND l.valid_to IS NOT NULL
$$;

CREATE FUNCTION linli_analysis_living_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE m date := linli_analysis_month();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analysis_living_fact AS f (lvl, path, month, moved_in, moved_out)
    SELECT lv.lvl, lv.path, k.month, sum(k.moved_in), sum(k.moved_out)
      FROM new_rows r, LATERAL linli_analysis_living_keys(r, 1) k, LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path)
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (lvl, path, month) DO UPDATE SET moved_in = f.moved_in + excluded.moved_in, moved_out = f.moved_out + excluded.moved_out;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analysis_living_fact AS f (lvl, path, month, moved_in, moved_out)
    SELECT lv.lvl, lv.path, k.month, sum(k.moved_in), sum(k.moved_out)
      FROM old_rows r, LATERAL linli_analysis_living_keys(r, -1) k, LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path)
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (lvl, path, month) DO UPDATE SET moved_in = f.moved_in + excluded.moved_in, moved_out = f.moved_out + excluded.moved_out;
  ELSE
    -- dates or kind changed: rebook at the link's own path; a new path is a shift in this month
    INSERT INTO analysis_living_fact AS f (lvl, path, month, moved_in, moved_out, shifted)
    SELECT lv.lvl, lv.path, d.month, sum(d.mi), sum(d.mo), sum(d.sh) FROM (
      SELECT k.path, k.month, k.moved_in AS mi, k.moved_out AS mo, 0 AS sh
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
             LATERAL (SELECT * FROM linli_analysis_living_keys(o, -1) UNION ALL SELECT * FROM linli_analysis_living_keys(n, 1)) k
       WHERE (o.kind, o.valid_from, o.valid_to) IS DISTINCT FROM (n.kind, n.valid_from, n.valid_to) AND o.path = n.path
      UNION ALL
      -- re-pathed: the old path's standing loses the link this month, the new one gains it
      SELECT x.path, m, 0, 0, x.sh
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
             LATERAL (VALUES (o.path, -1), (n.path, 1)) x(path, sh)
       WHERE o.path <> n.path AND o.kind IN ('resident', 'tenant') AND o.valid_from <= m + interval '1 month - 1 day'
         AND (o.valid_to IS NULL OR o.valid_to >= m)
    ) d, LATERAL (VALUES (0::smallint, d.path), (3::smallint, subpath(d.path, 0, least(3, nlevel(d.path)))), (2::smallint, subpath(d.path, 0, least(2, nlevel(d.path))))) lv(lvl, path)
     GROUP BY 1, 2, 3 HAVING sum(d.mi) <> 0 OR sum(d.mo) <> 0 OR sum(d.sh) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (lvl, path, month) DO UPDATE SET moved_in = f.moved_in + excluded.moved_in, moved_out = f.moved_out + excluded.moved_out,
                                                 shifted = f.shifted + excluded.shifted;
  END IF;
  PERFORM pg_notify('linli_analysis', 'living');
  RETURN NULL;
END $$;

-- Houses, households and events: the signed rows of a statement (a transition table exists only
-- for the events that have it, hence one branch per event), added at every level.
CREATE FUNCTION linli_analysis_house_add(rows jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO analysis_house_fact AS f (lvl, path, month, use, n)
  SELECT lv.lvl, lv.path, linli_analysis_month(), x.use, sum(x.d)
    FROM jsonb_to_recordset(rows) AS x(path ltree, use text, d integer), LATERAL (VALUES (0::smallint, x.path), (3::smallint, subpath(x.path, 0, least(3, nlevel(x.path)))), (2::smallint, subpath(x.path, 0, least(2, nlevel(x.path))))) lv(lvl, path)
   GROUP BY 1, 2, 4 HAVING sum(x.d) <> 0 ORDER BY 1, 2, 4
  ON CONFLICT (lvl, path, month, use) DO UPDATE SET n = f.n + excluded.n
$$;

CREATE FUNCTION linli_analysis_house_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_analysis_house_add((SELECT jsonb_agg(jsonb_build_object('path', path, 'use', use, 'd', 1)) FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM linli_analysis_house_add((SELECT jsonb_agg(jsonb_build_object('path', path, 'use', use, 'd', -1)) FROM old_rows));
  ELSE
    PERFORM linli_analysis_house_add((SELECT jsonb_agg(jsonb_build_object('path', v.path, 'use', v.use, 'd', v.d))
      FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.path, o.use, -1), (n.path, n.use, 1)) v(path, use, d)
     WHERE (o.path, o.use) IS DISTINCT FROM (n.path, n.use)));
  END IF;
  PERFORM pg_notify('linli_analysis', 'house');
  RETURN NULL;
END $$;

CREATE FUNCTION linli_analysis_household_add(rows jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO analysis_household_fact AS f (lvl, path, month, n)
  SELECT lv.lvl, lv.path, linli_analysis_month(), sum(x.d)
    FROM jsonb_to_recordset(rows) AS x(path ltree, d integer), LATERAL (VALUES (0::smallint, x.path), (3::smallint, subpath(x.path, 0, least(3, nlevel(x.path)))), (2::smallint, subpath(x.path, 0, least(2, nlevel(x.path))))) lv(lvl, path)
   GROUP BY 1, 2 HAVING sum(x.d) <> 0 ORDER BY 1, 2
  ON CONFLICT (lvl, path, month) DO UPDATE SET n = f.n + excluded.n
$$;

CREATE FUNCTION linli_analysis_household_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_analysis_household_add((SELECT jsonb_agg(jsonb_build_object('path', path, 'd', 1)) FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM linli_analysis_household_add((SELECT jsonb_agg(jsonb_build_object('path', path, 'd', -1)) FROM old_rows));
  ELSE
    PERFORM linli_analysis_household_add((SELECT jsonb_agg(jsonb_build_object('path', v.path, 'd', v.d))
      FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.path, -1), (n.path, 1)) v(path, d) WHERE o.path <> n.path));
  END IF;
  PERFORM pg_notify('linli_analysis', 'household');
  RETURN NULL;
END $$;

CREATE FUNCTION linli_analysis_event_add(rows jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO analysis_event_fact AS f (lvl, path, day, kind, state, created, in_state)
  SELECT lv.lvl, lv.path, x.day, x.kind, x.state, sum(x.c), sum(x.s)
    FROM jsonb_to_recordset(rows) AS x(path ltree, day date, kind text, state text, c integer, s integer), LATERAL (VALUES (0::smallint, x.path), (3::smallint, subpath(x.path, 0, least(3, nlevel(x.path)))), (2::smallint, subpath(x.path, 0, least(2, nlevel(x.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.c) <> 0 OR sum(x.s) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (lvl, path, day, kind, state) DO UPDATE SET created = f.created + excluded.created, in_state = f.in_state + excluded.in_state
$$;

CREATE FUNCTION linli_analysis_event_delta() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE d date := linli_analysis_day();
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_analysis_event_add((SELECT jsonb_agg(jsonb_build_object('path', path, 'day', ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date,
      'kind', kind, 'state', state, 'c', 1, 's', 1)) FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM linli_analysis_event_add((SELECT jsonb_agg(jsonb_build_object('path', path, 'day', d, 'kind', kind, 'state', state, 'c', 0, 's', -1)) FROM old_rows));
  ELSE
    PERFORM linli_analysis_event_add((SELECT jsonb_agg(jsonb_build_object('path', v.path, 'day', d, 'kind', v.kind, 'state', v.state, 'c', 0, 's', v.s))
      FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.path, o.kind, o.state, -1), (n.path, n.kind, n.state, 1)) v(path, kind, state, s)
     WHERE (o.path, o.kind, o.state) IS DISTINCT FROM (n.path, n.kind, n.state)));
  END IF;
  PERFORM pg_notify('linli_analysis', 'event');
  RETURN NULL;
END $$;

DO $$
DECLARE t text; fn text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person', 'person_house', 'house', 'household', 'work_item'] LOOP
    fn := CASE t WHEN 'person' THEN 'linli_analysis_person_delta' WHEN 'person_house' THEN 'linli_analysis_living_delta'
                 WHEN 'house' THEN 'linli_analysis_house_delta' WHEN 'household' THEN 'linli_analysis_household_delta'
                 ELSE 'linli_analysis_event_delta' END;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_analysis_ins', t, fn);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_analysis_upd', t, fn);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_analysis_del', t, fn);
  END LOOP;
END $$;

-- Rebuilds every ledger from the registry as it stands (after a bulk load that ran with triggers
-- off, and as the benchmark's baseline). People, houses, households and events are booked in the
-- current month/day; links at their validity dates. History before the rebuild is folded into
-- the current month, so this is not for routine use.
CREATE FUNCTION linli_analysis_rebuild() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE m date := linli_analysis_month(); d date := linli_analysis_day();
BEGIN
  TRUNCATE analysis_person_fact, analysis_living_fact, analysis_house_fact, analysis_household_fact, analysis_event_fact;
  INSERT INTO analysis_person_fact (lvl, path, month, birth_year, gender, ethnicity, hukou_local, tag, n)
  SELECT lv.lvl, lv.path, m, k.birth_year, k.gender, k.ethnicity, k.hukou_local, k.tag, sum(k.d)
    FROM person r, LATERAL linli_analysis_person_keys(r, 1) k, LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path) GROUP BY 1, 2, 4, 5, 6, 7, 8;
  INSERT INTO analysis_living_fact (lvl, path, month, moved_in, moved_out)
  SELECT lv.lvl, lv.path, k.month, sum(k.moved_in), sum(k.moved_out)
    FROM person_house r, LATERAL linli_analysis_living_keys(r, 1) k, LATERAL (VALUES (0::smallint, k.path), (3::smallint, subpath(k.path, 0, least(3, nlevel(k.path)))), (2::smallint, subpath(k.path, 0, least(2, nlevel(k.path))))) lv(lvl, path) GROUP BY 1, 2, 3;
  INSERT INTO analysis_house_fact (lvl, path, month, use, n)
  SELECT lv.lvl, lv.path, m, h.use, count(*) FROM house h, LATERAL (VALUES (0::smallint, h.path), (3::smallint, subpath(h.path, 0, least(3, nlevel(h.path)))), (2::smallint, subpath(h.path, 0, least(2, nlevel(h.path))))) lv(lvl, path) GROUP BY 1, 2, 4;
  INSERT INTO analysis_household_fact (lvl, path, month, n)
  SELECT lv.lvl, lv.path, m, count(*) FROM household h, LATERAL (VALUES (0::smallint, h.path), (3::smallint, subpath(h.path, 0, least(3, nlevel(h.path)))), (2::smallint, subpath(h.path, 0, least(2, nlevel(h.path))))) lv(lvl, path) GROUP BY 1, 2;
  INSERT INTO analysis_event_fact (lvl, path, day, kind, state, created, in_state)
  SELECT lv.lvl, lv.path, x.day, x.kind, x.state, sum(x.c), sum(x.s) FROM (
    SELECT path, ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, kind, state, 1 AS c, 0 AS s FROM work_item
    UNION ALL SELECT path, d, kind, state, 0, 1 FROM work_item) x, LATERAL (VALUES (0::smallint, x.path), (3::smallint, subpath(x.path, 0, least(3, nlevel(x.path)))), (2::smallint, subpath(x.path, 0, least(2, nlevel(x.path))))) lv(lvl, path)
   GROUP BY 1, 2, 3, 4, 5;
  PERFORM pg_notify('linli_analysis', 'rebuild');
END $$;
REVOKE ALL ON FUNCTION linli_analysis_rebuild() FROM PUBLIC;

SELECT linli_analysis_rebuild();

-- The analysis pages are for officials; community workers see their own community's.
UPDATE role SET permissions = permissions || '{analysis.read}'
 WHERE code IN ('city_official', 'district_official', 'street_official', 'community_worker');
