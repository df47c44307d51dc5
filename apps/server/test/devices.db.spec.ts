import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScope } from '../src/db/scope.js';
import type { WatchReportIn } from '../src/modules/devices/devices.service.js';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/** GPS watches, positions, zones, alerts with escalation and health kiosks, on a real database. */
const GRID = '510903001001001';
const SIBLING_GRID = '510903001002001';
const HOME = { lat: 30.513, lng: 105.593 };
const north = (m: number) => ({ lat: HOME.lat + m / 111_195, lng: HOME.lng });

let ctx: TestContext;
let worker: Agent;
let sibling: Agent;
let serialSeq = 0;
const nextSerial = () => `86${String(Date.now()).slice(-8)}${String(++serialSeq).padStart(5, '0')}`;

async function elder(name = '王大爷', citizenId?: string) {
  return buildPerson(ctx, worker, { node: GRID, name, birthDate: '1940-02-03', ...(citizenId ? { citizenId } : {}) });
}

async function watchFor(personId: string, extra: Record<string, unknown> = {}) {
  const r = await worker.post('/api/devices', { kind: 'watch', serialNo: nextSerial(), maker: '3G', personId, ...extra });
  expect(r.status).toBe(200);
  return r.body as { id: string; serialNo: string; version: number };
}

const report = (serial: string, at: string, pos: { lat: number; lng: number }, extra: Partial<WatchReportIn> = {}): WatchReportIn => ({
  serial, fixedAt: new Date(at), valid: true, source: 'gps', lat: pos.lat, lng: pos.lng, accuracy: 10, battery: 80, ...extra,
});

async function count(sql: string, args: unknown[]) {
  return ctx.asOwner(async (db) => Number((await db.query<{ n: number }>(sql, args)).rows[0]!.n));
}

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker'], nodes: [GRID] });
  worker = await login(ctx, u.username);
  const s = await buildUser(ctx, { roles: ['community_worker'], nodes: [SIBLING_GRID] });
  sibling = await login(ctx, s.username);
});
afterAll(() => ctx?.close());

describe('registering devices', () => {
  it('binds a watch to an elder of 60 or more, placed where the elder lives; refuses the young and a taken serial', async () => {
    const old = await elder();
    const w = await watchFor(old.id);
    const got = await worker.get(`/api/devices/${w.id}`);
    expect(got.body).toMatchObject({ kind: 'watch', personId: old.id, personName: '王大爷', online: false, hasKey: false });
    const young = await buildPerson(ctx, worker, { node: GRID, name: '小李', birthDate: '1990-01-01' });
    const r = await worker.post('/api/devices', { kind: 'watch', serialNo: nextSerial(), personId: young.id });
    expect(r.status).toBe(422);
    expect(r.body.fields[0].field).toBe('personId');
    const dup = await worker.post('/api/devices', { kind: 'watch', serialNo: w.serialNo, personId: old.id });
    expect(dup.status).toBe(409);
    const badSerial = await worker.post('/api/devices', { kind: 'watch', serialNo: 'x', personId: old.id });
    expect(badSerial.status).toBe(422);
    expect(badSerial.body.fields[0].field).toBe('serialNo');
    // a watch is a registry thing too
    const thing = await worker.get(`/api/things/${got.body.thingId}`);
    expect(thing.body).toMatchObject({ kind: 'watch', serialNo: w.serialNo });
  });

  it('hides another jurisdiction’s devices (404, not in the list)', async () => {
    const w = await watchFor((await elder('赵奶奶')).id);
    expect((await sibling.get(`/api/devices/${w.id}`)).status).toBe(404);
    const list = await sibling.get('/api/devices?kind=watch');
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(w.id);
    const mine = await worker.get('/api/devices?kind=watch&pageSize=100');
    expect(mine.body.items.map((d: { id: string }) => d.id)).toContain(w.id);
  });
});

