-- 入户调查 — door-to-door survey on a phone, offline. A grid worker downloads their grid's slice,
-- records visits and corrections without signal, and syncs later. Changes to registry records go
-- through the registry's own services; these tables keep what the survey itself owns: the visits,
-- their photos, and the sync journal (idempotency keys, per-field conflicts awaiting a decision).

-- 走访记录: one visit of one house by one worker. The id is made on the phone (so a replayed
-- upload is the same visit), the path and district code are the house's.
CREATE TABLE survey_visit (
  id             uuid PRIMARY KEY,
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  house_id       uuid NOT NULL REFERENCES house (id),
  worker_id      uuid NOT NULL REFERENCES app_user (id),
  visited_at     timestamptz NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('verified', 'changed', 'absent', 'refused')),
  notes          text CHECK (length(notes) <= 1000),
  synced_at      timestamptz NOT NULL DEFAULT now(),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX survey_visit_house ON survey_visit (house_id, visited_at DESC);
CREATE INDEX survey_visit_path ON survey_visit USING gist (path);
CREATE INDEX survey_visit_district ON survey_visit (district_code);

-- 走访照片: uploaded in chunks, identified by its SHA-256. Bytes live in the database (chunks of
-- at most 256 KiB) so the offset, the bytes and the visit they belong to commit together and
-- row-level security covers the photo itself; a resumed upload continues from `received`.
CREATE TABLE survey_photo (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  visit_id       uuid NOT NULL REFERENCES survey_visit (id),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size           integer NOT NULL CHECK (size > 0),
  mime           text,
  received       integer NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= size),
  complete       boolean NOT NULL DEFAULT false,
  uploaded_by    uuid NOT NULL REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  completed_at   timestamptz,
  UNIQUE (visit_id, sha256)
);
CREATE INDEX survey_photo_path ON survey_photo USING gist (path);

CREATE TABLE survey_photo_chunk (
  photo_id  uuid NOT NULL REFERENCES survey_photo (id),
  "offset"  integer NOT NULL CHECK ("offset" >= 0),
  path      ltree NOT NULL,
  data      bytea NOT NULL,
  PRIMARY KEY (photo_id, "offset")
);

-- The sync journal: one row per change the phone queued, by its idempotency key. A replay of a
-- key returns the stored outcome and changes nothing. Fields someone else changed meanwhile are
-- kept here as conflicts (base / mine / theirs) until the worker decides.
CREATE TABLE survey_change (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  worker_id      uuid NOT NULL REFERENCES app_user (id),
  client_key     text NOT NULL CHECK (length(client_key) BETWEEN 8 AND 80),
  kind           text NOT NULL CHECK (kind IN ('person.update', 'person.create', 'residence.end')),
  record_id      uuid,
  visit_id       uuid REFERENCES survey_visit (id),
  base_version   integer,
  status         text NOT NULL CHECK (status IN ('applied', 'partial', 'conflict', 'resolved', 'rejected')),
  applied        jsonb NOT NULL DEFAULT '[]',
  conflicts      jsonb NOT NULL DEFAULT '[]',
  error          jsonb,
  received_at    timestamptz NOT NULL DEFAULT now(),
  resolved_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  UNIQUE (worker_id, client_key)
);
CREATE INDEX survey_change_open ON survey_change (worker_id, status) WHERE status IN ('partial', 'conflict');
CREATE INDEX survey_change_path ON survey_change USING gist (path);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['survey_visit', 'survey_photo', 'survey_photo_chunk', 'survey_change'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (linli_in_scope(path))', t || '_scope', t);
  END LOOP;
  -- visits and the journal are records with history; photo bytes are not (the photo row is)
  FOREACH t IN ARRAY ARRAY['survey_visit', 'survey_change'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION linli_log_change()', t || '_change', t);
  END LOOP;
END $$;
CREATE TRIGGER survey_photo_change AFTER INSERT OR DELETE ON survey_photo FOR EACH ROW EXECUTE FUNCTION linli_log_change();

-- Evidence is not deleted by the application (only the chunks of a photo that failed its hash
-- check are cleared, so its upload starts over).
REVOKE DELETE, TRUNCATE ON survey_visit, survey_photo, survey_change FROM linli_app;
REVOKE TRUNCATE ON survey_photo_chunk FROM linli_app;

-- Grid and community workers do door-to-door surveys.
UPDATE role SET permissions = permissions || '{survey.use}' WHERE code IN ('community_worker', 'grid_worker');
