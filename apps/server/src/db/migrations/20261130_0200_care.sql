-- 居家养老服务 — care providers and their caregivers, the service catalogue, care plans, the
-- service orders generated from them (each order is one visit), the visit's verified steps and
-- photos, the exceptions the six EVV checks raise, and the supervision figures kept current by
-- the changes themselves (no nightly batch).

-- 养老服务机构: a registry organisation that serves an area (jurisdiction nodes). The row sits at
-- the organisation's node; visits it makes sit at the elder's.
CREATE TABLE care_provider (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code       text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path                ltree NOT NULL,
  organization_id     uuid NOT NULL UNIQUE REFERENCES organization (id),
  service_area        ltree[] NOT NULL CHECK (cardinality(service_area) BETWEEN 1 AND 200),
  -- EVV tolerances of this provider: how far from the home a check-in/out may be, and the share
  -- of a service's standard duration a visit must last
  tolerance_m         integer NOT NULL DEFAULT 300 CHECK (tolerance_m BETWEEN 20 AND 5000),
  min_duration_share  numeric(3, 2) NOT NULL DEFAULT 0.50 CHECK (min_duration_share > 0 AND min_duration_share <= 1),
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1
);
CREATE INDEX care_provider_path ON care_provider USING gist (path);

-- A provider's people: caregivers (护理员) who make visits, dispatchers (调度员) who assign them.
-- They are accounts of the accounts module; this says for which provider they work.
CREATE TABLE care_staff (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id  uuid NOT NULL REFERENCES care_provider (id),
  user_id      uuid NOT NULL REFERENCES app_user (id),
  kind         text NOT NULL CHECK (kind IN ('caregiver', 'dispatcher')),
  path         ltree NOT NULL,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider_id, user_id, kind)
);
CREATE INDEX care_staff_user ON care_staff (user_id) WHERE active;

-- 服务项目: the catalogue is data (standard duration, the checklist of tasks, the price).
CREATE TABLE care_service (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,30}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
  name_en       text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
  duration_min  integer NOT NULL CHECK (duration_min BETWEEN 5 AND 600),
  tasks         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tasks) = 'array'),
  price_cents   integer NOT NULL CHECK (price_cents >= 0),
  active        boolean NOT NULL DEFAULT true,
  sort          integer NOT NULL DEFAULT 0,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);

INSERT INTO care_service (code, name, name_en, duration_min, tasks, price_cents, sort) VALUES
  ('meal',       '助餐',     'Meal help',          30, '["送餐上门","协助进食","餐具清洗"]', 1500, 1),
  ('bath',       '助浴',     'Bathing',            60, '["调节水温","协助洗浴","更换衣物","皮肤检查"]', 6000, 2),
  ('cleaning',   '助洁',     'Cleaning',           60, '["清扫地面","整理床铺","清洁厨卫","倾倒垃圾"]', 4000, 3),
  ('medical',    '助医',     'Medical help',       60, '["陪同就医","代取药品","用药提醒"]', 5000, 4),
  ('daily_care', '生活照料', 'Daily living care',  90, '["协助起居","协助如厕","测量血压","整理个人卫生"]', 7000, 5),
  ('rehab',      '康复护理', 'Rehabilitation',     45, '["肢体功能训练","按摩","记录康复情况"]', 8000, 6),
  ('company',    '精神慰藉', 'Companionship',      30, '["聊天陪伴","读报","情绪观察"]', 2000, 7);

-- 照护计划: per elder (a registry person), made from their ability level and needs: services ×
-- weekdays over a period, by one provider.
CREATE TABLE care_plan (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path          ltree NOT NULL,
  person_id     uuid NOT NULL REFERENCES person (id),
  provider_id   uuid NOT NULL REFERENCES care_provider (id),
  level         smallint CHECK (level BETWEEN 0 AND 4),
  needs         text[] NOT NULL DEFAULT '{}',
  period_from   date NOT NULL,
  period_to     date NOT NULL CHECK (period_to >= period_from AND period_to <= period_from + 400),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  notes         text CHECK (length(notes) <= 1000),
  created_by    uuid NOT NULL REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX care_plan_person ON care_plan (person_id);
CREATE INDEX care_plan_path ON care_plan USING gist (path);

CREATE TABLE care_plan_item (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id       uuid NOT NULL REFERENCES care_plan (id),
  path          ltree NOT NULL,
  service_code  text NOT NULL REFERENCES care_service (code),
  -- ISO weekdays (1 Monday … 7 Sunday) and the usual start time in China Standard Time
  weekdays      smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ '{1,2,3,4,5,6,7}'),
  start_time    time NOT NULL,
  UNIQUE (plan_id, service_code)
);

