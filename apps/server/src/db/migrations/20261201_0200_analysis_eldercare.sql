-- Elder-care and device figures for the cube and the cockpit (issue 6), and the push that makes
-- the cockpit follow them. The figures stay where their modules keep them (elder_stats,
-- care_stats_daily / care_stats_exception); what was missing is added here:
--   * 今日服务人次 needs the visits checked in: a `checked_in` column of care_stats_daily, kept by a
--     statement trigger of its own on care_order (the supervision trigger is left as it is);
--   * 未处置告警 needs open alerts per node: `device_alert_stats`, kept the same way from device_alert;
--   * every change of visits, exceptions, alerts and elder statistics NOTIFYs `linli_analysis` in
--     its transaction — the channel the registry's ledgers already use and the cockpit listens to.

-- ---- care: visits checked in, per day × node (every level of the elder's path) × provider
ALTER TABLE care_stats_daily ADD COLUMN checked_in integer NOT NULL DEFAULT 0;

UPDATE care_stats_daily s SET checked_in = x.n
  FROM (SELECT o.scheduled_date AS day, subpath(o.path, 0, l)::text AS node, o.provider_id, count(*)::int AS n
          FROM care_order o, generate_series(1, nlevel(o.path)) l
         WHERE o.check_in_at IS NOT NULL AND o.status <> 'cancelled'
         GROUP BY 1, 2, 3) x
 WHERE s.day = x.day AND s.node = x.node AND s.provider_id = x.provider_id;

-- The difference a statement makes: −1 for each old row counted, +1 for each new one, summed per
-- key (an update that does not touch the check-in writes nothing).
CREATE FUNCTION linli_care_checked_in_add(d jsonb) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO care_stats_daily AS s (day, node, path, provider_id, checked_in)
  SELECT x.day, subpath(x.path, 0, l)::text, subpath(x.path, 0, l), x.provider_id, sum(x.d)
    FROM jsonb_to_recordset(d) AS x(day date, path ltree, provider_id uuid, d integer), generate_series(1, nlevel(x.path)) l
   GROUP BY 1, 2, 3, 4 HAVING sum(x.d) <> 0 ORDER BY 2, 1, 4
  ON CONFLICT (node, day, provider_id) DO UPDATE SET checked_in = s.checked_in + excluded.checked_in
$$;
REVOKE ALL ON FUNCTION linli_care_checked_in_add(jsonb) FROM PUBLIC;

CREATE FUNCTION linli_care_cockpit_on_order() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE d jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('day', n.scheduled_date, 'path', n.path, 'provider_id', n.provider_id, 'd', 1)) INTO d
      FROM new_rows n WHERE n.check_in_at IS NOT NULL AND n.status <> 'cancelled';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('day', o.scheduled_date, 'path', o.path, 'provider_id', o.provider_id, 'd', -1)) INTO d
      FROM old_rows o WHERE o.check_in_at IS NOT NULL AND o.status <> 'cancelled';
  ELSE
    SELECT jsonb_agg(jsonb_build_object('day', v.day, 'path', v.path, 'provider_id', v.provider_id, 'd', v.d)) INTO d
      FROM old_rows o JOIN new_rows n ON n.id = o.id,
           LATERAL (SELECT o.scheduled_date, o.path, o.provider_id, -1 WHERE o.check_in_at IS NOT NULL AND o.status <> 'cancelled'
                    UNION ALL
                    SELECT n.scheduled_date, n.path, n.provider_id, 1 WHERE n.check_in_at IS NOT NULL AND n.status <> 'cancelled') v(day, path, provider_id, d)
     WHERE (o.scheduled_date, o.path, o.provider_id, o.check_in_at IS NULL, o.status = 'cancelled')
           IS DISTINCT FROM (n.scheduled_date, n.path, n.provider_id, n.check_in_at IS NULL, n.status = 'cancelled');
  END IF;
  IF d IS NOT NULL THEN PERFORM linli_care_checked_in_add(d); END IF;
  PERFORM pg_notify('linli_analysis', 'care');
  RETURN NULL;
