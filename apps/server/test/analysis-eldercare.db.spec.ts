import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/shared/dates.js';
import { type Agent, buildCareOrder, buildCareProvider, buildPerson, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * The elder-care and device measures of the cube and the cockpit (elders by ability level, care
 * visits and exceptions, open alerts) against independent SQL over the base tables, within the
 * caller's jurisdiction; and the push: a check-in, an exception, an alert raised and acknowledged
 * each reach the cockpit's subscribers within 2 s.
 */
const STREET = '510903001';
const COMMUNITY = '510903001003';
const GRID_1 = '510903001003001';
const GRID_2 = '510903001003002';
const SIBLING = '510903002001';
const PAST_DAY = '2026-09-15';

let ctx: TestContext;
let worker: Agent;
let street: Agent;
let sibling: Agent;
let provider: string;
const people: { id: string; node: string }[] = [];

const sql = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.asOwner(async (db) => (await db.query<T>(text, params)).rows);
const kpi = (body: { kpis: { code: string; value: number | null }[] }, code: string) => body.kpis.find((k) => k.code === code)?.value;

/** The cube's cells as {row, col, n} (non-zero only), sorted. */
async function cells(agent: Agent, body: Record<string, unknown>) {
  const r = await agent.post('/api/analysis/cube', body);
  expect(r.status).toBe(200);
  const out: { row: string; col: string; n: number }[] = [];
  r.body.rows.forEach((row: { key: string }, i: number) => r.body.cols.forEach((col: { key: string }, j: number) => {
    const n = r.body.values[i][j][0];
    if (n) out.push({ row: row.key, col: col.key, n });
  }));
  return out.sort((a, b) => a.row.localeCompare(b.row) || a.col.localeCompare(b.col));
}
const sorted = (rows: { row: string; col: string; n: number }[]) => rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => a.row.localeCompare(b.row) || a.col.localeCompare(b.col));

const order = (personId: string, day: string, status: string, checkedIn: boolean) => buildCareOrder(ctx, { personId, providerId: provider, day, status, checkedIn });

beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [COMMUNITY] })).username);
  street = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: [STREET] })).username);
  sibling = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [SIBLING] })).username);
  const nodes = [GRID_1, GRID_1, GRID_1, GRID_2, GRID_2, COMMUNITY, GRID_1, GRID_2];
  for (const [i, node] of nodes.entries()) {
    const p = await buildPerson(ctx, worker, { node, name: `照护${i}`, gender: i % 2 ? 1 : 2, birthDate: `${1930 + i * 4}-03-0${1 + i}` });
    people.push({ id: p.id, node });
  }
  const far = await buildPerson(ctx, sibling, { node: SIBLING, name: '邻街老人', birthDate: '1940-01-01' });
  people.push({ id: far.id, node: SIBLING });
  // archives with levels (one not assessed), as the elder module stores them
  for (const [i, p] of people.entries()) {
    await sql(`INSERT INTO elder_archive (person_id, path, district_code, current_level)
               SELECT id, path, district_code, $2 FROM person WHERE id = $1`, [p.id, i === 4 ? null : i % 5]);
  }
  provider = await buildCareProvider(ctx, STREET, '照护服务中心');
  const d = today();
  await order(people[0]!.id, d, 'in_progress', true);
  await order(people[1]!.id, d, 'completed', true);
  await order(people[2]!.id, d, 'dispatched', false);
  await order(people[3]!.id, d, 'cancelled', true); // cancelled: not a visit
  await order(people[5]!.id, d, 'completed', true); // placed at the community itself
  await order(people[8]!.id, d, 'completed', true); // the sibling street's
  await order(people[0]!.id, PAST_DAY, 'completed', true);
  await order(people[3]!.id, PAST_DAY, 'completed', true);
  const o6 = await order(people[6]!.id, d, 'completed', true);
  await sql(`INSERT INTO care_exception (district_code, path, order_id, provider_id, day, kind)
             SELECT district_code, path, id, provider_id, scheduled_date, k FROM care_order, unnest(ARRAY['too_short', 'missing_photo']) k WHERE id = $1`, [o6]);
}, 120_000);

afterAll(async () => ctx?.close());