-- 服务工单: one visit to make. Generated from a plan (once per item and date), dispatched to a
-- caregiver, then carried out on the phone: check-in, photos, tasks, check-out, evaluation.
CREATE TABLE care_order (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code    text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path             ltree NOT NULL,
  plan_id          uuid REFERENCES care_plan (id),
  plan_item_id     uuid REFERENCES care_plan_item (id),
  person_id        uuid NOT NULL REFERENCES person (id),
  provider_id      uuid NOT NULL REFERENCES care_provider (id),
  service_code     text NOT NULL REFERENCES care_service (code),
  scheduled_date   date NOT NULL,
  scheduled_at     timestamptz NOT NULL,
  duration_min     integer NOT NULL,
  caregiver_id     uuid REFERENCES app_user (id),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'dispatched', 'in_progress', 'completed', 'cancelled')),
  cancel_reason    text CHECK (length(cancel_reason) <= 500),
  check_in_at      timestamptz,
  check_in_lat     double precision,
  check_in_lon     double precision,
  check_in_acc     double precision,
  check_out_at     timestamptz,
  check_out_lat    double precision,
  check_out_lon    double precision,
  check_out_acc    double precision,
  tasks_done       jsonb NOT NULL DEFAULT '[]',
  rating           smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment   text CHECK (length(rating_comment) <= 500),
  confirmed_by     text CHECK (confirmed_by IN ('elder', 'family')),
  confirmed_at     timestamptz,
  evv_status       text NOT NULL DEFAULT 'pending' CHECK (evv_status IN ('pending', 'verified', 'exception')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  UNIQUE (plan_item_id, scheduled_date)
);
CREATE INDEX care_order_path ON care_order USING gist (path);
CREATE INDEX care_order_provider ON care_order (provider_id, scheduled_date);
CREATE INDEX care_order_caregiver ON care_order (caregiver_id, scheduled_date);
CREATE INDEX care_order_person ON care_order (person_id, scheduled_date);
CREATE INDEX care_order_district ON care_order (district_code, scheduled_date);

-- A visit step the phone sent (check-in, check-out, evaluation), once per the phone's key: a
-- replay on a weak network returns the stored outcome and changes nothing.
CREATE TABLE care_visit_step (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  order_id       uuid NOT NULL REFERENCES care_order (id),
  caregiver_id   uuid NOT NULL REFERENCES app_user (id),
  client_key     text NOT NULL CHECK (length(client_key) BETWEEN 8 AND 80),
  kind           text NOT NULL CHECK (kind IN ('check_in', 'check_out', 'evaluate')),
  at             timestamptz NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  payload        jsonb NOT NULL DEFAULT '{}',
  UNIQUE (caregiver_id, client_key),
  UNIQUE (order_id, kind)
);

-- A visit photo: its bytes are a resumable upload of the survey module's photo store (same id);
-- this row says which visit and stage it proves and holds its perceptual hash (64-bit pHash,
-- hex) once complete, to find the same picture reused on another visit.
CREATE TABLE care_photo (
  id             uuid PRIMARY KEY,
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  order_id       uuid NOT NULL REFERENCES care_order (id),
  stage          text NOT NULL CHECK (stage IN ('check_in', 'during', 'check_out')),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  taken_at       timestamptz,
  lat            double precision,
  lon            double precision,
  phash          text CHECK (phash ~ '^[0-9a-f]{16}$'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, sha256)
);
CREATE INDEX care_photo_order ON care_photo (order_id);
CREATE INDEX care_photo_phash ON care_photo (phash) WHERE phash IS NOT NULL;

-- 核查异常: one per visit and kind, resolved by staff with a reason code, a resolution code and a
-- note; never dropped. `day` and `provider_id` are the order's, for the figures below.
CREATE TABLE care_exception (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code    text NOT NULL,
  path             ltree NOT NULL,
  order_id         uuid NOT NULL REFERENCES care_order (id),
  provider_id      uuid NOT NULL REFERENCES care_provider (id),
  day              date NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('check_in_distance', 'check_out_distance', 'missing_photo', 'too_short', 'overlap', 'elsewhere', 'photo_reused')),
  detail           jsonb NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  reason_code      text,
  resolution_code  text,
  note             text CHECK (length(note) <= 1000),
  resolved_by      uuid REFERENCES app_user (id),
  resolved_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  UNIQUE (order_id, kind),
  CHECK (status = 'open' OR (reason_code IS NOT NULL AND resolution_code IS NOT NULL AND note IS NOT NULL))
);
CREATE INDEX care_exception_path ON care_exception USING gist (path);
CREATE INDEX care_exception_open ON care_exception (status, created_at DESC);