describe('positions', () => {
  it('stores a replayed batch once and marks the watch seen with its latest fix', async () => {
    const p = await elder('钱大爷');
    const w = await watchFor(p.id);
    const batch = [
      report(w.serialNo, '2026-11-20T01:00:00Z', HOME), report(w.serialNo, '2026-11-20T01:01:00Z', north(50)),
      report(w.serialNo, '2026-11-20T01:01:00Z', north(50)), report(w.serialNo, '2026-11-20T01:02:00Z', north(80), { battery: 77 }),
    ];
    const first = await ctx.services.devices.ingestReports(batch);
    expect(first).toMatchObject({ stored: 3 });
    for (let i = 0; i < 3; i++) expect((await ctx.services.devices.ingestReports(batch)).stored).toBe(0);
    expect(await count('SELECT count(*) AS n FROM device_position WHERE device_id = $1', [w.id])).toBe(3);
    const d = (await worker.get(`/api/devices/${w.id}`)).body;
    expect(d).toMatchObject({ online: true, battery: 77 });
    expect(d.lastFix.lat).toBeCloseTo(north(80).lat, 6);
    const track = await ctx.services.devices.whereabouts(systemScope('test'), p.id, new Date('2026-11-20T00:00:00Z'), new Date('2026-11-20T02:00:00Z'));
    expect(track).toHaveLength(3);
  });

  it('counts reports of unknown devices instead of failing the batch', async () => {
    const before = ctx.services.devices.stats.unknownDevice;
    const p = await elder('孙大爷');
    const w = await watchFor(p.id);
    const r = await ctx.services.devices.ingestReports([report('999999999999999', '2026-11-20T01:00:00Z', HOME), report(w.serialNo, '2026-11-20T01:00:00Z', HOME)]);
    expect(r.stored).toBe(1);
    expect(ctx.services.devices.stats.unknownDevice).toBe(before + 1);
  });

  it('keeps positions and their tracks inside the jurisdiction (row-level security)', async () => {
    const p = await elder('周大爷');
    const w = await watchFor(p.id);
    await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-21T01:00:00Z', HOME)]);
    const q = '?from=2026-11-21T00:00:00Z&to=2026-11-21T02:00:00Z';
    expect((await worker.get(`/api/devices/elders/${p.id}/map${q}`)).body.track).toHaveLength(1);
    expect((await sibling.get(`/api/devices/elders/${p.id}/map${q}`)).status).toBe(404);
    const me = (await sibling.get('/api/auth/me')).body;
    const sib = await nodeByCode(ctx, SIBLING_GRID);
    const seen = await ctx.services.devices.whereabouts({ kind: 'user', userId: me.id, paths: [sib.path] }, p.id, new Date('2026-11-21T00:00:00Z'), new Date('2026-11-21T02:00:00Z'));
    expect(seen).toEqual([]);
    // and the read of the track was audited
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'device.track_read' AND object_id = $1`, [p.id])).toBeGreaterThanOrEqual(1);
  });
});

describe('safe zones and alerts', () => {
  it('confirms an exit after N clear fixes outside, once, and records it as a wandering risk event', async () => {
    const p = await elder('吴奶奶');
    const w = await watchFor(p.id);
    const z = await worker.post('/api/devices/zones', { personId: p.id, name: '家附近', shape: 'circle', center: HOME, radiusM: 300 });
    expect(z.status).toBe(200);
    const t = (s: number) => new Date(Date.parse('2026-11-22T02:00:00Z') + s * 1000).toISOString();
    // wobbling at the edge (within accuracy) and a cell fix far away: nothing
    await ctx.services.devices.ingestReports([
      report(w.serialNo, t(0), north(305)), report(w.serialNo, t(10), north(2000), { source: 'cell', accuracy: 1500 }),
      report(w.serialNo, t(20), north(307)),
    ]);
    expect(await count(`SELECT count(*) AS n FROM device_alert WHERE device_id = $1`, [w.id])).toBe(0);
    await ctx.services.devices.ingestReports([report(w.serialNo, t(30), north(400)), report(w.serialNo, t(40), north(420))]);
    expect(await count(`SELECT count(*) AS n FROM device_alert WHERE device_id = $1`, [w.id])).toBe(0);
    await ctx.services.devices.ingestReports([report(w.serialNo, t(50), north(450)), report(w.serialNo, t(60), north(470))]);
    const alerts = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    expect(alerts.map((a: { kind: string }) => a.kind)).toEqual(['zone_exit']);
    expect(alerts[0].detail).toMatchObject({ zoneName: '家附近' });
    expect(await count(`SELECT count(*) AS n FROM elder_risk_event WHERE person_id = $1 AND kind_hash = $2`, [p.id, ctx.services.elder.sealed.kindHashes(['wandering'])[0]])).toBe(1);
    // the zone now knows the elder is out; the map shows it
    const map = (await worker.get(`/api/devices/elders/${p.id}/map?from=${t(0)}&to=${t(100)}`)).body;
    expect(map.zones[0]).toMatchObject({ name: '家附近', exited: true });
    expect(map.track.length).toBe(7);
  });

  it('edits a zone in place (version-checked, audited, fields named) and judges the next fixes by the edited zone', async () => {
    const p = await elder('改区奶奶');
    const w = await watchFor(p.id);
    const t = (s: number) => new Date(Date.parse('2026-11-24T02:00:00Z') + s * 1000).toISOString();
    const made = await worker.post('/api/devices/zones', { personId: p.id, name: '小区', shape: 'circle', center: HOME, radiusM: 1000 });
    expect(made.body.version).toBe(1);
    // 400 m north is well inside 1 km: no alert however many fixes
    await ctx.services.devices.ingestReports([0, 10, 20, 30].map((s) => report(w.serialNo, t(s), north(400 + s))));
    expect(await count('SELECT count(*) AS n FROM device_alert WHERE device_id = $1', [w.id])).toBe(0);

    // the radius shrinks to 200 m and the zone is renamed; a second edit on the old version is refused
    const edited = await worker.request('PATCH', `/api/devices/zones/${made.body.id}`, { name: '楼下花园', radiusM: 200, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: '楼下花园', radiusM: 200, shape: 'circle', version: 2, exited: false });
    const stale = await worker.request('PATCH', `/api/devices/zones/${made.body.id}`, { name: '别的名字', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    // the same spot is now outside by 200 m: three clear fixes raise the exit, named by the edited zone
    await ctx.services.devices.ingestReports([40, 50, 60].map((s) => report(w.serialNo, t(s), north(400 + s))));
    const alerts = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    expect(alerts.map((a: { kind: string }) => a.kind)).toEqual(['zone_exit']);
    expect(alerts[0].detail).toMatchObject({ zoneId: made.body.id, zoneName: '楼下花园' });
    expect(alerts[0].detail.outsideByM).toBeGreaterThan(190);

    // moved onto the elder: the exit is over (the debounce starts afresh with the new outline)
    const moved = await worker.request('PATCH', `/api/devices/zones/${made.body.id}`, { center: north(450), version: 2 });
    expect(moved.body).toMatchObject({ version: 3, exited: false, center: { lat: north(450).lat, lng: HOME.lng } });
    await ctx.services.devices.ingestReports([70, 80, 90].map((s) => report(w.serialNo, t(s), north(450))));
    expect(await count('SELECT count(*) AS n FROM device_alert WHERE device_id = $1', [w.id])).toBe(1);

    // hours set, then cleared back to all day
    const hours = await worker.request('PATCH', `/api/devices/zones/${made.body.id}`, { fromMinute: 480, toMinute: 1200, version: 3 });
    expect(hours.body).toMatchObject({ fromMinute: 480, toMinute: 1200 });
    const allDay = await worker.request('PATCH', `/api/devices/zones/${made.body.id}`, { fromMinute: null, toMinute: null, version: 4 });
    expect(allDay.body).toMatchObject({ fromMinute: null, toMinute: null, version: 5 });

    const audited = await ctx.asOwner(async (db) => (await db.query<{ detail: { op: string; fields?: string[]; debounceReset?: boolean } }>(
      `SELECT detail FROM audit_log WHERE action = 'device.zone_change' AND object_id = $1 ORDER BY id`, [made.body.id])).rows.map((r) => r.detail));
    expect(audited.map((d) => [d.op, d.fields ?? null, d.debounceReset ?? null])).toEqual([
      ['create', null, null], ['update', ['name', 'radiusM'], true], ['update', ['center'], true], ['update', ['hours'], true], ['update', ['hours'], true],
    ]);
  });

  it('moves a polygon’s corners: a fix inside the old outline but outside the new one raises the exit', async () => {
    const p = await elder('顶点大爷');
    const w = await watchFor(p.id);
    const t = (s: number) => new Date(Date.parse('2026-11-25T02:00:00Z') + s * 1000).toISOString();
    const east = (m: number) => HOME.lng + m / (111_195 * Math.cos((HOME.lat * Math.PI) / 180));
    const square = (half: number) => [
      { lat: north(-half).lat, lng: east(-half) }, { lat: north(-half).lat, lng: east(half) }, { lat: north(half).lat, lng: east(half) }, { lat: north(half).lat, lng: east(-half) },
    ];
    const z = await worker.post('/api/devices/zones', { personId: p.id, name: '活动范围', shape: 'polygon', polygon: square(600) });
    await ctx.services.devices.ingestReports([0, 10, 20].map((s) => report(w.serialNo, t(s), north(400))));
    expect(await count('SELECT count(*) AS n FROM device_alert WHERE device_id = $1', [w.id])).toBe(0);
    // the north corners come down to 200 m: 400 m north is now out by 200 m
    const corners = square(600).map((c, i) => (i >= 2 ? { ...c, lat: north(200).lat } : c));
    const r = await worker.request('PATCH', `/api/devices/zones/${z.body.id}`, { polygon: corners, version: z.body.version });
    expect(r.status).toBe(200);
    expect(r.body.polygon[2].lat).toBeCloseTo(north(200).lat, 9);
    await ctx.services.devices.ingestReports([30, 40, 50].map((s) => report(w.serialNo, t(s), north(400))));
    const alerts = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    expect(alerts.map((a: { kind: string; detail: { zoneName: string } }) => [a.kind, a.detail.zoneName])).toEqual([['zone_exit', '活动范围']]);
  });

  it('refuses an edit that breaks a rule, naming the field; another jurisdiction’s zone is not found; a delete checks the version', async () => {
    const p = await elder('校验奶奶');
    const circle = (await worker.post('/api/devices/zones', { personId: p.id, name: '家', shape: 'circle', center: HOME, radiusM: 300 })).body;
    const polygon = (await worker.post('/api/devices/zones', { personId: p.id, name: '院子', shape: 'polygon', polygon: [HOME, north(100), { lat: HOME.lat, lng: HOME.lng + 0.001 }] })).body;
    const bad = async (id: string, body: Record<string, unknown>) => {
      const r = await worker.request('PATCH', `/api/devices/zones/${id}`, body);
      expect(r.status).toBe(422);
      return { fields: r.body.fields.map((f: { field: string }) => f.field), message: r.body.fields[0].message as string };
    };
    expect(await bad(circle.id, { radiusM: 5, version: 1 })).toEqual({ fields: ['radiusM'], message: '半径至少 20 米' });
    expect((await bad(circle.id, { name: '', version: 1 })).fields).toEqual(['name']);
    expect((await bad(circle.id, { center: { lat: 95, lng: 105 }, version: 1 })).fields).toEqual(['center.lat']);
    expect((await bad(circle.id, { polygon: [HOME, north(50), north(80)], version: 1 })).fields).toEqual(['polygon']);
    expect((await bad(polygon.id, { center: HOME, version: 1 })).fields).toEqual(['center']);
    expect((await bad(polygon.id, { polygon: [HOME, north(10)], version: 1 })).fields).toEqual(['polygon']);
    expect((await bad(polygon.id, { fromMinute: 480, version: 1 })).fields).toEqual(['toMinute']);
    expect((await worker.request('PATCH', `/api/devices/zones/${circle.id}`, { name: '家' })).status).toBe(422);
    // nothing was changed by the refusals
    expect((await worker.get(`/api/devices/elders/${p.id}/map?from=2026-11-01T00:00:00Z&to=2026-11-01T01:00:00Z`)).body.zones.map((z: { version: number }) => z.version)).toEqual([1, 1]);

    // outside the jurisdiction: 404 for a change and a delete
    expect((await sibling.request('PATCH', `/api/devices/zones/${circle.id}`, { name: '别人的', version: 1 })).status).toBe(404);
    expect((await sibling.request('DELETE', `/api/devices/zones/${circle.id}?version=1`)).status).toBe(404);
    // a delete on a version someone has moved past is refused; on the current one it goes, audited
    await worker.request('PATCH', `/api/devices/zones/${circle.id}`, { radiusM: 400, version: 1 });
    expect((await worker.request('DELETE', `/api/devices/zones/${circle.id}?version=1`)).status).toBe(409);
    expect((await worker.request('DELETE', `/api/devices/zones/${circle.id}?version=2`)).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM safe_zone WHERE id = $1', [circle.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'device.zone_change' AND object_id = $1 AND detail->>'op' = 'delete'`, [circle.id])).toBe(1);
  });

  it('raises SOS and fall once per report (a fall is a risk event), and low battery once a day', async () => {
    const p = await elder('郑大爷');
    const w = await watchFor(p.id);
    const sos = report(w.serialNo, '2026-11-23T03:00:00Z', HOME, { flags: { sos: true } });
    const fall = report(w.serialNo, '2026-11-23T03:05:00Z', HOME, { flags: { fall: true }, battery: 10 });
    const low = report(w.serialNo, '2026-11-23T04:00:00Z', HOME, { battery: 9 });
    for (let i = 0; i < 3; i++) await ctx.services.devices.ingestReports([sos, fall, low]);
    const kinds = (await worker.get(`/api/devices/alerts?personId=${p.id}&order=asc`)).body.items.map((a: { kind: string }) => a.kind);
    // the fall's report already has a low battery: both at the same moment, so compare as a set
    expect([...kinds].sort()).toEqual(['fall', 'low_battery', 'sos']);
    expect(await count(`SELECT count(*) AS n FROM elder_risk_event WHERE person_id = $1 AND kind_hash = $2`, [p.id, ctx.services.elder.sealed.kindHashes(['fall'])[0]])).toBe(1);
  });

  it('escalates an unacknowledged alert family → grid worker → emergency, and persists each step', async () => {
    const p = await elder('冯奶奶');
    const son = await buildPerson(ctx, worker, { node: GRID, name: '冯儿子' });
    const neighbour = await buildPerson(ctx, worker, { node: GRID, name: '邻居' });
    const w = await watchFor(p.id, { contacts: [{ role: 'family', personId: son.id }, { role: 'emergency', personId: neighbour.id }] });
    await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-24T03:00:00Z', HOME, { flags: { sos: true } })]);
    const [a] = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    expect(a).toMatchObject({ kind: 'sos', state: 'open', level: 0, target: 'family' });
    const now = Date.now();
    await ctx.services.devices.escalateDue(new Date(now + 1000)); // not yet due
    expect((await worker.get(`/api/devices/alerts/${a.id}`)).body.level).toBe(0);
    await ctx.services.devices.escalateDue(new Date(now + 6 * 60_000));
    await ctx.services.devices.escalateDue(new Date(now + 12 * 60_000));
    await ctx.services.devices.escalateDue(new Date(now + 60 * 60_000)); // stays at the top
    const d = (await worker.get(`/api/devices/alerts/${a.id}`)).body;
    expect(d).toMatchObject({ level: 2, target: 'emergency', escalateAt: null });
    expect(d.steps.map((s: { target: string }) => s.target)).toEqual(['family', 'grid_worker', 'emergency']);
    expect(d.steps[0].recipients).toEqual(['冯儿子']);
    expect(d.steps[2].recipients).toEqual(['邻居']);
  });

  it('stops escalating once acknowledged; a stale version is refused; closing keeps the note', async () => {
    const p = await elder('陈大爷');
    const w = await watchFor(p.id);
    await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-25T03:00:00Z', HOME, { flags: { fall: true } })]);
    const [a] = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    const ack = await worker.post(`/api/devices/alerts/${a.id}/acknowledge`, { note: '已电话联系家属', version: a.version });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', escalateAt: null, note: '已电话联系家属' });
    expect((await worker.post(`/api/devices/alerts/${a.id}/acknowledge`, { version: a.version })).status).toBe(409);
    await ctx.services.devices.escalateDue(new Date(Date.now() + 60 * 60_000));
    expect((await worker.get(`/api/devices/alerts/${a.id}`)).body.level).toBe(0);
    const closed = await worker.post(`/api/devices/alerts/${a.id}/close`, { note: '老人无碍', version: ack.body.version });
    expect(closed.body).toMatchObject({ state: 'closed', note: '老人无碍' });
    // a sibling's worker neither sees nor handles it
    expect((await sibling.get(`/api/devices/alerts/${a.id}`)).status).toBe(404);
    expect((await sibling.post(`/api/devices/alerts/${a.id}/close`, { version: closed.body.version })).status).toBe(404);
    expect((await sibling.get(`/api/devices/alerts?personId=${p.id}`)).body.items).toEqual([]);
  });

  it('an alert survives a restart: a new service over the same database still escalates it', async () => {
    const p = await elder('褚大爷');
    const w = await watchFor(p.id);
    await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-26T03:00:00Z', HOME, { flags: { sos: true } })]);
    const { createServices } = await import('../src/services.js');
    const again = createServices(ctx.db, ctx.config, ctx.cipher);
    expect(await again.devices.escalateDue(new Date(Date.now() + 6 * 60_000))).toBeGreaterThanOrEqual(1);
    const [a] = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    expect(a.level).toBe(1);
  });

  it('marks a silent watch offline with one alert', async () => {
    const p = await elder('卫奶奶');
    const w = await watchFor(p.id);
    await ctx.services.devices.heartbeat(w.serialNo, { battery: 60 });
    expect((await worker.get(`/api/devices/${w.id}`)).body.online).toBe(true);
    await ctx.services.devices.markOffline(new Date(Date.now() + 20 * 60_000));
    await ctx.services.devices.markOffline(new Date(Date.now() + 40 * 60_000));
    expect((await worker.get(`/api/devices/${w.id}`)).body.online).toBe(false);
    const kinds = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(['offline']);
  });
});

