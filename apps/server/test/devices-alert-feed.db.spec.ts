import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/services.js';
import { type Agent, buildPerson, buildUser, login } from './factories.js';
import { withDatabase } from './global-setup.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Live alerts and positions travel through the database (NOTIFY linli_alerts, linli_positions):
 * the api's SSE stream shows an alert or a watch's new fix whichever process ingested it — this
 * one on PGlite, a separate devices-role process on PostgreSQL.
 */
const GRID = '510903001001001';
const SIBLING_GRID = '510903001002001';

let ctx: TestContext;
let worker: Agent;
let sibling: Agent;
let base: string;
let seq = 0;

beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [GRID] })).username);
  sibling = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [SIBLING_GRID] })).username);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = ctx.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await ctx?.services.devices.stop();
  await ctx?.close();
});

/** Opens the SSE stream as `agent`; `events` fills as they arrive. */
async function stream(agent: Agent) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/devices/stream`, { headers: { cookie: agent.cookie }, signal: ac.signal });
  expect(res.status).toBe(200);
  const events: { type: string; alert: { id: string; kind: string; state: string; personId: string; version: number; lat: number | null } }[] = [];
  const positions: { deviceId: string; personId: string; lat: number; lng: number; accuracy: number | null; at: string; valid: boolean }[] = [];
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type === 'alert' && data) events.push({ type, alert: (JSON.parse(data) as { alert: (typeof events)[number]['alert'] }).alert });
        if (type === 'position' && data) positions.push(JSON.parse(data) as (typeof positions)[number]);
      }
    }
  })();
  return { events, positions, close: () => ac.abort() };
}

async function until<T>(what: string, fn: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function watch() {
  const p = await buildPerson(ctx, worker, { node: GRID, name: '李奶奶', birthDate: '1941-05-06' });
  const serial = `86${String(Date.now()).slice(-8)}${String(++seq).padStart(5, '0')}`;
  const r = await worker.post('/api/devices', { kind: 'watch', serialNo: serial, maker: '3G', personId: p.id });
  expect(r.status).toBe(200);
  return { personId: p.id, serial };
}

/**
 * Ingests one SOS report with a fix in another devices role: a separate process on PostgreSQL
 * (apps/server/test/fixtures/devices-role.ts); on PGlite, which is one process, a second set of
 * services over the same database stands in for it.
 */
async function ingestElsewhere(serial: string, at: Date): Promise<{ stored: number; alerts: number }> {
  if (ctx.kind === 'postgresql') {
    const { rows } = await ctx.db.query<{ name: string }>('SELECT current_database() AS name');
    const url = withDatabase(process.env.TEST_DATABASE_URL!, rows[0]!.name);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'apps/server/test/fixtures/devices-role.ts', url, serial, at.toISOString(), ctx.fieldKey], { timeout: 60_000 });
    const child = JSON.parse(stdout.trim().split('\n').pop()!) as { pid: number; stored: number; alerts: number };
    expect(child.pid).not.toBe(process.pid);
    return child;
  }
  const other = createServices(ctx.db, ctx.config, ctx.cipher);
  return other.devices.ingestReports([
    { serial, fixedAt: at, valid: true, source: 'gps', lat: 30.513, lng: 105.593, accuracy: 10, battery: 80, flags: { sos: true } },
  ]);
}

describe('live alert feed', () => {
  it('pushes a raised alert and its acknowledgement to the stream of the jurisdiction only', async () => {
    const { personId, serial } = await watch();
    const opened = async () => ctx.asOwner(async (db) => Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'device.live_read'`)).rows[0]!.n));
    const before = await opened();
    const mine = await stream(worker);
    const theirs = await stream(sibling);
    try {
      // opening the feed of positions and alerts is a read of locations: one audit row per stream
      expect(await opened()).toBe(before + 2);
      await ctx.services.devices.ingestReports([
        { serial, fixedAt: new Date('2026-11-28T03:00:00Z'), valid: true, source: 'gps', lat: 30.513, lng: 105.593, accuracy: 10, battery: 80, flags: { sos: true } },
      ]);
      const raised = await until('the SOS on the stream', () => mine.events.find((e) => e.alert.personId === personId));
      expect(raised.alert).toMatchObject({ kind: 'sos', state: 'open' });
      const r = await worker.post(`/api/devices/alerts/${raised.alert.id}/acknowledge`, { version: raised.alert.version, note: '已电话联系家属' });
      expect(r.status).toBe(200);
      await until('the acknowledgement on the stream', () => mine.events.find((e) => e.alert.id === raised.alert.id && e.alert.state === 'acknowledged'));
      // every event the worker saw was delivered once
      expect(mine.events.filter((e) => e.alert.id === raised.alert.id).map((e) => e.alert.state)).toEqual(['open', 'acknowledged']);
      expect(theirs.events.filter((e) => e.alert.personId === personId)).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('shows on the api an alert raised by another devices role (a separate process on PostgreSQL)', async () => {
    const { personId, serial } = await watch();
    const mine = await stream(worker);
    try {
      expect((await ingestElsewhere(serial, new Date('2026-11-28T04:00:00Z'))).alerts).toBe(1);
      const a = await until('the other process’s SOS on the stream', () => mine.events.find((e) => e.alert.personId === personId));
      expect(a.alert).toMatchObject({ kind: 'sos', state: 'open' });
      // the position the other process sealed is opened here (the roles share the field key)
      expect(a.alert.lat).toBeCloseTo(30.513, 6);
    } finally {
      mine.close();
    }
  });
});

