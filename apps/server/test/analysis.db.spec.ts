import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildPerson, buildRegistrySet, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * The analysis ledgers against independent SQL over the base tables: after inserts, updates and
 * moves; for a past month after its grid was redrawn; within a street official's jurisdiction;
 * and the push that feeds the cockpit.
 */
const STREET = '510903001';
const COMMUNITY = '510903001003';
const GRID_1 = '510903001003001';
const GRID_2 = '510903001003002';
const SIBLING_STREET_GRID = '510903002001';
const PAST = '2026-09-01';

let ctx: TestContext;
let worker: Agent; // community worker of COMMUNITY (may write the registry)
let street: Agent; // street official of STREET
let sibling: Agent; // community worker in a sibling street

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/** Independent counts: active people per path at grid depth, by gender, as the owner sees them. */
async function liveGridGender(under: string) {
  return ctx.asOwner(async (db) => (await db.query<{ area: string; gender: string; n: number }>(
    `SELECT subpath(path, 0, 5)::text AS area, gender::text AS gender, count(*)::int AS n FROM person
      WHERE status = 'active' AND path <@ $1::ltree AND nlevel(path) >= 5 GROUP BY 1, 2 ORDER BY 1, 2`, [under])).rows);
}

async function cubeGridGender(agent: Agent, jurisdictionId: string, month?: string) {
  const r = await agent.post('/api/analysis/cube', { measures: ['people'], rows: 'area', cols: 'gender', jurisdictionId, ...(month ? { month } : {}) });
  expect(r.status).toBe(200);
  const out: { area: string; gender: string; n: number }[] = [];
  r.body.rows.forEach((row: { key: string }, i: number) => r.body.cols.forEach((col: { key: string }, j: number) => {
    const n = r.body.values[i][j][0];
    if (n) out.push({ area: row.key, gender: col.key, n });
  }));
  return out.sort((a, b) => a.area.localeCompare(b.area) || a.gender.localeCompare(b.gender));
}

/**
 * What every ledger says at every level, time summed away (a stock per key): people per path,
 * birth year, gender, ethnicity, 户籍 and tag; living per path; houses per path and use;
 * households per path; events in each state, and reported, per path and kind (reported also per
 * day). `from` is `now` (ledger + deltas not folded) or `fact` (the ledgers alone).
 */
async function ledgerTotals(db: { query: TestContext['db']['query'] }, from: 'now' | 'fact') {
  const q = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows.map((r) => JSON.stringify(Object.values(r))).sort();
  return {
    person: await q(`SELECT lvl, path::text, birth_year, gender, ethnicity, hukou_local, tag, sum(n)::int FROM analysis_person_${from} GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0`),
    living: await q(`SELECT lvl, path::text, sum(moved_in - moved_out + shifted)::int FROM analysis_living_${from} GROUP BY 1, 2 HAVING sum(moved_in - moved_out + shifted) <> 0`),
    house: await q(`SELECT lvl, path::text, use, sum(n)::int FROM analysis_house_${from} GROUP BY 1, 2, 3 HAVING sum(n) <> 0`),
    household: await q(`SELECT lvl, path::text, sum(n)::int FROM analysis_household_${from} GROUP BY 1, 2 HAVING sum(n) <> 0`),
    inState: await q(`SELECT lvl, path::text, kind, state, sum(in_state)::int FROM analysis_event_${from} GROUP BY 1, 2, 3, 4 HAVING sum(in_state) <> 0`),
    reported: await q(`SELECT lvl, path::text, kind, day::text, sum(created)::int FROM analysis_event_${from} GROUP BY 1, 2, 3, 4 HAVING sum(created) <> 0`),
  };
}

