-- One statistics flush per transaction, not one trigger firing per touched elder. With a row per
-- elder in `elder_stats_dirty`, a transaction touching N elders queued N deferred firings; the
-- first did the work and each later one searched the dirty index past N dead entries — quadratic
-- (a bulk load of 195 000 archives did not commit in six minutes). Now the transaction's elders
-- gather in one row (an upsert appends), whose single insert queues the single flush.
DROP TABLE elder_stats_dirty CASCADE;
CREATE TABLE elder_stats_dirty (
  tx   xid8 PRIMARY KEY,
  ids  uuid[] NOT NULL
);
REVOKE ALL ON elder_stats_dirty FROM linli_app;

CREATE OR REPLACE FUNCTION linli_elder_stats_touch(ids uuid[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO elder_stats_dirty AS d (tx, ids)
  SELECT pg_current_xact_id(), ids WHERE cardinality(ids) > 0
  ON CONFLICT (tx) DO UPDATE SET ids = d.ids || excluded.ids;
$$;

CREATE OR REPLACE FUNCTION linli_elder_stats_flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE touched uuid[];
BEGIN
  WITH d AS (DELETE FROM elder_stats_dirty WHERE tx = pg_current_xact_id() RETURNING ids)
  SELECT array_agg(DISTINCT x ORDER BY x) INTO touched FROM d, unnest(d.ids) AS x;
  PERFORM linli_refresh_elder_stats(touched);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER elder_stats_flush AFTER INSERT ON elder_stats_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION linli_elder_stats_flush();
