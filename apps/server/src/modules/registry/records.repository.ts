import type { Queryable } from '../../db/database.js';
import { listPage, NODE_OF_ROW } from './registry.repository.js';

const NODE_JOIN = NODE_OF_ROW;

/** A small WHERE builder: `add('t.kind = ?', v)` appends a condition with its bound value. */
function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  return {
    where, params,
    add(sql: string, v: unknown) {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    },
  };
}

export interface OrgRow {
  id: string; path: string; district_code: string; name: string; credit_code: string | null; type: string; address: string | null;
  house_id: string | null; phone: string | null; node_id: string | null; node_name: string | null; people_count: number; version: number;
}
const ORG_SELECT = `t.*, t.path::text AS path, n.id AS node_id, n.name AS node_name,
  (SELECT count(*)::int FROM person_org po WHERE po.org_id = t.id AND po.valid_to IS NULL) AS people_count`;

export async function orgById(tx: Queryable, id: string) {
  const { rows } = await tx.query<OrgRow>(`SELECT ${ORG_SELECT} FROM organization t ${NODE_JOIN} WHERE t.id = $1`, [id]);
  return rows[0];
}
export function listOrgs(tx: Queryable, f: { q?: string; type?: string; underPath?: string; after?: unknown[]; limit: number }) {
  const c = conditions();
  if (f.q) c.add(`(t.name ILIKE '%' || ? || '%' OR t.credit_code = upper(?))`, f.q);
  if (f.type) c.add('t.type = ?', f.type);
  if (f.underPath) c.add('t.path <@ ?::ltree', f.underPath);
  return listPage<OrgRow>(tx, { table: 'organization', select: ORG_SELECT, joins: NODE_JOIN, where: c.where, params: c.params, orderBy: ['t.name', 't.id'], after: f.after, limit: f.limit });
}
/** Whether a credit code is registered anywhere in the city (it is unique across it). */
export async function creditCodeTaken(tx: Queryable, code: string, exceptId?: string) {
  const { rows } = await tx.query<{ taken: boolean }>('SELECT linli_credit_code_taken($1, $2) AS taken', [code, exceptId ?? null]);
  return rows[0]!.taken;
}

export interface ThingRow {
  id: string; path: string; district_code: string; kind: string; name: string; serial_no: string | null; lon: number | null; lat: number | null;
  status: string; building_id: string | null; last_seen_at: Date | null; battery: number | null; firmware: string | null;
  attributes: Record<string, unknown>; node_id: string | null; node_name: string | null; version: number;
}
const THING_SELECT = 't.*, t.path::text AS path, n.id AS node_id, n.name AS node_name';
export async function thingById(tx: Queryable, id: string) {
  const { rows } = await tx.query<ThingRow>(`SELECT ${THING_SELECT} FROM thing t ${NODE_JOIN} WHERE t.id = $1`, [id]);
  return rows[0];
}
export function listThings(tx: Queryable, f: { q?: string; kind?: string; status?: string; underPath?: string; after?: unknown[]; limit: number }) {
  const c = conditions();
  if (f.q) c.add(`(t.name ILIKE '%' || ? || '%' OR t.serial_no = ?)`, f.q);
  if (f.kind) c.add('t.kind = ?', f.kind);
  if (f.status) c.add('t.status = ?', f.status);
  if (f.underPath) c.add('t.path <@ ?::ltree', f.underPath);
  return listPage<ThingRow>(tx, { table: 'thing', select: THING_SELECT, joins: NODE_JOIN, where: c.where, params: c.params, orderBy: ['t.kind', 't.name', 't.id'], after: f.after, limit: f.limit });
}

export interface EventRow {
  id: string; path: string; district_code: string; kind: string; category: string | null; title: string; description: string | null;
  state: string; priority: string; reporter_id: string | null; assignee_id: string | null; sla_due_at: Date | null; resolved_at: Date | null;
  person_id: string | null; house_id: string | null; thing_id: string | null; lon: number | null; lat: number | null;
  node_id: string | null; node_name: string | null; reporter_name: string | null; assignee_name: string | null; created_at: Date; version: number;
}
// Names of the reporter and assignee through a definer function: a worker may not see the account
// of a colleague outside their jurisdiction, but sees who holds their event.
const EVENT_SELECT = `t.*, t.path::text AS path, n.id AS node_id, n.name AS node_name,
  linli_user_display_name(t.reporter_id) AS reporter_name, linli_user_display_name(t.assignee_id) AS assignee_name`;
export async function eventById(tx: Queryable, id: string) {
  const { rows } = await tx.query<EventRow>(`SELECT ${EVENT_SELECT} FROM work_item t ${NODE_JOIN} WHERE t.id = $1`, [id]);
  return rows[0];
}
export function listEvents(tx: Queryable, f: { q?: string; kind?: string; state?: string; overdue?: boolean; open?: boolean; reportedFrom?: string; reportedTo?: string; underPath?: string; after?: unknown[]; limit: number }) {
  const c = conditions();
  if (f.q) c.add(`t.title ILIKE '%' || ? || '%'`, f.q);
  if (f.kind) c.add('t.kind = ?', f.kind);
  if (f.state) c.add('t.state = ?', f.state);
  if (f.overdue === true) c.where.push(`t.sla_due_at < now() AND t.state NOT IN ('resolved', 'closed', 'cancelled')`);
  if (f.open !== undefined) c.where.push(`t.state ${f.open ? '' : 'NOT '}IN ('open', 'assigned', 'in_progress')`);
  // days as the analysis ledgers book them: China time
  if (f.reportedFrom) c.add(`t.created_at >= (?::date - interval '8 hours') AT TIME ZONE 'UTC'`, f.reportedFrom);
  if (f.reportedTo) c.add(`t.created_at < (?::date + interval '16 hours') AT TIME ZONE 'UTC'`, f.reportedTo);
  if (f.underPath) c.add('t.path <@ ?::ltree', f.underPath);
  return listPage<EventRow>(tx, { table: 'work_item', select: EVENT_SELECT, joins: NODE_JOIN, where: c.where, params: c.params, orderBy: ['t.created_at', 't.id'], desc: true, after: f.after, limit: f.limit });
}
