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
  /** Rows committed after the last link (linked by the chainer within moments). */
  pending: number;
  firstBadId?: number;
  reason?: string;
}

export type AuditService = ReturnType<typeof createAuditService>;

const LINK_BATCH = 2000;

/**
 * The audit log: one place every module writes who did what to whom. `recordIn` joins the
 * caller's transaction so the audit row commits (or rolls back) with the change it describes;
 * the chainer (`linkPending`, run by `startChainer`) links committed rows into the hash chain.
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
    return repo.append(tx, row);
  }

  /** Links every committed, unlinked row into the chain; returns how many. */
  async function linkPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await db.transaction((tx) => repo.linkPending(tx, LINK_BATCH, chainHash, GENESIS_HASH));
      total += n;
      if (n < LINK_BATCH) return total;
    }
  }

  return {
    recordIn,
    /** Records in a transaction of its own (e.g. a failed sign-in, which has nothing to join). */
    record: (e: AuditEntry) => db.transaction((tx) => recordIn(tx, e)),

    linkPending,

    /**
     * Links new rows every `intervalMs` until stopped. Any number of processes may run one; the
     * chain's lock makes them take turns. A failed round is logged and retried on the next tick.
     */
    startChainer(intervalMs: number, onError: (e: unknown) => void): () => Promise<void> {
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        running = running.then(() => linkPending()).catch(onError);
      }, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
        await linkPending().catch(onError);
      };
    },

    list: (filter: repo.AuditFilter) => repo.list(db, filter),

    actions: () => Object.entries(AUDIT_ACTIONS).map(([code, a]) => ({ code, name: a.name, nameEn: a.nameEn })),

    /** Links what is pending, then walks the whole chain in order; names the first row whose link or content is wrong. */
    async verify(): Promise<VerifyResult> {
      await linkPending();
      let prev = GENESIS_HASH;
      let lastSeq = 0;
      let checked = 0;
      for (;;) {
        const batch = await repo.chainAfter(db, lastSeq, 5000);
        if (batch.length === 0) return { ok: true, checked, pending: await repo.unlinkedCount(db) };
        for (const r of batch) {
          const bad = (reason: string): VerifyResult => ({ ok: false, checked, pending: 0, firstBadId: r.id, reason });
          if (r.chain_seq !== lastSeq + 1) return bad('chain_seq skips a link (a row was removed)');
          if (r.prev_hash !== prev) return bad('prev_hash does not link to the previous row (a row was removed or inserted)');
          if (chainHash(prev, r) !== r.hash) return bad('content does not match its hash (the row was altered)');
          prev = r.hash;
          lastSeq = r.chain_seq;
          checked++;
        }
      }
    },
  };
}
