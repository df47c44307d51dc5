import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope, systemScope } from '../src/db/scope.js';
import { ensureBaseData } from '../src/runtime.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.js';
import { agentFor, login } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

describe('base data', () => {
  it('holds the real Suining division tree from the package, with validity dates', async () => {
    const { rows } = await withScope(ctx.db, systemScope('test'), (tx) =>
      tx.query<{ level: string; n: number }>(`SELECT level, count(*)::int AS n FROM jurisdiction_node GROUP BY level`),
    );
    const counts = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(counts.city).toBe(1);
    expect(counts.district).toBe(5);
    expect(counts.street).toBe(95);
    expect(counts.community).toBe(1445);
    expect(counts.grid).toBeGreaterThanOrEqual(15);
    const { rows: cs } = await withScope(ctx.db, systemScope('test'), (tx) =>
      tx.query<{ name: string; path_names: string[]; valid_from: string }>(`SELECT name, path_names, valid_from FROM jurisdiction_node WHERE code = '510903001001'`),
    );
    expect(cs[0]).toEqual({ name: '电江路社区', path_names: ['遂宁市', '船山区', '南津路街道', '电江路社区'], valid_from: '2023-01-01' });
  });

  it('creates no account outside demo mode', async () => {
    await ensureBaseData(ctx.db, ctx.services, { ...ctx.config, mode: 'production' });
    expect(await ctx.services.users.count()).toBe(0);
    const r = await agentFor(ctx).post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    expect(r.status).toBe(401);
  });

  it('creates the twelve demo accounts in demo mode, each in its jurisdiction', async () => {
    await ensureBaseData(ctx.db, ctx.services, { ...ctx.config, mode: 'demo' });
    expect(await ctx.services.users.count()).toBe(DEMO_ACCOUNTS.length);
    const worker = await login(ctx, 'worker', DEMO_PASSWORD);
    const me = (await worker.get('/api/auth/me')).body;
    expect(me.jurisdictions).toEqual([expect.objectContaining({ code: '510903001001', level: 'community' })]);
    const grid = await login(ctx, 'grid', DEMO_PASSWORD);
    expect((await grid.get('/api/auth/me')).body.jurisdictions[0]).toMatchObject({ level: 'grid', code: '510903001001001' });
    const anju = await login(ctx, 'anju', DEMO_PASSWORD);
    const roots = (await anju.get('/api/jurisdictions')).body.items;
    expect(roots.map((n: { name: string }) => n.name)).toEqual(['安居区']);
  });
});
