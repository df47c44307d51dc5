import crypto from 'node:crypto';
import type { Config } from '../../config/env.js';
import type { Database } from '../../db/database.js';
import { SESSION_GONE, systemScope, withScope, type Scope, type SessionCheck } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { chinaTime } from '../../shared/dates.js';
import type { AuditService } from '../audit/audit.service.js';
import { accountsError } from './accounts.errors.js';
import * as repo from './accounts.repository.js';
import { dummyVerify, hashPassword, type PasswordPolicy, verifyPassword } from './password.js';
import { createSessionCache, SESSION_CHANNEL } from './session-cache.js';
import { newTotpSecret, totpStep } from './totp.js';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const SYSTEM = systemScope('authentication');
const TOUCH_EVERY_MS = 15_000;
/** Most sessions kept in memory per instance. */
const CACHE_MAX = 20_000;

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  ip: string;
  userAgent: string | null;
}

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Sign-in, sessions and credentials. Sessions live in the database (the API is stateless and
 * may run as several instances); the cookie carries a random token whose hash is the key.
 */
export function createAuthService(deps: { db: Database; audit: AuditService; config: Config; passwords: PasswordPolicy }) {
  const { db, audit, config, passwords } = deps;
  const cfg = config.auth;
  const sys = <T>(fn: Parameters<typeof withScope<T>>[2]) => withScope(db, SYSTEM, fn);
  const cache = createSessionCache({ ttlMs: cfg.sessionCacheMs, max: CACHE_MAX });
  let unlisten: (() => Promise<void>) | undefined;

  function passwordExpired(changedAt: Date): boolean {
    return cfg.passwordMaxAgeDays > 0 && Date.now() - changedAt.getTime() > cfg.passwordMaxAgeDays * 86_400_000;
  }

  async function fail(username: string, userId: string | null, ip: string, reason: string) {
    await audit.record({ actor: { id: userId, name: username }, action: 'auth.login', outcome: 'failure', ip, reason });
  }

  /** Checks the credentials; on success opens a session and returns its cookie values. */
  async function login(input: LoginInput): Promise<{ token: string; csrf: string; userId: string }> {
    const user = await sys((tx) => repo.findLoginByUsername(tx, input.username));
    if (!user) {
      await dummyVerify(input.password);
      await fail(input.username, null, input.ip, 'unknown user');
      throw accountsError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      await fail(user.username, user.id, input.ip, 'account locked');
      throw accountsError('AUTH_LOCKED', { until: chinaTime(user.locked_until) });
    }
    const passwordOk = await verifyPassword(user.password_hash, input.password);
    if (!passwordOk) {
      const r = await sys((tx) => repo.recordLoginFailure(tx, user.id, cfg.lockoutThreshold, cfg.lockoutMs));
      await fail(user.username, user.id, input.ip, r.locked_until && r.locked_until.getTime() > Date.now() ? 'wrong password; account now locked' : 'wrong password');
      throw accountsError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.status !== 'active') {
      await fail(user.username, user.id, input.ip, 'account disabled');
      throw accountsError('AUTH_DISABLED');
    }
    if (user.totp_enabled && user.totp_secret) {
      if (!input.totp) throw accountsError('AUTH_TOTP_REQUIRED');
      const step = totpStep(user.totp_secret, user.username, input.totp);
      if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
        await sys((tx) => repo.recordLoginFailure(tx, user.id, cfg.lockoutThreshold, cfg.lockoutMs));
        await fail(user.username, user.id, input.ip, 'wrong TOTP code');
        throw accountsError('AUTH_TOTP_INVALID');
      }
      await sys((tx) => repo.setTotpLastStep(tx, user.id, step));
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.randomBytes(24).toString('base64url');
    await sys(async (tx) => {
      await repo.recordLoginSuccess(tx, user.id, input.ip, passwordExpired(user.password_changed_at));
      await repo.insertSession(tx, { id: sha256(token), userId: user.id, csrf, ip: input.ip, userAgent: input.userAgent });
      await audit.recordIn(tx, { actor: { id: user.id, name: user.username }, action: 'auth.login', ip: input.ip });
    });
    return { token, csrf, userId: user.id };
  }

  /**
   * Turns a session cookie into the request's actor, or null when it is unknown, ended or expired.
   * From memory when the session's principal is cached (then the request's first transaction, or
   * `verify`, checks the session may still be used); `fresh` reads it from the database.
   */
  async function resolve(token: string, ip: string, opts: { fresh?: boolean } = {}): Promise<Actor | null> {
    const id = sha256(token);
    const now = Date.now();
    const hit = opts.fresh ? undefined : cache.get(id, now);
    if (hit) {
      const p = hit.principal;
      // Anything that would need a write (expiry, a touch) goes the database way below.
      const fine = now - hit.lastSeen <= TOUCH_EVERY_MS && now - Date.parse(p.created_at) <= cfg.sessionAbsoluteMs && usable(p);
      if (fine) return toActor(p, id, ip, { tokenHash: id, idleMs: cfg.sessionIdleMs, absoluteMs: cfg.sessionAbsoluteMs, checked: false });
    }
    const stamp = cache.stamp();
    const p = await repo.sessionPrincipal(db, id);
    if (!p) return null;
    const lastSeen = Date.parse(p.last_seen_at);
    const expired = now - lastSeen > cfg.sessionIdleMs ? 'idle timeout' : now - Date.parse(p.created_at) > cfg.sessionAbsoluteMs ? 'absolute timeout' : null;
    if (expired || p.status !== 'active') {
      cache.forget(id);
      await sys((tx) => repo.endSession(tx, id, expired ?? 'user disabled'));
      return null;
    }
    // A locked account (too many wrong passwords) is refused until unlocked; its sessions stay.
    if (!usable(p)) return null;
    cache.put(id, p, stamp, now);
    if (now - lastSeen > TOUCH_EVERY_MS) {
      await sys((tx) => repo.touchSession(tx, id));
      cache.touched(id, now);
    }
    return toActor(p, id, ip, undefined);
  }

  function usable(p: repo.SessionPrincipal): boolean {
    // a lockout guards signing in, not the sessions opened before it (see 20261201_0500)
    return p.status === 'active';
  }

  function toActor(p: repo.SessionPrincipal, id: string, ip: string, session: SessionCheck | undefined): Actor {
    const isAdmin = p.roles.some((r) => r.isAdmin);
    const totpRequired = isAdmin && cfg.requireTotpForAdmins;
    const mustChange = p.must_change_password || passwordExpired(new Date(p.password_changed_at));
    const scope: Scope = { kind: 'user', userId: p.id, paths: p.nodes.map((n) => n.path), ...(session ? { session } : {}) };
    return {
      userId: p.id,
      username: p.username,
      displayName: p.display_name,
      roles: p.roles,
      permissions: new Set(p.permissions),
      nodes: p.nodes,
      scope,
      ip,
      sessionId: id,
      csrfToken: p.csrf_token,
      pending: mustChange ? 'password' : totpRequired && !p.totp_enabled ? 'totp' : null,
      mustChangePassword: mustChange,
      totpEnabled: p.totp_enabled,
      totpRequired,
      lastLoginAt: p.previous_login_at ? new Date(p.previous_login_at) : null,
      lastLoginIp: p.previous_login_ip,
    } satisfies Actor;
  }

  /**
   * Whether an actor taken from memory may still use its session, for a request that ran no
   * transaction of its own to check it in (see `SessionCheck`). True for an actor read afresh.
   */
  async function verify(actor: Actor): Promise<boolean> {
    const s = actor.scope.kind === 'user' ? actor.scope.session : undefined;
    if (!s || s.checked) return true;
    try {
      await db.query('SELECT linli_session_alive($1, $2, $3)', [s.tokenHash, s.idleMs, s.absoluteMs]);
      s.checked = true;
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === SESSION_GONE) return false;
      throw e;
    }
  }

  /** This instance changed a user's principal: drop it now (the notification follows for the others). */
  function principalChanged(userId: string) {
    cache.changed(`u:${userId}`);
  }

  return {
    login,
    resolve,
    verify,
    principalChanged,

    /** A session refused while cached: forget it and read it again, which ends it if it expired. */
    async refused(token: string, ip: string) {
      cache.forget(sha256(token));
      await resolve(token, ip, { fresh: true });
    },

    /**
     * Starts keeping principals in memory: listens for changes on `linli_session`; until the
     * listener is up, and whenever it is lost, nothing is cached.
     */
    async startCache() {
      if (unlisten || cfg.sessionCacheMs <= 0) return;
      unlisten = await db.listen(SESSION_CHANNEL, (payload) => cache.changed(payload), () => cache.setLive(false));
      cache.setLive(true);
    },

    async stopCache() {
      cache.setLive(false);
      const off = unlisten;
      unlisten = undefined;
      await off?.();
    },

    async logout(actor: Actor) {
      await sys(async (tx) => {
        await repo.endSession(tx, actor.sessionId, 'logout');
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'auth.logout', ip: actor.ip });
      });
    },

    /** Changes one's own password; checks the rule and the history, ends other sessions. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      const user = await sys((tx) => repo.findLoginById(tx, actor.userId));
      if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
        throw accountsError('AUTH_WRONG_CURRENT_PASSWORD', {}, 'currentPassword');
      }
      await passwords.assertAllowed('newPassword', actor.userId, user.username, newPassword);
      const h = await hashPassword(newPassword);
      await sys(async (tx) => {
        await repo.setPassword(tx, actor.userId, h, false);
        await repo.endUserSessions(tx, actor.userId, 'password changed', actor.sessionId);
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'auth.password_change', ip: actor.ip, objectType: 'user', objectId: actor.userId });
      });
      principalChanged(actor.userId);
    },

    async totpSetup(actor: Actor) {
      const t = newTotpSecret(actor.username);
      await sys((tx) => repo.setTotpSecret(tx, actor.userId, t.secret));
      return t;
    },

    async totpEnable(actor: Actor, code: string) {
      const user = await sys((tx) => repo.findLoginById(tx, actor.userId));
      if (!user?.totp_secret) throw accountsError('AUTH_TOTP_NOT_STARTED');
      const step = totpStep(user.totp_secret, user.username, code);
      if (step === null) {
        throw accountsError('AUTH_TOTP_INVALID', {}, 'code');
      }
      await sys(async (tx) => {
        await repo.enableTotp(tx, actor.userId, step);
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'auth.totp_enable', ip: actor.ip, objectType: 'user', objectId: actor.userId });
      });
      principalChanged(actor.userId);
    },
  };
}
