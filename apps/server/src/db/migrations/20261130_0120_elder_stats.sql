-- Elder statistics (by level, age band, living situation, per jurisdiction node), pre-aggregated
-- and kept current by the changes themselves, like building_stats (migration 1900): statement
-- triggers note the touched elders in `elder_stats_dirty`; at commit a deferred trigger takes what
-- each of them counted as (`elder_stats_member`) out of `elder_stats` and puts what they count as
-- now back in — a handful of row updates per elder, however many elders a city has.

-- Completed-year age bands of the statistics.
CREATE FUNCTION linli_elder_age_band(birth date, on_day date) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN birth IS NULL THEN 'unknown'
              WHEN birth > (on_day - interval '60 years')::date THEN 'under60'
              WHEN birth > (on_day - interval '70 years')::date THEN '60_69'
              WHEN birth > (on_day - interval '80 years')::date THEN '70_79'
              WHEN birth > (on_day - interval '90 years')::date THEN '80_89'
              ELSE '90_plus' END
$$;

CREATE TABLE elder_stats (
  path      ltree NOT NULL,
  level     smallint NOT NULL,          -- current ability level, -1 = not assessed
  age_band  text NOT NULL,
  living    text NOT NULL,
  n         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (path, level, age_band, living)
);
CREATE INDEX elder_stats_path ON elder_stats USING gist (path);
ALTER TABLE elder_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY elder_stats_scope ON elder_stats
  USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())));
REVOKE ALL ON elder_stats FROM linli_app;
GRANT SELECT ON elder_stats TO linli_app;

-- What each elder is counted as now (so a change can take exactly that out again).
CREATE TABLE elder_stats_member (
  person_id  uuid PRIMARY KEY,
  path       ltree NOT NULL,
  level      smallint NOT NULL,
  age_band   text NOT NULL,
  living     text NOT NULL
);
REVOKE ALL ON elder_stats_member FROM linli_app;

CREATE TABLE elder_stats_dirty (
  tx         xid8 NOT NULL,
  person_id  uuid NOT NULL,
  PRIMARY KEY (tx, person_id)
);
REVOKE ALL ON elder_stats_dirty FROM linli_app;