describe('elder-care and device measures', () => {
  it('elders by ability level equal the archives counted live, by grid and level, and by age band', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const live = await sql<{ row: string; col: string; n: number }>(
      `SELECT CASE WHEN nlevel(a.path) >= 5 THEN subpath(a.path, 0, 5) ELSE a.path END::text AS row, a.current_level::text AS col, count(*)::int AS n
         FROM elder_archive a JOIN person p ON p.id = a.person_id AND p.status = 'active'
        WHERE a.path <@ $1::ltree AND a.current_level IS NOT NULL GROUP BY 1, 2`, [community.path]);
    expect(live.length).toBeGreaterThan(3);
    expect(live.some((r) => r.row === community.path)).toBe(true); // one placed at the community itself
    expect(await cells(worker, { measures: ['elders_by_level'], rows: 'area', cols: 'abilityLevel', jurisdictionId: community.id })).toEqual(sorted(live));

    // a level assessed later moves the elder between columns at the commit (elder_stats' flush)
    await sql(`UPDATE elder_archive SET current_level = 4 WHERE person_id = $1`, [people[4]!.id]);
    await sql(`UPDATE elder_archive SET current_level = 3 WHERE person_id = $1`, [people[0]!.id]);
    const byBand = await sql<{ row: string; col: string; n: number }>(
      `SELECT a.current_level::text AS row,
              CASE WHEN p.birth_date > current_date - interval '60 years' THEN '-1' ELSE least(9, extract(year FROM age(current_date, p.birth_date))::int / 10)::text END AS col,
              count(*)::int AS n
         FROM elder_archive a JOIN person p ON p.id = a.person_id AND p.status = 'active'
        WHERE a.path <@ $1::ltree AND a.current_level IS NOT NULL GROUP BY 1, 2`, [community.path]);
    expect(await cells(worker, { measures: ['elders_by_level'], rows: 'abilityLevel', cols: 'ageBand', jurisdictionId: community.id })).toEqual(sorted(byBand));
    // a filter, and the names of the members
    const r = await worker.post('/api/analysis/cube', { measures: ['elders_by_level'], rows: 'abilityLevel', cols: null, jurisdictionId: community.id, filters: { abilityLevel: '3' } });
    expect(r.body.totals[0]).toBe(byBand.filter((b) => b.row === '3').reduce((s, b) => s + Number(b.n), 0));
    expect(r.body.rows[0].label).toBe('重度失能');
    // a cell opens the elder list of exactly its records
    const d = await worker.post('/api/analysis/drill', { measure: 'elders_by_level', jurisdictionId: community.id, keys: { abilityLevel: '3' } });
    expect(d.status).toBe(200);
    expect(d.body).toEqual({ list: 'elders', query: { jurisdictionId: community.id, level: 3 } });
    // the figures are read from elder_stats, not counted from the archives: a month other than this one has none
    expect((await worker.post('/api/analysis/cube', { measures: ['elders_by_level'], rows: 'area', month: '2026-09' })).status).toBe(422);
  });

  it('a street official sees their street only; a sibling sees none of it', async () => {
    const streetNode = await nodeByCode(ctx, STREET);
    const inStreet = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM elder_archive a JOIN person p ON p.id = a.person_id AND p.status = 'active' WHERE a.path <@ $1::ltree AND a.current_level IS NOT NULL`, [streetNode.path]);
    const r = await street.post('/api/analysis/cube', { measures: ['elders_by_level', 'care_visits_today', 'alerts_open'], rows: 'area', areaDepth: 2 });
    expect(r.status).toBe(200);
    expect(r.body.totals[0]).toBe(inStreet[0]!.n);
    expect(r.body.rows.every((x: { key: string }) => x.key.startsWith(streetNode.path))).toBe(true);
    const visits = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM care_order WHERE path <@ $1::ltree AND scheduled_date = $2 AND check_in_at IS NOT NULL AND status <> 'cancelled'`, [streetNode.path, today()]);
    expect(r.body.totals[1]).toBe(visits[0]!.n);
    const own = await sibling.post('/api/analysis/cube', { measures: ['elders_by_level', 'care_visits_today'], rows: null, cols: null });
    expect(own.body.totals).toEqual([1, 1]); // their own elder and visit, nothing of the other street
    const city = await nodeByCode(ctx, '5109');
    expect((await street.post('/api/analysis/cube', { measures: ['care_visits_today'], jurisdictionId: city.id })).status).toBe(404);
  });

  it('care visits and exceptions, of today and by month, equal the visits counted live', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const c = await worker.get(`/api/analysis/cockpit?jurisdictionId=${community.id}`);
    const [live] = await sql<{ visits: number; exceptions: number }>(
      `SELECT (SELECT count(*)::int FROM care_order WHERE path <@ $1::ltree AND scheduled_date = $2 AND check_in_at IS NOT NULL AND status <> 'cancelled') AS visits,
              (SELECT count(*)::int FROM care_exception WHERE path <@ $1::ltree AND day = $2) AS exceptions`, [community.path, today()]);
    expect(live!.visits).toBe(4);
    expect(kpi(c.body, 'care_visits_today')).toBe(live!.visits);
    expect(kpi(c.body, 'care_exceptions_today')).toBe(live!.exceptions);
    expect(kpi(c.body, 'door_events_today')).toBeNull(); // still 待接入
    // by grid and month, including a past month
    const byMonth = await sql<{ row: string; col: string; n: number }>(
      `SELECT CASE WHEN nlevel(path) >= 5 THEN subpath(path, 0, 5) ELSE path END::text AS row, to_char(date_trunc('month', scheduled_date), 'YYYY-MM-DD') AS col, count(*)::int AS n
         FROM care_order WHERE path <@ $1::ltree AND check_in_at IS NOT NULL AND status <> 'cancelled' AND scheduled_date >= date_trunc('month', now() - interval '5 months')
        GROUP BY 1, 2`, [community.path]);
    expect(byMonth.some((r) => r.col === '2026-09-01')).toBe(true);
    expect(await cells(worker, { measures: ['care_visits'], rows: 'area', cols: 'month', monthCount: 6, jurisdictionId: community.id })).toEqual(sorted(byMonth));
    const byKind = await cells(worker, { measures: ['care_exceptions_today'], rows: 'exceptionKind', cols: null, jurisdictionId: community.id });
    expect(byKind.map((k) => [k.row, k.n])).toEqual([['missing_photo', 1], ['too_short', 1]]);
  });

  it('a check-in, an exception and an alert raised and acknowledged each reach the cockpit within 2 s', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    const cockpit = async () => (await worker.get(`/api/analysis/cockpit?jurisdictionId=${community.id}`)).body;
    let heard = 0;
    const off = ctx.services.analysis.subscribe(() => { heard++; });
    await new Promise((r) => setTimeout(r, 50)); // the LISTEN is in place
    const pushed = async (change: () => Promise<unknown>, code: string, expected: number) => {
      const before = heard;
      await change();
      await expect.poll(() => heard, { timeout: 2000, interval: 20 }).toBeGreaterThan(before);
      expect(kpi(await cockpit(), code)).toBe(expected);
    };
    const start = await cockpit();
    // the dispatched visit is checked in
    const [o] = await sql<{ id: string }>(`SELECT id FROM care_order WHERE person_id = $1 AND status = 'dispatched'`, [people[2]!.id]);
    await pushed(() => sql(`UPDATE care_order SET status = 'in_progress', check_in_at = now() WHERE id = $1`, [o!.id]), 'care_visits_today', kpi(start, 'care_visits_today')! + 1);
    // an exception raised on it
    await pushed(() => sql(`INSERT INTO care_exception (district_code, path, order_id, provider_id, day, kind)
                            SELECT district_code, path, id, provider_id, scheduled_date, 'check_in_distance' FROM care_order WHERE id = $1`, [o!.id]),
    'care_exceptions_today', kpi(start, 'care_exceptions_today')! + 1);
    // an alert of an elder's watch, then its acknowledgement
    const w = await worker.post('/api/devices', { kind: 'watch', serialNo: `86${String(Date.now()).slice(-10)}`, maker: '3G', personId: people[1]!.id });
    expect(w.status).toBe(200);
    expect(kpi(start, 'alerts_open')).toBe(0);
    await pushed(() => sql(`INSERT INTO device_alert (device_id, person_id, district_code, path, kind, alert_key, raised_at)
                            SELECT id, person_id, district_code, path, k, k || '-1', now() FROM device, unnest(ARRAY['sos', 'fall']) k WHERE id = $1`, [w.body.id]),
    'alerts_open', 2);
    const [live] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM device_alert WHERE path <@ $1::ltree AND state = 'open'`, [community.path]);
    expect(live!.n).toBe(2);
    const [sos] = await sql<{ id: string; version: number }>(`SELECT id, version FROM device_alert WHERE device_id = $1 AND kind = 'sos'`, [w.body.id]);
    await pushed(async () => expect((await worker.post(`/api/devices/alerts/${sos!.id}/acknowledge`, { version: sos!.version })).status).toBe(200), 'alerts_open', 1);
    off();
    const byKind = await cells(worker, { measures: ['alerts_open'], rows: 'alertKind', cols: null, jurisdictionId: community.id });
    expect(byKind).toEqual([{ row: 'fall', col: '', n: 1 }]);
    // the sibling street's official sees none of it
    expect(kpi((await sibling.get('/api/analysis/cockpit')).body, 'alerts_open')).toBe(0);
  });
});
