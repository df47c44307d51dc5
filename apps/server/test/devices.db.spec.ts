import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScope } from '../src/db/scope.js';
import { type Agent, buildPerson, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/** GPS watches, positions and the whereabouts other modules read, on a real database. */
const GRID = '510903001001001';
const SIBLING_GRID = '510903001002001';

let ctx: TestContext;
let worker: Agent;
let sibling: Agent;
let elder: { id: string };

/** A watch bound to a person, written as the owner (the device API is tested below). */
async function rawWatch(personId: string, serial: string) {
  const node = await nodeByCode(ctx, GRID);
  return ctx.asOwner(async (db) => {
    const thing = await db.query<{ id: string }>(
      `INSERT INTO thing (district_code, path, kind, name, serial_no) VALUES ($1, $2, 'watch', '定位手表', $3) RETURNING id`,
      [node.code.slice(0, 6), node.path, serial],
    );
    const dev = await db.query<{ id: string }>(
      `INSERT INTO device (thing_id, district_code, path, kind, serial_no, person_id) VALUES ($1, $2, $3, 'watch', $4, $5) RETURNING id`,
      [thing.rows[0]!.id, node.code.slice(0, 6), node.path, serial, personId],
    );
    return dev.rows[0]!.id;
  });
}

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker'], nodes: [GRID] });
  worker = await login(ctx, u.username);
  const s = await buildUser(ctx, { roles: ['community_worker'], nodes: [SIBLING_GRID] });
  sibling = await login(ctx, s.username);
  elder = await buildPerson(ctx, worker, { node: GRID, name: '王大爷', birthDate: '1940-02-03' });
});
afterAll(() => ctx?.close());

describe('whereabouts (the contract care visits use)', () => {
  it('returns the elder’s fixes in the window, oldest first, within the caller’s scope only', async () => {
    const deviceId = await rawWatch(elder.id, '860000000000001');
    const node = await nodeByCode(ctx, GRID);
    await ctx.asOwner((db) => db.query(
      `INSERT INTO device_position (device_id, person_id, district_code, path, fixed_at, valid, source, lat, lng, accuracy) VALUES
        ($1, $2, '510903', $3, '2026-11-01T02:00:00Z', true, 'gps', 30.51, 105.57, 8),
        ($1, $2, '510903', $3, '2026-11-01T02:05:00Z', false, 'gps', 30.52, 105.58, 30),
        ($1, $2, '510903', $3, '2026-11-01T02:10:00Z', true, 'cell', 30.53, 105.59, 600),
        ($1, $2, '510903', $3, '2026-11-01T05:00:00Z', true, 'gps', 30.6, 105.6, 5)`,
      [deviceId, elder.id, node.path],
    ));
    const from = new Date('2026-11-01T01:00:00Z');
    const to = new Date('2026-11-01T03:00:00Z');
    const all = await ctx.services.devices.whereabouts(systemScope('test'), elder.id, from, to);
    expect(all.map((w) => [w.time.toISOString(), w.lat, w.valid])).toEqual([
      ['2026-11-01T02:00:00.000Z', 30.51, true],
      ['2026-11-01T02:05:00.000Z', 30.52, false],
      ['2026-11-01T02:10:00.000Z', 30.53, false], // a cell position is not a valid fix
    ]);
    expect(all[0]!.accuracy).toBe(8);
    const me = await worker.get('/api/auth/me');
    const siblingMe = await sibling.get('/api/auth/me');
    const mine = await ctx.services.devices.whereabouts({ kind: 'user', userId: me.body.id, paths: [node.path] }, elder.id, from, to);
    expect(mine).toHaveLength(3);
    const sib = await nodeByCode(ctx, SIBLING_GRID);
    const theirs = await ctx.services.devices.whereabouts({ kind: 'user', userId: siblingMe.body.id, paths: [sib.path] }, elder.id, from, to);
    expect(theirs).toEqual([]);
  });
});
