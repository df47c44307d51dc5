-- The registry (一标三实 / 人房事物单位): people, households, estates, buildings, houses and shops,
-- organisations, things and events, with relationships that carry validity dates. Every row
-- belongs to a jurisdiction node (`path`) and carries its district code (the key a sharded
-- deployment would distribute by). Row-level security scopes all of it; one trigger logs changes.

-- 人 — the actual population. Citizen ID and phone are encrypted (AES-256-GCM, key outside the
-- database) with a keyed hash for exact lookup and a masked form for display.
CREATE TABLE person (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code      text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path               ltree NOT NULL,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  name_pinyin        text NOT NULL,
  name_initials      text NOT NULL,
  citizen_id_enc     text,
  citizen_id_hash    text,
  citizen_id_masked  text,
  gender             smallint NOT NULL DEFAULT 0 CHECK (gender IN (0, 1, 2, 9)),
  birth_date         date,
  ethnicity          text CHECK (ethnicity ~ '^\d{2}$'),
  phone_enc          text,
  phone_hash         text,
  phone_masked       text,
  hukou_division     text CHECK (hukou_division ~ '^\d{6,12}$'),
  hukou_address      text,
  residence_address  text,
  tags               text[] NOT NULL DEFAULT '{}',
  notes              text,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'deceased', 'moved_out')),
  merged_into        uuid REFERENCES person (id),
  verified_at        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX person_citizen_id ON person (citizen_id_hash) WHERE status <> 'merged' AND citizen_id_hash IS NOT NULL;
CREATE INDEX person_path ON person USING gist (path);
CREATE INDEX person_name ON person (name text_pattern_ops);
CREATE INDEX person_initials ON person (name_initials text_pattern_ops);
CREATE INDEX person_pinyin ON person (name_pinyin text_pattern_ops);
CREATE INDEX person_phone ON person (phone_hash);
CREATE INDEX person_birth ON person (birth_date);
CREATE INDEX person_tags ON person USING gin (tags);
CREATE INDEX person_address ON person USING gin (residence_address gin_trgm_ops);
CREATE INDEX person_district ON person (district_code);

-- 小区
CREATE TABLE estate (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code     text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path              ltree NOT NULL,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  address           text,
  lon               double precision CHECK (lon BETWEEN 73 AND 136),
  lat               double precision CHECK (lat BETWEEN 3 AND 54),
  property_company  text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1
);
CREATE INDEX estate_path ON estate USING gist (path);