/** The same from the registry as it stands: a rebuild, rolled back. */
async function rebuiltTotals() {
  class Rollback extends Error { constructor(readonly totals: Awaited<ReturnType<typeof ledgerTotals>>) { super('rollback'); } }
  try {
    await ctx.asOwner((db) => db.transaction(async (tx) => {
      await tx.query('SELECT linli_analysis_rebuild()');
      throw new Rollback(await ledgerTotals(tx, 'fact'));
    }));
  } catch (e) {
    if (e instanceof Rollback) return e.totals;
    throw e;
  }
  throw new Error('not rolled back');
}

beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [COMMUNITY] })).username);
  street = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: [STREET] })).username);
  sibling = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903002001'] })).username);
  const genders = [1, 2] as const;
  for (let i = 0; i < 12; i++) {
    await buildPerson(ctx, worker, { node: i % 3 === 0 ? GRID_2 : GRID_1, name: `分析${i}`, gender: genders[i % 2], birthDate: `${1935 + i * 7}-06-0${1 + (i % 8)}`, tags: i % 4 === 0 ? ['elderly_alone', 'disabled'] : [] });
  }
  await buildPerson(ctx, sibling, { node: SIBLING_STREET_GRID, name: '邻街居民', gender: 1, birthDate: '1950-01-01' });
}, 120_000);

afterAll(async () => ctx?.close());

