-- 个人信息权利请求 — residents' rights (PIPL arts. 44–47; SECURITY.md): a resident asks to see
-- and copy (查阅复制), correct (更正) or delete (删除) what Linli holds about them; the request is
-- registered with its deadline, the copy is exported from every module, and the handling is kept.
CREATE TABLE privacy_request (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person (id),
  path           ltree NOT NULL,
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  kind           text NOT NULL CHECK (kind IN ('access', 'correct', 'delete')),
  channel        text NOT NULL CHECK (channel IN ('counter', 'phone', 'online', 'letter')),
  requester      text NOT NULL CHECK (length(requester) BETWEEN 1 AND 50),
  detail         text CHECK (length(detail) <= 500),
  received_on    date NOT NULL,
  due_on         date NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
  outcome        text CHECK (length(outcome) <= 500),
  copies         smallint NOT NULL DEFAULT 0,
  handled_by     uuid,
  handled_at     timestamptz,
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK (due_on >= received_on),
  CHECK ((status = 'open') = (handled_at IS NULL))
);
CREATE INDEX privacy_request_path ON privacy_request USING gist (path);
CREATE INDEX privacy_request_open ON privacy_request (due_on) WHERE status = 'open';
CREATE INDEX privacy_request_person ON privacy_request (person_id, received_on DESC);
ALTER TABLE privacy_request ENABLE ROW LEVEL SECURITY;
CREATE POLICY privacy_request_scope ON privacy_request USING (linli_in_scope(path));
CREATE TRIGGER privacy_request_change AFTER INSERT OR UPDATE OR DELETE ON privacy_request FOR EACH ROW EXECUTE FUNCTION linli_log_change();
REVOKE DELETE, TRUNCATE ON privacy_request FROM linli_app;

COMMENT ON TABLE privacy_request IS 'pii:general 个人信息权利请求';

-- Every record about one person, in every table that refers to a person (`person_id`, or a column
-- ending in `_person_id`), as JSON rows: the copy a resident is given. Runs as the caller, so the
-- row-level security of each table holds (a worker copies only what their jurisdiction holds).
-- At most `per_table` rows of each table, newest first where they have `created_at`. Tables the
-- application may not read are the database's own bookkeeping (a statistics rollup's membership).
CREATE FUNCTION linli_person_records(p uuid, per_table integer DEFAULT 5000)
RETURNS TABLE (table_name text, column_name text, record jsonb)
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = public AS $$
DECLARE r record;
BEGIN
  RETURN QUERY SELECT 'person'::text, 'id'::text, to_jsonb(t) FROM person t WHERE t.id = p;
  FOR r IN
    SELECT c.relname AS tbl, a.attname AS col,
           EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'created_at' AND NOT x.attisdropped) AS dated
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND a.atttypid = 'uuid'::regtype
       AND (a.attname = 'person_id' OR a.attname LIKE '%\_person\_id')
       AND c.relname NOT LIKE 'analysis\_%' AND has_table_privilege(c.oid, 'SELECT')
     ORDER BY c.relname, a.attnum
  LOOP
    RETURN QUERY EXECUTE format('SELECT %L::text, %L::text, to_jsonb(t) FROM %I t WHERE t.%I = $1 %s LIMIT %s',
      r.tbl, r.col, r.tbl, r.col, CASE WHEN r.dated THEN 'ORDER BY t.created_at DESC' ELSE '' END, per_table) USING p;
  END LOOP;
END $$;

UPDATE role SET permissions = permissions || '{privacy.manage}'
 WHERE code IN ('community_worker', 'street_official', 'district_official', 'city_official', 'security_admin');
