import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database } from '../db/database.js';
import { rectangleAround } from '../modules/registry/housing.service.js';
import { citizenIdColumns, nameColumns, phoneColumns } from '../modules/registry/people.service.js';
import { makeCitizenId } from '../standards/citizen-id.js';
import * as N from './names.js';

export interface CityScale {
  people: number;
  houses: number;
  buildings: number;
}

export const CITY_SCALE: CityScale = { people: 3_000_000, houses: 1_200_000, buildings: 40_000 };

const BATCH = 20_000;

/**
 * City-scale registry for benchmarks (`linli seed --scale city`): 3 M people in 1.2 M houses of
 * 40 k buildings spread over every community of the city, bulk-inserted in batches through
 * `unnest` arrays. It runs as the schema owner with triggers off (`session_replication_role`),
 * so this initial load writes no per-row change log; it needs a PostgreSQL superuser.
 */
export async function seedCityScale(owner: Database, cipher: FieldCipher, scale: CityScale = CITY_SCALE, log: (m: string) => void = console.log) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const names = new Map<string, ReturnType<typeof nameColumns>>();

  const { rows: communities } = await owner.query<{ path: string; code: string }>(
    `SELECT path::text AS path, code FROM jurisdiction_node WHERE level = 'community' ORDER BY code`);
  if (communities.length === 0) throw new Error('load the division tree first (linli seed)');
  await owner.query(`SET session_replication_role = replica`);
  try {
    // buildings around each district's centre, then houses, then people living in them
    const started = Date.now();
    const bIds: string[] = [];
    const bPaths: string[] = [];
    for (let done = 0; done < scale.buildings; done += BATCH) {
      const n = Math.min(BATCH, scale.buildings - done);
      const cols = { path: [] as string[], district: [] as string[], name: [] as string[], floors: [] as number[], footprint: [] as string[], lon: [] as number[], lat: [] as number[] };
      for (let i = 0; i < n; i++) {
        const c = communities[(done + i) % communities.length]!;
        const k = done + i;
        const lon = 105.35 + (k % 200) * 0.0012 + rand() * 0.0003;
        const lat = 30.30 + Math.floor(k / 200) * 0.0009 + rand() * 0.0002;
        cols.path.push(c.path); cols.district.push(c.code.slice(0, 6)); cols.name.push(`${(k % 40) + 1}栋`);
        cols.floors.push(6 + Math.floor(rand() * 27)); cols.footprint.push(JSON.stringify({ type: 'Polygon', coordinates: [rectangleAround(lon, lat, 30, 12)] }));
        cols.lon.push(lon); cols.lat.push(lat);
      }
      const { rows } = await owner.query<{ id: string; path: string }>(
        `INSERT INTO building (path, district_code, name, floors, unit_count, footprint, lon, lat)
         SELECT p::ltree, d, nm, f, 2, fp::jsonb, lo, la FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::float8[], $7::float8[]) AS x(p, d, nm, f, fp, lo, la)
         RETURNING id, path::text AS path`,
        [cols.path, cols.district, cols.name, cols.floors, cols.footprint, cols.lon, cols.lat],
      );
      for (const r of rows) { bIds.push(r.id); bPaths.push(r.path); }
    }
    log(`buildings: ${bIds.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

    const hIds: string[] = [];
    const hPaths: string[] = [];
    for (let done = 0; done < scale.houses; done += BATCH) {
      const n = Math.min(BATCH, scale.houses - done);
      const b: string[] = []; const p: string[] = []; const d: string[] = []; const unit: number[] = []; const floor: number[] = []; const num: string[] = [];
      for (let i = 0; i < n; i++) {
        const k = done + i;
        const bi = k % bIds.length;
        const within = Math.floor(k / bIds.length); // 0..29: unit, floor, number within the building
        b.push(bIds[bi]!); p.push(bPaths[bi]!); d.push(bPaths[bi]!.split('.')[1]!);
        unit.push((within % 2) + 1); floor.push(Math.floor(within / 4) + 1); num.push(`${Math.floor(within / 4) + 1}0${(Math.floor(within / 2) % 2) + 1}`);
      }
      const { rows } = await owner.query<{ id: string; path: string }>(
        `INSERT INTO house (building_id, path, district_code, unit_no, floor, number, area)
         SELECT bi, p::ltree, d, u, f, nm, 60 + (random() * 80)::int FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[]) AS x(bi, p, d, u, f, nm)
         RETURNING id, path::text AS path`,
        [b, p, d, unit, floor, num],
      );
      for (const r of rows) { hIds.push(r.id); hPaths.push(r.path); }
    }
    log(`houses: ${hIds.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

    const year = new Date().getUTCFullYear();
    for (let done = 0; done < scale.people; done += BATCH) {
      const n = Math.min(BATCH, scale.people - done);
      const c: Record<string, unknown[]> = { path: [], district: [], name: [], pinyin: [], initials: [], idEnc: [], idHash: [], idMasked: [], gender: [], birth: [], phoneEnc: [], phoneHash: [], phoneMasked: [], address: [], house: [] };
      for (let i = 0; i < n; i++) {
        const k = done + i;
        const hi = k % hIds.length;
        // k → (birth date, sequence) is one-to-one up to 34 M people, so every ID is distinct;
        // the sequence's parity is the gender (GB 11643), birth dates spread over 95 years
        const seq = k % 1000;
        const gender = seq % 2 === 1 ? 1 : 2;
        const name = pick(N.SURNAMES) + (gender === 1 ? pick(N.MALE_GIVEN) : pick(N.FEMALE_GIVEN));
        let nc = names.get(name);
        if (!nc) names.set(name, (nc = nameColumns(name)));
        const birth = new Date(Date.UTC(year - 95, 0, 1) + (Math.floor(k / 1000) % 34_675) * 86_400_000).toISOString().slice(0, 10);
        const division = hPaths[hi]!.split('.')[1]!;
        const id = makeCitizenId(division, birth, seq);
        const idc = citizenIdColumns(cipher, `${id}`);
        const phone = `1${3 + (k % 7)}${String(k).padStart(9, '0')}`;
        const pc = phoneColumns(cipher, phone);
        const path = hPaths[hi]!;
        c.path!.push(path); c.district!.push(division); c.name!.push(nc.name); c.pinyin!.push(nc.name_pinyin); c.initials!.push(nc.name_initials);
        c.idEnc!.push(idc.citizen_id_enc); c.idHash!.push(idc.citizen_id_hash); c.idMasked!.push(idc.citizen_id_masked);
        c.gender!.push(gender); c.birth!.push(birth); c.phoneEnc!.push(pc.phone_enc); c.phoneHash!.push(pc.phone_hash); c.phoneMasked!.push(pc.phone_masked);
        c.address!.push(`遂宁市${hi % 997}号院${(hi % 30) + 1}栋`); c.house!.push(hIds[hi]);
      }
      await owner.query(
        `WITH ins AS (
           INSERT INTO person (path, district_code, name, name_pinyin, name_initials, citizen_id_enc, citizen_id_hash, citizen_id_masked,
                               gender, birth_date, phone_enc, phone_hash, phone_masked, residence_address)
           SELECT p::ltree, d, nm, py, ini, ie, ih, im, g, b::date, pe, ph, pm, a
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[],
                         $11::text[], $12::text[], $13::text[], $14::text[]) AS x(p, d, nm, py, ini, ie, ih, im, g, b, pe, ph, pm, a)
           ON CONFLICT DO NOTHING
           RETURNING id, path, district_code, citizen_id_hash)
         INSERT INTO person_house (person_id, house_id, kind, path, district_code, valid_from)
         SELECT ins.id, h.house, 'resident', ins.path, ins.district_code, '2020-01-01'
           FROM ins JOIN unnest($7::text[], $15::uuid[]) AS h(hash, house) ON h.hash = ins.citizen_id_hash`,
        [c.path, c.district, c.name, c.pinyin, c.initials, c.idEnc, c.idHash, c.idMasked, c.gender, c.birth, c.phoneEnc, c.phoneHash, c.phoneMasked, c.address, c.house],
      );
      if ((done / BATCH) % 10 === 0) log(`people: ${done + n} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    // The map's per-building figures: the triggers that keep them were off for the load.
    await owner.query(`SET session_replication_role = origin`);
    for (let i = 0; i < bIds.length; i += BATCH) await owner.query('SELECT linli_refresh_building_stats($1::uuid[])', [bIds.slice(i, i + BATCH)]);
    log(`building figures: ${bIds.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    await owner.query('ANALYZE');
    log(`city scale loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await owner.query(`SET session_replication_role = origin`);
  }
}