describe('health kiosks', () => {
  it('files readings by citizen ID (hashed lookup), raises a follow-up event beyond the limits, stores a replay once', async () => {
    const grid = await nodeByCode(ctx, GRID);
    const k = await worker.post('/api/devices', { kind: 'kiosk', serialNo: nextSerial(), jurisdictionId: grid.id, lat: 30.51, lng: 105.59 });
    expect(k.status).toBe(200);
    expect(k.body.deviceKey).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cid = freshCitizenId({ birthDate: '1945-06-01' });
    const p = await buildPerson(ctx, worker, { node: GRID, name: '蒋奶奶', citizenId: cid, birthDate: '1945-06-01' });
    const send = (key: string, body: unknown) => ctx.app.inject({ method: 'POST', url: '/api/devices/kiosk/readings', headers: { 'x-device-serial': k.body.serialNo, 'x-device-key': key }, payload: body as object });
    const body = { readings: [
      { id: 'r1', citizenId: cid, kind: 'blood_pressure', measuredAt: '2026-11-27T01:00:00Z', values: { systolic: 172, diastolic: 95, pulse: 80 } },
      { id: 'r2', qr: `LINLI:P:${p.id}`, kind: 'glucose', measuredAt: '2026-11-27T01:02:00Z', values: { glucose: 5.6, fasting: true } },
      { id: 'r3', citizenId: cid, kind: 'weight', measuredAt: '2026-11-27T01:03:00Z', values: { weightKg: 60, heightCm: 160 } },
    ] };
    expect((await send('wrong-key', body)).statusCode).toBe(401);
    const r = await send(k.body.deviceKey, body);
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items.map((i: { status: string }) => i.status)).toEqual(['stored', 'stored', 'stored']);
    expect(items[0].abnormal).toEqual(['systolic']);
    expect(items[0].eventId).toBeTruthy();
    expect(items[1].eventId).toBeNull();
    const ev = await worker.get(`/api/events/${items[0].eventId}`);
    expect(ev.body).toMatchObject({ kind: 'device_alarm', category: 'health_followup', personId: p.id });
    // the follow-up event names who and where to look, never the value or the finding (it is not sealed)
    expect(ev.body.title).toContain('健康随访：蒋奶奶');
    // (172 as a number of its own: the kiosk's serial is digits that may hold it)
    expect(`${ev.body.title} ${ev.body.description}`).not.toMatch(/(?<!\d)172(?!\d)|收缩压|血压/);
    const again = await send(k.body.deviceKey, body);
    expect(again.json().items.map((i: { status: string }) => i.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await count('SELECT count(*) AS n FROM health_reading WHERE person_id = $1', [p.id])).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM work_item WHERE person_id = $1 AND category = 'health_followup'`, [p.id])).toBe(1);
    // the citizen ID itself is stored nowhere in the readings
    expect(await count('SELECT count(*) AS n FROM health_reading h WHERE row_to_json(h)::text LIKE $1', [`%${cid}%`])).toBe(0);
    const readings = await worker.get(`/api/devices/people/${p.id}/readings`);
    expect(readings.body.items).toHaveLength(3);
    expect(readings.body.items.find((i: { kind: string }) => i.kind === 'weight').values.bmi).toBeCloseTo(23.4, 1);
    // an unknown resident and an incomplete reading are refused, naming the reading
    const unknown = await send(k.body.deviceKey, { readings: [{ id: 'r9', citizenId: freshCitizenId(), kind: 'spo2', measuredAt: '2026-11-27T01:00:00Z', values: { spo2: 97 } }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().fields[0].field).toBe('readings.0');
    const partial = await send(k.body.deviceKey, { readings: [{ id: 'r8', citizenId: cid, kind: 'blood_pressure', measuredAt: '2026-11-27T01:00:00Z', values: { systolic: 120 } }] });
    expect(partial.statusCode).toBe(422);
  });

  it('uses the elder’s own limit over the default', async () => {
    const grid = await nodeByCode(ctx, GRID);
    const k = await worker.post('/api/devices', { kind: 'kiosk', serialNo: nextSerial(), jurisdictionId: grid.id });
    const p = await elder('沈大爷');
    const send = (id: string, systolic: number) => ctx.app.inject({ method: 'POST', url: '/api/devices/kiosk/readings', headers: { 'x-device-serial': k.body.serialNo, 'x-device-key': k.body.deviceKey }, payload: { readings: [{ id, qr: `LINLI:P:${p.id}`, kind: 'blood_pressure', measuredAt: '2026-11-27T02:00:00Z', values: { systolic, diastolic: 80 } }] } });
    expect((await send('a', 150)).json().items[0].abnormal).toEqual([]);
    const t = await worker.request('PUT', `/api/devices/people/${p.id}/thresholds`, { metric: 'systolic', low: 90, high: 145 });
    expect(t.status).toBe(200);
    expect((await send('b', 150)).json().items[0].abnormal).toEqual(['systolic']);
  });

  it('shows the watch, zones and latest readings on the person 360° page', async () => {
    const p = await elder('韩奶奶');
    const w = await watchFor(p.id);
    await ctx.services.devices.heartbeat(w.serialNo, { battery: 55 });
    const o = await worker.get(`/api/people/${p.id}/overview`);
    const panel = o.body.panels.find((x: { key: string }) => x.key === 'devices');
    expect(panel.items[0].value).toContain(w.serialNo);
    expect(panel.items[0].value).toContain('55%');
  });
});

describe('whereabouts (the contract care visits use)', () => {
  it('returns the elder’s fixes in the window, oldest first; cell positions are not valid fixes', async () => {
    const p = await elder('杨大爷');
    const w = await watchFor(p.id);
    await ctx.services.devices.ingestReports([
      report(w.serialNo, '2026-11-01T02:00:00Z', { lat: 30.51, lng: 105.57 }, { accuracy: 8 }),
      report(w.serialNo, '2026-11-01T02:05:00Z', { lat: 30.52, lng: 105.58 }, { valid: false, accuracy: 30 }),
      report(w.serialNo, '2026-11-01T02:10:00Z', { lat: 30.53, lng: 105.59 }, { source: 'cell', accuracy: 600 }),
      report(w.serialNo, '2026-11-01T05:00:00Z', { lat: 30.6, lng: 105.6 }),
    ]);
    const all = await ctx.services.devices.whereabouts(systemScope('test'), p.id, new Date('2026-11-01T01:00:00Z'), new Date('2026-11-01T03:00:00Z'));
    expect(all.map((x) => [x.time.toISOString(), x.lat, x.valid])).toEqual([
      ['2026-11-01T02:00:00.000Z', 30.51, true],
      ['2026-11-01T02:05:00.000Z', 30.52, false],
      ['2026-11-01T02:10:00.000Z', 30.53, false],
    ]);
    expect(all[0]!.accuracy).toBe(8);
  });
});

describe('personal data: retention and audited reads', () => {
  it('purges fixes and readings past their retention, keeps newer ones and the alerts, and audits the purge', async () => {
    const p = await elder('廖大爷');
    const w = await watchFor(p.id);
    const now = new Date('2026-11-29T00:00:00Z'); // positions kept 180 days, readings 730 by default
    await ctx.services.devices.ingestReports([
      report(w.serialNo, '2026-03-01T02:00:00Z', HOME, { flags: { sos: true } }),
      report(w.serialNo, '2026-03-01T02:01:00Z', HOME),
      report(w.serialNo, '2026-11-20T02:00:00Z', HOME),
    ]);
    const grid = await nodeByCode(ctx, GRID);
    const k = await worker.post('/api/devices', { kind: 'kiosk', serialNo: nextSerial(), jurisdictionId: grid.id });
    const send = await ctx.app.inject({
      method: 'POST', url: '/api/devices/kiosk/readings', headers: { 'x-device-serial': k.body.serialNo, 'x-device-key': k.body.deviceKey },
      payload: { readings: [
        { id: 'old', qr: `LINLI:P:${p.id}`, kind: 'spo2', measuredAt: '2024-06-01T01:00:00Z', values: { spo2: 97 } },
        { id: 'new', qr: `LINLI:P:${p.id}`, kind: 'spo2', measuredAt: '2026-11-01T01:00:00Z', values: { spo2: 96 } },
      ] },
    });
    expect(send.statusCode).toBe(200);
    const r = await ctx.services.devices.purgeExpired(now, 1); // batches of one: the loop runs to the end
    expect(r.positions).toBeGreaterThanOrEqual(2);
    expect(r.readings).toBeGreaterThanOrEqual(1);
    expect(await count('SELECT count(*) AS n FROM device_position WHERE device_id = $1', [w.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM device_position WHERE fixed_at < '2026-06-02'`, [])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM health_reading WHERE person_id = $1', [p.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM device_alert WHERE device_id = $1 AND kind = 'sos' AND position_enc IS NOT NULL`, [w.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'device.purge' AND (detail->>'positions')::int = $1`, [r.positions])).toBe(1);
    // nothing left to purge: a second round deletes nothing and writes no audit row
    expect(await ctx.services.devices.purgeExpired(now)).toEqual({ positions: 0, readings: 0 });
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'device.purge'`, [])).toBe(1);
  });

  it('audits each read of a location track or of health readings with exactly one row naming the person', async () => {
    const p = await elder('钱奶奶');
    await watchFor(p.id);
    const rows = (action: string) => count('SELECT count(*) AS n FROM audit_log WHERE action = $1 AND object_id = $2', [action, p.id]);
    const [track0, readings0] = [await rows('device.track_read'), await rows('device.readings_read')];
    expect((await worker.get(`/api/devices/elders/${p.id}/map?from=2026-11-01T00:00:00Z&to=2026-11-29T00:00:00Z`)).status).toBe(200);
    expect(await rows('device.track_read')).toBe(track0 + 1);
    expect((await worker.get(`/api/devices/people/${p.id}/readings`)).status).toBe(200);
    expect(await rows('device.readings_read')).toBe(readings0 + 1);
    // a user outside the jurisdiction reads nothing, and no read is recorded against the person
    expect((await sibling.get(`/api/devices/people/${p.id}/readings`)).status).toBe(404);
    expect(await rows('device.readings_read')).toBe(readings0 + 1);
  });
});

describe('tracks and readings sealed at rest (SECURITY.md: field-level encryption)', () => {
  const rawRows = (sql: string, args: unknown[]) => ctx.asOwner(async (db) => (await db.query<{ j: string }>(sql, args)).rows.map((r) => r.j));

  it('stores fixes, the last fix, alert positions, readings and limits only as ciphertext; the API opens them', async () => {
    const cid = freshCitizenId({ birthDate: '1944-04-04' });
    const p = await buildPerson(ctx, worker, { node: GRID, name: '密大爷', citizenId: cid, birthDate: '1944-04-04' });
    const w = await watchFor(p.id);
    // distinctive numbers: none may appear anywhere in the rows
    const A = { lat: 30.5171717, lng: 105.5929292 };
    const B = { lat: 30.5181818, lng: 105.5939393 };
    await ctx.services.devices.ingestReports([
      report(w.serialNo, '2026-11-10T01:00:00Z', A, { accuracy: 13.2537, altitude: 377.5123, speed: 4.75, course: 212.5371 }),
      report(w.serialNo, '2026-11-10T01:01:00Z', B, { accuracy: 9.5, flags: { sos: true } }),
    ]);
    const positions = await rawRows('SELECT row_to_json(p)::text AS j FROM device_position p WHERE device_id = $1', [w.id]);
    const device = await rawRows('SELECT row_to_json(d)::text AS j FROM device d WHERE id = $1', [w.id]);
    const alerts = await rawRows('SELECT row_to_json(a)::text AS j FROM device_alert a WHERE device_id = $1', [w.id]);
    expect(positions).toHaveLength(2);
    expect(alerts).toHaveLength(1);
    for (const j of [...positions, ...device, ...alerts]) {
      for (const n of ['30.5171717', '105.5929292', '30.5181818', '105.5939393', '13.2537', '377.5123', '212.5371']) expect(j).not.toContain(n);
    }
    const sealed = await ctx.asOwner(async (db) => (await db.query<{ fix: string; last: string; pos: string }>(
      `SELECT (SELECT min(fix_enc) FROM device_position WHERE device_id = $1) AS fix, (SELECT last_fix_enc FROM device WHERE id = $1) AS last,
              (SELECT position_enc FROM device_alert WHERE device_id = $1) AS pos`, [w.id])).rows[0]!);
    for (const t of [sealed.fix, sealed.last, sealed.pos]) expect(t).toMatch(/^v1:[A-Za-z0-9+/=]+$/);

    // the API opens them: the track with its motion, the last fix, the alert's position
    const map = (await worker.get(`/api/devices/elders/${p.id}/map?from=2026-11-10T00:00:00Z&to=2026-11-10T02:00:00Z`)).body;
    expect(map.track.map((f: { lat: number; lng: number; accuracy: number }) => [f.lat, f.lng, f.accuracy])).toEqual([[A.lat, A.lng, 13.2537], [B.lat, B.lng, 9.5]]);
    const detail = (await worker.get(`/api/devices/${w.id}`)).body;
    expect(detail.lastFix).toMatchObject({ lat: B.lat, lng: B.lng, accuracy: 9.5, at: '2026-11-10T01:01:00.000Z' });
    const [alert] = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    expect(alert).toMatchObject({ kind: 'sos', lat: B.lat, lng: B.lng });
    const track = await ctx.services.devices.whereabouts(systemScope('test'), p.id, new Date('2026-11-10T00:00:00Z'), new Date('2026-11-10T02:00:00Z'));
    expect(track.map((f) => [f.lat, f.lng])).toEqual([[A.lat, A.lng], [B.lat, B.lng]]);

    // readings and the elder's own limit, through the kiosk and the threshold API
    const grid = await nodeByCode(ctx, GRID);
    const k = (await worker.post('/api/devices', { kind: 'kiosk', serialNo: nextSerial(), jurisdictionId: grid.id })).body;
    expect((await worker.request('PUT', `/api/devices/people/${p.id}/thresholds`, { metric: 'systolic', low: 91.537, high: 143.571 })).status).toBe(200);
    const sent = await ctx.app.inject({
      method: 'POST', url: '/api/devices/kiosk/readings', headers: { 'x-device-serial': k.serialNo, 'x-device-key': k.deviceKey },
      payload: { readings: [
        { id: 's1', citizenId: cid, kind: 'blood_pressure', measuredAt: '2026-11-10T02:00:00Z', values: { systolic: 147.37, diastolic: 83.41, pulse: 71 } },
        { id: 's2', citizenId: cid, kind: 'glucose', measuredAt: '2026-11-10T02:01:00Z', values: { glucose: 6.3719, fasting: true } },
      ] },
    });
    expect(sent.json().items.map((i: { abnormal: string[] }) => i.abnormal)).toEqual([['systolic'], []]);
    const readings = await rawRows('SELECT row_to_json(h)::text AS j FROM health_reading h WHERE person_id = $1', [p.id]);
    const limits = await rawRows('SELECT row_to_json(t)::text AS j FROM health_threshold t WHERE person_id = $1', [p.id]);
    expect(readings).toHaveLength(2);
    expect(limits).toHaveLength(1);
    for (const j of readings) {
      for (const n of ['147.37', '83.41', '6.3719', 'systolic', 'diastolic', 'glucose_fasting', '"fasting"']) expect(j).not.toContain(n);
      expect(j).toMatch(/"measures_enc":"v1:/);
      expect(j).toMatch(/"abnormal_enc":"v1:/);
    }
    // the metric's name stays (it keys the row); its limits do not
    for (const n of ['91.537', '143.571']) expect(limits[0]).not.toContain(n);
    expect(limits[0]).toMatch(/"limits_enc":"v1:/);
    const got = (await worker.get(`/api/devices/people/${p.id}/readings`)).body;
    const bp = got.items.find((i: { kind: string }) => i.kind === 'blood_pressure');
    expect(bp).toMatchObject({ values: { systolic: 147.37, diastolic: 83.41, pulse: 71 }, abnormal: ['systolic'] });
    expect(got.items.find((i: { kind: string }) => i.kind === 'glucose').values).toMatchObject({ glucose: 6.3719, fasting: true, glucose_fasting: 6.3719 });
    expect(got.thresholds).toEqual([{ metric: 'systolic', low: 91.537, high: 143.571 }]);
    // the person 360° card opens them too, and says so in an audit row of its own
    const panel = (await worker.get(`/api/people/${p.id}/overview`)).body.panels.find((x: { key: string }) => x.key === 'devices');
    expect(panel.items.map((i: { value: string }) => i.value).join(' ')).toContain('147.37/83.41 mmHg ⚠');
    const read = await ctx.asOwner(async (db) => (await db.query<{ detail: { fields: string[]; count: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'device.readings_read' AND object_id = $1 AND detail->>'purpose' = 'overview'`, [p.id])).rows);
    expect(read).toHaveLength(1);
    expect(read[0]!.detail).toMatchObject({ fields: ['values', 'abnormal'], count: 2 });
  });

  it('a ciphertext moved to another column does not open (the column is bound in)', async () => {
    const p = await elder('换大爷');
    const w = await watchFor(p.id);
    await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-11T01:00:00Z', HOME, { flags: { sos: true } })]);
    expect((await worker.get(`/api/devices/${w.id}`)).status).toBe(200);
    const swap = (from: string) => ctx.asOwner((db) => db.query(`UPDATE device d SET last_fix_enc = x.t FROM (SELECT ${from} AS t) x WHERE d.id = $1`, [w.id]));
    const own = await ctx.asOwner(async (db) => (await db.query<{ t: string }>('SELECT last_fix_enc AS t FROM device WHERE id = $1', [w.id])).rows[0]!.t);
    await swap('(SELECT position_enc FROM device_alert WHERE device_id = $1)');
    expect((await worker.get(`/api/devices/${w.id}`)).status).toBe(500);
    // put back (the other tests list every watch), and it opens again
    await ctx.asOwner((db) => db.query('UPDATE device SET last_fix_enc = $2 WHERE id = $1', [w.id, own]));
    expect((await worker.get(`/api/devices/${w.id}`)).body.lastFix.lat).toBeCloseTo(HOME.lat, 9);
  });

  it('drops a fix off the globe at ingestion (the schema can no longer check sealed coordinates)', async () => {
    const p = await elder('界大爷');
    const w = await watchFor(p.id);
    const before = ctx.services.devices.stats.malformed;
    const r = await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-12T01:00:00Z', { lat: 95, lng: 105 }), report(w.serialNo, '2026-11-12T01:01:00Z', HOME)]);
    expect(r.stored).toBe(1);
    expect(ctx.services.devices.stats.malformed).toBe(before + 1);
  });
});

