import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScope } from '../src/db/scope.js';
import { type Agent, buildPerson, buildUser, login } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Elder archives, assessments, risk events and proposals against a real database (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set), through the API and the service other modules call.
 */
const GRID = '510903001001001';

let ctx: TestContext;
let staff: Agent;

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker', 'eldercare_staff'], nodes: ['510903'] });
  staff = await login(ctx, u.username);
});
afterAll(() => ctx.close());

describe('the contract other modules use', () => {
  it('records a device risk event once per source key, and levelOf is null before any signed assessment', async () => {
    const p = await buildPerson(ctx, staff, { node: GRID, name: '契约老人', birthDate: '1940-02-02' });
    const sys = systemScope('device alert');
    const at = new Date(Date.now() - 3_600_000);
    const a = await ctx.services.elder.recordRiskEvent(sys, { personId: p.id, kind: 'fall', occurredAt: at, source: 'device', sourceKey: `dev:1:${p.id}` });
    const b = await ctx.services.elder.recordRiskEvent(sys, { personId: p.id, kind: 'fall', occurredAt: at, source: 'device', sourceKey: `dev:1:${p.id}` });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ id: a.id, created: false });
    expect(await ctx.services.elder.levelOf(sys, p.id)).toBeNull();
  });
});
