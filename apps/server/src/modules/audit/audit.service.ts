import type { Database, Queryable } from '../../db/database.js';
import { AUDIT_ACTIONS, type AuditAction } from './audit.actions.js';
import { chainHash, GENESIS_HASH } from './audit.hash.js';
import * as repo from './audit.repository.js';

/** Who did it; absent for an anonymous failed sign-in. */
export interface AuditActor {
  id: string | null;
  name: string | null;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: AuditAction;
  outcome?: 'success' | 'failure';
  ip?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadId?: number;
  reason?: string;
}

export type AuditService = ReturnType<typeof createAuditService>;

/**
 * The audit log: one place every module writes who did what to whom. `recordIn` joins the
 * caller's transaction so the audit row commits (or rolls back) with the change it describes.
 */
export function createAuditService(db: Database) {
  async function recordIn(tx: Queryable, e: AuditEntry): Promise<number> {
    const row = {
      occurred_at: new Date(),
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.name ?? null,
      action: e.action,
      outcome: e.outcome ?? 'success',
      ip: e.ip ?? null,
      object_type: e.objectType ?? null,
      object_id: e.objectId ?? null,
      reason: e.reason ?? null,
      detail: e.detail ?? {},
    };
    return repo.appendChained(tx, row, (prev) => chainHash(prev, row), GENESIS_HASH);
  }

  return {
    recordIn,
    /** Records in a transaction of its own (e.g. a failed sign-in, which has nothing to join). */
    record: (e: AuditEntry) => db.transaction((tx) => recordIn(tx, e)),

    list: (filter: repo.AuditFilter) => repo.list(db, filter),

    actions: () => Object.entries(AUDIT_ACTIONS).map(([code, a]) => ({ code, name: a.name, nameEn: a.nameEn })),

    /** Walks the whole chain in id order; names the first row whose link or content is wrong. */
    async verify(): Promise<VerifyResult> {
      let prev = GENESIS_HASH;
      let lastId = 0;
      let checked = 0;
      for (;;) {
        const batch = await repo.batchAfter(db, lastId, 5000);
        if (batch.length === 0) return { ok: true, checked };
        for (const r of batch) {
          if (r.prev_hash !== prev) return { ok: false, checked, firstBadId: r.id, reason: 'prev_hash does not link to the previous row (a row was removed or inserted)' };
          if (chainHash(prev, r) !== r.hash) return { ok: false, checked, firstBadId: r.id, reason: 'content does not match its hash (the row was altered)' };
          prev = r.hash;
          lastId = r.id;
          checked++;
        }
      }
    },
  };
}