END $$;

CREATE TRIGGER care_cockpit_insert AFTER INSERT ON care_order REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_cockpit_on_order();
CREATE TRIGGER care_cockpit_update AFTER UPDATE ON care_order REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_cockpit_on_order();
CREATE TRIGGER care_cockpit_delete AFTER DELETE ON care_order REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_cockpit_on_order();

-- Exceptions are counted by the supervision trigger already; the cockpit only needs to hear of them.
CREATE FUNCTION linli_analysis_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_analysis', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER care_exception_cockpit AFTER INSERT OR UPDATE OR DELETE ON care_exception
  FOR EACH STATEMENT EXECUTE FUNCTION linli_analysis_notify();
-- The elder statistics change at the commit of an assessment or archive (a deferred flush).
CREATE TRIGGER elder_stats_cockpit AFTER INSERT OR UPDATE OR DELETE ON elder_stats
  FOR EACH STATEMENT EXECUTE FUNCTION linli_analysis_notify();

-- ---- devices: alerts per node (every level of the elder's path) × kind × state, as they stand
CREATE TABLE device_alert_stats (
  node   text NOT NULL,          -- the node's path as text (leakproof `=` under row-level security)
  path   ltree NOT NULL,
  kind   text NOT NULL,
  state  text NOT NULL,
  n      integer NOT NULL DEFAULT 0,
  PRIMARY KEY (node, kind, state)
);
ALTER TABLE device_alert_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY device_alert_stats_scope ON device_alert_stats
  USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())));
REVOKE ALL ON device_alert_stats FROM linli_app;
GRANT SELECT ON device_alert_stats TO linli_app;

CREATE FUNCTION linli_device_alert_stats_add(d jsonb) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO device_alert_stats AS s (node, path, kind, state, n)
  SELECT subpath(x.path, 0, l)::text, subpath(x.path, 0, l), x.kind, x.state, sum(x.d)
    FROM jsonb_to_recordset(d) AS x(path ltree, kind text, state text, d integer), generate_series(1, nlevel(x.path)) l
   GROUP BY 1, 2, 3, 4 HAVING sum(x.d) <> 0 ORDER BY 1, 3, 4
  ON CONFLICT (node, kind, state) DO UPDATE SET n = s.n + excluded.n
$$;
REVOKE ALL ON FUNCTION linli_device_alert_stats_add(jsonb) FROM PUBLIC;

CREATE FUNCTION linli_device_alert_stats_on_alert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE d jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('path', path, 'kind', kind, 'state', state, 'd', 1)) INTO d FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('path', path, 'kind', kind, 'state', state, 'd', -1)) INTO d FROM old_rows;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('path', v.path, 'kind', v.kind, 'state', v.state, 'd', v.d)) INTO d
      FROM old_rows o JOIN new_rows n ON n.id = o.id,
           LATERAL (VALUES (o.path, o.kind, o.state, -1), (n.path, n.kind, n.state, 1)) v(path, kind, state, d)
     WHERE (o.path, o.kind, o.state) IS DISTINCT FROM (n.path, n.kind, n.state);
  END IF;
  IF d IS NOT NULL THEN
    PERFORM linli_device_alert_stats_add(d);
    PERFORM pg_notify('linli_analysis', 'alert');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER device_alert_stats_insert AFTER INSERT ON device_alert REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_device_alert_stats_on_alert();
CREATE TRIGGER device_alert_stats_update AFTER UPDATE ON device_alert REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_device_alert_stats_on_alert();
CREATE TRIGGER device_alert_stats_delete AFTER DELETE ON device_alert REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_device_alert_stats_on_alert();

INSERT INTO device_alert_stats (node, path, kind, state, n)
SELECT subpath(a.path, 0, l)::text, subpath(a.path, 0, l), a.kind, a.state, count(*)::int
  FROM device_alert a, generate_series(1, nlevel(a.path)) l
 GROUP BY 1, 2, 3, 4;
