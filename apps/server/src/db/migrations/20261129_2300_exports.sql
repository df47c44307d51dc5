-- 导出与审批: exports of registry lists to Excel. A masked export runs at once as a background job
-- and leaves a file kept for a limited time; an unmasked export is a request with a reason that
-- another user holding `export.approve` (whose jurisdiction covers the request's) approves or
-- rejects; only then may the requester download it, a limited number of times before it expires.
CREATE TABLE export_job (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the jurisdiction the export covers: the filter's node, or the requester's own nodes' common root
  path            ltree NOT NULL,
  requested_by    uuid NOT NULL REFERENCES app_user (id),
  -- names as they were when asked and decided: each side may not see the other's account
  requester_name  text NOT NULL,
  resource        text NOT NULL CHECK (resource IN ('people', 'households', 'estates', 'buildings', 'houses', 'organizations', 'things', 'events')),
  filters         jsonb NOT NULL DEFAULT '{}',
  masked          boolean NOT NULL,
  reason          text,
  status          text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'running', 'ready', 'failed', 'expired')),
  decided_by      uuid REFERENCES app_user (id),
  decider_name    text,
  decided_at      timestamptz,
  decision_note   text,
  rows_written    integer NOT NULL DEFAULT 0,
  rows_expected   integer,
  file_key        text CHECK (file_key ~ '^[a-f0-9]{32}$'),
  file_size       bigint,
  expires_at      timestamptz,
  downloads       integer NOT NULL DEFAULT 0,
  max_downloads   integer NOT NULL CHECK (max_downloads BETWEEN 1 AND 100),
  error           text,
  finished_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (masked OR reason IS NOT NULL),
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX export_job_requester ON export_job (requested_by, created_at DESC);
CREATE INDEX export_job_pending ON export_job USING gist (path) WHERE status = 'pending';
CREATE INDEX export_job_expiry ON export_job (expires_at) WHERE file_key IS NOT NULL;

-- A request is seen by whoever's jurisdiction covers it (approvers) and by its requester.
ALTER TABLE export_job ENABLE ROW LEVEL SECURITY;
CREATE POLICY export_job_scope ON export_job
  USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())) OR requested_by = (SELECT linli_current_user()));
REVOKE DELETE, TRUNCATE ON export_job FROM linli_app;

-- Masked export for everyone who reads the registry; an unmasked request for those who may unmask
-- one person's ID; approval for the officials above the community (street, district, city) — the
-- people who answer for the data of the communities under them, never the requester themself.
UPDATE role SET permissions = permissions || '{export.create}'
 WHERE code IN ('community_worker', 'grid_worker', 'city_official', 'district_official', 'street_official', 'eldercare_staff');
UPDATE role SET permissions = permissions || '{export.unmasked}'
 WHERE code IN ('community_worker');
UPDATE role SET permissions = permissions || '{export.approve}'
 WHERE code IN ('street_official', 'district_official', 'city_official');