-- ---- supervision figures, kept current by the changes (no nightly batch)
-- Per day × jurisdiction node × provider, at every level of the elder's path (city, district,
-- street, community, grid): a visit counts once in the row of each node above it, so the figures
-- of any one node are a few rows per day whatever the city's size. `node` is the path as text,
-- read with `=` (leakproof, so an index condition under row-level security). Statement triggers
-- add each change's difference (new rows minus old rows) in the same transaction, so the figures
-- are exact at every commit; increments commute, so concurrent visits never wait on a recount.
CREATE TABLE care_stats_daily (
  day             date NOT NULL,
  node            text NOT NULL,
  path            ltree NOT NULL,
  provider_id     uuid NOT NULL,
  scheduled       integer NOT NULL DEFAULT 0,
  completed       integer NOT NULL DEFAULT 0,
  cancelled       integer NOT NULL DEFAULT 0,
  with_exception  integer NOT NULL DEFAULT 0,
  rated           integer NOT NULL DEFAULT 0,
  rating_sum      integer NOT NULL DEFAULT 0,
  minutes         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (node, day, provider_id)
);

CREATE TABLE care_stats_exception (
  day          date NOT NULL,
  node         text NOT NULL,
  path         ltree NOT NULL,
  provider_id  uuid NOT NULL,
  kind         text NOT NULL,
  raised       integer NOT NULL DEFAULT 0,
  open         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (node, day, provider_id, kind)
);

CREATE FUNCTION linli_care_stats_orders_add(r care_order[], sign integer) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO care_stats_daily AS s (day, node, path, provider_id, scheduled, completed, cancelled, with_exception, rated, rating_sum, minutes)
  SELECT o.scheduled_date, subpath(o.path, 0, l)::text, subpath(o.path, 0, l), o.provider_id,
         sign * count(*) FILTER (WHERE o.status <> 'cancelled'),
         sign * count(*) FILTER (WHERE o.status = 'completed'),
         sign * count(*) FILTER (WHERE o.status = 'cancelled'),
         sign * count(*) FILTER (WHERE o.evv_status = 'exception'),
         sign * count(o.rating),
         sign * coalesce(sum(o.rating), 0),
         sign * coalesce(sum(round(extract(epoch FROM o.check_out_at - o.check_in_at) / 60)) FILTER (WHERE o.status = 'completed'), 0)
    FROM unnest(r) o, generate_series(1, nlevel(o.path)) l
   GROUP BY 1, 2, 3, 4 ORDER BY 2, 1, 4
  ON CONFLICT (node, day, provider_id) DO UPDATE SET
    scheduled = s.scheduled + excluded.scheduled, completed = s.completed + excluded.completed,
    cancelled = s.cancelled + excluded.cancelled, with_exception = s.with_exception + excluded.with_exception,
    rated = s.rated + excluded.rated, rating_sum = s.rating_sum + excluded.rating_sum, minutes = s.minutes + excluded.minutes
$$;

