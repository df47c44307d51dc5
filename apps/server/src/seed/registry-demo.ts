import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database, Queryable } from '../db/database.js';
import { systemScope, withScope } from '../db/scope.js';
import { rectangleAround } from '../modules/registry/housing.service.js';
import { citizenIdColumns, nameColumns, phoneColumns } from '../modules/registry/people.service.js';
import { districtOf } from '../modules/registry/placement.js';
import { insertRow } from '../modules/registry/registry.repository.js';
import { today } from '../shared/dates.js';
import { makeCitizenId } from '../standards/citizen-id.js';
import { creditCodeCheck } from '../standards/credit-code.js';
import { PILOT_COMMUNITIES } from './demo.js';
import * as N from './names.js';

/** A small seeded generator, so the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

/** Centres of the pilot districts (WGS-84): 船山区 around the city centre, 安居区 to its south-west. */
const DISTRICT_CENTRES: Record<string, [number, number]> = { '510903': [105.5927, 30.5327], '510904': [105.4563, 30.3555] };
const OTHER_HUKOU = ['510921', '510923', '510981', '510107', '500101', '511302'];

export interface DemoCounts { people: number; houses: number; households: number; estates: number; buildings: number; organizations: number; things: number; events: number }

interface Member { age: number; gender: 1 | 2; code: string; tags?: string[] }

/** Household shapes of the pilot (weights roughly as community surveys report them). */
function householdShape(r: Rng): { tenants: boolean; members: Member[] } {
  const adult = (lo: number, hi: number, gender: 1 | 2, code: string, tags?: string[]): Member => ({ age: r.int(lo, hi), gender, code, tags });
  const kids = (n: number, parentAge: number) =>
    Array.from({ length: n }, () => {
      const g = r.chance(0.5) ? 1 : 2;
      return { age: r.int(0, Math.max(0, Math.min(18, parentAge - 22))), gender: g as 1 | 2, code: g === 1 ? '20' : '30' };
    });
  const x = r.next();
  if (x < 0.08) return { tenants: false, members: [adult(66, 93, r.chance(0.35) ? 1 : 2, '02', ['elderly_alone', ...(r.chance(0.2) ? ['low_income'] : [])])] };
  if (x < 0.22) return { tenants: false, members: [adult(60, 88, 1, '02', ['empty_nest']), adult(58, 86, 2, '12', ['empty_nest'])] };
  if (x < 0.56) {
    const h = adult(28, 50, 1, '02');
    return { tenants: false, members: [h, adult(h.age - 5, h.age + 2, 2, '12'), ...kids(r.int(1, 2), h.age)] };
  }
  if (x < 0.68) {
    const h = adult(32, 50, 1, '02');
    return { tenants: false, members: [h, adult(h.age - 5, h.age + 2, 2, '12'), ...kids(r.int(1, 2), h.age), adult(h.age + 24, Math.min(92, h.age + 34), 1, '51'), adult(h.age + 22, Math.min(92, h.age + 32), 2, '52')] };
  }
  if (x < 0.78) return { tenants: false, members: [adult(20, 45, r.chance(0.5) ? 1 : 2, '02')] };
  if (x < 0.88) {
    const h = adult(22, 40, 1, '02');
    return { tenants: false, members: [h, adult(h.age - 4, h.age + 2, 2, '12')] };
  }
  return { tenants: true, members: Array.from({ length: r.int(1, 3) }, (_, i) => adult(18, 40, r.chance(0.5) ? 1 : 2, i === 0 ? '02' : '99', ['floating'])) };
}

/**
 * The Suining pilot's registry (about 1,780 residents in 1,005 houses and 500 other records —
 * organisations, shops, things, events) in five pilot communities of 船山区 and 安居区, with
 * valid-checksum IDs, realistic names, families, tenants and elderly living alone. Runs once:
 * it does nothing when the registry already has people.
 */
