-- 数据导入 — spreadsheet imports (people, houses, organisations). A job holds the uploaded file's
-- identity, the column mapping, the user's decision per class of row, status and progress; its
-- staged rows hold the normalised values (citizen IDs and phones encrypted, as in the registry),
-- the class each row was matched to and the messages for the row-level report. `applied_at` is
-- set in the same transaction as the registry change a row makes, so a job killed half-way and
-- run again applies each row exactly once.
CREATE TABLE import_job (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  node_id        uuid NOT NULL REFERENCES jurisdiction_node (id),
  kind           text NOT NULL CHECK (kind IN ('people', 'houses', 'organizations')),
  file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  file_sha256    text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size      bigint NOT NULL,
  file_format    text NOT NULL CHECK (file_format IN ('csv', 'xlsx', 'xls')),
  file_encoding  text,
  stored_key     text NOT NULL,
  header_row     integer,
  headers        jsonb NOT NULL DEFAULT '[]',
  mapping        jsonb NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'mapping'
                 CHECK (status IN ('mapping', 'preview', 'queued', 'running', 'cancelling', 'cancelled', 'done', 'failed')),
  decisions      jsonb NOT NULL DEFAULT '{}',
  counts         jsonb NOT NULL DEFAULT '{}',
  total_rows     integer NOT NULL DEFAULT 0,
  to_apply       integer NOT NULL DEFAULT 0,
  applied_rows   integer NOT NULL DEFAULT 0,
  failed_rows    integer NOT NULL DEFAULT 0,
  error          text,
  created_by     uuid NOT NULL REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX import_job_path ON import_job USING gist (path);
CREATE INDEX import_job_queue ON import_job (status, created_at) WHERE status IN ('queued', 'running');
CREATE INDEX import_job_sha ON import_job (file_sha256);

CREATE TABLE import_row (
  job_id      uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  row_no      integer NOT NULL,
  path        ltree NOT NULL,
  class       text NOT NULL CHECK (class IN ('new', 'update', 'unchanged', 'duplicate', 'conflict', 'error')),
  -- normalised, non-secret values; identity fields masked
  values      jsonb NOT NULL DEFAULT '{}',
  -- the source cells and the secret fields (citizen ID, phone), AES-GCM like the registry's columns
  raw_enc     text NOT NULL,
  secret_enc  text,
  id_hash     text,
  messages    jsonb NOT NULL DEFAULT '[]',
  changes     jsonb NOT NULL DEFAULT '[]',
  match_id    uuid,
  result      text CHECK (result IN ('created', 'updated', 'skipped', 'failed')),
  result_id   uuid,
  applied_at  timestamptz,
  PRIMARY KEY (job_id, row_no)
);
CREATE INDEX import_row_class ON import_row (job_id, class, row_no);
CREATE INDEX import_row_pending ON import_row (job_id, row_no) WHERE applied_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['import_job', 'import_row'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
  END LOOP;
END $$;

-- Household numbers are looked up per import row.
CREATE INDEX household_no ON household (household_no) WHERE household_no IS NOT NULL;

UPDATE role SET permissions = permissions || '{collection.import}'
 WHERE code IN ('community_worker', 'grid_worker');
