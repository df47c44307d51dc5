import type { Config } from '../../config/env.js';
import type { Database } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import * as repo from './accounts.repository.js';

export type SessionsService = ReturnType<typeof createSessionsService>;

/** 安全管理 — the security administrator's view of live sessions and locked accounts. */
export function createSessionsService(deps: { db: Database; audit: AuditService; config: Config }) {
  const { db, audit, config } = deps;
  return {
    list: (actor: Actor) =>
      withScope(db, actor.scope, async (tx) => {
        const rows = await repo.listOpenSessions(tx, new Date(Date.now() - config.auth.sessionIdleMs));
        return rows.map((r) => ({
          id: r.id, userId: r.user_id, username: r.username, displayName: r.display_name, ip: r.ip,
          userAgent: r.user_agent, createdAt: r.created_at, lastSeenAt: r.last_seen_at, current: r.id === actor.sessionId,
        }));
      }),

    end: (actor: Actor, sessionId: string) =>
      withScope(db, actor.scope, async (tx) => {
        const owner = await repo.findSessionOwner(tx, sessionId);
        if (!owner) throw commonError('NOT_FOUND');
        await repo.endSession(tx, sessionId, `ended by ${actor.username}`);
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'session.end', ip: actor.ip, objectType: 'user', objectId: owner.user_id });
      }),

    locked: (actor: Actor) =>
      withScope(db, actor.scope, async (tx) =>
        (await repo.listLockedUsers(tx)).map((r) => ({
          id: r.id, username: r.username, displayName: r.display_name, lockedUntil: r.locked_until, failedAttempts: r.failed_attempts,
        })),
      ),
  };
}
