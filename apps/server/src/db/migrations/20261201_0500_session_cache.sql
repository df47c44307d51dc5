-- Each API instance keeps the principals of recent sessions in memory (accounts/session-cache.ts)
-- instead of reading them on every request. Two things keep that safe:
--
-- 1. Whether the session may still be used is checked in every transaction a signed-in user's
--    request runs, inside the BEGIN round trip (`linli_session_alive`): ended, idle or past its
--    absolute lifetime, user disabled — the transaction fails with SQLSTATE LS401 and
--    the request is answered 401. Nothing read or written under that session commits.
-- 2. What the principal says (roles, permissions, nodes, names, flags) is dropped from every
--    instance's memory when it changes: triggers NOTIFY `linli_session` with 'u:<user id>', or
--    '*' when a role or the jurisdiction tree changes.
CREATE FUNCTION linli_session_alive(token_hash text, idle_ms bigint, absolute_ms bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM 1
     FROM user_session s JOIN app_user u ON u.id = s.user_id
    WHERE s.id = token_hash AND s.ended_at IS NULL
      AND s.last_seen_at >= now() - idle_ms * interval '1 millisecond'
      AND s.created_at >= now() - absolute_ms * interval '1 millisecond'
      AND u.status = 'active';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'session no longer valid' USING ERRCODE = 'LS401';
  END IF;
  RETURN true;
END $$;
REVOKE ALL ON FUNCTION linli_session_alive(text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_session_alive(text, bigint, bigint) TO linli_app;

CREATE FUNCTION linli_session_changed_user() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT DISTINCT o.id FROM old_rows o LOOP
    PERFORM pg_notify('linli_session', 'u:' || r.id);
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION linli_session_changed_link() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    FOR r IN SELECT DISTINCT n.user_id FROM new_rows n LOOP
      PERFORM pg_notify('linli_session', 'u:' || r.user_id);
    END LOOP;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    FOR r IN SELECT DISTINCT o.user_id FROM old_rows o LOOP
      PERFORM pg_notify('linli_session', 'u:' || r.user_id);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION linli_session_changed_all() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_session', '*');
  RETURN NULL;
END $$;

CREATE TRIGGER app_user_session_update AFTER UPDATE ON app_user
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_user();
CREATE TRIGGER app_user_session_delete AFTER DELETE ON app_user
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_user();

CREATE TRIGGER user_role_session_insert AFTER INSERT ON user_role
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_link();
CREATE TRIGGER user_role_session_update AFTER UPDATE ON user_role
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_link();
CREATE TRIGGER user_role_session_delete AFTER DELETE ON user_role
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_link();

CREATE TRIGGER user_jurisdiction_session_insert AFTER INSERT ON user_jurisdiction
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_link();
CREATE TRIGGER user_jurisdiction_session_update AFTER UPDATE ON user_jurisdiction
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_link();
CREATE TRIGGER user_jurisdiction_session_delete AFTER DELETE ON user_jurisdiction
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_link();

CREATE TRIGGER role_session_change AFTER UPDATE OR DELETE ON role
  FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_all();
CREATE TRIGGER jurisdiction_node_session_change AFTER UPDATE OR DELETE ON jurisdiction_node
  FOR EACH STATEMENT EXECUTE FUNCTION linli_session_changed_all();

-- The principal says when the account is locked (too many wrong passwords). A lockout guards
-- signing in; a session opened before it keeps working, or anyone who knows a user name could end
-- that user's work by typing five wrong passwords. The security administrator ends sessions.
CREATE OR REPLACE FUNCTION linli_session_principal(token_hash text) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT jsonb_build_object(
    'session_id', s.id, 'csrf_token', s.csrf_token, 'created_at', s.created_at, 'last_seen_at', s.last_seen_at,
    'id', u.id, 'username', u.username, 'display_name', u.display_name, 'status', u.status, 'locked_until', u.locked_until,
    'must_change_password', u.must_change_password, 'password_changed_at', u.password_changed_at, 'totp_enabled', u.totp_enabled,
    'previous_login_at', u.previous_login_at, 'previous_login_ip', u.previous_login_ip,
    'roles', coalesce((SELECT jsonb_agg(jsonb_build_object('code', r.code, 'name', r.name, 'nameEn', r.name_en, 'isAdmin', r.is_admin) ORDER BY r.code)
                         FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = u.id), '[]'),
    'permissions', coalesce((SELECT jsonb_agg(DISTINCT p) FROM user_role ur JOIN role r ON r.code = ur.role_code, unnest(r.permissions) p
                               WHERE ur.user_id = u.id), '[]'),
    'nodes', coalesce((SELECT jsonb_agg(jsonb_build_object('id', n.id, 'code', n.code, 'name', n.name, 'level', n.level, 'path', n.path::text) ORDER BY n.path)
                         FROM user_jurisdiction uj JOIN jurisdiction_node n ON n.id = uj.node_id
                        WHERE uj.user_id = u.id AND (n.valid_to IS NULL OR n.valid_to >= current_date)), '[]'))
    FROM user_session s JOIN app_user u ON u.id = s.user_id
   WHERE s.id = token_hash AND s.ended_at IS NULL
$$;
