-- Foundation: the application role, the jurisdiction tree, accounts and sessions, the audit log
-- and the generic change log. Runs the same on PGlite and PostgreSQL.

CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The role the application works as after migrating: it owns nothing, so row-level security
-- applies to it and it cannot alter the schema or rewrite the audit log.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_app') THEN
    CREATE ROLE linli_app NOLOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO linli_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO linli_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO linli_app;
REVOKE ALL ON schema_migration FROM linli_app;

-- Jurisdiction is the access rule: true when a row's path lies under one of the nodes in the
-- transaction's `linli.scope` ('*' for system work, '' or unset for nothing at all).
CREATE FUNCTION linli_in_scope(p ltree) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('linli.scope', true)
           WHEN '*' THEN true
           WHEN '' THEN false
           ELSE p <@ ANY (string_to_array(current_setting('linli.scope', true), ',')::ltree[])
         END
$$;

CREATE FUNCTION linli_current_user() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('linli.user_id', true), '')::uuid $$;

-- 辖区 — city → district/county → street/town → community/village → grid (网格).
CREATE TABLE jurisdiction_node (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{4,15}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  level       text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community', 'grid')),
  parent_id   uuid REFERENCES jurisdiction_node (id),
  path        ltree NOT NULL UNIQUE,
  path_names  text[] NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  source      text NOT NULL CHECK (source IN ('division-package', 'local')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX jurisdiction_node_path_gist ON jurisdiction_node USING gist (path);
CREATE INDEX jurisdiction_node_parent ON jurisdiction_node (parent_id);
CREATE INDEX jurisdiction_node_name_trgm ON jurisdiction_node USING gin (name gin_trgm_ops);
ALTER TABLE jurisdiction_node ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction_node_scope ON jurisdiction_node USING (linli_in_scope(path));

-- Change log: who changed which record, when, old → new. Written by one trigger on every
-- registry table, so no code path can forget it.
CREATE TABLE change_log (
  id          bigserial PRIMARY KEY,
  table_name  text NOT NULL,
  record_id   uuid NOT NULL,
  path        ltree NOT NULL,
  op          text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  changed_by  uuid,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  old_values  jsonb,
  new_values  jsonb
);
CREATE INDEX change_log_record ON change_log (table_name, record_id, id);
ALTER TABLE change_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_log_scope ON change_log USING (linli_in_scope(path));

CREATE FUNCTION linli_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_j jsonb; new_j jsonb; k text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    old_j := to_jsonb(OLD) - 'updated_at' - 'version';
    new_j := to_jsonb(NEW) - 'updated_at' - 'version';
    -- keep only the fields that changed
    FOR k IN SELECT jsonb_object_keys(new_j) LOOP
      IF old_j -> k IS NOT DISTINCT FROM new_j -> k THEN
        old_j := old_j - k; new_j := new_j - k;
      END IF;
    END LOOP;
    IF new_j = '{}'::jsonb THEN RETURN NEW; END IF;
    INSERT INTO change_log (table_name, record_id, path, op, changed_by, old_values, new_values)
    VALUES (TG_TABLE_NAME, NEW.id, NEW.path, 'update', linli_current_user(), old_j, new_j);
    RETURN NEW;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO change_log (table_name, record_id, path, op, changed_by, new_values)
    VALUES (TG_TABLE_NAME, NEW.id, NEW.path, 'insert', linli_current_user(), to_jsonb(NEW));
    RETURN NEW;
  ELSE
    INSERT INTO change_log (table_name, record_id, path, op, changed_by, old_values)
    VALUES (TG_TABLE_NAME, OLD.id, OLD.path, 'delete', linli_current_user(), to_jsonb(OLD));
    RETURN OLD;
  END IF;
END $$;

CREATE TRIGGER jurisdiction_node_change AFTER INSERT OR UPDATE OR DELETE ON jurisdiction_node
  FOR EACH ROW EXECUTE FUNCTION linli_log_change();

-- Roles: named sets of permissions. Built-in roles are data, not code branches.
CREATE TABLE role (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
  name         text NOT NULL,
  name_en      text NOT NULL,
  permissions  text[] NOT NULL DEFAULT '{}',
  is_admin     boolean NOT NULL DEFAULT false,
  builtin      boolean NOT NULL DEFAULT false
);

-- 用户 — accounts. `path` is the lowest common node of the user's jurisdictions: the row is
-- visible to administrators whose scope covers it, and always to the user themself.
CREATE TABLE app_user (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username              text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{2,40}$'),
  display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
  phone                 text,
  password_hash         text NOT NULL,
  password_changed_at   timestamptz NOT NULL DEFAULT now(),
  must_change_password  boolean NOT NULL DEFAULT false,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_attempts       integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  totp_secret           text,
  totp_enabled          boolean NOT NULL DEFAULT false,
  totp_last_step        bigint,
  last_login_at         timestamptz,
  last_login_ip         text,
  previous_login_at     timestamptz,
  previous_login_ip     text,
  path                  ltree NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));
CREATE INDEX app_user_path_gist ON app_user USING gist (path);
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_scope ON app_user
  USING (linli_in_scope(path) OR id = linli_current_user());

CREATE TABLE user_role (
  user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role_code  text NOT NULL REFERENCES role (code),
  PRIMARY KEY (user_id, role_code)
);

CREATE TABLE user_jurisdiction (
  user_id  uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  node_id  uuid NOT NULL REFERENCES jurisdiction_node (id),
  PRIMARY KEY (user_id, node_id)
);

CREATE TABLE password_history (
  id             bigserial PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user ON password_history (user_id, id DESC);

-- Server-side sessions: the cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  id            text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ip            text,
  user_agent    text,
  ended_at      timestamptz,
  end_reason    text
);
CREATE INDEX user_session_user ON user_session (user_id) WHERE ended_at IS NULL;

-- 审计日志 — append-only and hash-chained. The app role may only INSERT and SELECT; a trigger
-- refuses UPDATE and DELETE for every role, so altering a row needs a superuser disabling it,
-- which `linli audit verify` then detects through the chain.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  occurred_at  timestamptz NOT NULL,
  actor_id     uuid,
  actor_name   text,
  action       text NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('success', 'failure')),
  ip           text,
  object_type  text,
  object_id    text,
  reason       text,
  detail       jsonb NOT NULL DEFAULT '{}',
  prev_hash    text NOT NULL,
  hash         text NOT NULL UNIQUE
);
CREATE INDEX audit_log_time ON audit_log (occurred_at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_name, id DESC);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id DESC);

