-- Elder statistics rolled up to every ancestor node. Keyed by the elder's own node (migration
-- 0120), the figures of a city were a sum over ~as many rows as elders (a community × level × age
-- band × living situation is mostly one or two elders). Each elder now counts once at every node
-- on their path, by age band and by living situation (each with the level), so the statistics of
-- any node are the few rows stored at it, and those of its children the rows whose parent it is.
-- Rows are found by text keys (`node`, `parent`): text equality is leakproof, so the lookups stay
-- index scans under row-level security (ltree operators are not, and would scan the table).
DROP TABLE elder_stats;
CREATE TABLE elder_stats (
  node      text NOT NULL,            -- the node's path as text
  parent    text NOT NULL,            -- its parent's path as text ('' for the city)
  path      ltree NOT NULL,           -- the same path, for the row-level security policy
  dim       text NOT NULL CHECK (dim IN ('age_band', 'living')),
  key       text NOT NULL,
  level     smallint NOT NULL,        -- current ability level, -1 = not assessed
  n         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (node, dim, key, level)
);
CREATE INDEX elder_stats_parent ON elder_stats (parent, dim);
ALTER TABLE elder_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY elder_stats_scope ON elder_stats
  USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())));
REVOKE ALL ON elder_stats FROM linli_app;
GRANT SELECT ON elder_stats TO linli_app;

-- Same members, same dirty queue and triggers as in 0120; the counts go to every ancestor.
CREATE OR REPLACE FUNCTION linli_refresh_elder_stats(ids uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM elder_stats_member WHERE person_id = ANY (ids) ORDER BY person_id FOR UPDATE;
  WITH old AS (DELETE FROM elder_stats_member WHERE person_id = ANY (ids) RETURNING path, level, age_band, living),
  up AS (SELECT subpath(o.path, 0, i) AS p, o.level, o.age_band, o.living FROM old o, generate_series(1, nlevel(o.path)) i),
  d AS (SELECT p, 'age_band' AS dim, age_band AS key, level FROM up UNION ALL SELECT p, 'living', living, level FROM up)
  INSERT INTO elder_stats AS s (node, parent, path, dim, key, level, n)
  SELECT p::text, CASE WHEN nlevel(p) > 1 THEN subpath(p, 0, nlevel(p) - 1)::text ELSE '' END, p, dim, key, level, -count(*)::int
    FROM d GROUP BY p, dim, key, level ORDER BY p::text, dim, key, level
  ON CONFLICT (node, dim, key, level) DO UPDATE SET n = s.n + excluded.n;
  WITH cur AS (
    INSERT INTO elder_stats_member (person_id, path, level, age_band, living)
    SELECT a.person_id, a.path, coalesce(a.current_level, -1), linli_elder_age_band(p.birth_date, current_date), a.living_situation
      FROM elder_archive a JOIN person p ON p.id = a.person_id
     WHERE a.person_id = ANY (ids) AND p.status = 'active'
    RETURNING path, level, age_band, living),
  up AS (SELECT subpath(c.path, 0, i) AS p, c.level, c.age_band, c.living FROM cur c, generate_series(1, nlevel(c.path)) i),
  d AS (SELECT p, 'age_band' AS dim, age_band AS key, level FROM up UNION ALL SELECT p, 'living', living, level FROM up)
  INSERT INTO elder_stats AS s (node, parent, path, dim, key, level, n)
  SELECT p::text, CASE WHEN nlevel(p) > 1 THEN subpath(p, 0, nlevel(p) - 1)::text ELSE '' END, p, dim, key, level, count(*)::int
    FROM d GROUP BY p, dim, key, level ORDER BY p::text, dim, key, level
  ON CONFLICT (node, dim, key, level) DO UPDATE SET n = s.n + excluded.n;
END $$;

-- Recount what is already archived into the new shape.
DELETE FROM elder_stats_member;
SELECT linli_refresh_elder_stats(ARRAY(SELECT person_id FROM elder_archive));
