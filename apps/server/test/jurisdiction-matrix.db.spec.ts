import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/shared/dates.js';
import { type Agent, buildPerson, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Jurisdiction is enforced in the data layer: for every route that takes an id, a user of a
 * sibling jurisdiction gets 404 — exactly as if the record did not exist — while the same call
 * on a record of their own jurisdiction goes through.
 */
let ctx: TestContext;
const own: Record<string, string> = {};
const sibling: Record<string, string> = {};
let sysAdmin: Agent;
let secAdmin: Agent;
let registrar: Agent;

beforeAll(async () => {
  ctx = await setupTestContext();
  // actors: administrators of 船山区 (510903)
  sysAdmin = await login(ctx, (await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] })).username);
  secAdmin = await login(ctx, (await buildUser(ctx, { roles: ['security_admin'], nodes: ['510903'] })).username);
  registrar = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903'] })).username);
  // records on both sides: 船山区 (own) and 安居区 (sibling)
  for (const [side, code, grid] of [['own', '510903001001', '510903001001001'], ['sibling', '510904001001', '510904001001001']] as const) {
    const bag = side === 'own' ? own : sibling;
    const user = await buildUser(ctx, { roles: ['grid_worker'], nodes: [grid] });
    bag.user = user.id;
    bag.userVersion = String(user.version);
    await login(ctx, user.username);
    const { rows } = await ctx.asOwner((db) => db.query<{ id: string }>('SELECT id FROM user_session WHERE user_id = $1 AND ended_at IS NULL', [user.id]));
    bag.session = rows[0]!.id;
    const community = await nodeByCode(ctx, code);
    const created = await (await login(ctx, (await buildUser(ctx, { roles: ['sys_admin'], nodes: [code] })).username)).post('/api/jurisdictions', {
      parentId: community.id, name: `测试网格${side}`, validFrom: '2024-06-01',
    });
    bag.grid = created.body.id;
    const sideWorker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [code] })).username);
    const person = await buildPerson(ctx, sideWorker, { node: grid, name: `矩阵${side}` });
    bag.person = person.id;
    bag.personVersion = String(person.version);
  }
});
afterAll(() => ctx?.close());

type Call = { agent: () => Agent; method: string; url: (ids: Record<string, string>) => string; body?: (ids: Record<string, string>) => unknown; ok: number };

// (ending a session comes first: resetting a password later ends that user's sessions)
const matrix: Record<string, Call> = {
  'DELETE /api/security/sessions/{id}': { agent: () => secAdmin, method: 'DELETE', url: (i) => `/api/security/sessions/${i.session}`, ok: 200 },
  'GET /api/users/{id}': { agent: () => sysAdmin, method: 'GET', url: (i) => `/api/users/${i.user}`, ok: 200 },
  'PATCH /api/users/{id}': { agent: () => sysAdmin, method: 'PATCH', url: (i) => `/api/users/${i.user}`, body: (i) => ({ displayName: '改名', version: Number(i.userVersion) }), ok: 200 },
  'POST /api/users/{id}/reset-password': { agent: () => sysAdmin, method: 'POST', url: (i) => `/api/users/${i.user}/reset-password`, body: () => ({ newPassword: 'Matrix#Pass2026' }), ok: 200 },
  'POST /api/users/{id}/unlock': { agent: () => secAdmin, method: 'POST', url: (i) => `/api/users/${i.user}/unlock`, body: () => ({}), ok: 200 },
  'GET /api/people/{id}': { agent: () => registrar, method: 'GET', url: (i) => `/api/people/${i.person}`, ok: 200 },
  'PATCH /api/people/{id}': { agent: () => registrar, method: 'PATCH', url: (i) => `/api/people/${i.person}`, body: (i) => ({ notes: '矩阵', version: Number(i.personVersion) }), ok: 200 },
  'GET /api/people/{id}/history': { agent: () => registrar, method: 'GET', url: (i) => `/api/people/${i.person}/history`, ok: 200 },
  'POST /api/people/{id}/unmask': { agent: () => registrar, method: 'POST', url: (i) => `/api/people/${i.person}/unmask`, body: () => ({ fields: ['phone'], reason: '矩阵测试核对' }), ok: 200 },
  'GET /api/jurisdictions/{id}': { agent: () => sysAdmin, method: 'GET', url: (i) => `/api/jurisdictions/${i.grid}`, ok: 200 },
  'POST /api/jurisdictions/{id}/retire': { agent: () => sysAdmin, method: 'POST', url: (i) => `/api/jurisdictions/${i.grid}/retire`, body: () => ({ validTo: today(), version: 1 }), ok: 200 },
};

describe('jurisdiction matrix', () => {
  it('covers every route of the API that takes an id', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const withId = Object.entries(doc.paths)
      .filter(([p]) => p.includes('{id}'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(withId.sort()).toEqual(Object.keys(matrix).sort());
  });

  for (const [route, call] of Object.entries(matrix)) {
    it(`${route}: 404 for a sibling jurisdiction's record, and it stays unchanged`, async () => {
      const snapshot = () => ctx.asOwner(async (db) => [
        (await db.query('SELECT * FROM app_user WHERE id = $1', [sibling.user])).rows,
        (await db.query('SELECT * FROM person WHERE id = $1', [sibling.person])).rows,
        (await db.query('SELECT * FROM jurisdiction_node WHERE id = $1', [sibling.grid])).rows,
      ]);
      const before = await snapshot();
      const r = await call.agent().request(call.method, call.url(sibling), call.body?.(sibling));
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });
    it(`${route}: goes through for a record of the user's own jurisdiction`, async () => {
      const r = await call.agent().request(call.method, call.url(own), call.body?.(own));
      expect(r.status).toBe(call.ok);
    });
  }
});

describe('list endpoints never leak (random trees)', () => {
  /** A small seeded generator, so a failure can be replayed. */
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  }

  it('for random pairs of nodes, a user of one sees nothing outside it in search, children and users', async () => {
    const { rows: nodes } = await ctx.asOwner((db) =>
      db.query<{ id: string; code: string; name: string; path: string; level: string }>(
        `SELECT id, code, name, path::text AS path, level FROM jurisdiction_node WHERE level IN ('district','street','community','grid') ORDER BY code`,
      ),
    );
    const rand = rng(20261129);
    const pick = () => nodes[Math.floor(rand() * nodes.length)]!;
    for (let i = 0; i < 12; i++) {
      const home = pick();
      const probe = pick();
      const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: [home.code] });
      await buildUser(ctx, { roles: ['grid_worker'], nodes: [probe.code] });
      const a = await login(ctx, admin.username);
      const inside = (path: string) => path === home.path || path.startsWith(`${home.path}.`);
      const byId = new Map(nodes.map((n) => [n.id, n]));

      const search = await a.get(`/api/jurisdictions?q=${encodeURIComponent(probe.name.slice(0, 2))}`);
      for (const n of search.body.items) expect(inside(byId.get(n.id)?.path ?? '')).toBe(true);

      const children = await a.get(`/api/jurisdictions?parentId=${probe.id}`);
      for (const n of children.body.items) expect(inside(byId.get(n.id)?.path ?? '')).toBe(true);

      const users = await a.get('/api/users?limit=200');
      for (const u of users.body.items) {
        for (const j of u.jurisdictions) expect(inside(byId.get(j.id)?.path ?? nodes.find((n) => n.code === j.code)?.path ?? '')).toBe(true);
      }
      if (!inside(probe.path)) expect((await a.get(`/api/jurisdictions/${probe.id}`)).status).toBe(404);
    }
  });
});