CREATE FUNCTION linli_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION linli_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION linli_audit_append_only();

GRANT SELECT, INSERT, UPDATE, DELETE ON jurisdiction_node, change_log, role, app_user, user_role,
  user_jurisdiction, password_history, user_session TO linli_app;
GRANT SELECT, INSERT ON audit_log TO linli_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM linli_app;
REVOKE UPDATE, DELETE, TRUNCATE ON change_log FROM linli_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO linli_app;

-- Usernames are unique across the whole city, but an administrator sees only their scope's
-- users: this answers "is the name taken" without revealing anything else.
CREATE FUNCTION linli_username_taken(name text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM app_user WHERE lower(username) = lower(name))
$$;
REVOKE ALL ON FUNCTION linli_username_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_username_taken(text) TO linli_app;

-- Built-in roles (三员分立: system, security and audit administrators are separate and none can do
-- another's job). Later modules add permissions to these rows in their own migrations.
INSERT INTO role (code, name, name_en, permissions, is_admin, builtin) VALUES
  ('sys_admin',        '系统管理员',     'System administrator',      '{user.manage,jurisdiction.read,jurisdiction.manage}', true,  true),
  ('security_admin',   '安全管理员',     'Security administrator',    '{session.manage,jurisdiction.read}',                  true,  true),
  ('audit_admin',      '审计管理员',     'Audit administrator',       '{audit.read,audit.verify}',                           true,  true),
  ('city_official',    '市级管理人员',   'City official',             '{jurisdiction.read}',                                 false, true),
  ('district_official','区县管理人员',   'District official',         '{jurisdiction.read}',                                 false, true),
  ('street_official',  '街道（乡镇）管理人员', 'Street/town official', '{jurisdiction.read}',                                 false, true),
  ('community_worker', '社区工作者',     'Community worker',          '{jurisdiction.read}',                                 false, true),
  ('grid_worker',      '网格员',         'Grid worker',               '{jurisdiction.read}',                                 false, true),
  ('eldercare_staff',  '民政养老工作人员', 'Civil-affairs elder-care staff', '{jurisdiction.read}',                            false, true),
  ('caregiver',        '护理员',         'Caregiver',                 '{}',                                                  false, true),
  ('property_manager', '物业管理员',     'Property manager',          '{}',                                                  false, true),
  ('resident',         '居民',           'Resident',                  '{}',                                                  false, true);
