import type { Queryable } from '../../db/database.js';

export interface ExportJobRow {
  id: string;
  path: string;
  requested_by: string;
  requester_name: string | null;
  resource: string;
  filters: Record<string, unknown>;
  masked: boolean;
  reason: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'running' | 'ready' | 'failed' | 'expired';
  decided_by: string | null;
  decider_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  rows_written: number;
  rows_expected: number | null;
  file_key: string | null;
  file_size: string | number | null;
  expires_at: Date | null;
  downloads: number;
  max_downloads: number;
  error: string | null;
  finished_at: Date | null;
  created_at: Date;
  version: number;
  node_name: string | null;
}

const SELECT = `SELECT t.*, t.path::text AS path, n.name AS node_name FROM export_job t LEFT JOIN jurisdiction_node n ON n.path = t.path`;

export async function insertJob(tx: Queryable, j: {
  path: string; requested_by: string; requester_name: string; resource: string; filters: Record<string, unknown>; masked: boolean; reason: string | null;
  status: 'pending' | 'running'; max_downloads: number;
}): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO export_job (path, requested_by, requester_name, resource, filters, masked, reason, status, max_downloads)
     VALUES ($1::ltree, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) RETURNING id`,
    [j.path, j.requested_by, j.requester_name, j.resource, JSON.stringify(j.filters), j.masked, j.reason, j.status, j.max_downloads],
  );
  return rows[0]!.id;
}

export async function jobById(tx: Queryable, id: string, forUpdate = false): Promise<ExportJobRow | undefined> {
  const { rows } = await tx.query<ExportJobRow>(`${SELECT} WHERE t.id = $1${forUpdate ? ' FOR UPDATE OF t' : ''}`, [id]);
  return rows[0];
}

/** One keyset page, newest first: the caller's own exports, or (pending) requests awaiting someone else's decision. */
export async function listJobs(tx: Queryable, f: { requestedBy?: string; pendingFor?: string; after?: unknown[]; limit: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.requestedBy) add('t.requested_by = ?', f.requestedBy);
  if (f.pendingFor) {
    where.push(`t.status = 'pending'`);
    add('t.requested_by <> ?', f.pendingFor);
  }
  if (f.after && f.after.length === 2) {
    params.push(f.after[0], f.after[1]);
    where.push(`(t.created_at, t.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(f.limit + 1);
  const { rows } = await tx.query<ExportJobRow>(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at DESC, t.id DESC LIMIT $${params.length}`,
    params,
  );
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** Records a decision when the version still matches; false when someone decided first. */
export async function decide(tx: Queryable, id: string, version: number, d: { status: 'approved' | 'rejected'; decided_by: string; decider_name: string; note: string | null; expires_at: Date | null }) {
  const r = await tx.query(
    `UPDATE export_job SET status = $3, decided_by = $4, decider_name = $5, decided_at = now(), decision_note = $6, expires_at = $7,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND status = 'pending'`,
    [id, version, d.status, d.decided_by, d.decider_name, d.note, d.expires_at],
  );
  return r.rowCount > 0;
}

export async function setProgress(tx: Queryable, id: string, written: number, expected: number | null) {
  await tx.query('UPDATE export_job SET rows_written = $2, rows_expected = coalesce($3, rows_expected), updated_at = now() WHERE id = $1', [id, written, expected]);
}

export async function finish(tx: Queryable, id: string, f: { status: 'ready' | 'failed'; rows: number; file_key: string | null; file_size: number | null; expires_at: Date | null; error: string | null }) {
  await tx.query(
    `UPDATE export_job SET status = $2, rows_written = $3, file_key = $4, file_size = $5, expires_at = $6, error = $7, finished_at = now(),
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, f.status, f.rows, f.file_key, f.file_size, f.expires_at, f.error],
  );
}

/** Counts one download if any are left; the new count, or undefined when the limit is used up. */
export async function countDownload(tx: Queryable, id: string): Promise<number | undefined> {
  const { rows } = await tx.query<{ downloads: number }>(
    'UPDATE export_job SET downloads = downloads + 1, updated_at = now() WHERE id = $1 AND downloads < max_downloads RETURNING downloads',
    [id],
  );
  return rows[0]?.downloads;
}

/** Exports past their time: files to delete, approvals to void. */
export async function expired(tx: Queryable, now: Date): Promise<{ id: string; file_key: string | null }[]> {
  const { rows } = await tx.query<{ id: string; file_key: string | null }>(
    `WITH old AS (SELECT id, file_key FROM export_job WHERE status IN ('ready', 'approved') AND expires_at < $1 FOR UPDATE)
     UPDATE export_job j SET status = 'expired', file_key = NULL, updated_at = now() FROM old WHERE j.id = old.id
     RETURNING j.id, old.file_key`,
    [now],
  );
  return rows;
}

/** Jobs left running by a process that stopped: they will never finish. */
export async function failInterrupted(tx: Queryable): Promise<number> {
  const r = await tx.query(
    `UPDATE export_job SET status = 'failed', error = 'interrupted', finished_at = now(), updated_at = now() WHERE status = 'running'`,
  );
  return r.rowCount;
}
