import type { Queryable } from '../../db/database.js';

export interface AuditRow {
  id: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  outcome: 'success' | 'failure';
  ip: string | null;
  object_type: string | null;
  object_id: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const AUDIT_CHAIN_LOCK = 7_340_001;

/**
 * Appends one row linked to the row before it. The advisory lock (held until commit) serialises
 * appenders; the last hash is read after it (a fresh snapshot), and the link computed in
 * TypeScript — the same function the verifier uses. (PGlite's pgcrypto digest proved unreliable,
 * so the database does not hash.)
 */
export async function appendChained(tx: Queryable, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>, link: (prev: string) => string, genesis: string): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prev = last.rows[0]?.hash ?? genesis;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO audit_log (occurred_at, actor_id, actor_name, action, outcome, ip, object_type, object_id, reason, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [row.occurred_at, row.actor_id, row.actor_name, row.action, row.outcome, row.ip, row.object_type, row.object_id, row.reason, JSON.stringify(row.detail), prev, link(prev)],
  );
  return rows[0]!.id;
}

export interface AuditFilter {
  action?: string;
  actorName?: string;
  outcome?: 'success' | 'failure';
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

/** Newest first, keyset-paged by id. */
export async function list(tx: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.action) add('action = ?', f.action);
  if (f.actorName) add('actor_name = ?', f.actorName);
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.objectType) add('object_type = ?', f.objectType);
  if (f.objectId) add('object_id = ?', f.objectId);
  if (f.from) add('occurred_at >= ?', f.from);
  if (f.to) add('occurred_at < ?', f.to);
  if (f.beforeId) add('id < ?', f.beforeId);
  params.push(f.limit);
  const { rows } = await tx.query<AuditRow>(
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** The chain in order, one batch at a time (for verification of millions of rows). */
export async function batchAfter(tx: Queryable, afterId: number, limit: number): Promise<AuditRow[]> {
  const { rows } = await tx.query<AuditRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
  return rows;
}
