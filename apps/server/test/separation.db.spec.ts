import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, login, nodeByCode, type Agent } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let sys: Agent;
let sec: Agent;
let aud: Agent;
let auditorId: string;
beforeAll(async () => {
  ctx = await setupTestContext();
  sys = await login(ctx, (await buildUser(ctx, { roles: ['sys_admin'], nodes: ['5109'] })).username);
  sec = await login(ctx, (await buildUser(ctx, { roles: ['security_admin'], nodes: ['5109'] })).username);
  const auditor = await buildUser(ctx, { roles: ['audit_admin'], nodes: ['5109'] });
  auditorId = auditor.id;
  aud = await login(ctx, auditor.username);
});
afterAll(() => ctx?.close());

describe('separation of the three administrators (三员分立)', () => {
  it('the system administrator manages users but cannot read or verify the audit log', async () => {
    expect((await sys.get('/api/users')).status).toBe(200);
    expect((await sys.get('/api/audit')).status).toBe(403);
    expect((await sys.post('/api/audit/verify')).status).toBe(403);
  });

  it('the audit administrator reads and verifies the audit log but cannot see or edit users', async () => {
    expect((await aud.get('/api/audit')).status).toBe(200);
    expect((await aud.post('/api/audit/verify')).body.ok).toBe(true);
    expect((await aud.get('/api/users')).status).toBe(403);
    const node = await nodeByCode(ctx, '510903');
    const create = await aud.post('/api/users', { username: 'sneaky', displayName: '越权', password: 'Strong#Pass2026', roleCodes: ['grid_worker'], jurisdictionIds: [node.id] });
    expect(create.status).toBe(403);
  });

  it('the security administrator manages sessions but not users or the audit log', async () => {
    expect((await sec.get('/api/security/sessions')).status).toBe(200);
    expect((await sec.get('/api/users')).status).toBe(403);
    expect((await sec.get('/api/audit')).status).toBe(403);
  });

  it('a system administrator cannot make anyone an administrator, nor touch an administrator account', async () => {
    const node = await nodeByCode(ctx, '510903');
    const r = await sys.post('/api/users', { username: 'newauditor', displayName: '新审计员', password: 'Strong#Pass2026', roleCodes: ['audit_admin'], jurisdictionIds: [node.id] });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('ADMIN_ACCOUNT_PROTECTED');
    const edit = await sys.patch(`/api/users/${auditorId}`, { status: 'disabled', version: 1 });
    expect(edit.status).toBe(403);
    const reset = await sys.post(`/api/users/${auditorId}/reset-password`, { newPassword: 'Taken#Over2026' });
    expect(reset.status).toBe(403);
    const grid = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const promote = await sys.patch(`/api/users/${grid.id}`, { roleCodes: ['sys_admin'], version: grid.version });
    expect(promote.status).toBe(403);
  });

  it('a signed-out caller gets 401 everywhere', async () => {
    const anon = ctx.app;
    for (const url of ['/api/users', '/api/audit', '/api/jurisdictions', '/api/security/sessions', '/api/auth/me']) {
      expect((await anon.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
});

describe('user administration', () => {
  it('creates, lists, edits with a version check, resets a password and unlocks', async () => {
    const community = await nodeByCode(ctx, '510903001002');
    const created = await sys.post('/api/users', {
      username: 'Zhang.Wei', displayName: '张伟', phone: '+86 138-0013-8000', password: 'Initial#2026pw', roleCodes: ['community_worker'], jurisdictionIds: [community.id],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ username: 'zhang.wei', phone: '138****8000', status: 'active', jurisdictions: [expect.objectContaining({ name: '天宫路社区' })] });

    const dup = await sys.post('/api/users', { username: 'zhang.wei', displayName: '重复', password: 'Initial#2026pw', roleCodes: ['grid_worker'], jurisdictionIds: [community.id] });
    expect(dup.status).toBe(409);

    const list = await sys.get('/api/users?q=zhang&limit=5');
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain('zhang.wei');

    const id = created.body.id;
    const first = await sys.patch(`/api/users/${id}`, { displayName: '张伟（社区）', version: created.body.version });
    expect(first.status).toBe(200);
    const stale = await sys.patch(`/api/users/${id}`, { displayName: '过期编辑', version: created.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    // the new user must change the initial password
    const u = await login(ctx, 'zhang.wei', 'Initial#2026pw');
    expect((await u.get('/api/auth/me')).body.mustChangePassword).toBe(true);

    expect((await sys.post(`/api/users/${id}/reset-password`, { newPassword: 'Reset#Pass2026' })).status).toBe(200);
    expect((await u.get('/api/auth/me')).status).toBe(401);

    for (let i = 0; i < 5; i++) await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhang.wei', password: `bad${i}` } });
    expect((await sys.get(`/api/users/${id}`)).body.locked).toBe(true);
    expect((await sec.get('/api/security/locked-users')).body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await sec.post(`/api/users/${id}/unlock`)).status).toBe(200);
    expect((await sys.get(`/api/users/${id}`)).body.locked).toBe(false);
  });

  it('pages the user list by keyset with a total', async () => {
    const p1 = await sys.get('/api/users?limit=2');
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.total).toBeGreaterThan(2);
    const p2 = await sys.get(`/api/users?limit=2&cursor=${encodeURIComponent(p1.body.nextCursor)}`);
    const names1 = p1.body.items.map((u: { username: string }) => u.username);
    const names2 = p2.body.items.map((u: { username: string }) => u.username);
    expect(names2.some((n: string) => names1.includes(n))).toBe(false);
    expect([...names1, ...names2]).toEqual([...names1, ...names2].sort());
  });

  it('refuses a jurisdiction outside the administrator’s own', async () => {
    const districtAdmin = await login(ctx, (await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] })).username);
    const anju = await nodeByCode(ctx, '510904001001');
    const r = await districtAdmin.post('/api/users', { username: 'crossborder', displayName: '越界', password: 'Strong#Pass2026', roleCodes: ['grid_worker'], jurisdictionIds: [anju.id] });
    expect(r.status).toBe(422);
    expect(r.body.fields[0].field).toBe('jurisdictionIds');
  });
});

describe('the application’s own connections', () => {
  it('run as the application role from their first statement, however many open at once', async () => {
    // concurrent statements make the pool open new connections; each must already be the app
    // role (row-level security applies to it, not to the owner) when its first statement runs
    const users = await Promise.all(Array.from({ length: 12 }, () => ctx.db.query<{ u: string }>('SELECT current_user AS u')));
    expect(new Set(users.map((r) => r.rows[0]!.u))).toEqual(new Set(['linli_app']));
  });
});
