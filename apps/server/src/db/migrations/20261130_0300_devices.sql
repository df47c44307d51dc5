-- 智能设备 — GPS watches and health kiosks (registry things, 物) and the positions watches report.
-- A device row is the ingestion side of a `thing`: its protocol identity (IMEI / 3G id or kiosk
-- serial), the elder a watch is bound to, the kiosk's hashed key, and its live state (last seen,
-- battery, firmware, online, worn). Jurisdiction-bound like the thing (`path`, RLS).
CREATE TABLE device (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thing_id       uuid NOT NULL UNIQUE REFERENCES thing (id),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('watch', 'kiosk')),
  serial_no      text NOT NULL UNIQUE CHECK (serial_no ~ '^[A-Za-z0-9_-]{4,32}$'),
  maker          text CHECK (maker ~ '^[A-Z0-9]{2}$'),
  model          text,
  person_id      uuid REFERENCES person (id),
  key_hash       text,
  firmware       text,
  battery        smallint CHECK (battery BETWEEN 0 AND 100),
  last_seen_at   timestamptz,
  online         boolean NOT NULL DEFAULT false,
  worn           boolean,
  last_fix_at    timestamptz,
  last_lat       double precision,
  last_lng       double precision,
  last_accuracy  real,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX device_path ON device USING gist (path);
CREATE INDEX device_person ON device (person_id);
CREATE INDEX device_kind ON device (kind, serial_no);

-- 定位 — every fix a watch reports. Designed for volume (50 k watches a minute in a city): no
-- foreign keys, written in multi-row batches, one row per device and fix time (a replayed frame is
-- stored once), the district code for a sharded deployment and a (person, time) index for tracks.
CREATE TABLE device_position (
  device_id      uuid NOT NULL,
  person_id      uuid,
  district_code  text NOT NULL,
  path           ltree NOT NULL,
  fixed_at       timestamptz NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  valid          boolean NOT NULL,
  source         text NOT NULL DEFAULT 'gps' CHECK (source IN ('gps', 'wifi', 'cell')),
  lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng            double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  accuracy       real,
  altitude       real,
  speed          real,
  course         real,
  satellites     smallint,
  battery        smallint,
  PRIMARY KEY (device_id, fixed_at)
);
CREATE INDEX device_position_person ON device_position (person_id, fixed_at);
CREATE INDEX device_position_district ON device_position (district_code, fixed_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['device', 'device_position'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (linli_in_scope(path))', t || '_scope', t);
  END LOOP;
END $$;

-- Who sees devices and positions, and who manages them.
UPDATE role SET permissions = permissions || '{devices.read}'
 WHERE code IN ('city_official', 'district_official', 'street_official', 'community_worker', 'grid_worker', 'eldercare_staff');
UPDATE role SET permissions = permissions || '{devices.manage}'
 WHERE code IN ('sys_admin', 'community_worker', 'eldercare_staff');