describe('every read of a location or a reading is audited once, naming the field', () => {
  const auditRows = () => count('SELECT count(*) AS n FROM audit_log', []);
  const last = () => ctx.asOwner(async (db) => (await db.query<{ action: string; object_id: string | null; detail: { fields?: string[]; personIds?: string[] } }>(
    'SELECT action, object_id, detail FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0]!);

  it('GET of a watch, of the device list, of an alert, of the alert list, of readings and of the map: exactly one row each', async () => {
    const p = await elder('审大爷');
    const w = await watchFor(p.id);
    await ctx.services.devices.ingestReports([report(w.serialNo, '2026-11-13T01:00:00Z', HOME, { flags: { sos: true } })]);
    const [a] = (await worker.get(`/api/devices/alerts?personId=${p.id}`)).body.items;
    const cases: [string, string, string[], 'object' | 'list'][] = [
      [`/api/devices/${w.id}`, 'device.position_read', ['lastFix'], 'object'],
      ['/api/devices?kind=watch&pageSize=100', 'device.position_read', ['lastFix'], 'list'],
      [`/api/devices/alerts/${a.id}`, 'device.alerts_read', ['position'], 'list'],
      [`/api/devices/alerts?personId=${p.id}`, 'device.alerts_read', ['position'], 'list'],
      [`/api/devices/people/${p.id}/readings`, 'device.readings_read', ['values', 'abnormal', 'thresholds'], 'object'],
      [`/api/devices/elders/${p.id}/map?from=2026-11-13T00:00:00Z&to=2026-11-13T02:00:00Z`, 'device.track_read', ['track', 'lastFix'], 'object'],
    ];
    for (const [url, action, fields, whose] of cases) {
      const before = await auditRows();
      expect((await worker.get(url)).status, url).toBe(200);
      expect(await auditRows(), url).toBe(before + 1);
      const row = await last();
      expect(row.action, url).toBe(action);
      expect(row.detail.fields, url).toEqual(fields);
      if (whose === 'object') expect(row.object_id, url).toBe(p.id);
      else expect(row.detail.personIds, url).toContain(p.id);
    }
    // a kiosk has no one's position: reading it writes nothing
    const grid = await nodeByCode(ctx, GRID);
    const k = (await worker.post('/api/devices', { kind: 'kiosk', serialNo: nextSerial(), jurisdictionId: grid.id })).body;
    const before = await auditRows();
    expect((await worker.get(`/api/devices/${k.id}`)).status).toBe(200);
    expect(await auditRows()).toBe(before);
  });
});