describe('analysis ledgers', () => {
  it('the cube equals a live count after inserts, updates and moves', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const before = await liveGridGender(community.path);
    expect(before.length).toBeGreaterThan(1);
    const cube = await cubeGridGender(worker, community.id);
    expect(cube).toEqual(before);

    // an update (gender), a move between grids and a death change the counts
    const list = (await worker.get(`/api/people?jurisdictionId=${community.id}&limit=50`)).body.items as { id: string; version: number; gender: number }[];
    const g2 = await nodeByCode(ctx, GRID_2);
    expect((await worker.patch(`/api/people/${list[0]!.id}`, { gender: list[0]!.gender === 1 ? 2 : 1, version: list[0]!.version })).status).toBe(200);
    expect((await worker.patch(`/api/people/${list[1]!.id}`, { jurisdictionId: g2.id, version: list[1]!.version })).status).toBe(200);
    expect((await worker.patch(`/api/people/${list[2]!.id}`, { status: 'deceased', version: list[2]!.version })).status).toBe(200);
    const after = await liveGridGender(community.path);
    expect(after).not.toEqual(before);
    expect(await cubeGridGender(worker, community.id)).toEqual(after);
  });

  it('age bands, elders and tags match independent SQL', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const year = Number(thisMonth().slice(0, 4));
    const r = await worker.post('/api/analysis/cube', { measures: ['people', 'elders'], rows: 'ageBand', cols: null, jurisdictionId: community.id });
    expect(r.status).toBe(200);
    const live = await ctx.asOwner(async (db) => (await db.query<{ band: string; n: number; elders: number }>(
      `SELECT least(($2::int - extract(year FROM birth_date)::int) / 10, 9)::text AS band, count(*)::int AS n,
              count(*) FILTER (WHERE extract(year FROM birth_date)::int <= $2::int - 60)::int AS elders
         FROM person WHERE status = 'active' AND path <@ $1::ltree AND birth_date IS NOT NULL GROUP BY 1 ORDER BY 1::int`, [community.path, year])).rows);
    expect(r.body.rows.map((x: { key: string }) => x.key)).toEqual(live.map((x) => x.band));
    expect(r.body.values.map((v: number[][]) => v[0])).toEqual(live.map((x) => [x.n, x.elders]));
    const tags = await worker.post('/api/analysis/cube', { measures: ['people'], rows: 'tag', jurisdictionId: community.id });
    const liveTags = await ctx.asOwner(async (db) => (await db.query<{ tag: string; n: number }>(
      `SELECT t AS tag, count(*)::int AS n FROM person, unnest(tags) t WHERE status = 'active' AND path <@ $1::ltree GROUP BY 1 ORDER BY 1`, [community.path])).rows);
    expect(tags.body.rows.map((x: { key: string }, i: number) => ({ tag: x.key, n: tags.body.values[i][0][0] }))).toEqual(liveTags);
  });

  it('houses, households, living and events follow the registry', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const set = await buildRegistrySet(ctx, worker, { community: COMMUNITY, grid: GRID_1, tag: '分析' });
    const cube = async () => (await worker.post('/api/analysis/cube', { measures: ['houses', 'households', 'living', 'events_open', 'events_today'], rows: null, cols: null, jurisdictionId: community.id })).body.totals;
    const live = () => ctx.asOwner(async (db) => {
      const q = async (sql: string) => (await db.query<{ n: number }>(sql, [community.path])).rows[0]!.n;
      return [
        await q(`SELECT count(*)::int AS n FROM house WHERE path <@ $1::ltree`),
        await q(`SELECT count(*)::int AS n FROM household WHERE path <@ $1::ltree`),
        await q(`SELECT count(*)::int AS n FROM person_house WHERE path <@ $1::ltree AND kind IN ('resident', 'tenant') AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= date_trunc('month', current_date) + interval '1 month')`),
        await q(`SELECT count(*)::int AS n FROM work_item WHERE path <@ $1::ltree AND state IN ('open', 'assigned', 'in_progress')`),
        await q(`SELECT count(*)::int AS n FROM work_item WHERE path <@ $1::ltree AND (created_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date`),
      ];
    });
    const first = await live();
    expect(first.every((n) => n > 0)).toBe(true);
    expect(await cube()).toEqual(first);
    // moving out ends the link; handling the event leaves it no longer open
    expect((await worker.post(`/api/person-houses/${set.personHouse}/end`, { validTo: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) })).status).toBe(200);
    const ev = (await worker.get(`/api/events/${set.event}`)).body;
    expect((await worker.post(`/api/events/${set.event}/transition`, { to: 'cancelled', version: ev.version, note: '测试' })).status).toBe(200);
    const second = await live();
    expect(second[2]).toBe(first[2]! - 1);
    expect(second[3]).toBe(first[3]! - 1);
    expect(await cube()).toEqual(second);
  });

  it('a past month keeps its tree after the grid is redrawn', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    // what the registry held is booked as of September (as if these changes had been made then):
    // the deltas are folded into the ledger first, then its rows are moved back in time
    await ctx.services.analysis.fold();
    await ctx.asOwner((db) => db.query(`UPDATE analysis_person_fact SET month = $1::date WHERE path <@ $2::ltree`, [PAST, community.path]));
    const september = await liveGridGender(community.path);
    // the grid is redrawn now: everyone of GRID_1 moves to GRID_2
    const g1 = await nodeByCode(ctx, GRID_1);
    const g2 = await nodeByCode(ctx, GRID_2);
    const people = (await worker.get(`/api/people?jurisdictionId=${g1.id}&limit=50`)).body.items as { id: string; version: number }[];
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) expect((await worker.patch(`/api/people/${p.id}`, { jurisdictionId: g2.id, version: p.version })).status).toBe(200);
    const now = await liveGridGender(community.path);
    expect(now.some((r) => r.area === g1.path)).toBe(false);
    expect(await cubeGridGender(worker, community.id, PAST.slice(0, 7))).toEqual(september);
    expect(await cubeGridGender(worker, community.id)).toEqual(now);
    // the month dimension shows both standings side by side
    const months = await worker.post('/api/analysis/cube', { measures: ['people'], rows: 'area', cols: 'month', jurisdictionId: community.id, monthCount: 3 });
    const g1Row = months.body.rows.findIndex((r: { key: string }) => r.key === g1.path);
    const septemberCol = months.body.cols.findIndex((c: { key: string }) => c.key === PAST);
    const lastCol = months.body.cols.length - 1;
    if (septemberCol >= 0) expect(months.body.values[g1Row][septemberCol][0]).toBe(september.filter((r) => r.area === g1.path).reduce((s, r) => s + r.n, 0));
    expect(g1Row === -1 ? 0 : months.body.values[g1Row][lastCol][0]).toBe(0);
  });

  it('folding the deltas into the ledgers changes no figure', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    await buildPerson(ctx, worker, { node: GRID_1, name: '归并测试', gender: 2, birthDate: '1944-04-04' });
    const pending = async () => ctx.asOwner(async (db) => (await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM analysis_person_delta) + (SELECT count(*) FROM analysis_living_delta) + (SELECT count(*) FROM analysis_event_delta)
            + (SELECT count(*) FROM analysis_house_delta) + (SELECT count(*) FROM analysis_household_delta) AS n`)).rows[0]!.n);
    expect(Number(await pending())).toBeGreaterThan(0);
    const body = { measures: ['people', 'elders', 'living', 'houses', 'households', 'events_open'], rows: 'area', cols: null, jurisdictionId: community.id, areaDepth: 1 };
    const before = (await worker.post('/api/analysis/cube', body)).body;
    const live = await liveGridGender(community.path);
    expect(before.totals[0]).toBe(live.reduce((s, r) => s + r.n, 0));
    expect(await ctx.services.analysis.fold()).toBeGreaterThan(0);
    expect(Number(await pending())).toBe(0);
    const after = (await worker.post('/api/analysis/cube', body)).body;
    expect(after.values).toEqual(before.values);
    expect(after.totals).toEqual(before.totals);
    // the district roll-up a city official reads, with a delta pending and once it is folded
    await buildPerson(ctx, worker, { node: GRID_2, name: '归并测试二', gender: 1, birthDate: '1950-05-05' });
    const city = await login(ctx, (await buildUser(ctx, { roles: ['city_official'], nodes: ['5109'] })).username);
    const district = await nodeByCode(ctx, '510903');
    const inDistrict = await ctx.asOwner(async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE status = 'active' AND path <@ $1::ltree`, [district.path])).rows[0]!.n);
    const districtTotal = async () => (await city.post('/api/analysis/cube', { measures: ['people'], rows: null, cols: null, jurisdictionId: district.id })).body.totals[0];
    expect(await districtTotal()).toBe(inDistrict);
    expect(await ctx.services.analysis.fold()).toBeGreaterThan(0);
    expect(await districtTotal()).toBe(inDistrict);
    expect(await ctx.services.analysis.fold()).toBe(0); // nothing left to fold
  });

  it('every ledger at every level equals a rebuild, with deltas pending and once they are folded', async () => {
    // changes of every kind left unfolded: a new person, a move, a tag, a death, a link ended, an event handled
    const set = await buildRegistrySet(ctx, worker, { community: COMMUNITY, grid: GRID_2, tag: '账' });
    const g1 = await nodeByCode(ctx, GRID_1);
    const community = await nodeByCode(ctx, COMMUNITY);
    const list = (await worker.get(`/api/people?jurisdictionId=${community.id}&limit=50`)).body.items as { id: string; version: number; tags: string[] }[];
    expect(list.length).toBeGreaterThan(3);
    expect((await worker.patch(`/api/people/${list[0]!.id}`, { jurisdictionId: g1.id, version: list[0]!.version })).status).toBe(200);
    expect((await worker.patch(`/api/people/${list[1]!.id}`, { tags: [...list[1]!.tags, 'veteran'], version: list[1]!.version })).status).toBe(200);
    expect((await worker.patch(`/api/people/${list[2]!.id}`, { status: 'deceased', version: list[2]!.version })).status).toBe(200);
    expect((await worker.post(`/api/person-houses/${set.personHouse}/end`, { validTo: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) })).status).toBe(200);
    const ev = (await worker.get(`/api/events/${set.event}`)).body;
    expect((await worker.post(`/api/events/${set.event}/transition`, { to: 'cancelled', version: ev.version, note: '测试' })).status).toBe(200);

    const rebuilt = await rebuiltTotals();
    for (const [k, rows] of Object.entries(rebuilt)) expect(rows.length, k).toBeGreaterThan(0);
    // all three levels are there
    expect(new Set(rebuilt.person.map((r) => JSON.parse(r)[0]))).toEqual(new Set([0, 2, 3]));
    const pending = await ctx.asOwner(async (db) => Number((await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM analysis_person_delta) + (SELECT count(*) FROM analysis_living_delta) + (SELECT count(*) FROM analysis_event_delta)
            + (SELECT count(*) FROM analysis_house_delta) + (SELECT count(*) FROM analysis_household_delta) AS n`)).rows[0]!.n));
    expect(pending).toBeGreaterThan(0);
    expect(await ctx.asOwner((db) => ledgerTotals(db, 'now'))).toEqual(rebuilt);
    expect(await ctx.asOwner((db) => ledgerTotals(db, 'fact'))).not.toEqual(rebuilt); // the ledgers alone lag until the fold
    expect(await ctx.services.analysis.fold()).toBeGreaterThan(0);
    expect(await ctx.asOwner((db) => ledgerTotals(db, 'fact'))).toEqual(rebuilt);
    expect(await ctx.asOwner((db) => ledgerTotals(db, 'now'))).toEqual(rebuilt);
  });

  it('a street official sees only their street; a sibling sees none of it', async () => {
    const streetNode = await nodeByCode(ctx, STREET);
    const r = await street.post('/api/analysis/cube', { measures: ['people'], rows: 'area', areaDepth: 1 });
    expect(r.status).toBe(200);
    expect(r.body.node.id).toBe(streetNode.id);
    expect(r.body.rows.every((x: { key: string }) => x.key.startsWith(streetNode.path))).toBe(true);
    // a city-wide total asked by the street official counts only their street
    const inStreet = await ctx.asOwner(async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE status = 'active' AND path <@ $1::ltree`, [streetNode.path])).rows[0]!.n);
    expect(r.body.totals[0]).toBe(inStreet);
    // the street and district roll-ups answer a node's own total
    const streetTotal = await street.post('/api/analysis/cube', { measures: ['people', 'elders'], rows: null, cols: 'gender' });
    expect(streetTotal.body.totals[0]).toBe(inStreet);
    const district = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510903'] })).username);
    const inDistrict = await ctx.asOwner(async (db) => (await db.query<{ n: number; women: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE gender = 2)::int AS women FROM person WHERE status = 'active' AND path <@ '5109.510903'`)).rows[0]!);
    const d = await district.post('/api/analysis/cube', { measures: ['people'], rows: 'area', cols: 'gender' });
    expect(d.body.totals[0]).toBe(inDistrict.n);
    expect(d.body.colTotals[d.body.cols.findIndex((c: { key: string }) => c.key === '2')][0]).toBe(inDistrict.women);
    const city = await nodeByCode(ctx, '5109');
    expect((await street.post('/api/analysis/cube', { measures: ['people'], jurisdictionId: city.id })).status).toBe(404);
    const siblingNode = await nodeByCode(ctx, '510903002');
    expect((await street.post('/api/analysis/cube', { measures: ['people'], jurisdictionId: siblingNode.id })).status).toBe(404);
    expect((await street.post('/api/analysis/drill', { measure: 'people', keys: { area: `${siblingNode.path}.510903002001` } })).status).toBe(404);
    const own = await sibling.post('/api/analysis/cube', { measures: ['people'], rows: 'area' });
    expect(own.body.rows.some((x: { key: string }) => x.key.startsWith(streetNode.path))).toBe(false);
    expect(own.body.totals[0]).toBe(1);
  });

  it('a cell opens the registry list of exactly its records', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const cube = await worker.post('/api/analysis/cube', { measures: ['elders'], rows: 'area', cols: 'gender', jurisdictionId: community.id });
    const i = cube.body.rows.findIndex((r: { nodeId: string | null }) => r.nodeId);
    const j = cube.body.cols.findIndex((c: { key: string }) => c.key === '2');
    const value = cube.body.values[i][j][0];
    expect(value).toBeGreaterThan(0);
    const d = await worker.post('/api/analysis/drill', { measure: 'elders', jurisdictionId: community.id, keys: { area: cube.body.rows[i].key, gender: '2' } });
    expect(d.status).toBe(200);
    expect(d.body.list).toBe('people');
    const qs = new URLSearchParams(Object.entries(d.body.query).map(([k, v]) => [k, String(v)])).toString();
    const auditBefore = await ctx.asOwner(async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.search'`)).rows[0]!.n);
    const listed = await worker.get(`/api/people?${qs}&limit=200`);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(value);
    expect(listed.body.items.every((p: { citizenIdMasked: string | null }) => p.citizenIdMasked === null || p.citizenIdMasked.includes('*'))).toBe(true);
    const auditAfter = await ctx.asOwner(async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.search'`)).rows[0]!.n);
    expect(auditAfter).toBe(auditBefore + 1);
    // a past month's cell is not listed (the lists show today's records)
    expect((await worker.post('/api/analysis/drill', { measure: 'people', jurisdictionId: community.id, month: PAST.slice(0, 7), keys: {} })).status).toBe(422);
  });

  it('refuses a cut a measure does not have, naming it', async () => {
    const r = await worker.post('/api/analysis/cube', { measures: ['houses'], rows: 'gender' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('DIMENSION_UNSUPPORTED');
    expect(r.body.message).toContain('性别');
    expect((await worker.post('/api/analysis/cube', { measures: ['people'], rows: 'area', bogus: 1 })).status).toBe(400);
  });

  it('exports the pivot to Excel and audits it', async () => {
    const r = await worker.request('POST', '/api/analysis/cube/export', { measures: ['people'], rows: 'area', cols: 'gender' });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('spreadsheetml');
    const n = await ctx.asOwner(async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'analysis.export'`)).rows[0]!.n);
    expect(n).toBe(1);
  });

  it('the profile and cockpit add up, and a committed change is pushed', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const p = await worker.get(`/api/analysis/profile?jurisdictionId=${community.id}`);
    expect(p.status).toBe(200);
    const pyramidTotal = p.body.pyramid.reduce((s: number, b: { male: number; female: number }) => s + b.male + b.female, 0);
    const people = p.body.residence.people;
    expect(pyramidTotal).toBeLessThanOrEqual(people);
    expect(p.body.residence.hukouLocal + p.body.residence.hukouOther).toBe(people);
    const c = await worker.get(`/api/analysis/cockpit?jurisdictionId=${community.id}`);
    const kpi = (body: { kpis: { code: string; value: number | null }[] }, code: string) => body.kpis.find((k) => k.code === code)?.value;
    expect(kpi(c.body, 'people')).toBe(people);
    expect(kpi(c.body, 'care_visits_today')).toBe(0);
    expect(kpi(c.body, 'door_events_today')).toBeNull();

    let heard = 0;
    const off = ctx.services.analysis.subscribe(() => { heard++; });
    await new Promise((r) => setTimeout(r, 50)); // the LISTEN is in place
    await buildPerson(ctx, worker, { node: GRID_2, name: '推送测试', gender: 1, birthDate: '1940-02-02' });
    await expect.poll(() => heard, { timeout: 5000 }).toBeGreaterThan(0);
    off();
    const after = await worker.get(`/api/analysis/cockpit?jurisdictionId=${community.id}`);
    expect(kpi(after.body, 'people')).toBe(people + 1);
    expect(kpi(after.body, 'elders')).toBe(kpi(c.body, 'elders')! + 1);
  });
});
