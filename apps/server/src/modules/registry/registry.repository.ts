import type { Queryable } from '../../db/database.js';
import { commonError } from '../../shared/errors.js';

/**
 * The registry's shared query shapes: insert, optimistic update, get, keyset list and change
 * history over its tables. Table and column names come only from the constants of this module's
 * repositories, never from a request; values are always bound parameters.
 */
export type RegistryTable =
  | 'person' | 'household' | 'household_member' | 'estate' | 'building' | 'house'
  | 'organization' | 'thing' | 'work_item' | 'person_house' | 'person_relation' | 'person_org';

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
  return name;
}

export async function insertRow(tx: Queryable, table: RegistryTable, values: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(values).filter((k) => values[k] !== undefined);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ${ident(table)} (${cols.map(ident).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    cols.map((c) => values[c]),
  );
  return rows[0]!.id;
}

/** Updates the given columns when the version still matches; false when someone saved first. */
export async function updateRow(tx: Queryable, table: RegistryTable, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(values).filter((k) => values[k] !== undefined);
  const sets = cols.map((c, i) => `${ident(c)} = $${i + 3}`);
  const r = await tx.query(
    `UPDATE ${ident(table)} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2`,
    [id, version, ...cols.map((c) => values[c])],
  );
  if (r.rowCount > 0) return true;
  // Nothing updated: another edit came first (false: a version conflict) — or the row is one the
  // user may see but not change (an estate seen from a grid's buildings): as outside their
  // jurisdiction, 404.
  const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${ident(table)} WHERE id = $1`, [id]);
  if (rows[0]?.version === version) throw commonError('NOT_FOUND');
  return false;
}

export async function selectById<R>(tx: Queryable, table: RegistryTable, id: string, select = '*'): Promise<R | undefined> {
  const { rows } = await tx.query<R>(`SELECT ${select} FROM ${ident(table)} t WHERE t.id = $1`, [id]);
  return rows[0];
}

export interface ListSpec {
  table: RegistryTable;
  select: string;
  where: string[];
  params: unknown[];
  /** Keyset order: columns (qualified by `t.`) ending with `t.id`; all ascending or all descending. */
  orderBy: string[];
  desc?: boolean;
  after?: unknown[];
  limit: number;
  /** Joins for the page's display columns, made for the page's rows only. */
  joins?: string;
  /** Joins the filters need (`where` names their tables), made while choosing the page. */
  whereJoins?: string;
}

/**
 * The jurisdiction node a row sits at (`n.id`, `n.name`, `n.level`, `n.path_names`), through the
 * owner's lookup: a plain join to jurisdiction_node under row-level security scans the whole tree
 * for every row (see migration 20261129_1960).
 */
export const NODE_OF_ROW = 'LEFT JOIN LATERAL linli_node_at(t.path) n ON true';

/** One page in keyset order, plus whether there is a next page. */
export async function listPage<R>(tx: Queryable, spec: ListSpec): Promise<{ rows: R[]; more: boolean }> {
  const params = [...spec.params];
  const where = [...spec.where];
  if (spec.after && spec.after.length === spec.orderBy.length) {
    const placeholders = spec.after.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    where.push(`(${spec.orderBy.join(', ')}) ${spec.desc ? '<' : '>'} (${placeholders.join(', ')})`);
  }
  params.push(spec.limit + 1);
  const dir = spec.desc ? 'DESC' : 'ASC';
  const order = `ORDER BY ${spec.orderBy.map((c) => `${c} ${dir}`).join(', ')}`;
  // The page is chosen first and only its rows are joined and given their computed columns.
  const { rows } = await tx.query<R>(
    `SELECT ${spec.select}
       FROM (SELECT t.* FROM ${ident(spec.table)} t ${spec.whereJoins ?? ''}
              ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
              ${order} LIMIT $${params.length}) t
       ${spec.joins ?? ''}
      ${order}`,
    params,
  );
  return { rows: rows.slice(0, spec.limit), more: rows.length > spec.limit };
}

export interface ChangeRow {
  id: number;
  table_name: string;
  record_id: string;
  op: 'insert' | 'update' | 'delete';
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: Date;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
}

/** The change log of one record, newest first, with the name of who changed it. */
export async function historyOf(tx: Queryable, table: RegistryTable, id: string, limit = 200): Promise<ChangeRow[]> {
  const { rows } = await tx.query<ChangeRow>(
    `SELECT c.id, c.table_name, c.record_id, c.op, c.changed_by, u.display_name AS changed_by_name, c.changed_at, c.old_values, c.new_values
       FROM change_log c LEFT JOIN app_user u ON u.id = c.changed_by
      WHERE c.table_name = $1 AND c.record_id = $2 ORDER BY c.id DESC LIMIT $3`,
    [table, id, limit],
  );
  return rows;
}

/** Encodes a keyset position for the API (opaque to clients). */
export const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
