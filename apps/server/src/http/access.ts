import type { FastifyReply, FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import type { Actor } from '../shared/actor.js';
import { commonError } from '../shared/errors.js';
import { accountsError } from '../modules/accounts/accounts.errors.js';
import type { AuthService } from '../modules/accounts/auth.service.js';

/**
 * Who may call a route, declared on the route itself (`config.access`) and checked here for all
 * routes before anything else runs. An /api route without a declaration does not start.
 */
export type Access =
  | { public: true }
  | { signedIn: true; whilePending?: boolean }
  | { permission: string; whilePending?: boolean }
  | { anyPermission: string[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'linli_sid';
export const CSRF_COOKIE = 'linli_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The onRequest hook: resolves the session, then enforces the route's access and CSRF. */
export function accessHook(auth: AuthService) {
  return async function checkAccess(req: FastifyRequest, _reply: FastifyReply) {
    req.actor = null;
    const access = req.routeOptions.config.access;
    if (!access) return; // not an API route (static files); API routes are checked at registration
    const token = req.cookies[SESSION_COOKIE];
    // Reads may take the principal from memory (see sessionCheckHook); a write or an event stream
    // reads the session afresh, since either may act before any transaction could check it.
    const fresh = !SAFE_METHODS.has(req.method) || req.headers.accept === 'text/event-stream';
    if (token) req.actor = await auth.resolve(token, req.ip, { fresh });
    if ('public' in access) return;
    const actor = req.actor;
    if (!actor) throw commonError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, actor.csrfToken)) throw commonError('CSRF_INVALID');
    }
    const whilePending = 'whilePending' in access && access.whilePending;
    if (actor.pending && !whilePending) {
      throw actor.pending === 'password' ? accountsError('AUTH_PASSWORD_CHANGE_REQUIRED') : accountsError('AUTH_TOTP_SETUP_REQUIRED');
    }
    if ('permission' in access && !actor.permissions.has(access.permission)) throw commonError('FORBIDDEN');
    if ('anyPermission' in access && !access.anyPermission.some((p) => actor.permissions.has(p))) throw commonError('FORBIDDEN');
  };
}

/**
 * The onSend hook: a read whose actor came from memory and that ran no transaction to check its
 * session in (`SessionCheck`) checks it now, before anything is sent; a session no longer valid
 * gets 401 instead of the answer.
 */
export function sessionCheckHook(auth: AuthService) {
  // Callback style: most requests need nothing here, and pay no promise for it.
  return function checkSession(req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) {
    const actor = req.actor;
    const s = actor?.scope.kind === 'user' ? actor.scope.session : undefined;
    if (!actor || !s || s.checked) return done(null, payload);
    const answer = async () => {
      if (await auth.verify(actor)) return payload;
      await auth.refused(req.cookies[SESSION_COOKIE] ?? '', req.ip);
      req.actor = null;
      reply.status(401).type('application/json; charset=utf-8');
      return JSON.stringify(commonError('UNAUTHENTICATED').toBody());
    };
    answer().then((p) => done(null, p), (e: Error) => done(e));
  };
}

/** The signed-in actor of a route that declared it needs one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw commonError('UNAUTHENTICATED');
  return req.actor;
}