CREATE FUNCTION linli_care_stats_on_order() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM linli_care_stats_orders_add(ARRAY(SELECT ROW(o.*)::care_order FROM old_rows o), -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM linli_care_stats_orders_add(ARRAY(SELECT ROW(n.*)::care_order FROM new_rows n), 1); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION linli_care_stats_exceptions_add(r care_exception[], sign integer) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO care_stats_exception AS s (day, node, path, provider_id, kind, raised, open)
  SELECT e.day, subpath(e.path, 0, l)::text, subpath(e.path, 0, l), e.provider_id, e.kind, sign * count(*), sign * count(*) FILTER (WHERE e.status = 'open')
    FROM unnest(r) e, generate_series(1, nlevel(e.path)) l
   GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 1, 4, 5
  ON CONFLICT (node, day, provider_id, kind) DO UPDATE SET raised = s.raised + excluded.raised, open = s.open + excluded.open
$$;

CREATE FUNCTION linli_care_stats_on_exception() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM linli_care_stats_exceptions_add(ARRAY(SELECT ROW(o.*)::care_exception FROM old_rows o), -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM linli_care_stats_exceptions_add(ARRAY(SELECT ROW(n.*)::care_exception FROM new_rows n), 1); END IF;
  RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION linli_care_stats_orders_add(care_order[], integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_care_stats_exceptions_add(care_exception[], integer) FROM PUBLIC;

CREATE TRIGGER care_stats_insert AFTER INSERT ON care_order REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_stats_on_order();
CREATE TRIGGER care_stats_update AFTER UPDATE ON care_order REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_stats_on_order();
CREATE TRIGGER care_stats_delete AFTER DELETE ON care_order REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_stats_on_order();
CREATE TRIGGER care_stats_insert AFTER INSERT ON care_exception REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_stats_on_exception();
CREATE TRIGGER care_stats_update AFTER UPDATE ON care_exception REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_stats_on_exception();
CREATE TRIGGER care_stats_delete AFTER DELETE ON care_exception REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_care_stats_on_exception();

-- Photo reuse is looked for among the provider's visits of the last 90 days, including those the
-- caregiver's scope does not reach: the check runs as the owner and answers only ids and hashes.
CREATE FUNCTION linli_care_hashes(this_order uuid, provider uuid) RETURNS TABLE (order_id uuid, photo_id uuid, phash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.order_id, c.id, c.phash
    FROM care_photo c JOIN care_order o ON o.id = c.order_id
   WHERE o.provider_id = provider AND c.order_id <> this_order AND c.phash IS NOT NULL
     AND o.scheduled_date > current_date - 90
$$;
REVOKE ALL ON FUNCTION linli_care_hashes(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_care_hashes(uuid, uuid) TO linli_app;

-- A provider's name for the figures of a jurisdiction it serves (the organisation may be
-- registered outside the reader's scope); names of organisations are not personal data.
CREATE FUNCTION linli_care_provider_names(ids uuid[]) RETURNS TABLE (id uuid, name text, credit_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, o.name, o.credit_code FROM care_provider p JOIN organization o ON o.id = p.organization_id WHERE p.id = ANY (ids)
$$;
REVOKE ALL ON FUNCTION linli_care_provider_names(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_care_provider_names(uuid[]) TO linli_app;

-- ---- jurisdiction, history, rights
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['care_staff', 'care_plan', 'care_plan_item', 'care_order', 'care_visit_step', 'care_photo',
                           'care_exception', 'care_stats_daily', 'care_stats_exception'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths())))', t || '_scope', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['care_provider', 'care_plan', 'care_order', 'care_exception'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION linli_log_change()', t || '_change', t);
  END LOOP;
END $$;

-- A provider is seen by those whose jurisdiction holds its organisation, and by those working in
-- (or above) its service area: the caregivers and officials of the places it serves.
ALTER TABLE care_provider ENABLE ROW LEVEL SECURITY;
CREATE POLICY care_provider_scope ON care_provider USING (
  (SELECT linli_scope_is_system()) OR path <@ ANY ((SELECT linli_scope_paths()))
  OR EXISTS (SELECT 1 FROM unnest(service_area) a WHERE a <@ ANY ((SELECT linli_scope_paths())) OR a @> ANY ((SELECT linli_scope_paths()))));

-- Evidence and figures are not deleted or rewritten by the application; figures only by triggers.
REVOKE DELETE, TRUNCATE ON care_order, care_visit_step, care_photo, care_exception, care_plan FROM linli_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON care_stats_daily, care_stats_exception FROM linli_app;

-- The survey's photo store keeps the bytes of care visit photos too (resumable chunked uploads):
-- a photo need not belong to a survey visit any more.
ALTER TABLE survey_photo ALTER COLUMN visit_id DROP NOT NULL;

-- Rights. Civil-affairs staff run the programme; officials supervise; a provider's dispatcher
-- sees and assigns its own orders; a caregiver makes their own visits.
INSERT INTO role (code, name, name_en, permissions, is_admin, builtin) VALUES
  ('care_provider', '养老服务机构调度员', 'Care provider dispatcher', '{jurisdiction.read,care.read,care.dispatch}', false, true);
UPDATE role SET permissions = permissions || '{care.read,care.manage,care.dispatch,care.resolve,care.supervise}' WHERE code = 'eldercare_staff';
UPDATE role SET permissions = permissions || '{care.read,care.supervise}' WHERE code IN ('city_official', 'district_official', 'street_official');
UPDATE role SET permissions = permissions || '{care.visit}' WHERE code = 'caregiver';