export async function seedRegistryDemo(db: Database, cipher: FieldCipher, opts: { targetPeople?: number; seed?: number } = {}): Promise<DemoCounts | null> {
  const target = opts.targetPeople ?? 1780;
  const r = rng(opts.seed ?? 20180520);
  return withScope(db, systemScope('registry demo seed'), async (tx) => {
    const { rows: existing } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    if (existing[0]!.n > 0) return null;
    const counts: DemoCounts = { people: 0, houses: 0, households: 0, estates: 0, buildings: 0, organizations: 0, things: 0, events: 0 };
    const usedIds = new Set<string>();
    const usedPhones = new Set<string>();
    const now = today();
    const year = Number(now.slice(0, 4));

    const newPerson = async (tx: Queryable, m: Member, place: { path: string; district_code: string }, address: string) => {
      const surname = r.pick(N.SURNAMES);
      const name = surname + (m.gender === 1 ? r.pick(N.MALE_GIVEN) : r.pick(N.FEMALE_GIVEN));
      const birth = `${year - m.age - 1}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const division = r.chance(0.8) ? place.district_code : r.pick(OTHER_HUKOU);
      let id: string;
      do {
        const seq = r.int(0, 499) * 2 + (m.gender === 1 ? 1 : 0);
        id = makeCitizenId(division, birth, seq);
      } while (usedIds.has(id));
      usedIds.add(id);
      let phone: string | undefined;
      if (m.age >= 16) {
        do phone = `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;
        while (usedPhones.has(phone));
        usedPhones.add(phone);
      }
      const tags = [...(m.tags ?? [])];
      if (m.age >= 18 && r.chance(0.05)) tags.push('party_member');
      if (m.age >= 35 && m.gender === 1 && r.chance(0.03)) tags.push('veteran');
      if (r.chance(0.02)) tags.push('disabled');
      const pid = await insertRow(tx, 'person', {
        ...place, ...nameColumns(name), ...citizenIdColumns(cipher, id), ...(phone ? phoneColumns(cipher, phone) : {}),
        gender: m.gender, birth_date: birth, ethnicity: r.chance(0.97) ? '01' : r.pick(['03', '06', '07', '15']),
        hukou_division: division, hukou_address: division === place.district_code ? address : null, residence_address: address,
        tags, verified_at: r.chance(0.8) ? new Date(Date.now() - r.int(1, 300) * 86_400_000) : null,
      });
      counts.people++;
      return { id: pid, name, ...m };
    };

    const { rows: communities } = await tx.query<{ id: string; code: string; name: string; path: string }>(
      `SELECT id, code, name, path::text AS path FROM jurisdiction_node WHERE code = ANY($1) ORDER BY code`, [PILOT_COMMUNITIES]);
    const adults: { id: string; place: { path: string; district_code: string } }[] = [];
    const residentialHouses: { id: string; path: string; district_code: string; label: string; lon: number; lat: number }[] = [];
    const housesPerCommunity = Math.floor(965 / communities.length);

    for (const [ci, c] of communities.entries()) {
      const { rows: grids } = await tx.query<{ path: string }>(`SELECT path::text AS path FROM jurisdiction_node WHERE parent_id = $1 AND level = 'grid' ORDER BY code`, [c.id]);
      const district = districtOf(c.path);
      const [clon, clat] = DISTRICT_CENTRES[district] ?? DISTRICT_CENTRES['510903']!;
      const cLon = clon + ((ci % 3) - 1) * 0.009;
      const cLat = clat + (Math.floor(ci / 3) - 0.5) * 0.007;
      let made = 0;
      for (let e = 0; e < 2; e++) {
        const estateName = N.ESTATE_NAMES[(ci * 2 + e) % N.ESTATE_NAMES.length]!;
        const eLon = cLon + (e === 0 ? -0.0022 : 0.0022);
        const eLat = cLat;
        const estate = await insertRow(tx, 'estate', {
          path: c.path, district_code: district, name: estateName, address: `${c.name}${estateName}`, lon: eLon, lat: eLat,
          property_company: `遂宁${r.pick(N.COMPANY_WORDS)}物业服务有限公司`,
        });
        counts.estates++;
        const estateTarget = Math.round((housesPerCommunity * (e + 1)) / 2);
        for (let b = 0; made < estateTarget; b++) {
          // four houses a floor (two units, two a landing); the last building is as tall as the pilot's count needs
          const floors = Math.max(1, Math.min(r.int(5, 11), Math.ceil((estateTarget - made) / 4)));
          const grid = grids.length ? grids[b % grids.length]!.path : c.path;
          const bLon = eLon + ((b % 3) - 1) * 0.0007;
          const bLat = eLat + (Math.floor(b / 3) - 1) * 0.0005;
          const building = await insertRow(tx, 'building', {
            path: grid, district_code: district, estate_id: estate, name: `${b + 1}栋`, floors, unit_count: 2, use: 'residential',
            built_year: r.int(1995, 2020), footprint: JSON.stringify({ type: 'Polygon', coordinates: [rectangleAround(bLon, bLat, 34, 13)] }), lon: bLon, lat: bLat,
          });
          counts.buildings++;
          for (let floor = 1; floor <= floors; floor++) for (let unit = 1; unit <= 2; unit++) for (let k = 1; k <= 2; k++) {
            const number = `${floor}0${k}`;
            const house = await insertRow(tx, 'house', {
              path: grid, district_code: district, building_id: building, unit_no: unit, floor, number, area: r.int(55, 140),
              use: 'residential', ownership: r.pick(['commodity', 'commodity', 'commodity', 'affordable', 'public_rental']),
            });
            counts.houses++;
            made++;
            residentialHouses.push({ id: house, path: grid, district_code: district, label: `${c.name}${estateName}${b + 1}栋${unit}单元${number}`, lon: bLon, lat: bLat });
          }
          // a hydrant and a camera at each building
          for (const kind of ['hydrant', 'camera'] as const) {
            await insertRow(tx, 'thing', {
              path: grid, district_code: district, kind, name: `${estateName}${b + 1}栋${kind === 'hydrant' ? '消防栓' : '监控'}`,
              serial_no: `${kind.toUpperCase().slice(0, 3)}-${district}-${counts.things + 1}`, lon: bLon + 0.0002, lat: bLat + 0.00012,
              building_id: building, status: r.chance(0.93) ? 'normal' : 'fault',
            });
            counts.things++;
          }
        }
        await insertRow(tx, 'thing', {
          path: c.path, district_code: district, kind: 'door_terminal', name: `${estateName}南门人脸门禁`, serial_no: `DOOR-${district}-${ci}${e}`,
          lon: eLon, lat: eLat - 0.0012, status: 'normal', last_seen_at: new Date(), firmware: 'V2.3.1',
        });
        counts.things++;
      }
      // a row of street shops per community (商铺: houses of commercial use, with an operator)
      const shopsGrid = grids[0]?.path ?? c.path;
      const street = await insertRow(tx, 'building', {
        path: shopsGrid, district_code: district, name: '临街商铺', floors: 1, unit_count: 1, use: 'commercial', built_year: 2008,
        footprint: JSON.stringify({ type: 'Polygon', coordinates: [rectangleAround(cLon, cLat - 0.0018, 120, 10)] }), lon: cLon, lat: cLat - 0.0018,
      });
      counts.buildings++;
      for (let s = 1; s <= 8; s++) {
        const shopName = `${r.pick(N.SURNAMES)}记${r.pick(N.SHOP_KINDS)}`;
        const house = await insertRow(tx, 'house', {
          path: shopsGrid, district_code: district, building_id: street, unit_no: 1, floor: 1, number: `商${s}`, area: r.int(20, 80),
          use: 'commercial', ownership: 'commodity', shop_name: shopName,
        });
        counts.houses++;
        await insertRow(tx, 'organization', {
          path: shopsGrid, district_code: district, name: shopName, type: 'individual_business', house_id: house, address: `${c.name}临街商铺商${s}`,
          credit_code: creditCode(r, '92', district),
        });
        counts.organizations++;
      }
      await insertRow(tx, 'thing', { path: c.path, district_code: district, kind: 'kiosk', name: `${c.name}健康小屋`, serial_no: `KIOSK-${c.code}`, lon: cLon + 0.001, lat: cLat - 0.0015, status: 'normal', last_seen_at: new Date() });
      await insertRow(tx, 'thing', { path: c.path, district_code: district, kind: 'aed', name: `${c.name}社区服务中心AED`, lon: cLon + 0.0012, lat: cLat - 0.0015, status: 'normal' });
      counts.things += 2;
      for (let l = 0; l < 12; l++) {
        await insertRow(tx, 'thing', { path: c.path, district_code: district, kind: 'streetlight', name: `${c.name}路灯${l + 1}`, lon: cLon - 0.004 + l * 0.0007, lat: cLat - 0.0025, status: r.chance(0.9) ? 'normal' : 'fault' });
        counts.things++;
      }
    }

    // People, households and their houses, until the pilot's population is reached.
    for (let i = residentialHouses.length - 1; i > 0; i--) {
      const j = Math.floor(r.next() * (i + 1));
      [residentialHouses[i], residentialHouses[j]] = [residentialHouses[j]!, residentialHouses[i]!];
    }
    const since = (years: number) => `${year - years}-${String(r.int(1, 12)).padStart(2, '0')}-01`;
    for (const house of residentialHouses) {
      if (counts.people >= target) break;
      const shape = householdShape(r);
      const place = { path: house.path, district_code: house.district_code };
      const members = [];
      for (const m of shape.members) members.push(await newPerson(tx, m, place, house.label));
      const head = members[0]!;
      const from = since(r.int(1, 20));
      for (const p of members) {
        await insertRow(tx, 'person_house', { person_id: p.id, house_id: house.id, kind: shape.tenants ? 'tenant' : 'resident', ...place, valid_from: from });
        if (p.age >= 18) adults.push({ id: p.id, place });
      }
      if (shape.tenants) continue;
      await insertRow(tx, 'person_house', { person_id: head.id, house_id: house.id, kind: 'owner', ...place, valid_from: from });
      const household = await insertRow(tx, 'household', { ...place, household_no: `HH${house.district_code}${String(counts.households + 1).padStart(6, '0')}`, head_person_id: head.id, house_id: house.id });
      counts.households++;
      for (const p of members) {
        await insertRow(tx, 'household_member', { household_id: household, person_id: p.id, relation_code: p.code, path: place.path, valid_from: from });
        if (p !== head) await insertRow(tx, 'person_relation', { person_id: head.id, related_person_id: p.id, relation_code: p.code === '12' || p.code === '11' ? '10' : p.code, path: place.path, valid_from: from });
      }
    }

    // Enterprises with employees and legal representatives among the adults.
    for (let o = 0; o < 100; o++) {
      const at = r.pick(adults);
      const org = await insertRow(tx, 'organization', {
        ...at.place, name: `遂宁${r.pick(N.COMPANY_WORDS)}${r.pick(N.COMPANY_KINDS)}`, type: r.chance(0.85) ? 'enterprise' : r.pick(['institution', 'social_org']),
        credit_code: creditCode(r, '91', at.place.district_code), phone: `0825${r.int(2000000, 8999999)}`,
      });
      counts.organizations++;
      await insertRow(tx, 'person_org', { person_id: at.id, org_id: org, kind: 'legal_rep', path: at.place.path, valid_from: since(r.int(1, 10)) });
      for (let e = 0; e < r.int(1, 5); e++) {
        const emp = r.pick(adults);
        await insertRow(tx, 'person_org', { person_id: emp.id, org_id: org, kind: 'employee', path: at.place.path, valid_from: since(r.int(0, 8)) });
      }
    }

    // Events of the last three months, in every state; some open ones are overdue.
    const states = ['open', 'open', 'assigned', 'in_progress', 'resolved', 'resolved', 'closed', 'closed', 'closed', 'cancelled'];
    for (let k = 0; k < 200; k++) {
      const h = r.pick(residentialHouses);
      const t = r.pick(N.EVENT_TITLES);
      const created = new Date(Date.now() - r.int(1, 90 * 24) * 3_600_000);
      const state = r.pick(states);
      await insertRow(tx, 'work_item', {
        path: h.path, district_code: h.district_code, kind: t.kind, title: t.title, state, priority: r.pick(['low', 'normal', 'normal', 'high']),
        sla_due_at: new Date(created.getTime() + r.pick([24, 48, 72]) * 3_600_000), created_at: created, house_id: h.id, lon: h.lon, lat: h.lat,
        resolved_at: state === 'resolved' || state === 'closed' ? new Date(created.getTime() + r.int(2, 60) * 3_600_000) : undefined,
      });
      counts.events++;
    }
    return counts;
  });
}

/** A valid unified social credit code: authority+type, the division, a random organisation code, the check. */
function creditCode(r: Rng, prefix: string, division: string): string {
  const set = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (let i = 0; i < 9; i++) body += set[r.int(0, set.length - 1)];
  const first17 = `${prefix}${division}${body}`;
  return first17 + creditCodeCheck(first17);
}
