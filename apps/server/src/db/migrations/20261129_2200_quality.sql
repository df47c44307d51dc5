-- 数据质量 — data-quality rules over the registry, their findings, evaluation runs, and a queue
-- of jurisdiction paths whose records changed (so findings follow the data without a nightly batch).

-- Rules are data: which check (from a fixed catalogue in the quality module), with parameters
-- validated per check kind, a severity and a weight in the score. City-wide, not jurisdiction-bound.
CREATE TABLE quality_rule (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name        text NOT NULL,
  name_en     text NOT NULL,
  description text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  entity      text NOT NULL CHECK (entity IN ('person', 'house')),
  check_kind  text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  severity    text NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
  weight      smallint NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 100),
  enabled     boolean NOT NULL DEFAULT true,
  sort_order  smallint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid,
  version     integer NOT NULL DEFAULT 1
);

INSERT INTO quality_rule (code, name, name_en, description, description_en, entity, check_kind, params, severity, weight, sort_order) VALUES
  ('citizen_id_invalid', '身份证号校验不通过', 'Citizen ID fails its check',
   '身份证号格式、出生日期或校验码不符合 GB 11643', 'Format, birth date or check character breaks GB 11643',
   'person', 'citizen_id_checksum', '{}', 'high', 5, 10),
  ('citizen_id_excel', '身份证号疑被 Excel 损坏', 'Citizen ID mangled by Excel',
   '科学计数法（如 5.10903E+17）或末位被截为 000', 'Scientific notation (5.10903E+17) or last digits rounded to 000',
   'person', 'citizen_id_excel', '{"trailingZeros": 3}', 'high', 5, 20),
  ('id_gender_birth_mismatch', '性别或出生日期与身份证号不符', 'Gender or birth date disagrees with the citizen ID',
   '登记的性别、出生日期与身份证号中的不一致', 'The recorded gender or birth date differs from the one in the citizen ID',
   'person', 'id_gender_birth', '{"checkGender": true, "checkBirthDate": true}', 'medium', 3, 30),
  ('person_missing_fields', '人口必填项缺失', 'Person lacks required fields',
   '参数中列出的字段未填写', 'A field listed in the parameters is empty',
   'person', 'missing_fields', '{"fields": ["citizenId", "phone", "residenceAddress"]}', 'medium', 2, 40),
  ('person_duplicate', '疑似重复人员', 'Possible duplicate person',
   '与另一条人口记录疑似为同一人（同合并功能的判断）', 'May be the same person as another record (as the merge feature judges)',
   'person', 'duplicate_candidate', '{"reasons": ["same_name_house", "same_phone", "same_pinyin_birth"]}', 'high', 4, 50),
  ('house_no_residents', '房屋无居住人员', 'House with no residents',
   '住宅房屋没有在住的业主、租户或居住人', 'A residential house has no current owner, tenant or resident',
   'house', 'house_no_residents', '{"uses": ["residential"]}', 'low', 1, 60),
  ('person_no_house', '人员无房屋关联', 'Person linked to no house',
   '在册人员没有关联任何现住房屋', 'An active person is linked to no current house',
   'person', 'person_no_house', '{}', 'medium', 2, 70),
  ('person_not_verified', '人员信息长期未核实', 'Person not verified for a long time',
   '超过 N 个月未经入户核实或人工确认（无核实记录的以登记时间计）', 'Not confirmed by a visit or a worker for N months (registration time if never)',
   'person', 'not_verified', '{"months": 12}', 'low', 1, 80);

-- Findings: one open finding per rule and record; fixed data resolves it (resolved_at), and a
-- new problem later opens a new one. Jurisdiction-bound like the record it is about.
CREATE TABLE quality_finding (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_code      text NOT NULL REFERENCES quality_rule (code),
  entity         text NOT NULL CHECK (entity IN ('person', 'house')),
  record_id      uuid NOT NULL,
  path           ltree NOT NULL,
  district_code  text NOT NULL,
  detail         jsonb NOT NULL DEFAULT '{}',
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  resolved_at    timestamptz
);
CREATE UNIQUE INDEX quality_finding_open ON quality_finding (rule_code, record_id) WHERE resolved_at IS NULL;
CREATE INDEX quality_finding_path ON quality_finding USING gist (path) WHERE resolved_at IS NULL;
CREATE INDEX quality_finding_record ON quality_finding (record_id);

-- An evaluation of one jurisdiction subtree, run in the background with progress.
CREATE TABLE quality_run (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  path          ltree NOT NULL,
  node_name     text NOT NULL,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total_steps   integer NOT NULL DEFAULT 0,
  done_steps    integer NOT NULL DEFAULT 0,
  opened        integer NOT NULL DEFAULT 0,
  resolved      integer NOT NULL DEFAULT 0,
  error         text,
  started_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz
);
CREATE INDEX quality_run_path ON quality_run USING gist (path);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['quality_finding', 'quality_run'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
  END LOOP;
END $$;

-- Paths whose people, houses or person–house links changed since the last evaluation. One row
-- per changed statement and path (statement triggers over transition tables, so a bulk import
-- adds a handful of rows, not one per record); appended without a unique key so concurrent
-- writers never wait on each other. Holds no personal data.
CREATE TABLE quality_dirty (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  path       ltree NOT NULL,
  queued_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION linli_quality_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO quality_dirty (path) SELECT DISTINCT path FROM changed_rows;
  RETURN NULL;
END $$;

CREATE FUNCTION linli_quality_mark_dirty_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- an update may move a record: both its old and its new place change
  INSERT INTO quality_dirty (path)
    SELECT DISTINCT path FROM (SELECT path FROM changed_rows UNION SELECT path FROM old_rows) p;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person', 'house', 'person_house'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_quality_mark_dirty()', t || '_quality_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION linli_quality_mark_dirty_moved()', t || '_quality_upd', t);
  END LOOP;
END $$;

-- The quality view for everyone who reads the registry; rules are changed by administrators and
-- community leads.
UPDATE role SET permissions = permissions || '{quality.read}'
 WHERE code IN ('city_official', 'district_official', 'street_official', 'community_worker', 'grid_worker');
UPDATE role SET permissions = permissions || '{quality.manage}'
 WHERE code IN ('sys_admin');
UPDATE role SET permissions = permissions || '{quality.manage}'
 WHERE code IN ('community_worker');