-- Recounts the given elders. Runs as the owner: the figures count every elder, whoever may see
-- them; who may read them is the policy above. Members are locked first, counts changed in order.
CREATE FUNCTION linli_refresh_elder_stats(ids uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM elder_stats_member WHERE person_id = ANY (ids) ORDER BY person_id FOR UPDATE;
  WITH old AS (DELETE FROM elder_stats_member WHERE person_id = ANY (ids) RETURNING path, level, age_band, living)
  INSERT INTO elder_stats AS s (path, level, age_band, living, n)
  SELECT path, level, age_band, living, -count(*)::int FROM old GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (path, level, age_band, living) DO UPDATE SET n = s.n + excluded.n;
  WITH cur AS (
    INSERT INTO elder_stats_member (person_id, path, level, age_band, living)
    SELECT a.person_id, a.path, coalesce(a.current_level, -1), linli_elder_age_band(p.birth_date, current_date), a.living_situation
      FROM elder_archive a JOIN person p ON p.id = a.person_id
     WHERE a.person_id = ANY (ids) AND p.status = 'active'
    RETURNING path, level, age_band, living)
  INSERT INTO elder_stats AS s (path, level, age_band, living, n)
  SELECT path, level, age_band, living, count(*)::int FROM cur GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (path, level, age_band, living) DO UPDATE SET n = s.n + excluded.n;
END $$;
REVOKE ALL ON FUNCTION linli_refresh_elder_stats(uuid[]) FROM PUBLIC;

CREATE FUNCTION linli_elder_stats_touch(ids uuid[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO elder_stats_dirty (tx, person_id)
  SELECT pg_current_xact_id(), id FROM unnest(ids) AS t(id) WHERE id IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;
REVOKE ALL ON FUNCTION linli_elder_stats_touch(uuid[]) FROM PUBLIC;

CREATE FUNCTION linli_elder_stats_flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE ids uuid[];
BEGIN
  WITH d AS (DELETE FROM elder_stats_dirty WHERE tx = pg_current_xact_id() RETURNING person_id)
  SELECT array_agg(person_id ORDER BY person_id) INTO ids FROM d;
  PERFORM linli_refresh_elder_stats(ids);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER elder_stats_flush AFTER INSERT ON elder_stats_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION linli_elder_stats_flush();

CREATE FUNCTION linli_elder_stats_on_archive() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_elder_stats_touch(ARRAY(SELECT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM linli_elder_stats_touch(ARRAY(SELECT person_id FROM old_rows));
  ELSE
    PERFORM linli_elder_stats_touch(ARRAY(
      SELECT n.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.path, o.current_level, o.living_situation) IS DISTINCT FROM (n.path, n.current_level, n.living_situation)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER elder_stats_insert AFTER INSERT ON elder_archive REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_elder_stats_on_archive();
CREATE TRIGGER elder_stats_update AFTER UPDATE ON elder_archive REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_elder_stats_on_archive();
CREATE TRIGGER elder_stats_delete AFTER DELETE ON elder_archive REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_elder_stats_on_archive();

-- A person who moves (path), dies or moves out (status) or whose birth date is corrected: the
-- elder's rows follow the person's jurisdiction, and the figures are recounted.
CREATE FUNCTION linli_elder_on_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE moved uuid[]; touched uuid[];
BEGIN
  touched := ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                    WHERE (o.path, o.status, o.birth_date) IS DISTINCT FROM (n.path, n.status, n.birth_date)
                      AND EXISTS (SELECT 1 FROM elder_archive a WHERE a.person_id = n.id));
  IF cardinality(touched) = 0 THEN RETURN NULL; END IF;
  moved := ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.id = ANY (touched) AND o.path IS DISTINCT FROM n.path);
  IF cardinality(moved) > 0 THEN
    UPDATE elder_archive a SET path = p.path, district_code = p.district_code FROM person p WHERE p.id = a.person_id AND a.person_id = ANY (moved);
    UPDATE elder_contact c SET path = p.path FROM person p WHERE p.id = c.person_id AND c.person_id = ANY (moved);
    UPDATE elder_assessment x SET path = p.path, district_code = p.district_code FROM person p WHERE p.id = x.person_id AND x.person_id = ANY (moved);
    UPDATE elder_risk_event x SET path = p.path, district_code = p.district_code FROM person p WHERE p.id = x.person_id AND x.person_id = ANY (moved);
    UPDATE elder_proposal x SET path = p.path, district_code = p.district_code FROM person p WHERE p.id = x.person_id AND x.person_id = ANY (moved);
  END IF;
  PERFORM linli_elder_stats_touch(touched);
  RETURN NULL;
END $$;
CREATE TRIGGER elder_on_person AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_elder_on_person();

-- Time moves elders into the next age band without any change to their rows: once a day the
-- members whose band is no longer their age are recounted.
CREATE TABLE elder_stats_aging (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  aged_through  date NOT NULL
);
INSERT INTO elder_stats_aging (aged_through) VALUES (current_date);
REVOKE ALL ON elder_stats_aging FROM linli_app;

CREATE FUNCTION linli_elder_stats_age() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE since date; ids uuid[];
BEGIN
  SELECT aged_through INTO since FROM elder_stats_aging FOR UPDATE;
  IF since >= current_date THEN RETURN 0; END IF;
  ids := ARRAY(SELECT m.person_id FROM elder_stats_member m JOIN person p ON p.id = m.person_id
                WHERE m.age_band <> linli_elder_age_band(p.birth_date, current_date));
  PERFORM linli_refresh_elder_stats(ids);
  UPDATE elder_stats_aging SET aged_through = current_date;
  RETURN cardinality(ids);
END $$;
REVOKE ALL ON FUNCTION linli_elder_stats_age() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_elder_stats_age() TO linli_app;

-- The module's settings (city-wide, one row): whether the diagnosis raise and the risk-event raise
-- of the final level add up (two levels) or not (one level, the default: the sources disagree).
CREATE TABLE elder_setting (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  raises_stack  boolean NOT NULL DEFAULT false,
  updated_by    uuid,
  updated_at    timestamptz,
  version       integer NOT NULL DEFAULT 1
);
INSERT INTO elder_setting DEFAULT VALUES;
REVOKE INSERT, DELETE ON elder_setting FROM linli_app;
UPDATE role SET permissions = permissions || '{elder.manage}' WHERE code IN ('sys_admin', 'eldercare_staff');