-- 楼栋: footprint is a GeoJSON polygon in WGS-84 (lon, lat).
CREATE TABLE building (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  estate_id      uuid REFERENCES estate (id),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  floors         smallint NOT NULL CHECK (floors BETWEEN 1 AND 120),
  unit_count     smallint NOT NULL DEFAULT 1 CHECK (unit_count BETWEEN 1 AND 30),
  use            text NOT NULL DEFAULT 'residential' CHECK (use IN ('residential', 'commercial', 'mixed', 'office', 'public', 'other')),
  built_year     smallint CHECK (built_year BETWEEN 1900 AND 2100),
  footprint      jsonb,
  lon            double precision CHECK (lon BETWEEN 73 AND 136),
  lat            double precision CHECK (lat BETWEEN 3 AND 54),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX building_path ON building USING gist (path);
CREATE INDEX building_estate ON building (estate_id);
CREATE INDEX building_lonlat ON building (lon, lat);

-- 房屋 (shops are houses of commercial use, with a shop name)
CREATE TABLE house (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  building_id    uuid NOT NULL REFERENCES building (id),
  unit_no        smallint NOT NULL DEFAULT 1 CHECK (unit_no BETWEEN 1 AND 30),
  floor          smallint NOT NULL CHECK (floor BETWEEN -5 AND 120),
  number         text NOT NULL CHECK (length(number) BETWEEN 1 AND 20),
  area           numeric(8, 2) CHECK (area > 0 AND area < 100000),
  use            text NOT NULL DEFAULT 'residential' CHECK (use IN ('residential', 'commercial', 'office', 'mixed', 'other')),
  ownership      text NOT NULL DEFAULT 'commodity' CHECK (ownership IN ('commodity', 'affordable', 'public_rental', 'self_built', 'collective', 'other')),
  shop_name      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  UNIQUE (building_id, unit_no, number)
);
CREATE INDEX house_path ON house USING gist (path);
CREATE INDEX house_building ON house (building_id, unit_no, floor);

-- 户: a household, with a head; members and their relation to the head (GB/T 4761) have dates.
CREATE TABLE household (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code   text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path            ltree NOT NULL,
  household_no    text,
  kind            text NOT NULL DEFAULT 'family' CHECK (kind IN ('family', 'collective')),
  head_person_id  uuid REFERENCES person (id),
  house_id        uuid REFERENCES house (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX household_path ON household USING gist (path);
CREATE INDEX household_head ON household (head_person_id);

CREATE TABLE household_member (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id   uuid NOT NULL REFERENCES household (id),
  person_id      uuid NOT NULL REFERENCES person (id),
  relation_code  text NOT NULL CHECK (relation_code ~ '^\d{2}$'),
  path           ltree NOT NULL,
  valid_from     date NOT NULL,
  valid_to       date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX household_member_household ON household_member (household_id);
CREATE INDEX household_member_person ON household_member (person_id);
CREATE INDEX household_member_path ON household_member USING gist (path);

-- 单位 — organisations, identified by the unified social credit code.
CREATE TABLE organization (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  credit_code    text UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  type           text NOT NULL DEFAULT 'enterprise' CHECK (type IN ('enterprise', 'individual_business', 'government', 'institution', 'social_org', 'other')),
  address        text,
  house_id       uuid REFERENCES house (id),
  phone          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX organization_path ON organization USING gist (path);
CREATE INDEX organization_name ON organization USING gin (name gin_trgm_ops);

-- 物 — facilities and devices with a position.
CREATE TABLE thing (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code  text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path           ltree NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('hydrant', 'camera', 'door_terminal', 'kiosk', 'watch', 'streetlight', 'manhole', 'aed', 'other')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  serial_no      text UNIQUE,
  lon            double precision CHECK (lon BETWEEN 73 AND 136),
  lat            double precision CHECK (lat BETWEEN 3 AND 54),
  status         text NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'fault', 'offline', 'retired')),
  building_id    uuid REFERENCES building (id),
  last_seen_at   timestamptz,
  battery        smallint CHECK (battery BETWEEN 0 AND 100),
  firmware       text,
  attributes     jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX thing_path ON thing USING gist (path);
CREATE INDEX thing_kind ON thing (kind);

-- 事 — anything that must be handled: one kind of work item with a state, an owner and an SLA.
CREATE TABLE work_item (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code     text NOT NULL CHECK (district_code ~ '^\d{6}$'),
  path              ltree NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('grid_event', 'repair', 'complaint', 'service_application', 'device_alarm')),
  category          text,
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  description       text,
  state             text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'assigned', 'in_progress', 'resolved', 'closed', 'cancelled')),
  priority          text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  reporter_id       uuid,
  assignee_id       uuid,
  sla_due_at        timestamptz,
  resolved_at       timestamptz,
  person_id         uuid REFERENCES person (id),
  house_id          uuid REFERENCES house (id),
  thing_id          uuid REFERENCES thing (id),
  lon               double precision,
  lat               double precision,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1
);
CREATE INDEX work_item_path ON work_item USING gist (path);
CREATE INDEX work_item_state ON work_item (state, sla_due_at);

-- Relationships with validity dates; moving out ends one, nothing is deleted.
CREATE TABLE person_house (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person (id),
  house_id       uuid NOT NULL REFERENCES house (id),
  kind           text NOT NULL CHECK (kind IN ('owner', 'tenant', 'resident', 'operator')),
  path           ltree NOT NULL,
  district_code  text NOT NULL,
  valid_from     date NOT NULL,
  valid_to       date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX person_house_person ON person_house (person_id);
CREATE INDEX person_house_house ON person_house (house_id) WHERE valid_to IS NULL;
CREATE INDEX person_house_path ON person_house USING gist (path);

CREATE TABLE person_relation (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id          uuid NOT NULL REFERENCES person (id),
  related_person_id  uuid NOT NULL REFERENCES person (id) CHECK (related_person_id <> person_id),
  relation_code      text NOT NULL CHECK (relation_code ~ '^\d{2}$'),
  path               ltree NOT NULL,
  valid_from         date NOT NULL,
  valid_to           date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1
);
CREATE INDEX person_relation_person ON person_relation (person_id);
CREATE INDEX person_relation_related ON person_relation (related_person_id);
CREATE INDEX person_relation_path ON person_relation USING gist (path);

CREATE TABLE person_org (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES person (id),
  org_id      uuid NOT NULL REFERENCES organization (id),
  kind        text NOT NULL CHECK (kind IN ('employee', 'legal_rep', 'contact')),
  path        ltree NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX person_org_person ON person_org (person_id);
CREATE INDEX person_org_org ON person_org (org_id);
CREATE INDEX person_org_path ON person_org USING gist (path);

-- A merge of duplicate people keeps lineage: what moved from the duplicate to the survivor, so
-- it can be undone.
CREATE TABLE person_merge (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES person (id),
  merged_id    uuid NOT NULL REFERENCES person (id),
  path         ltree NOT NULL,
  moved        jsonb NOT NULL,
  merged_by    uuid,
  merged_at    timestamptz NOT NULL DEFAULT now(),
  undone_by    uuid,
  undone_at    timestamptz,
  id_hash_moved boolean NOT NULL DEFAULT false
);
CREATE INDEX person_merge_survivor ON person_merge (survivor_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person', 'estate', 'building', 'house', 'household', 'household_member', 'organization', 'thing',
                           'work_item', 'person_house', 'person_relation', 'person_org', 'person_merge'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (linli_in_scope(path))', t || '_scope', t);
    IF t <> 'person_merge' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION linli_log_change()', t || '_change', t);
    END IF;
  END LOOP;
END $$;

-- The change log must not hold plaintext of encrypted columns; it never sees any (they are
-- encrypted before they reach the database), and it keeps the masked forms for history.

-- Registry permissions on the built-in roles.
UPDATE role SET permissions = permissions || '{registry.read,registry.write}'
 WHERE code IN ('community_worker', 'grid_worker');
UPDATE role SET permissions = permissions || '{registry.read}'
 WHERE code IN ('city_official', 'district_official', 'street_official', 'eldercare_staff');
UPDATE role SET permissions = permissions || '{registry.unmask,registry.merge}'
 WHERE code IN ('community_worker');

-- A citizen ID is registered once in the whole city, but a worker sees only their scope: this
-- tells whether the number is taken, and by whom only when that person is in the caller's scope.
CREATE FUNCTION linli_person_by_id_hash(h text) RETURNS TABLE (id uuid, name text, visible boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, CASE WHEN linli_in_scope(p.path) THEN p.name ELSE '（其他辖区）' END, linli_in_scope(p.path)
    FROM person p WHERE p.citizen_id_hash = h AND p.status <> 'merged' LIMIT 1
$$;
REVOKE ALL ON FUNCTION linli_person_by_id_hash(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_person_by_id_hash(text) TO linli_app;

-- A credit code is registered once in the whole city; tells whether it is taken, nothing more.
CREATE FUNCTION linli_credit_code_taken(code text, except_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM organization WHERE credit_code = code AND id IS DISTINCT FROM except_id)
$$;
REVOKE ALL ON FUNCTION linli_credit_code_taken(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_credit_code_taken(text, uuid) TO linli_app;
