-- The scope check ran its parsing (split the setting, cast to ltree[]) for every row a query
-- touched. As sub-selects in the policies, the scope is computed once per query (an InitPlan)
-- and each row only compares paths. Same rule, same answers.
CREATE FUNCTION linli_scope_paths() RETURNS ltree[]
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN coalesce(current_setting('linli.scope', true), '') IN ('', '*') THEN '{}'::ltree[]
              ELSE string_to_array(current_setting('linli.scope', true), ',')::ltree[] END
$$;

CREATE FUNCTION linli_scope_is_system() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('linli.scope', true), '') = '*' $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['jurisdiction_node', 'change_log', 'person', 'estate', 'building', 'house', 'household', 'household_member',
                           'organization', 'thing', 'work_item', 'person_house', 'person_relation', 'person_org', 'person_merge'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_scope', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
  END LOOP;
END $$;

DROP POLICY app_user_scope ON app_user;
CREATE POLICY app_user_scope ON app_user
  USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())) OR id = (SELECT linli_current_user()));
