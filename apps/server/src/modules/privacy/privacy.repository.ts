import type { Queryable } from '../../db/database.js';

export interface RequestRow {
  id: string; person_id: string; person_name: string; citizen_id_masked: string | null; kind: string; channel: string; requester: string;
  detail: string | null; received_on: string; due_on: string; days_left: number | null; status: string; outcome: string | null; copies: number;
  handled_by_name: string | null; handled_at: Date | null; created_at: Date; version: number;
}

const SELECT = `SELECT r.id, r.person_id, p.name AS person_name, p.citizen_id_masked, r.kind, r.channel, r.requester, r.detail,
         r.received_on::text AS received_on, r.due_on::text AS due_on,
         CASE WHEN r.status = 'open' THEN (r.due_on - $1::date) END AS days_left,
         r.status, r.outcome, r.copies, coalesce(u.display_name, u.username) AS handled_by_name, r.handled_at, r.created_at, r.version
    FROM privacy_request r
    JOIN person p ON p.id = r.person_id
    LEFT JOIN app_user u ON u.id = r.handled_by`;

/** The person a request is about, as this user may see them (row-level security: none outside). */
export async function personOf(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ id: string; path: string; district_code: string; name: string }>(
    `SELECT id, path::text AS path, district_code, name FROM person WHERE id = $1`, [id]);
  return rows[0];
}

export async function insertRequest(tx: Queryable, r: {
  personId: string; path: string; districtCode: string; kind: string; channel: string; requester: string; detail: string | null;
  receivedOn: string; dueOn: string; by: string;
}): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO privacy_request (person_id, path, district_code, kind, channel, requester, detail, received_on, due_on, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8::date, $9::date, $10) RETURNING id`,
    [r.personId, r.path, r.districtCode, r.kind, r.channel, r.requester, r.detail, r.receivedOn, r.dueOn, r.by],
  );
  return rows[0]!.id;
}

export async function getRequest(tx: Queryable, id: string, today: string): Promise<RequestRow | undefined> {
  const { rows } = await tx.query<RequestRow>(`${SELECT} WHERE r.id = $2`, [today, id]);
  return rows[0];
}

export interface RequestFilter { status?: string; kind?: string; overdue?: boolean; q?: string; offset: number; limit: number }

/** Open requests first, by deadline; then closed ones, latest first. */
export async function listRequests(tx: Queryable, f: RequestFilter, today: string) {
  const where = `WHERE ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.kind = $3)
      AND ($4::boolean IS NULL OR ($4 = (r.status = 'open' AND r.due_on < $1::date)))
      AND ($5::text IS NULL OR p.name LIKE $5 || '%' OR r.requester LIKE $5 || '%')`;
  const params = [today, f.status ?? null, f.kind ?? null, f.overdue ?? null, f.q ?? null];
  const items = await tx.query<RequestRow>(
    `${SELECT} ${where} ORDER BY (r.status = 'open') DESC, CASE WHEN r.status = 'open' THEN r.due_on END, r.created_at DESC, r.id LIMIT $6 OFFSET $7`,
    [...params, f.limit, f.offset]);
  const counts = await tx.query<{ total: number; overdue: number; open: number }>(
    `SELECT (SELECT count(*)::int FROM privacy_request r JOIN person p ON p.id = r.person_id ${where}) AS total,
            count(*) FILTER (WHERE status = 'open' AND due_on < $1::date)::int AS overdue,
            count(*) FILTER (WHERE status = 'open')::int AS open
       FROM privacy_request`, params);
  return { rows: items.rows, ...counts.rows[0]! };
}

export async function closeRequest(tx: Queryable, id: string, version: number, c: { status: string; outcome: string; by: string }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE privacy_request SET status = $3, outcome = $4, handled_by = $5, handled_at = now(), updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'open'`,
    [id, version, c.status, c.outcome, c.by],
  );
  return rowCount > 0;
}

export async function countCopy(tx: Queryable, id: string) {
  await tx.query(`UPDATE privacy_request SET copies = copies + 1, updated_at = now() WHERE id = $1`, [id]);
}

/** Every record about the person in every table that refers to people (`linli_person_records`), as this user may see them. */
export async function personRecords(tx: Queryable, personId: string, perTable: number) {
  const { rows } = await tx.query<{ table_name: string; column_name: string; record: Record<string, unknown> }>(
    `SELECT table_name, column_name, record FROM linli_person_records($1, $2)`, [personId, perTable]);
  return rows;
}
