import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestContext, type TestContext } from './harness.js';
import { agentFor, buildUser, login } from './factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

describe('system endpoints', () => {
  it('answers health with the database kind', async () => {
    const r = await agentFor(ctx).get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', database: ctx.kind });
  });

  it('publishes an OpenAPI 3 document of every route, and its viewer', async () => {
    const r = await agentFor(ctx).get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/auth/me', '/api/users', '/api/users/{id}', '/api/jurisdictions', '/api/audit', '/api/audit/verify']) {
      expect(Object.keys(r.body.paths)).toContain(p);
    }
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers an unknown API path with a 404 in both languages', async () => {
    const r = await agentFor(ctx).get('/api/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: expect.any(String), messageEn: expect.any(String) });
  });
});

describe('bad input', () => {
  it('rejects a body with an undeclared field with 400, naming the field', async () => {
    const r = await agentFor(ctx).post('/api/auth/login', { username: 'x', password: 'y', isAdmin: true });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
    expect(r.body.message).toContain('isAdmin');
  });

  it('names each invalid field with a Chinese and an English reason (422), and stores nothing', async () => {
    const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] });
    const a = await login(ctx, admin.username);
    const before = await a.get('/api/users?limit=200');
    const r = await a.post('/api/users', { username: '张三', displayName: '', password: 'x', roleCodes: [], jurisdictionIds: ['not-a-uuid'] });
    expect(r.status).toBe(422);
    const fields = r.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'roleCodes', 'jurisdictionIds.0']));
    const username = r.body.fields.find((f: { field: string }) => f.field === 'username');
    expect(username.message).toMatch(/用户名/);
    expect(username.messageEn).toMatch(/username/i);
    const after = await a.get('/api/users?limit=200');
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses a weak password with the rule, naming the field', async () => {
    const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] });
    const a = await login(ctx, admin.username);
    const node = (await a.get('/api/jurisdictions')).body.items[0];
    const r = await a.post('/api/users', { username: 'weakpw', displayName: '弱密码', password: 'abcdefgh', roleCodes: ['grid_worker'], jurisdictionIds: [node.id] });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', fields: [expect.objectContaining({ field: 'password' })] });
  });
});