describe('live positions', () => {
  it('pushes each new fix to the stream of the jurisdiction once, a replayed one not again', async () => {
    const { personId, serial } = await watch();
    const mine = await stream(worker);
    const theirs = await stream(sibling);
    try {
      const fix = (at: string, lat: number) => ({ serial, fixedAt: new Date(at), valid: true, source: 'gps' as const, lat, lng: 105.593, accuracy: 12, battery: 80 });
      const batch = [fix('2026-11-28T05:00:00Z', 30.5131), fix('2026-11-28T05:01:00Z', 30.5133)];
      await ctx.services.devices.ingestReports(batch);
      await until('both fixes on the stream', () => (mine.positions.filter((p) => p.personId === personId).length >= 2 ? true : undefined));
      await ctx.services.devices.ingestReports(batch);
      await ctx.services.devices.ingestReports([fix('2026-11-28T05:02:00Z', 30.5135)]);
      await until('the third fix', () => mine.positions.find((p) => p.personId === personId && p.at === '2026-11-28T05:02:00.000Z'));
      const got = mine.positions.filter((p) => p.personId === personId);
      // in order, once each (the replay stored nothing and told nobody), opened from the sealed fix
      expect(got.map((p) => [p.at, p.lat, p.accuracy])).toEqual([
        ['2026-11-28T05:00:00.000Z', 30.5131, 12], ['2026-11-28T05:01:00.000Z', 30.5133, 12], ['2026-11-28T05:02:00.000Z', 30.5135, 12],
      ]);
      expect(theirs.positions.filter((p) => p.personId === personId)).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('shows on the api the fix another devices role stored (a separate process on PostgreSQL)', async () => {
    const { personId, serial } = await watch();
    const mine = await stream(worker);
    try {
      const at = new Date('2026-11-28T06:00:00Z');
      expect((await ingestElsewhere(serial, at)).stored).toBe(1);
      const p = await until('the other process’s fix on the stream', () => mine.positions.find((x) => x.personId === personId));
      expect(p).toMatchObject({ at: at.toISOString(), valid: true, accuracy: 10 });
      expect(p.lat).toBeCloseTo(30.513, 9);
      expect(p.lng).toBeCloseTo(105.593, 9);
      expect(mine.positions.filter((x) => x.personId === personId)).toHaveLength(1);
    } finally {
      mine.close();
    }
  });
});
