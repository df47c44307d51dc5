import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../src/modules/accounts/totp.js';
import { type Agent, agentFor, buildUser, login, TEST_PASSWORD } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

const tryLogin = (username: string, password: string, extra: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra } });

describe('sign-in', () => {
  it('signs in with an HttpOnly SameSite session cookie and a CSRF cookie, and says who I am', async () => {
    const u = await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] });
    const res = await tryLogin(u.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === 'linli_sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
    const csrf = res.cookies.find((c) => c.name === 'linli_csrf')!;
    expect(csrf.httpOnly).toBeFalsy();
    const me = await agentFor(ctx, `linli_sid=${sid.value}`).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: u.username,
      roles: [expect.objectContaining({ code: 'community_worker', name: '社区工作者' })],
      jurisdictions: [expect.objectContaining({ code: '510903001001', name: '电江路社区', level: 'community' })],
    });
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const wrong = await tryLogin(u.username, 'Wrong@2026x');
    const unknown = await tryLogin('nobody-here', 'Wrong@2026x');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json().message).toBe(wrong.json().message);
  });

  it('locks the account after 5 wrong passwords: the 6th try is 423 even with the right one; later it works', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    for (let i = 0; i < 5; i++) expect((await tryLogin(u.username, `Wrong@${i}xyz`)).statusCode).toBe(401);
    const sixth = await tryLogin(u.username, TEST_PASSWORD);
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json()).toMatchObject({ code: 'AUTH_LOCKED', message: expect.stringContaining('锁定') });
    // 30 minutes later (moved back in the database rather than waited for)
    await ctx.asOwner((db) => db.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = $1`, [u.username]));
    expect((await tryLogin(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks for the configured 30 minutes', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    for (let i = 0; i < 5; i++) await tryLogin(u.username, `Wrong@${i}xyz`);
    const { rows } = await ctx.asOwner((db) =>
      db.query<{ minutes: number }>(`SELECT extract(epoch FROM locked_until - now()) / 60 AS minutes FROM app_user WHERE username = $1`, [u.username]),
    );
    expect(rows[0]!.minutes).toBeGreaterThan(29);
    expect(rows[0]!.minutes).toBeLessThanOrEqual(30);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, u.username);
    const noToken = await a.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_INVALID');
    const forged = await a.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged-token-value' });
    expect(forged.status).toBe(403);
    expect((await a.get('/api/auth/me')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('ends the session at logout: the old cookie no longer works', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, u.username);
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });

  it('expires after 30 idle minutes and after 12 hours in all', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const idle = await login(ctx, u.username);
    const absolute = await login(ctx, u.username);
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    await ctx.asOwner((db) =>
      db.query(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE id = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [
        idle.cookie.match(/linli_sid=([^;]+)/)![1],
      ]),
    );
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    await ctx.asOwner((db) =>
      db.query(`UPDATE user_session SET created_at = now() - interval '12 hours 1 minute' WHERE id = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [
        absolute.cookie.match(/linli_sid=([^;]+)/)![1],
      ]),
    );
    expect((await absolute.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a disabled user’s sessions at once', async () => {
    const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] });
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const victim = await login(ctx, u.username);
    const a = await login(ctx, admin.username);
    const r = await a.patch(`/api/users/${u.id}`, { status: 'disabled', version: u.version });
    expect(r.status).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    expect((await tryLogin(u.username, TEST_PASSWORD)).statusCode).toBe(403);
  });

  it('lets the security administrator end another user’s session', async () => {
    const sec = await buildUser(ctx, { roles: ['security_admin'], nodes: ['5109'] });
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const victim = await login(ctx, u.username);
    const s = await login(ctx, sec.username);
    const list = await s.get('/api/security/sessions');
    const session = list.body.items.find((x: { username: string }) => x.username === u.username);
    expect(session).toBeDefined();
    expect((await s.delete(`/api/security/sessions/${session.id}`)).status).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
  });
});

