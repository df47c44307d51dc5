-- The name shown beside an event's reporter and assignee. A worker may not read the account of a
-- colleague outside their jurisdiction, but sees who reported or holds an event they can see.
CREATE FUNCTION linli_user_display_name(user_id uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT display_name FROM app_user WHERE id = user_id
$$;
REVOKE ALL ON FUNCTION linli_user_display_name(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_user_display_name(uuid) TO linli_app;
