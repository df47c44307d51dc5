import type { FastifyReply } from 'fastify';
import type { Config } from '../../config/env.js';
import { actorOf, CSRF_COOKIE, SESSION_COOKIE } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Actor } from '../../shared/actor.js';
import type { Services } from '../../services.js';
import * as S from './accounts.schema.js';

const ok = { ok: true as const };

function toMe(a: Actor): S.Me {
  return {
    id: a.userId,
    username: a.username,
    displayName: a.displayName,
    roles: a.roles.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
    jurisdictions: a.nodes.map(({ id, code, name, level }) => ({ id, code, name, level })),
    permissions: [...a.permissions],
    mustChangePassword: a.mustChangePassword,
    totpEnabled: a.totpEnabled,
    totpRequired: a.totpRequired,
    lastLoginAt: a.lastLoginAt,
    lastLoginIp: a.lastLoginIp,
  };
}

/** Sign-in, one's own account, user administration and the security administrator's sessions. */
export function accountsRoutes(app: ZodApp, s: Services, config: Config) {
  const cookieBase = { path: '/', secure: config.http.cookieSecure, maxAge: Math.floor(config.auth.sessionAbsoluteMs / 1000) };
  const setSessionCookies = (reply: FastifyReply, token: string, csrf: string) => {
    reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, httpOnly: true, sameSite: 'lax' });
    reply.setCookie(CSRF_COOKIE, csrf, { ...cookieBase, httpOnly: false, sameSite: 'strict' });
  };
  const clearSessionCookies = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  };
  const tags = ['auth'];

  app.post('/api/auth/login', {
    config: { access: { public: true }, rateLimit: { max: config.auth.loginRatePerMinute, timeWindow: '1 minute' } },
    schema: { tags, summary: '登录 / sign in', body: S.LoginBody, response: { 200: S.LoginResponse } },
  }, async (req, reply) => {
    const r = await s.auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    const actor = await s.auth.resolve(r.token, req.ip);
    setSessionCookies(reply, r.token, r.csrf);
    return { user: toMe(actor!) };
  });

  app.post('/api/auth/logout', {
    config: { access: { signedIn: true, whilePending: true } },
    schema: { tags, summary: '退出登录 / sign out', response: { 200: S.Ok } },
  }, async (req, reply) => {
    await s.auth.logout(actorOf(req));
    clearSessionCookies(reply);
    return ok;
  });

  app.get('/api/auth/me', {
    config: { access: { signedIn: true, whilePending: true } },
    schema: { tags, summary: '当前用户 / who am I', response: { 200: S.Me } },
  }, async (req) => toMe(actorOf(req)));

  app.post('/api/auth/password', {
    config: { access: { signedIn: true, whilePending: true } },
    schema: { tags, summary: '修改密码 / change password', body: S.ChangePasswordBody, response: { 200: S.Ok } },
  }, async (req) => {
    await s.auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword);
    return ok;
  });

  app.post('/api/auth/totp/setup', {
    config: { access: { signedIn: true, whilePending: true } },
    schema: { tags, summary: '生成双因素密钥 / start TOTP setup', response: { 200: S.TotpSetup } },
  }, async (req) => s.auth.totpSetup(actorOf(req)));

  app.post('/api/auth/totp/enable', {
    config: { access: { signedIn: true, whilePending: true } },
    schema: { tags, summary: '启用双因素认证 / enable TOTP', body: S.TotpEnableBody, response: { 200: S.Ok } },
  }, async (req) => {
    await s.auth.totpEnable(actorOf(req), req.body.code);
    return ok;
  });

  // ---- user administration (系统管理员)
  const users = ['users'];
  app.get('/api/roles', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: users, summary: '角色列表 / roles', response: { 200: S.RoleList } },
  }, async (req) => ({
    items: (await s.users.roles(actorOf(req))).map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, permissions: r.permissions, isAdmin: r.is_admin })),
  }));

  app.get('/api/users', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: users, summary: '用户列表 / list users', querystring: S.UserQuery, response: { 200: S.UserList } },
  }, async (req) => s.users.list(actorOf(req), { ...req.query, after: req.query.cursor }));

  app.post('/api/users', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: users, summary: '新建用户 / create user', body: S.CreateUserBody, response: { 200: S.User } },
  }, async (req) => s.users.create(actorOf(req), req.body));

  app.get('/api/users/:id', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: users, summary: '用户详情 / get user', params: S.IdParams, response: { 200: S.User } },
  }, async (req) => s.users.get(actorOf(req), req.params.id));

  app.patch('/api/users/:id', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: users, summary: '修改用户 / update user', params: S.IdParams, body: S.PatchUserBody, response: { 200: S.User } },
  }, async (req) => s.users.update(actorOf(req), req.params.id, req.body));

  app.post('/api/users/:id/reset-password', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: users, summary: '重置密码 / reset password', params: S.IdParams, body: S.ResetPasswordBody, response: { 200: S.Ok } },
  }, async (req) => {
    await s.users.resetPassword(actorOf(req), req.params.id, req.body.newPassword);
    return ok;
  });

  app.post('/api/users/:id/unlock', {
    config: { access: { anyPermission: ['user.manage', 'session.manage'] } },
    schema: { tags: users, summary: '解锁用户 / unlock user', params: S.IdParams, response: { 200: S.Ok } },
  }, async (req) => {
    await s.users.unlock(actorOf(req), req.params.id);
    return ok;
  });

  // ---- sessions and lockouts (安全管理员)
  const security = ['security'];
  app.get('/api/security/sessions', {
    config: { access: { permission: 'session.manage' } },
    schema: { tags: security, summary: '在线会话 / open sessions', response: { 200: S.SessionList } },
  }, async (req) => ({ items: await s.sessions.list(actorOf(req)) }));

  app.delete('/api/security/sessions/:id', {
    config: { access: { permission: 'session.manage' } },
    schema: { tags: security, summary: '强制下线 / end a session', params: S.SessionParams, response: { 200: S.Ok } },
  }, async (req) => {
    await s.sessions.end(actorOf(req), req.params.id);
    return ok;
  });

  app.get('/api/security/locked-users', {
    config: { access: { permission: 'session.manage' } },
    schema: { tags: security, summary: '锁定账号 / locked accounts', response: { 200: S.LockedList } },
  }, async (req) => ({ items: await s.sessions.locked(actorOf(req)) }));
}