describe('sessions kept in memory', () => {
  const sidOf = (a: Agent) => a.cookie.match(/linli_sid=([^;]+)/)![1]!;
  const hashOf = `encode(sha256(convert_to($1, 'UTF8')), 'hex')`;
  /** Changes rows as the owner with triggers off: no notification can tell the API instance. */
  const silently = (sql: string, params: unknown[]) =>
    ctx.asOwner((db) => db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(sql, params);
    }));
  /**
   * A signed-in grid worker whose principal the API now holds in memory: a silent rename does not
   * show. (On PostgreSQL the notifications of the sign-in itself arrive a moment later and drop
   * the first reading; hence the retry.)
   */
  async function cachedWorker() {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, u.username);
    let n = 0;
    await expect.poll(async () => {
      expect((await a.get('/api/people?limit=1')).status).toBe(200);
      await silently('UPDATE app_user SET display_name = $2 WHERE id = $1', [u.id, `改名未通知${++n}`]);
      const me = await a.get('/api/auth/me');
      expect(me.status).toBe(200);
      return me.body.displayName === `改名未通知${n}` ? 'read afresh' : 'from memory';
    }, { timeout: 10_000 }).toBe('from memory');
    return { u, a, silentName: `改名未通知${n}` };
  }

  it('refuses a cached session the security administrator ended, at once, on a read with or without a transaction', async () => {
    const sec = await buildUser(ctx, { roles: ['security_admin'], nodes: ['5109'] });
    const s = await login(ctx, sec.username);
    const first = await cachedWorker();
    const second = await cachedWorker();
    const sessions = (await s.get('/api/security/sessions')).body.items as { id: string; username: string }[];
    for (const v of [first, second]) {
      const session = sessions.find((x) => x.username === v.u.username)!;
      expect((await s.delete(`/api/security/sessions/${session.id}`)).status).toBe(200);
    }
    // the search checks the session in its own transaction; /me runs none and checks before answering
    const search = await first.a.get('/api/people?limit=1');
    expect(search.status).toBe(401);
    expect(search.body.code).toBe('UNAUTHENTICATED');
    expect((await second.a.get('/api/auth/me')).status).toBe(401);
    expect((await first.a.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a cached session at once when its user is disabled, or it expired, though nothing notified the API', async () => {
    const cases: [string, string, (a: Agent) => unknown[]][] = [
      ['disabled', `UPDATE app_user SET status = 'disabled' WHERE id = (SELECT user_id FROM user_session WHERE id = ${hashOf})`, (a) => [sidOf(a)]],
      ['idle', `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE id = ${hashOf}`, (a) => [sidOf(a)]],
      ['absolute', `UPDATE user_session SET created_at = now() - interval '12 hours 1 minute' WHERE id = ${hashOf}`, (a) => [sidOf(a)]],
    ];
    for (const [what, sql, params] of cases) {
      const withTx = await cachedWorker();
      const withoutTx = await cachedWorker();
      await silently(sql, params(withTx.a));
      await silently(sql, params(withoutTx.a));
      expect([what, (await withTx.a.get('/api/people?limit=1')).status]).toEqual([what, 401]);
      expect([what, (await withoutTx.a.get('/api/auth/me')).status]).toEqual([what, 401]);
    }
  });

  it('writes nothing for a cached session that was ended: no audit row of the refused search', async () => {
    const { u, a } = await cachedWorker();
    await silently(`UPDATE user_session SET ended_at = now(), end_reason = 'test' WHERE id = ${hashOf}`, [sidOf(a)]);
    const before = await ctx.asOwner((db) => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'person.search'`, [u.id]));
    expect((await a.get('/api/people?limit=1')).status).toBe(401);
    const after = await ctx.asOwner((db) => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'person.search'`, [u.id]));
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('drops a cached principal when the user’s roles change (notified by the database)', async () => {
    const { u, a, silentName } = await cachedWorker();
    // the silent rename shows once anything about the user is notified
    await ctx.asOwner((db) => db.query(`DELETE FROM user_role WHERE user_id = $1`, [u.id]));
    await expect.poll(async () => (await a.get('/api/people?limit=1')).status, { timeout: 5000 }).toBe(403);
    expect((await a.get('/api/auth/me')).body.displayName).toBe(silentName);
  });

  it('keeps a session opened before a lockout: five wrong passwords by someone else do not end the user’s work', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, u.username);
    await ctx.asOwner((db) => db.query(`UPDATE app_user SET locked_until = now() + interval '30 minutes' WHERE id = $1`, [u.id]));
    expect((await a.get('/api/people?limit=1')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    // signing in again is what the lockout refuses
    const again = await tryLogin(u.username, TEST_PASSWORD);
    expect(again.statusCode).toBe(423);
  });
});

describe('passwords', () => {
  it('forces a first administrator to change the password before anything else', async () => {
    const first = await buildUser(ctx, { roles: ['sys_admin'], nodes: ['5109'], mustChangePassword: true });
    const a = await login(ctx, first.username);
    expect((await a.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    const blocked = await a.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    const changed = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Fresh#Start2026' });
    expect(changed.status).toBe(200);
    expect((await a.get('/api/users')).status).toBe(200);
  });

  it('enforces 3 of 4 character classes and the history of recent passwords', async () => {
    const u = await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] });
    const a = await login(ctx, u.username);
    const weak = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'alllowercase1' });
    expect(weak.status).toBe(422);
    expect(weak.body.fields[0].field).toBe('newPassword');
    const reused = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('PASSWORD_REUSED');
    const wrongCurrent = await a.post('/api/auth/password', { currentPassword: 'Nope@2026x', newPassword: 'Brand#New2026' });
    expect(wrongCurrent.status).toBe(422);
    expect(wrongCurrent.body.fields[0].field).toBe('currentPassword');
    expect((await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Brand#New2026' })).status).toBe(200);
    expect((await tryLogin(u.username, 'Brand#New2026')).statusCode).toBe(200);
  });
});

