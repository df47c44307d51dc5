-- Resolving a session is on every request's path: one round trip instead of several. Runs as
-- the owner (SECURITY DEFINER) because it precedes knowing whose scope applies; it returns only
-- the principal of the session whose token hash the caller presents.
CREATE FUNCTION linli_session_principal(token_hash text) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT jsonb_build_object(
    'session_id', s.id, 'csrf_token', s.csrf_token, 'created_at', s.created_at, 'last_seen_at', s.last_seen_at,
    'id', u.id, 'username', u.username, 'display_name', u.display_name, 'status', u.status,
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
REVOKE ALL ON FUNCTION linli_session_principal(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_session_principal(text) TO linli_app;
