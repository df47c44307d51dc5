-- 数据立方: elders by ability level cut by gender (issue 6). elder_stats kept each elder once per
-- ancestor node by age band and by living situation; a third set of rows, `band_gender` (key
-- '<age band>:<gender>'), keeps them by age band and gender together, so the cube can cut by
-- gender, by age band, or by both, with the level. Upkeep stays as it was — the members table
-- remembers what each elder counts as (now with the gender), the refresh takes that out and puts
-- the current back — and a person whose gender is corrected is recounted like one who moves.

ALTER TABLE elder_stats DROP CONSTRAINT elder_stats_dim_check;
ALTER TABLE elder_stats ADD CONSTRAINT elder_stats_dim_check CHECK (dim IN ('age_band', 'living', 'band_gender'));
ALTER TABLE elder_stats_member ADD COLUMN gender smallint NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION linli_refresh_elder_stats(ids uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM elder_stats_member WHERE person_id = ANY (ids) ORDER BY person_id FOR UPDATE;
  WITH old AS (DELETE FROM elder_stats_member WHERE person_id = ANY (ids) RETURNING path, level, age_band, living, gender),
  up AS (SELECT subpath(o.path, 0, i) AS p, o.level, o.age_band, o.living, o.gender FROM old o, generate_series(1, nlevel(o.path)) i),
  d AS (SELECT p, 'age_band' AS dim, age_band AS key, level FROM up
        UNION ALL SELECT p, 'living', living, level FROM up
        UNION ALL SELECT p, 'band_gender', age_band || ':' || gender, level FROM up)
  INSERT INTO elder_stats AS s (node, parent, path, dim, key, level, n)
  SELECT p::text, CASE WHEN nlevel(p) > 1 THEN subpath(p, 0, nlevel(p) - 1)::text ELSE '' END, p, dim, key, level, -count(*)::int
    FROM d GROUP BY p, dim, key, level ORDER BY p::text, dim, key, level
  ON CONFLICT (node, dim, key, level) DO UPDATE SET n = s.n + excluded.n;
  WITH cur AS (
    INSERT INTO elder_stats_member (person_id, path, level, age_band, living, gender)
    SELECT a.person_id, a.path, coalesce(a.current_level, -1), linli_elder_age_band(p.birth_date, current_date), a.living_situation, p.gender
      FROM elder_archive a JOIN person p ON p.id = a.person_id
     WHERE a.person_id = ANY (ids) AND p.status = 'active'
    RETURNING path, level, age_band, living, gender),
  up AS (SELECT subpath(c.path, 0, i) AS p, c.level, c.age_band, c.living, c.gender FROM cur c, generate_series(1, nlevel(c.path)) i),
  d AS (SELECT p, 'age_band' AS dim, age_band AS key, level FROM up
        UNION ALL SELECT p, 'living', living, level FROM up
        UNION ALL SELECT p, 'band_gender', age_band || ':' || gender, level FROM up)
  INSERT INTO elder_stats AS s (node, parent, path, dim, key, level, n)
  SELECT p::text, CASE WHEN nlevel(p) > 1 THEN subpath(p, 0, nlevel(p) - 1)::text ELSE '' END, p, dim, key, level, count(*)::int
    FROM d GROUP BY p, dim, key, level ORDER BY p::text, dim, key, level
  ON CONFLICT (node, dim, key, level) DO UPDATE SET n = s.n + excluded.n;
END $$;

-- As in 0120, with the gender among the changes that recount an elder.
CREATE OR REPLACE FUNCTION linli_elder_on_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE moved uuid[]; touched uuid[];
BEGIN
  touched := ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                    WHERE (o.path, o.status, o.birth_date, o.gender) IS DISTINCT FROM (n.path, n.status, n.birth_date, n.gender)
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

-- Recount every archived elder into the new shape (the statistics start again from the archives).
TRUNCATE elder_stats;
DELETE FROM elder_stats_member;
SELECT linli_refresh_elder_stats(ARRAY(SELECT person_id FROM elder_archive));
