-- 养老档案与能力评估 — elder archives (social and health), ability assessments against a versioned
-- scale (GB/T 42195-2022, MZ/T 039-2013), care-risk events (跌倒/噎食/自杀/自伤/走失) and the
-- proposals of an immediate re-assessment they trigger. Every row hangs off a registry person
-- (never a copy of name or ID) and carries the person's jurisdiction path, under row-level security.

-- An assessment scale as data: items with options and scores, indicator groups, level bands or a
-- grade matrix, and the adjustments of the final level. Old assessments keep their version.
CREATE TABLE elder_scale (
  version         text PRIMARY KEY CHECK (version ~ '^[A-Za-z0-9/ .-]{3,40}$'),
  name            text NOT NULL,
  name_en         text NOT NULL,
  definition      jsonb NOT NULL,
  in_use          boolean NOT NULL DEFAULT true,
  effective_from  date,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- One archive per elder: the social archive (living situation, subsidies) and the health archive
-- (chronic conditions, diagnoses as ICD-10 codes, medications, allergies), and the current level
-- (from the latest assessment signed by both assessors; an unsigned one changes nothing).
CREATE TABLE elder_archive (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id             uuid NOT NULL UNIQUE REFERENCES person (id),
  path                  ltree NOT NULL,
  district_code         text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  living_situation      text NOT NULL DEFAULT 'other'
                        CHECK (living_situation IN ('alone', 'spouse', 'children', 'spouse_children', 'relatives', 'institution', 'other')),
  subsidies             text[] NOT NULL DEFAULT '{}',
  chronic_conditions    text[] NOT NULL DEFAULT '{}',
  diagnosis_codes       text[] NOT NULL DEFAULT '{}',
  medications           jsonb NOT NULL DEFAULT '[]',
  allergies             text[] NOT NULL DEFAULT '{}',
  notes                 text,
  current_level         smallint CHECK (current_level BETWEEN 0 AND 4),
  current_scale_version text REFERENCES elder_scale (version),
  current_assessment_id uuid,
  current_assessed_at   timestamptz,
  created_by            uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1
);
CREATE INDEX elder_archive_path ON elder_archive USING gist (path);
CREATE INDEX elder_archive_district ON elder_archive (district_code);
CREATE INDEX elder_archive_level ON elder_archive (current_level);

-- Family contacts and guardians: a registry person where one exists, else a name and a phone
-- (encrypted, with a keyed hash and the masked form, like the registry's).
CREATE TABLE elder_contact (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id          uuid NOT NULL REFERENCES person (id),
  path               ltree NOT NULL,
  contact_person_id  uuid REFERENCES person (id),
  name               text CHECK (length(name) BETWEEN 1 AND 50),
  phone_enc          text,
  phone_hash         text,
  phone_masked       text,
  relation           text NOT NULL DEFAULT '',
  is_guardian        boolean NOT NULL DEFAULT false,
  is_emergency       boolean NOT NULL DEFAULT false,
  sort_order         smallint NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (contact_person_id IS NOT NULL OR name IS NOT NULL)
);
CREATE INDEX elder_contact_person ON elder_contact (person_id);

-- An ability assessment: the scale version, reason, every answer, subtotals per indicator, the
-- total, the preliminary and final level with the adjustments applied, and two signatures. The
-- first assessor signs by submitting; the second, a different user, confirms on their own session.
CREATE TABLE elder_assessment (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id           uuid NOT NULL REFERENCES person (id),
  path                ltree NOT NULL,
  district_code       text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  scale_version       text NOT NULL REFERENCES elder_scale (version),
  reason              text NOT NULL CHECK (reason IN ('first', 'routine', 'immediate', 'dispute')),
  answers             jsonb NOT NULL,
  flags               jsonb NOT NULL DEFAULT '{}',
  subtotals           jsonb NOT NULL DEFAULT '{}',
  total               smallint NOT NULL,
  preliminary_level   smallint NOT NULL CHECK (preliminary_level BETWEEN 0 AND 4),
  final_level         smallint NOT NULL CHECK (final_level BETWEEN 0 AND 4),
  adjustments         jsonb NOT NULL DEFAULT '[]',
  risk_events_30d     smallint NOT NULL DEFAULT 0,
  status              text NOT NULL DEFAULT 'awaiting_second' CHECK (status IN ('awaiting_second', 'signed', 'voided')),
  assessor1_id        uuid NOT NULL,
  assessor1_signed_at timestamptz NOT NULL DEFAULT now(),
  assessor2_id        uuid,
  assessor2_signed_at timestamptz,
  proposal_id         uuid,
  notes               text,
  assessed_at         timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (assessor2_id IS NULL OR assessor2_id <> assessor1_id),
  CHECK ((status = 'signed') = (assessor2_id IS NOT NULL))
);
CREATE INDEX elder_assessment_person ON elder_assessment (person_id, assessed_at DESC);
CREATE INDEX elder_assessment_path ON elder_assessment USING gist (path);
CREATE INDEX elder_assessment_awaiting ON elder_assessment (assessed_at) WHERE status = 'awaiting_second';

-- Care-risk events (跌倒 fall, 噎食 choking, 自杀 suicide attempt, 自伤 self-harm, 走失 wandering):
-- entered by staff or reported by a device; the source key makes a replay store nothing twice.
CREATE TABLE elder_risk_event (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person (id),
  path           ltree NOT NULL,
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  kind           text NOT NULL CHECK (kind IN ('fall', 'choking', 'suicide', 'self_harm', 'wandering')),
  occurred_at    timestamptz NOT NULL,
  source         text NOT NULL CHECK (source IN ('manual', 'device')),
  source_key     text NOT NULL UNIQUE CHECK (length(source_key) BETWEEN 1 AND 200),
  note           text,
  recorded_by    uuid,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX elder_risk_event_person ON elder_risk_event (person_id, occurred_at DESC);
CREATE INDEX elder_risk_event_path ON elder_risk_event USING gist (path);

-- Proposals of an immediate re-assessment (即时评估), raised when ≥ 2 falls or wanderings fall
-- within 30 days; staff start one (it links the assessment) or dismiss it with a reason.
CREATE TABLE elder_proposal (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES person (id),
  path            ltree NOT NULL,
  district_code   text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  kind            text NOT NULL DEFAULT 'immediate_assessment' CHECK (kind IN ('immediate_assessment')),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'started', 'dismissed', 'done')),
  event_ids       uuid[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  decided_by      uuid,
  decided_at      timestamptz,
  dismiss_reason  text,
  assessment_id   uuid
);
CREATE UNIQUE INDEX elder_proposal_open ON elder_proposal (person_id, kind) WHERE status = 'open';
CREATE INDEX elder_proposal_path ON elder_proposal USING gist (path);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['elder_archive', 'elder_contact', 'elder_assessment', 'elder_risk_event', 'elder_proposal'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
  END LOOP;
END $$;
CREATE TRIGGER elder_archive_change AFTER INSERT OR UPDATE OR DELETE ON elder_archive FOR EACH ROW EXECUTE FUNCTION linli_log_change();
CREATE TRIGGER elder_contact_change AFTER INSERT OR UPDATE OR DELETE ON elder_contact FOR EACH ROW EXECUTE FUNCTION linli_log_change();

-- Assessments and risk events are history: kept, never deleted by the application.
REVOKE DELETE ON elder_assessment, elder_risk_event FROM linli_app;

-- Elder-care staff keep archives, record events and assess; community workers keep archives and
-- record events; officials read.
UPDATE role SET permissions = permissions || '{elder.read,elder.write,elder.assess}'
 WHERE code IN ('eldercare_staff');
UPDATE role SET permissions = permissions || '{elder.read,elder.write}'
 WHERE code IN ('community_worker', 'grid_worker');
UPDATE role SET permissions = permissions || '{elder.read}'
 WHERE code IN ('city_official', 'district_official', 'street_official');
