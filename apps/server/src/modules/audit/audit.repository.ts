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
  /** Null until the chainer links the row (moments after its transaction commits). */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

const AUDIT_CHAIN_LOCK = 7_340_001;

/**
 * Appends one row, unlinked, in the caller's transaction: one round trip and no lock, so audited
 * reads do not queue behind each other. `linkPending` links it into the chain once committed.
 */
export async function append(tx: Queryable, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'chain_seq'>): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO audit_log (occurred_at, actor_id, actor_name, action, outcome, ip, object_type, object_id, reason, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [row.occurred_at, row.actor_id, row.actor_name, row.action, row.outcome, row.ip, row.object_type, row.object_id, row.reason, JSON.stringify(row.detail)],
  );
  return rows[0]!.id;
}

export interface ChainLink {
  id: number;
  chain_seq: number;
  prev_hash: string;
  hash: string;
}

/**
 * Links committed, unlinked rows into the chain, oldest first, `limit` at a time. The advisory
 * lock (held until commit) makes one chainer at a time across processes; the chain's end is read
 * after it. The link itself is computed in TypeScript — the function the verifier uses (PGlite's
 * pgcrypto digest proved unreliable, so the database does not hash). Returns how many it linked.
 */
export async function linkPending(tx: Queryable, limit: number, link: (prev: string, row: AuditRow) => string, genesis: string): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const pending = await tx.query<AuditRow>('SELECT * FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT $1', [limit]);
  if (pending.rows.length === 0) return 0;
  const end = await tx.query<{ chain_seq: number; hash: string }>('SELECT chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1');
  let seq = end.rows[0]?.chain_seq ?? 0;
  let prev = end.rows[0]?.hash ?? genesis;
  const links: ChainLink[] = pending.rows.map((r) => {
    const hash = link(prev, r);
    const l = { id: r.id, chain_seq: ++seq, prev_hash: prev, hash };
    prev = hash;
    return l;
  });
  await tx.query(
    `UPDATE audit_log a SET chain_seq = l.chain_seq, prev_hash = l.prev_hash, hash = l.hash
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS l(id, chain_seq, prev_hash, hash)
      WHERE a.id = l.id`,
    [links.map((l) => l.id), links.map((l) => l.chain_seq), links.map((l) => l.prev_hash), links.map((l) => l.hash)],
  );
  return links.length;
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

/** The chain in its order, one batch at a time (for verification of millions of rows). */
export async function chainAfter(tx: Queryable, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const { rows } = await tx.query<AuditRow>('SELECT * FROM audit_log WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2', [afterSeq, limit]);
  return rows;
}

/** Rows not yet linked into the chain. */
export async function unlinkedCount(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE chain_seq IS NULL');
  return rows[0]!.n;
}
