import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/shared/dates.js';
import { type Agent, buildCareOrder, buildCareProvider, buildPerson, buildRegistrySet, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * 数据立方's drill-through: every measure with a list opens, for each cell, the list of exactly
 * the records it counts — the list's total equals the cell's value (registry people, residents and
 * moves, households, houses, events; elders by level and gender; care visits and exceptions; open
 * alerts), a past month's cell of a flow too; a stock's past month says why it cannot be listed;
 * and an official cannot drill into another street's cell. Also: elders by ability level cut by
 * gender equal independent SQL, follow a gender correction, and equal a recount from scratch.
 */
const STREET = '510903001';
const COMMUNITY = '510903001003';
const GRID_1 = '510903001003001';
const GRID_2 = '510903001003002';
const SIBLING_STREET = '510903002';
const SIBLING_COMMUNITY = '510903002001';
const PAST_MONTH = '2026-09';
const PAST_DAY = '2026-09-15';

let ctx: TestContext;
let worker: Agent; // community worker of COMMUNITY: writes the registry
let street: Agent; // street official of STREET: reads the cube and every list
let siblingOfficial: Agent; // street official of the sibling street
let provider: string;

const sql = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.asOwner(async (db) => (await db.query<T>(text, params)).rows);
const thisMonth = () => today().slice(0, 7);

type Target = { list: string; query: Record<string, string | number> };

/** How many records a drill target's list holds (paging through the keyset lists that give no total). */
async function listTotal(agent: Agent, t: Target): Promise<number> {
  const qs = (extra: Record<string, string | number>) => new URLSearchParams(Object.entries({ ...t.query, ...extra }).map(([k, v]) => [k, String(v)])).toString();
  const paged: Record<string, string> = { people: '/api/people', elders: '/api/elder/elders', careOrders: '/api/care/orders', careExceptions: '/api/care/exceptions', alerts: '/api/devices/alerts' };
  const keyset: Record<string, string> = { houses: '/api/houses', households: '/api/households', events: '/api/events' };
  if (t.list === 'people') {
    const r = await agent.get(`${paged.people}?${qs({ limit: 200 })}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.total;
  }
  if (paged[t.list]) {
    const r = await agent.get(`${paged[t.list]}?${qs({ pageSize: 100 })}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.total;
  }
  let n = 0;
  let cursor: string | null = null;
  do {
    const r = await agent.get(`${keyset[t.list]!}?${qs({ limit: 200, ...(cursor ? { cursor } : {}) })}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    n += r.body.items.length;
    cursor = r.body.nextCursor;
  } while (cursor);
  return n;
}

/** Every non-zero cell of a cube (rows × cols) with the keys a drill of it sends. */
async function cubeCells(agent: Agent, body: Record<string, unknown>) {
  const r = await agent.post('/api/analysis/cube', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const out: { keys: Record<string, string>; value: number; rowKey: string }[] = [];
  r.body.rows.forEach((row: { key: string }, i: number) => r.body.cols.forEach((col: { key: string }, j: number) => {
    const value = r.body.values[i][j][0];
    const keys: Record<string, string> = {};
    if (r.body.rowDim) keys[r.body.rowDim] = row.key;
    if (r.body.colDim) keys[r.body.colDim] = col.key;
    if (value) out.push({ keys, value, rowKey: row.key });
  }));
  return { cells: out, measure: r.body.measures[0] };
}

const order = (personId: string, day: string, status: string, checkedIn: boolean) => buildCareOrder(ctx, { personId, providerId: provider, day, status, checkedIn });

beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [COMMUNITY] })).username);
  street = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: [STREET] })).username);
  siblingOfficial = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: [SIBLING_STREET] })).username);
  const siblingWorker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [SIBLING_COMMUNITY] })).username);

  // people of both genders and many ages in two grids, some with tags; elders with archives and levels
  const people: { id: string }[] = [];
  for (let i = 0; i < 14; i++) {
    people.push(await buildPerson(ctx, worker, {
      node: i % 3 === 0 ? GRID_2 : GRID_1, name: `明细${i}`, gender: i % 2 ? 1 : 2, birthDate: `${1932 + i * 6}-05-0${1 + (i % 8)}`, tags: i % 4 === 0 ? ['elderly_alone'] : [],
    }));
  }
  const far = await buildPerson(ctx, siblingWorker, { node: SIBLING_COMMUNITY, name: '邻街老人', gender: 2, birthDate: '1941-01-01' });
  for (const [i, p] of [...people.slice(0, 8), far].entries()) {
    await sql(`INSERT INTO elder_archive (person_id, path, district_code, current_level) SELECT id, path, district_code, $2 FROM person WHERE id = $1`, [p.id, i % 4]);
  }

  // houses, a household, residents (one moved in back in September), events of several states
  const a = await buildRegistrySet(ctx, worker, { community: COMMUNITY, grid: GRID_1, tag: '明细甲' });
  const b = await buildRegistrySet(ctx, worker, { community: COMMUNITY, grid: GRID_2, tag: '明细乙' });
  const c = await buildRegistrySet(ctx, worker, { community: COMMUNITY, grid: GRID_1, tag: '明细丙' });
  expect((await worker.post(`/api/people/${people[1]!.id}/houses`, { houseId: b.house, kind: 'tenant', validFrom: `${PAST_MONTH}-10` })).status).toBe(200);
  expect((await worker.post(`/api/people/${people[2]!.id}/houses`, { houseId: a.house, kind: 'resident', validFrom: today() })).status).toBe(200);
  expect((await worker.post(`/api/person-houses/${c.personHouse}/end`, { validTo: today() })).status).toBe(200);
  const ev = (await worker.get(`/api/events/${b.event}`)).body;
  expect((await worker.post(`/api/events/${b.event}/transition`, { to: 'cancelled', version: ev.version, note: '测试' })).status).toBe(200);
  await sql(`UPDATE work_item SET sla_due_at = now() - interval '1 hour' WHERE id = $1`, [a.event]);
  await buildRegistrySet(ctx, siblingWorker, { community: SIBLING_COMMUNITY, grid: SIBLING_COMMUNITY, tag: '邻街' });

  // a care provider's visits of today and of September, exceptions; watch alerts
  provider = await buildCareProvider(ctx, STREET, '明细照护中心');
  const d = today();
  const o1 = await order(people[0]!.id, d, 'completed', true);
  await order(people[1]!.id, d, 'in_progress', true);
  await order(people[3]!.id, d, 'dispatched', false); // not visited
  await order(people[4]!.id, d, 'cancelled', true); // cancelled: not a visit
  const o5 = await order(people[5]!.id, PAST_DAY, 'completed', true);
  await order(people[6]!.id, PAST_DAY, 'completed', true);
  await order(far.id, d, 'completed', true);
  for (const [o, kinds] of [[o1, ['too_short', 'missing_photo']], [o5, ['too_short']]] as const) {
    await sql(`INSERT INTO care_exception (district_code, path, order_id, provider_id, day, kind)
               SELECT district_code, path, id, provider_id, scheduled_date, k FROM care_order, unnest($2::text[]) k WHERE id = $1`, [o, kinds]);
  }
  for (const [i, p] of [people[0]!, people[3]!, far].entries()) {
    const w = await (p === far ? siblingWorker : worker).post('/api/devices', { kind: 'watch', serialNo: `86${String(Date.now()).slice(-9)}${i}`, maker: '3G', personId: p.id });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    await sql(`INSERT INTO device_alert (device_id, person_id, district_code, path, kind, alert_key, raised_at)
               SELECT id, person_id, district_code, path, k, k || '-1', now() FROM device, unnest(ARRAY['sos', 'fall']) k WHERE id = $1`, [w.body.id]);
  }
  await sql(`UPDATE device_alert SET state = 'acknowledged' WHERE kind = 'fall' AND person_id = $1`, [people[3]!.id]);
}, 180_000);

afterAll(async () => ctx?.close());

describe('drill-through', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['people', { cols: 'gender' }], ['elders', { cols: 'ageBand' }], ['living', {}], ['moved_in', {}], ['moved_out', {}],
    ['households', {}], ['houses', { cols: 'houseUse' }], ['events_reported', { cols: 'eventKind' }], ['events_open', { cols: 'eventState' }],
    ['events_overdue', {}], ['events_today', {}], ['care_visits', {}], ['care_visits_today', {}], ['care_exceptions', { cols: 'exceptionKind' }],
    ['care_exceptions_today', {}], ['alerts_open', { cols: 'alertKind' }], ['elders_by_level', { cols: 'abilityLevel' }],
  ];

  it.each(cases)('each cell of %s this month opens a list of exactly its records', async (measure, cut) => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const { cells, measure: m } = await cubeCells(street, { measures: [measure], rows: 'area', cols: null, jurisdictionId: community.id, ...cut });
    expect(m.drillable).toBe(true);
    const grids = cells.filter((x) => x.rowKey !== community.path); // 本级 rows hold records placed at the community itself
    expect(grids.length, `${measure} has cells`).toBeGreaterThan(0);
    for (const cell of grids) {
      const d = await street.post('/api/analysis/drill', { measure, jurisdictionId: community.id, keys: cell.keys });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
      expect(await listTotal(street, d.body), `${measure} ${JSON.stringify(cell.keys)}`).toBe(cell.value);
    }
    // and the community's own total, drilled without an area
    const total = await street.post('/api/analysis/cube', { measures: [measure], rows: null, cols: null, jurisdictionId: community.id });
    const d = await street.post('/api/analysis/drill', { measure, jurisdictionId: community.id, keys: measure === 'elders_by_level' ? { abilityLevel: '1' } : {} });
    if (measure === 'elders_by_level') {
      const lvl = await street.post('/api/analysis/cube', { measures: [measure], rows: null, cols: null, jurisdictionId: community.id, filters: { abilityLevel: '1' } });
      expect(await listTotal(street, d.body)).toBe(lvl.body.totals[0]);
    } else {
      expect(await listTotal(street, d.body)).toBe(total.body.totals[0]);
    }
  });

  it('a past month opens the flows within it; a stock of a past month says why it cannot', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    for (const measure of ['moved_in', 'care_visits', 'care_exceptions']) {
      const { cells, measure: m } = await cubeCells(street, { measures: [measure], rows: 'area', cols: 'month', monthCount: 6, jurisdictionId: community.id });
      expect(m.drillsPast).toBe(true);
      const past = cells.filter((x) => x.keys.month === `${PAST_MONTH}-01`);
      expect(past.length, measure).toBeGreaterThan(0);
      for (const cell of past) {
        const d = await street.post('/api/analysis/drill', { measure, jurisdictionId: community.id, keys: cell.keys });
        expect(d.status).toBe(200);
        expect(await listTotal(street, d.body), `${measure} ${JSON.stringify(cell.keys)}`).toBe(cell.value);
      }
    }
    const stock = await street.post('/api/analysis/drill', { measure: 'people', jurisdictionId: community.id, month: PAST_MONTH, keys: {} });
    expect(stock.status).toBe(422);
    expect(stock.body.code).toBe('NO_DRILL_PAST');
    expect(stock.body.message).toContain('人口');
    const cube = await street.post('/api/analysis/cube', { measures: ['people'], rows: 'area', jurisdictionId: community.id, month: PAST_MONTH });
    expect(cube.body.measures[0]).toMatchObject({ drillable: true, drillsPast: false });
    expect(cube.body.current).toBe(false);
  });

  it('an official cannot drill into another street\'s cell', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const siblingCommunity = await nodeByCode(ctx, SIBLING_COMMUNITY);
    for (const measure of ['care_visits_today', 'alerts_open', 'households', 'elders_by_level']) {
      const keys = measure === 'elders_by_level' ? { abilityLevel: '0' } : {};
      // the other street's node asked outright, and its area under one's own node
      expect((await street.post('/api/analysis/drill', { measure, jurisdictionId: siblingCommunity.id, keys })).status).toBe(404);
      expect((await siblingOfficial.post('/api/analysis/drill', { measure, jurisdictionId: community.id, keys })).status).toBe(404);
      const own = await nodeByCode(ctx, STREET);
      expect((await street.post('/api/analysis/drill', { measure, jurisdictionId: own.id, keys: { ...keys, area: siblingCommunity.path } })).status).toBe(404);
    }
    // the lists themselves refuse the other street's node as a filter
    expect((await street.get(`/api/devices/alerts?jurisdictionId=${siblingCommunity.id}`)).status).toBe(404);
    expect((await street.get(`/api/households?jurisdictionId=${siblingCommunity.id}`)).status).toBe(404);
    expect((await street.get(`/api/people?houseJurisdictionId=${siblingCommunity.id}&living=${thisMonth()}`)).status).toBe(404);
  });
});

describe('elders by ability level and gender', () => {
  const liveByLevelGender = async (path: string) => (await sql<{ row: string; col: string; n: number }>(
    `SELECT a.current_level::text AS row, p.gender::text AS col, count(*)::int AS n
       FROM elder_archive a JOIN person p ON p.id = a.person_id AND p.status = 'active'
      WHERE a.path <@ $1::ltree AND a.current_level IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`, [path])).map((r) => ({ ...r, n: Number(r.n) }));
  const cubeByLevelGender = async (jurisdictionId: string, filters: Record<string, string> = {}) => {
    const { cells } = await cubeCells(street, { measures: ['elders_by_level'], rows: 'abilityLevel', cols: 'gender', jurisdictionId, filters });
    return cells.map((c) => ({ row: c.keys.abilityLevel!, col: c.keys.gender!, n: c.value })).sort((x, y) => x.row.localeCompare(y.row) || x.col.localeCompare(y.col));
  };

  it('cut and filtered by gender equal independent SQL, and follow a gender correction', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const before = await liveByLevelGender(community.path);
    expect(new Set(before.map((r) => r.col))).toEqual(new Set(['1', '2']));
    expect(await cubeByLevelGender(community.id)).toEqual(before);
    // a filter by gender with the age band as the cut
    const women = await street.post('/api/analysis/cube', { measures: ['elders_by_level'], rows: 'ageBand', cols: null, jurisdictionId: community.id, filters: { gender: '2' } });
    expect(women.status).toBe(200);
    expect(women.body.totals[0]).toBe(before.filter((r) => r.col === '2').reduce((s, r) => s + r.n, 0));
    // a gender corrected in the registry moves the elder between columns at the commit
    const [one] = await sql<{ id: string; version: number; gender: number }>(
      `SELECT p.id, p.version, p.gender FROM person p JOIN elder_archive a ON a.person_id = p.id WHERE a.path <@ $1::ltree AND a.current_level IS NOT NULL ORDER BY p.name LIMIT 1`, [community.path]);
    expect((await worker.patch(`/api/people/${one!.id}`, { gender: one!.gender === 1 ? 2 : 1, version: one!.version })).status).toBe(200);
    const after = await liveByLevelGender(community.path);
    expect(after).not.toEqual(before);
    expect(await cubeByLevelGender(community.id)).toEqual(after);
    // the street's own figure (read at the street's rows) agrees too
    const streetNode = await nodeByCode(ctx, STREET);
    expect(await cubeByLevelGender(streetNode.id)).toEqual(await liveByLevelGender(streetNode.path));
  });

  it('the statistics kept by the triggers equal a recount from scratch', async () => {
    const rows = async (db: { query: TestContext['db']['query'] }) => (await db.query<Record<string, unknown>>(
      `SELECT node, dim, key, level, n FROM elder_stats WHERE n <> 0 ORDER BY node, dim, key, level`)).rows.map((r) => JSON.stringify(r));
    const kept = await ctx.asOwner(rows);
    expect(kept.some((r) => r.includes('"band_gender"'))).toBe(true);
    class Rollback extends Error { constructor(readonly rows: string[]) { super('rollback'); } }
    let recounted: string[] = [];
    try {
      await ctx.asOwner((db) => db.transaction(async (tx) => {
        await tx.query('TRUNCATE elder_stats');
        await tx.query('DELETE FROM elder_stats_member');
        await tx.query('SELECT linli_refresh_elder_stats(ARRAY(SELECT person_id FROM elder_archive))');
        throw new Rollback(await rows(tx));
      }));
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      recounted = e.rows;
    }
    expect(recounted.length).toBeGreaterThan(0);
    expect(kept).toEqual(recounted);
  });
});
