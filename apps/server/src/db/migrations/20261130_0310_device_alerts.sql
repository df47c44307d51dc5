-- 电子围栏、告警与健康小屋 — safe zones per elder (with the exit debounce's state), the people an
-- alert goes to, alerts with their escalation steps, kiosk readings and per-elder thresholds.
-- All jurisdiction-bound (path + RLS), placed where the elder is registered.

-- A watch's people to tell, in escalation order: family first, then the emergency contact (the
-- grid worker of the elder's grid is found from the accounts, not listed here).
CREATE TABLE device_contact (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id      uuid NOT NULL REFERENCES device (id) ON DELETE CASCADE,
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  role           text NOT NULL CHECK (role IN ('family', 'emergency')),
  person_id      uuid NOT NULL REFERENCES person (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (device_id, role, person_id)
);

-- 安全区域: a circle (centre + radius) or a polygon, optionally only between two times of day
-- (minutes after midnight, China Standard Time; from > to wraps midnight). The debounce state
-- (how many clear fixes outside, since when, whether an exit is confirmed) lives with the zone.
CREATE TABLE safe_zone (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person (id),
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  shape          text NOT NULL CHECK (shape IN ('circle', 'polygon')),
  center_lat     double precision,
  center_lng     double precision,
  radius_m       real CHECK (radius_m BETWEEN 20 AND 20000),
  polygon        jsonb,
  from_minute    smallint CHECK (from_minute BETWEEN 0 AND 1439),
  to_minute      smallint CHECK (to_minute BETWEEN 0 AND 1439),
  enabled        boolean NOT NULL DEFAULT true,
  outside_since  timestamptz,
  outside_fixes  integer NOT NULL DEFAULT 0,
  exited         boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK (shape <> 'circle' OR (center_lat IS NOT NULL AND center_lng IS NOT NULL AND radius_m IS NOT NULL)),
  CHECK (shape <> 'polygon' OR jsonb_typeof(polygon) = 'array'),
  CHECK ((from_minute IS NULL) = (to_minute IS NULL))
);
CREATE INDEX safe_zone_person ON safe_zone (person_id);
CREATE INDEX safe_zone_path ON safe_zone USING gist (path);

-- 告警: one row per alert, unique per device and alert key (a replayed frame or message raises
-- nothing new). Escalation level 0 family → 1 grid worker → 2 emergency contact; the jobs role
-- moves an open alert up when `escalate_at` passes, until someone acknowledges it.
CREATE TABLE device_alert (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id        uuid NOT NULL REFERENCES device (id),
  person_id        uuid REFERENCES person (id),
  district_code    text NOT NULL,
  path             ltree NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('sos', 'fall', 'zone_exit', 'low_battery', 'removed', 'offline')),
  alert_key        text NOT NULL,
  raised_at        timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  lat              double precision,
  lng              double precision,
  detail           jsonb NOT NULL DEFAULT '{}',
  state            text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'closed')),
  level            smallint NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 2),
  escalate_at      timestamptz,
  acknowledged_at  timestamptz,
  acknowledged_by  uuid,
  closed_at        timestamptz,
  closed_by        uuid,
  note             text,
  version          integer NOT NULL DEFAULT 1,
  UNIQUE (device_id, alert_key)
);
CREATE INDEX device_alert_path ON device_alert USING gist (path);
CREATE INDEX device_alert_due ON device_alert (escalate_at) WHERE state = 'open';
CREATE INDEX device_alert_time ON device_alert (raised_at DESC);
CREATE INDEX device_alert_person ON device_alert (person_id, raised_at DESC);

-- Who was told of an alert, at which level, and when (the escalation's record).
CREATE TABLE device_alert_step (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id       uuid NOT NULL REFERENCES device_alert (id) ON DELETE CASCADE,
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  level          smallint NOT NULL,
  target         text NOT NULL CHECK (target IN ('family', 'grid_worker', 'emergency')),
  recipients     jsonb NOT NULL DEFAULT '[]',
  at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alert_id, level)
);

-- 健康小屋 readings: one row per reading, unique per kiosk and the kiosk's own reading id.
CREATE TABLE health_reading (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id      uuid NOT NULL REFERENCES device (id),
  person_id      uuid NOT NULL REFERENCES person (id),
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  reading_key    text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('blood_pressure', 'glucose', 'weight', 'temperature', 'spo2')),
  measured_at    timestamptz NOT NULL,
  measures       jsonb NOT NULL,
  unit           text NOT NULL,
  abnormal       jsonb NOT NULL DEFAULT '[]',
  event_id       uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (device_id, reading_key)
);
CREATE INDEX health_reading_person ON health_reading (person_id, kind, measured_at DESC);
CREATE INDEX health_reading_path ON health_reading USING gist (path);

-- Per-elder limits overriding the defaults of a measure (systolic, glucose_fasting, …).
CREATE TABLE health_threshold (
  person_id      uuid NOT NULL REFERENCES person (id),
  metric         text NOT NULL,
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  low            real,
  high           real,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, metric)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['device_contact', 'safe_zone', 'device_alert', 'device_alert_step', 'health_reading', 'health_threshold'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (linli_in_scope(path))', t || '_scope', t);
  END LOOP;
END $$;

-- Alerts are handled by the people who answer them; readings are read by elder-care staff.
UPDATE role SET permissions = permissions || '{devices.alerts}'
 WHERE code IN ('community_worker', 'grid_worker', 'eldercare_staff');
UPDATE role SET permissions = permissions || '{devices.read}'
 WHERE code IN ('caregiver');

-- A serial (IMEI) is registered once in the whole city, whoever's scope holds it.
CREATE FUNCTION linli_device_serial_taken(s text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM device WHERE serial_no = s)
$$;
REVOKE ALL ON FUNCTION linli_device_serial_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_device_serial_taken(text) TO linli_app;