describe('rate limit', () => {
  it('limits sign-in attempts per IP', async () => {
    const limited = await setupTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.9.9.9' });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      const other = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.9.9.10' });
      expect(other.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('two factors', () => {
  it('requires administrators to enrol TOTP, then asks for a fresh code at every sign-in', async () => {
    const strict = await setupTestContext({ REQUIRE_TOTP_FOR_ADMINS: 'true' });
    try {
      const admin = await buildUser(strict, { roles: ['sys_admin'], nodes: ['5109'] });
      const a = await login(strict, admin.username);
      const me = (await a.get('/api/auth/me')).body;
      expect(me).toMatchObject({ totpRequired: true, totpEnabled: false });
      expect((await a.get('/api/users')).body.code).toBe('AUTH_TOTP_SETUP_REQUIRED');
      const setup = await a.post('/api/auth/totp/setup');
      expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect((await a.post('/api/auth/totp/enable', { code: '000000' === totpNow(setup.body.secret, admin.username) ? '111111' : '000000' })).status).toBe(401);
      expect((await a.post('/api/auth/totp/enable', { code: totpNow(setup.body.secret, admin.username) })).status).toBe(200);
      expect((await a.get('/api/users')).status).toBe(200);

      const noCode = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: TEST_PASSWORD } });
      expect(noCode.statusCode).toBe(401);
      expect(noCode.json().code).toBe('AUTH_TOTP_REQUIRED');
      const next = totpNow(setup.body.secret, admin.username, Date.now() + 30_000);
      const ok = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: TEST_PASSWORD, totp: next } });
      expect(ok.statusCode).toBe(200);
      const replay = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: TEST_PASSWORD, totp: next } });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('AUTH_TOTP_INVALID');
    } finally {
      await strict.close();
    }
  });
});
