-- Per-building measures the map colours by (houses, residents, 60+, elderly living alone,
-- occupied houses), kept current by the changes themselves. Statement-level triggers on the tables
-- they come from note the touched buildings in `building_stats_dirty`; at commit a deferred trigger
-- recomputes them all in one statement, so a transaction that adds a thousand residents one by one
-- recomputes each building once. Counting them live for the 40 k buildings of a city view took 3–8 s.
CREATE TABLE building_stats (
  building_id  uuid PRIMARY KEY REFERENCES building (id),
  path         ltree NOT NULL,
  houses       integer NOT NULL DEFAULT 0,
  residents    integer NOT NULL DEFAULT 0,
  elderly      integer NOT NULL DEFAULT 0,
  alone        integer NOT NULL DEFAULT 0,
  occupied     integer NOT NULL DEFAULT 0,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE building_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY building_stats_scope ON building_stats
  USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())));
GRANT SELECT ON building_stats TO linli_app;

-- Recomputes the given buildings from the registry. Runs as the owner: a building's figures count
-- every resident, whoever may see them; who may read the figures is the policy above. The row lock
-- is taken first and the counts read in a later statement (a fresh snapshot), so two transactions
-- changing one building cannot both write counts that miss the other's change.
CREATE FUNCTION linli_refresh_building_stats(ids uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  INSERT INTO building_stats (building_id, path)
  SELECT b.id, b.path FROM building b WHERE b.id = ANY (ids) ORDER BY b.id
  ON CONFLICT (building_id) DO NOTHING;
  PERFORM 1 FROM building_stats WHERE building_id = ANY (ids) ORDER BY building_id FOR UPDATE;
  UPDATE building_stats s
     SET path = b.path, houses = coalesce(hs.houses, 0), residents = coalesce(occ.residents, 0),
         elderly = coalesce(occ.elderly, 0), alone = coalesce(occ.alone, 0), occupied = coalesce(occ.occupied, 0), updated_at = now()
    FROM building b
    LEFT JOIN LATERAL (SELECT count(*)::int AS houses FROM house h WHERE h.building_id = b.id) hs ON true
    LEFT JOIN LATERAL (
      SELECT count(DISTINCT p.id)::int AS residents,
             count(DISTINCT p.id) FILTER (WHERE p.birth_date <= current_date - interval '60 years')::int AS elderly,
             count(DISTINCT p.id) FILTER (WHERE 'elderly_alone' = ANY (p.tags))::int AS alone,
             count(DISTINCT h.id)::int AS occupied
        FROM house h
        JOIN person_house ph ON ph.house_id = h.id AND ph.valid_to IS NULL AND ph.kind IN ('resident', 'tenant')
        JOIN person p ON p.id = ph.person_id AND p.status = 'active'
       WHERE h.building_id = b.id) occ ON true
   WHERE s.building_id = b.id AND b.id = ANY (ids);
END $$;
REVOKE ALL ON FUNCTION linli_refresh_building_stats(uuid[]) FROM PUBLIC;

-- Notes buildings to recompute when this transaction commits (once each per transaction).
CREATE TABLE building_stats_dirty (
  tx           xid8 NOT NULL,
  building_id  uuid NOT NULL,
  PRIMARY KEY (tx, building_id)
);

CREATE FUNCTION linli_building_stats_touch(ids uuid[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO building_stats_dirty (tx, building_id)
  SELECT pg_current_xact_id(), id FROM unnest(ids) AS t(id) WHERE id IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;
REVOKE ALL ON FUNCTION linli_building_stats_touch(uuid[]) FROM PUBLIC;

-- Fires at commit for each noted row; the first firing takes all of this transaction's buildings.
CREATE FUNCTION linli_building_stats_flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE ids uuid[];
BEGIN
  WITH d AS (DELETE FROM building_stats_dirty WHERE tx = pg_current_xact_id() RETURNING building_id)
  SELECT array_agg(building_id ORDER BY building_id) INTO ids FROM d;
  PERFORM linli_refresh_building_stats(ids);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER building_stats_flush AFTER INSERT ON building_stats_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION linli_building_stats_flush();

CREATE FUNCTION linli_building_stats_on_building() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM linli_building_stats_touch(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION linli_building_stats_on_house() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_building_stats_touch(ARRAY(SELECT DISTINCT building_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM linli_building_stats_touch(ARRAY(SELECT DISTINCT building_id FROM old_rows));
  ELSE
    PERFORM linli_building_stats_touch(ARRAY(
      SELECT DISTINCT x FROM (SELECT o.building_id, n.building_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                               WHERE o.building_id IS DISTINCT FROM n.building_id) c(a, b), LATERAL (VALUES (a), (b)) v(x)));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION linli_building_stats_on_person_house() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM linli_building_stats_touch(ARRAY(SELECT DISTINCT h.building_id FROM new_rows r JOIN house h ON h.id = r.house_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM linli_building_stats_touch(ARRAY(SELECT DISTINCT h.building_id FROM old_rows r JOIN house h ON h.id = r.house_id));
  ELSE
    PERFORM linli_building_stats_touch(ARRAY(
      SELECT DISTINCT h.building_id
        FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.house_id), (n.house_id)) v(house_id)
        JOIN house h ON h.id = v.house_id
       WHERE (o.house_id, o.person_id, o.kind, o.valid_to) IS DISTINCT FROM (n.house_id, n.person_id, n.kind, n.valid_to)));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION linli_building_stats_on_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM linli_building_stats_touch(ARRAY(
    SELECT DISTINCT h.building_id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      JOIN person_house ph ON ph.person_id = n.id AND ph.valid_to IS NULL
      JOIN house h ON h.id = ph.house_id
     WHERE (o.status, o.tags, o.birth_date) IS DISTINCT FROM (n.status, n.tags, n.birth_date)));
  RETURN NULL;
END $$;

CREATE TRIGGER building_stats_insert AFTER INSERT ON building REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_building();
CREATE TRIGGER building_stats_insert AFTER INSERT ON house REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_house();
CREATE TRIGGER building_stats_update AFTER UPDATE ON house REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_house();
CREATE TRIGGER building_stats_delete AFTER DELETE ON house REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_house();
CREATE TRIGGER building_stats_insert AFTER INSERT ON person_house REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_person_house();
CREATE TRIGGER building_stats_update AFTER UPDATE ON person_house REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_person_house();
CREATE TRIGGER building_stats_delete AFTER DELETE ON person_house REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_person_house();
CREATE TRIGGER building_stats_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_building_stats_on_person();

-- Time moves people into the 60+ count without any change to their rows: each day the people who
-- turned 60 since the last run have their buildings recomputed (a few hundred a day city-wide).
CREATE TABLE building_stats_aging (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  aged_through  date NOT NULL
);
INSERT INTO building_stats_aging (aged_through) VALUES (current_date);

CREATE FUNCTION linli_building_stats_age() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE since date; ids uuid[];
BEGIN
  SELECT aged_through INTO since FROM building_stats_aging FOR UPDATE;
  IF since >= current_date THEN RETURN 0; END IF;
  ids := ARRAY(SELECT DISTINCT h.building_id
                 FROM person p JOIN person_house ph ON ph.person_id = p.id AND ph.valid_to IS NULL JOIN house h ON h.id = ph.house_id
                WHERE p.birth_date > (since - interval '60 years')::date AND p.birth_date <= (current_date - interval '60 years')::date);
  PERFORM linli_refresh_building_stats(ids);
  UPDATE building_stats_aging SET aged_through = current_date;
  RETURN cardinality(ids);
END $$;
REVOKE ALL ON FUNCTION linli_building_stats_age() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_building_stats_age() TO linli_app;

-- The figures of what is already registered.
SELECT linli_refresh_building_stats(ARRAY(SELECT id FROM building));
