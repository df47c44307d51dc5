import type { Queryable } from '../../db/database.js';
import { nodeFigures } from '../../db/node-figures.js';

/**
 * Every query of the care module's tables, and the read-only registry lookups a visit needs (the
 * elder's home and its position). Row-level security limits all of it to the caller's
 * jurisdiction; what is filtered here is who within it: a provider's own orders, a caregiver's
 * own visits (`OrderView`).
 */

/** Whose orders a caller may see inside their jurisdiction: all, a provider's, or their own visits. */
export interface OrderView { providerIds: string[] | null; caregiverId: string | null }

/** Adds the view's conditions to a WHERE list, numbering parameters after `params`. */
function viewWhere(view: OrderView, params: unknown[], alias = 'o'): string[] {
  const where: string[] = [];
  if (view.providerIds) {
    params.push(view.providerIds);
    where.push(`${alias}.provider_id = ANY($${params.length}::uuid[])`);
  }
  if (view.caregiverId) {
    params.push(view.caregiverId);
    where.push(`${alias}.caregiver_id = $${params.length}`);
  }
  return where;
}

/** A WHERE list whose `?` placeholders are numbered as values are added. */
function conditions(params: unknown[] = [], where: string[] = []) {
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace('?', `$${params.length}`);
    }
    where.push(s);
  };
  return { params, where, add };
}

/** The end of a prefix range (`name ~>=~ p AND name ~<~ end`): leakproof, so an index condition under row-level security. */
const prefixEnd = (s: string) => `${s}\u{10FFFF}`;

/** Counts up to `cap` rows (a list's total stays cheap at city scale; "10000+" beyond). */
async function cappedCount(tx: Queryable, from: string, params: unknown[], cap = 10_000) {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) c`, params);
  const n = rows[0]!.n;
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/** The provider's organisation name (and credit code), read as the owner: see `linli_care_provider_names`. */
const PROVIDER_NAME = 'LEFT JOIN LATERAL linli_care_provider_names(ARRAY[p.id]) org ON true';

// ---- catalogue

export interface ServiceRow { code: string; name: string; name_en: string; duration_min: number; tasks: string[]; price_cents: number; active: boolean; sort: number; version: number }

export async function services(tx: Queryable) {
  const { rows } = await tx.query<ServiceRow>('SELECT * FROM care_service ORDER BY sort, code');
  return rows;
}

export async function serviceByCode(tx: Queryable, code: string) {
  const { rows } = await tx.query<ServiceRow>('SELECT * FROM care_service WHERE code = $1', [code]);
  return rows[0];
}

export async function upsertService(tx: Queryable, s: { code: string; name: string; name_en: string; duration_min: number; tasks: string[]; price_cents: number; active: boolean }) {
  const { rows } = await tx.query<ServiceRow>(
    `INSERT INTO care_service (code, name, name_en, duration_min, tasks, price_cents, active, sort)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, (SELECT coalesce(max(sort), 0) + 1 FROM care_service))
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, duration_min = excluded.duration_min, tasks = excluded.tasks,
       price_cents = excluded.price_cents, active = excluded.active, version = care_service.version + 1, updated_at = now()
     RETURNING *`,
    [s.code, s.name, s.name_en, s.duration_min, JSON.stringify(s.tasks), s.price_cents, s.active],
  );
  return rows[0]!;
}

// ---- providers and staff

export interface ProviderRow {
  id: string; path: string; district_code: string; organization_id: string; name: string; credit_code: string | null; service_area: string[];
  tolerance_m: number; min_duration_share: string; active: boolean; caregivers: number; version: number;
}

const PROVIDER_SELECT = `p.id, p.path::text AS path, p.district_code, p.organization_id, coalesce(org.name, '') AS name, org.credit_code, p.service_area::text[] AS service_area,
  p.tolerance_m, p.min_duration_share, p.active, p.version,
  (SELECT count(*)::int FROM care_staff s WHERE s.provider_id = p.id AND s.kind = 'caregiver' AND s.active) AS caregivers`;

export async function providers(tx: Queryable, ids: string[] | null) {
  const { rows } = await tx.query<ProviderRow>(
    `SELECT ${PROVIDER_SELECT} FROM care_provider p ${PROVIDER_NAME}
      WHERE ($1::uuid[] IS NULL OR p.id = ANY($1::uuid[])) ORDER BY org.name, p.id`,
    [ids],
  );
  return rows;
}

export async function providerById(tx: Queryable, id: string) {
  const { rows } = await tx.query<ProviderRow>(`SELECT ${PROVIDER_SELECT} FROM care_provider p ${PROVIDER_NAME} WHERE p.id = $1`, [id]);
  return rows[0];
}

export async function providerOfOrganization(tx: Queryable, orgId: string) {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM care_provider WHERE organization_id = $1', [orgId]);
  return rows[0];
}

export async function insertProvider(tx: Queryable, p: { path: string; district_code: string; organization_id: string; service_area: string[]; tolerance_m: number; min_duration_share: number }) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO care_provider (path, district_code, organization_id, service_area, tolerance_m, min_duration_share)
     VALUES ($1::ltree, $2, $3, $4::text[]::ltree[], $5, $6) RETURNING id`,
    [p.path, p.district_code, p.organization_id, p.service_area, p.tolerance_m, p.min_duration_share],
  );
  return rows[0]!.id;
}

export async function updateProvider(tx: Queryable, id: string, version: number, set: { service_area?: string[]; tolerance_m?: number; min_duration_share?: number; active?: boolean }) {
  const r = await tx.query(
    `UPDATE care_provider SET service_area = coalesce($3::text[]::ltree[], service_area), tolerance_m = coalesce($4, tolerance_m),
            min_duration_share = coalesce($5, min_duration_share), active = coalesce($6, active), version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, set.service_area ?? null, set.tolerance_m ?? null, set.min_duration_share ?? null, set.active ?? null],
  );
  return r.rowCount > 0;
}

export interface StaffRow { id: string; provider_id: string; user_id: string; display_name: string; kind: 'caregiver' | 'dispatcher'; active: boolean }

export async function staffOf(tx: Queryable, providerId: string) {
  const { rows } = await tx.query<StaffRow>(
    `SELECT s.id, s.provider_id, s.user_id, coalesce(linli_user_display_name(s.user_id), '') AS display_name, s.kind, s.active
       FROM care_staff s WHERE s.provider_id = $1 ORDER BY s.kind, display_name`,
    [providerId],
  );
  return rows;
}

/** The providers a user works for, in a capacity. */
export async function membership(tx: Queryable, userId: string, kind: 'caregiver' | 'dispatcher') {
  const { rows } = await tx.query<{ provider_id: string }>('SELECT provider_id FROM care_staff WHERE user_id = $1 AND kind = $2 AND active', [userId, kind]);
  return rows.map((r) => r.provider_id);
}

export async function insertStaff(tx: Queryable, s: { provider_id: string; user_id: string; kind: string; path: string }) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO care_staff (provider_id, user_id, kind, path) VALUES ($1, $2, $3, $4::ltree) ON CONFLICT (provider_id, user_id, kind) DO NOTHING RETURNING id`,
    [s.provider_id, s.user_id, s.kind, s.path],
  );
  return rows[0]?.id;
}

/** Jurisdiction nodes by path (names are public administrative names: `linli_node_at`). */
export async function nodesAt(tx: Queryable, paths: string[]) {
  if (!paths.length) return new Map<string, { id: string; name: string }>();
  const { rows } = await tx.query<{ path: string; id: string; name: string }>(
    'SELECT p::text AS path, n.id, n.name FROM unnest($1::text[]::ltree[]) p, LATERAL linli_node_at(p) n', [paths]);
  return new Map(rows.map((r) => [r.path, { id: r.id, name: r.name }]));
}

// ---- the registry, read-only: the elder and their home

export interface HomeRow { label: string | null; lat: number | null; lon: number | null }

/** The elder's current home (resident, then tenant, then owner) and its building's position. */
export async function homeOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<HomeRow>(
    `SELECT concat_ws(' ', e.name, b.name, h.unit_no || '单元', h.number) AS label, coalesce(b.lat, e.lat) AS lat, coalesce(b.lon, e.lon) AS lon
       FROM person_house ph JOIN house h ON h.id = ph.house_id JOIN building b ON b.id = h.building_id LEFT JOIN estate e ON e.id = b.estate_id
      WHERE ph.person_id = $1 AND ph.valid_to IS NULL AND ph.kind IN ('resident', 'tenant', 'owner')
      ORDER BY CASE ph.kind WHEN 'resident' THEN 0 WHEN 'tenant' THEN 1 ELSE 2 END, ph.valid_from DESC LIMIT 1`,
    [personId],
  );
  return rows[0];
}

// ---- plans

export interface PlanRow {
  id: string; path: string; district_code: string; person_id: string; person_name: string; provider_id: string; provider_name: string; level: number | null;
  needs_enc: string; period_from: string; period_to: string; status: string; notes: string | null; version: number; created_at: Date; orders: number;
  ended_on: string | null; end_reason: string | null; ended_at: Date | null; ended_by_name: string | null;
  items: { id: string; serviceCode: string; serviceName: string; weekdays: number[]; startTime: string }[];
}

const PLAN_SELECT = `pl.id, pl.path::text AS path, pl.district_code, pl.person_id, per.name AS person_name, pl.provider_id, org.name AS provider_name, pl.level,
  pl.needs_enc, pl.period_from::text AS period_from, pl.period_to::text AS period_to, pl.status, pl.notes, pl.version, pl.created_at,
  pl.ended_on::text AS ended_on, pl.end_reason, pl.ended_at, (SELECT u.display_name FROM app_user u WHERE u.id = pl.ended_by) AS ended_by_name,
  (SELECT count(*)::int FROM care_order o WHERE o.plan_id = pl.id) AS orders,
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'serviceCode', i.service_code, 'serviceName', s.name, 'weekdays', i.weekdays,
                                                'startTime', to_char(i.start_time, 'HH24:MI')) ORDER BY s.sort)
              FROM care_plan_item i JOIN care_service s ON s.code = i.service_code WHERE i.plan_id = pl.id), '[]') AS items`;
const PLAN_FROM = `FROM care_plan pl JOIN person per ON per.id = pl.person_id JOIN care_provider p ON p.id = pl.provider_id ${PROVIDER_NAME}`;

export async function planById(tx: Queryable, id: string) {
  const { rows } = await tx.query<PlanRow>(`SELECT ${PLAN_SELECT} ${PLAN_FROM} WHERE pl.id = $1`, [id]);
  return rows[0];
}

export async function listPlans(tx: Queryable, f: { providerIds: string[] | null; providerId?: string; personId?: string; status?: string; q?: string; limit: number; offset: number }) {
  const { params, where, add } = conditions();
  if (f.providerIds) add('pl.provider_id = ANY(?::uuid[])', f.providerIds);
  if (f.providerId) add('pl.provider_id = ?', f.providerId);
  if (f.personId) add('pl.person_id = ?', f.personId);
  if (f.status) add('pl.status = ?', f.status);
  if (f.q) add('per.name ~>=~ ? AND per.name ~<~ ?', f.q, prefixEnd(f.q));
  const from = `${PLAN_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const count = await cappedCount(tx, from, params);
  const { rows } = await tx.query<PlanRow>(`SELECT ${PLAN_SELECT} ${from} ORDER BY pl.created_at DESC, pl.id LIMIT ${f.limit} OFFSET ${f.offset}`, params);
  return { rows, ...count };
}

/** An active plan of the same elder and provider whose period meets this one. */
export async function overlappingPlan(tx: Queryable, personId: string, providerId: string, from: string, to: string) {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM care_plan WHERE person_id = $1 AND provider_id = $2 AND status = 'active' AND period_from <= $4::date AND period_to >= $3::date LIMIT 1`,
    [personId, providerId, from, to],
  );
  return rows[0];
}

export async function insertPlan(tx: Queryable, p: { path: string; district_code: string; person_id: string; provider_id: string; level: number | null; needs_enc: string; period_from: string; period_to: string; notes: string | null; created_by: string }) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO care_plan (path, district_code, person_id, provider_id, level, needs_enc, period_from, period_to, notes, created_by)
     VALUES ($1::ltree, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [p.path, p.district_code, p.person_id, p.provider_id, p.level, p.needs_enc, p.period_from, p.period_to, p.notes, p.created_by],
  );
  return rows[0]!.id;
}

/** Ends an active plan (optimistic on its version); false when it moved on meanwhile. */
export async function endPlan(tx: Queryable, id: string, version: number, e: { ended_on: string; end_reason: string; ended_by: string }) {
  const { rowCount } = await tx.query(
    `UPDATE care_plan SET status = 'ended', ended_on = $3::date, end_reason = $4, ended_by = $5, ended_at = now(), version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND status = 'active'`,
    [id, version, e.ended_on, e.end_reason, e.ended_by],
  );
  return rowCount === 1;
}

/** Cancels the plan's orders scheduled after a date that were not started; answers how many. */
export async function cancelPlanOrdersAfter(tx: Queryable, planId: string, after: string, reason: string) {
  const { rowCount } = await tx.query(
    `UPDATE care_order SET status = 'cancelled', cancel_reason = $3, version = version + 1, updated_at = now()
      WHERE plan_id = $1 AND scheduled_date > $2::date AND status IN ('pending', 'dispatched')`,
    [planId, after, reason],
  );
  return rowCount ?? 0;
}

export async function insertPlanItem(tx: Queryable, i: { plan_id: string; path: string; service_code: string; weekdays: number[]; start_time: string }) {
  await tx.query(
    'INSERT INTO care_plan_item (plan_id, path, service_code, weekdays, start_time) VALUES ($1, $2::ltree, $3, $4::smallint[], $5::time)',
    [i.plan_id, i.path, i.service_code, i.weekdays, i.start_time],
  );
}

export interface NewOrder {
  path: string; district_code: string; plan_id: string; plan_item_id: string; person_id: string; provider_id: string; service_code: string;
  scheduled_date: string; scheduled_at: Date; duration_min: number;
}

/** Orders as they ended (demo data and benchmarks): every column given, in one statement; positions sealed by the caller (`care.sealed.ts`). */
export async function insertOrdersAsDone(tx: Queryable, orders: (NewOrder & Record<string, unknown>)[]) {
  if (!orders.length) return [] as { id: string; plan_item_id: string; scheduled_date: string }[];
  const { rows } = await tx.query<{ id: string; plan_item_id: string; scheduled_date: string }>(
    `INSERT INTO care_order (path, district_code, plan_id, plan_item_id, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min,
                             caregiver_id, status, check_in_at, check_in_fix_enc, check_out_at, check_out_fix_enc,
                             tasks_done, rating, rating_comment, confirmed_by, confirmed_at, evv_status, cancel_reason)
     SELECT o.path::ltree, o.district_code, o.plan_id, o.plan_item_id, o.person_id, o.provider_id, o.service_code, o.scheduled_date, o.scheduled_at, o.duration_min,
            o.caregiver_id, coalesce(o.status, 'pending'), o.check_in_at, o.check_in_fix_enc, o.check_out_at, o.check_out_fix_enc,
            coalesce(o.tasks_done, '[]'), o.rating, o.rating_comment, o.confirmed_by, o.confirmed_at, coalesce(o.evv_status, 'pending'), o.cancel_reason
       FROM jsonb_to_recordset($1::jsonb) AS o(path text, district_code text, plan_id uuid, plan_item_id uuid, person_id uuid, provider_id uuid, service_code text,
            scheduled_date date, scheduled_at timestamptz, duration_min int, caregiver_id uuid, status text, check_in_at timestamptz, check_in_fix_enc text,
            check_out_at timestamptz, check_out_fix_enc text, tasks_done jsonb,
            rating smallint, rating_comment text, confirmed_by text, confirmed_at timestamptz, evv_status text, cancel_reason text)
     RETURNING id, plan_item_id, scheduled_date::text AS scheduled_date`,
    [JSON.stringify(orders)],
  );
  return rows;
}

/** Inserts the plan's orders in one statement; dates already generated are left as they are. */
export async function insertOrders(tx: Queryable, orders: NewOrder[]) {
  if (!orders.length) return 0;
  const r = await tx.query(
    `INSERT INTO care_order (path, district_code, plan_id, plan_item_id, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min)
     SELECT o.path::ltree, o.district_code, o.plan_id, o.plan_item_id, o.person_id, o.provider_id, o.service_code, o.scheduled_date, o.scheduled_at, o.duration_min
       FROM jsonb_to_recordset($1::jsonb) AS o(path text, district_code text, plan_id uuid, plan_item_id uuid, person_id uuid, provider_id uuid,
                                              service_code text, scheduled_date date, scheduled_at timestamptz, duration_min int)
     ON CONFLICT (plan_item_id, scheduled_date) DO NOTHING`,
    [JSON.stringify(orders)],
  );
  return r.rowCount;
}

// ---- orders

export interface OrderRow {
  id: string; path: string; district_code: string; plan_id: string | null; person_id: string; person_name: string; provider_id: string; provider_name: string;
  service_code: string; service_name: string; scheduled_date: string; scheduled_at: Date; duration_min: number; caregiver_id: string | null; caregiver_name: string | null;
  status: 'pending' | 'dispatched' | 'in_progress' | 'completed' | 'cancelled'; cancel_reason: string | null; evv_status: string; rating: number | null;
  rating_comment: string | null; confirmed_by: string | null; confirmed_at: Date | null; check_in_at: Date | null; check_in_fix_enc: string | null;
  check_out_at: Date | null; check_out_fix_enc: string | null;
  tasks_done: string[]; tasks: string[]; version: number; exceptions: number; tolerance_m: number; min_duration_share: string;
}

const ORDER_SELECT = `o.*, o.path::text AS path, o.scheduled_date::text AS scheduled_date, per.name AS person_name, org.name AS provider_name,
  s.name AS service_name, s.tasks, linli_user_display_name(o.caregiver_id) AS caregiver_name, p.tolerance_m, p.min_duration_share,
  (SELECT count(*)::int FROM care_exception x WHERE x.order_id = o.id) AS exceptions`;
const ORDER_JOINS = `JOIN person per ON per.id = o.person_id JOIN care_service s ON s.code = o.service_code
  JOIN care_provider p ON p.id = o.provider_id ${PROVIDER_NAME}`;

export async function orderById(tx: Queryable, id: string, view: OrderView, lock = false) {
  const params: unknown[] = [id];
  const where = ['o.id = $1', ...viewWhere(view, params)];
  const { rows } = await tx.query<OrderRow>(`SELECT ${ORDER_SELECT} FROM care_order o ${ORDER_JOINS} WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF o' : ''}`, params);
  return rows[0];
}

export interface OrderFilter {
  status?: string; providerId?: string; caregiverId?: string; personId?: string; underPath?: string; from?: string; to?: string; evv?: string; q?: string;
  /** 'true': the visits made (checked in, not cancelled) — the supervision's 服务人次 */
  visited?: 'true' | 'false';
  sort: 'scheduledAt' | '-scheduledAt'; limit: number; offset: number;
}

function orderWhere(view: OrderView, f: Omit<OrderFilter, 'sort' | 'limit' | 'offset'>, params: unknown[]) {
  const { where, add } = conditions(params, viewWhere(view, params));
  if (f.status) add('o.status = ?', f.status);
  if (f.providerId) add('o.provider_id = ?', f.providerId);
  if (f.caregiverId) add('o.caregiver_id = ?', f.caregiverId);
  if (f.personId) add('o.person_id = ?', f.personId);
  if (f.underPath) add('o.path <@ ?::ltree', f.underPath);
  if (f.from) add('o.scheduled_date >= ?::date', f.from);
  if (f.to) add('o.scheduled_date <= ?::date', f.to);
  if (f.evv) add('o.evv_status = ?', f.evv);
  if (f.visited) where.push(`${f.visited === 'true' ? '' : 'NOT '}(o.check_in_at IS NOT NULL AND o.status <> 'cancelled')`);
  if (f.q) add('per.name ~>=~ ? AND per.name ~<~ ?', f.q, prefixEnd(f.q));
  return { where, add };
}

export async function listOrders(tx: Queryable, view: OrderView, f: OrderFilter) {
  const params: unknown[] = [];
  const { where } = orderWhere(view, f, params);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const count = await cappedCount(tx, `FROM care_order o ${f.q ? 'JOIN person per ON per.id = o.person_id' : ''} ${cond}`, params);
  const dir = f.sort === '-scheduledAt' ? 'DESC' : 'ASC';
  const { rows } = await tx.query<OrderRow>(
    `SELECT ${ORDER_SELECT} FROM care_order o ${ORDER_JOINS} ${cond} ORDER BY o.scheduled_at ${dir}, o.id ${dir} LIMIT ${f.limit} OFFSET ${f.offset}`,
    params,
  );
  return { rows, ...count };
}

/** The same list a keyset page at a time (for the export): visits after (scheduled time, id). */
export async function orderKeysetPage(tx: Queryable, view: OrderView, f: Omit<OrderFilter, 'sort' | 'limit' | 'offset'>, after: [string, string] | undefined, limit: number) {
  const params: unknown[] = [];
  const { where, add } = orderWhere(view, f, params);
  if (after) add('(o.scheduled_at, o.id) > (?::timestamptz, ?::uuid)', after[0], after[1]);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await tx.query<OrderRow & { cursor_at: string }>(
    `SELECT ${ORDER_SELECT}, o.scheduled_at::text AS cursor_at FROM care_order o ${ORDER_JOINS} ${cond} ORDER BY o.scheduled_at, o.id LIMIT ${limit + 1}`,
    params,
  );
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** A caregiver's visits of one day (China Standard Time), with the elder's home. */
export async function visitsOfDay(tx: Queryable, caregiverId: string, date: string) {
  const { rows } = await tx.query<OrderRow & HomeRow>(
    `SELECT ${ORDER_SELECT}, home.label, home.lat, home.lon
       FROM care_order o ${ORDER_JOINS}
       LEFT JOIN LATERAL (
         SELECT concat_ws(' ', e.name, b.name, h.unit_no || '单元', h.number) AS label, coalesce(b.lat, e.lat) AS lat, coalesce(b.lon, e.lon) AS lon
           FROM person_house ph JOIN house h ON h.id = ph.house_id JOIN building b ON b.id = h.building_id LEFT JOIN estate e ON e.id = b.estate_id
          WHERE ph.person_id = o.person_id AND ph.valid_to IS NULL AND ph.kind IN ('resident', 'tenant', 'owner')
          ORDER BY CASE ph.kind WHEN 'resident' THEN 0 WHEN 'tenant' THEN 1 ELSE 2 END, ph.valid_from DESC LIMIT 1) home ON true
      WHERE o.caregiver_id = $1 AND o.scheduled_date = $2::date AND o.status <> 'cancelled'
      ORDER BY o.scheduled_at, o.id`,
    [caregiverId, date],
  );
  return rows;
}

export async function updateOrder(tx: Queryable, id: string, version: number, set: Record<string, unknown>) {
  const cols = Object.keys(set);
  const assignments = cols.map((c, i) => `${c} = $${i + 3}${c === 'tasks_done' ? '::jsonb' : ''}`);
  const values = cols.map((c) => (c === 'tasks_done' ? JSON.stringify(set[c]) : set[c]));
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE care_order SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
    [id, version, ...values],
  );
  return rows[0]?.version;
}

/** The caregiver's other checked-in visits around a time window (for the overlap rule). */
export async function caregiverVisitsAround(tx: Queryable, caregiverId: string, from: Date, to: Date) {
  const { rows } = await tx.query<{ id: string; check_in_at: Date; check_out_at: Date | null }>(
    `SELECT id, check_in_at, check_out_at FROM care_order
      WHERE caregiver_id = $1 AND check_in_at IS NOT NULL AND check_in_at < $3 AND coalesce(check_out_at, check_in_at) > $2`,
    [caregiverId, from, to],
  );
  return rows;
}

/**
 * The caregiver's last visit checked in before a time, other than this one, with its sealed fixes:
 * which of them was the last position by then (its check-out if made by then, else its
 * check-in) is decided in Node, where the fixes are opened (`care.sealed.ts`).
 */
export async function lastVisitBefore(tx: Queryable, caregiverId: string, orderId: string, at: Date) {
  const { rows } = await tx.query<{ order_id: string; check_in_at: Date; check_in_fix_enc: string; check_out_at: Date | null; check_out_fix_enc: string | null }>(
    `SELECT id AS order_id, check_in_at, check_in_fix_enc, check_out_at, check_out_fix_enc
       FROM care_order
      WHERE caregiver_id = $1 AND id <> $2 AND check_in_at IS NOT NULL AND check_in_at <= $3 AND check_in_fix_enc IS NOT NULL
      ORDER BY check_in_at DESC LIMIT 1`,
    [caregiverId, orderId, at],
  );
  return rows[0];
}

// ---- steps

export interface StepRow { id: string; order_id: string; kind: string; client_key: string; caregiver_id: string }

export async function stepByKey(tx: Queryable, caregiverId: string, key: string) {
  const { rows } = await tx.query<StepRow>('SELECT id, order_id, kind, client_key, caregiver_id FROM care_visit_step WHERE caregiver_id = $1 AND client_key = $2', [caregiverId, key]);
  return rows[0];
}

/** A step as the phone sent it; its position sealed (`fix_enc`), the payload holding only what is not a position. */
export async function insertStep(tx: Queryable, s: { path: string; district_code: string; order_id: string; caregiver_id: string; client_key: string; kind: string; at: string; payload: unknown; fix_enc: string | null }) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO care_visit_step (path, district_code, order_id, caregiver_id, client_key, kind, at, payload, fix_enc)
     VALUES ($1::ltree, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) ON CONFLICT DO NOTHING RETURNING id`,
    [s.path, s.district_code, s.order_id, s.caregiver_id, s.client_key, s.kind, s.at, JSON.stringify(s.payload), s.fix_enc],
  );
  return rows[0]?.id;
}

// ---- photos

export interface CarePhotoRow { id: string; order_id: string; stage: string; sha256: string; taken_at: Date | null; fix_enc: string | null; phash: string | null }

export async function photoOfOrder(tx: Queryable, orderId: string, sha256: string) {
  const { rows } = await tx.query<CarePhotoRow>('SELECT * FROM care_photo WHERE order_id = $1 AND sha256 = $2', [orderId, sha256]);
  return rows[0];
}

export async function photoById(tx: Queryable, id: string) {
  const { rows } = await tx.query<CarePhotoRow & { path: string; district_code: string }>('SELECT *, path::text AS path FROM care_photo WHERE id = $1', [id]);
  return rows[0];
}

export async function insertPhoto(tx: Queryable, p: { id: string; path: string; district_code: string; order_id: string; stage: string; sha256: string; taken_at: string | null; fix_enc: string | null; phash?: string }) {
  await tx.query(
    `INSERT INTO care_photo (id, path, district_code, order_id, stage, sha256, taken_at, fix_enc, phash) VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9)`,
    [p.id, p.path, p.district_code, p.order_id, p.stage, p.sha256, p.taken_at, p.fix_enc, p.phash ?? null],
  );
}

/** Whether any provider exists (the demo seed runs once). */
export async function anyProvider(tx: Queryable) {
  const { rows } = await tx.query('SELECT 1 FROM care_provider LIMIT 1');
  return rows.length > 0;
}

/** Elders (60+) with a current home whose building has a position, under a path (demo plans). */
export async function eldersWithHome(tx: Queryable, underPath: string, limit: number) {
  const { rows } = await tx.query<{ id: string; path: string; district_code: string; lat: number; lon: number }>(
    `SELECT DISTINCT ON (p.id) p.id, p.path::text AS path, p.district_code, b.lat, b.lon
       FROM person p JOIN person_house ph ON ph.person_id = p.id AND ph.valid_to IS NULL AND ph.kind IN ('resident', 'owner', 'tenant')
       JOIN house h ON h.id = ph.house_id JOIN building b ON b.id = h.building_id
      WHERE p.path <@ $1::ltree AND p.status = 'active' AND p.birth_date <= current_date - interval '60 years' AND b.lat IS NOT NULL
      ORDER BY p.id LIMIT $2`,
    [underPath, limit],
  );
  return rows;
}

/** Many visit photos in one statement (demo data). */
export async function insertPhotos(tx: Queryable, photos: { id: string; path: string; district_code: string; order_id: string; stage: string; sha256: string; taken_at: string | null; fix_enc: string | null; phash: string | null }[]) {
  if (!photos.length) return;
  await tx.query(
    `INSERT INTO care_photo (id, path, district_code, order_id, stage, sha256, taken_at, fix_enc, phash)
     SELECT id, path::ltree, district_code, order_id, stage, sha256, taken_at, fix_enc, phash
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, path text, district_code text, order_id uuid, stage text, sha256 text, taken_at timestamptz, fix_enc text, phash text)`,
    [JSON.stringify(photos)],
  );
}

export async function setPhash(tx: Queryable, id: string, phash: string) {
  await tx.query('UPDATE care_photo SET phash = $2 WHERE id = $1', [id, phash]);
}

/** The order's photos with their upload state (from the survey's photo store). */
export async function photosOfOrder(tx: Queryable, orderId: string) {
  const { rows } = await tx.query<CarePhotoRow & { complete: boolean; received: number; size: number }>(
    `SELECT c.*, sp.complete, sp.received, sp.size FROM care_photo c JOIN survey_photo sp ON sp.id = c.id WHERE c.order_id = $1 ORDER BY c.created_at, c.id`,
    [orderId],
  );
  return rows;
}

/**
 * Hashes of photos of other visits that may be the same picture. Reuse is looked for among the
 * same provider's visits of the last 90 days (a caregiver reusing a picture reuses their own
 * provider's), read as the owner: the check must see photos the caller may not.
 */
export async function otherHashes(tx: Queryable, orderId: string, providerId: string) {
  const { rows } = await tx.query<{ order_id: string; photo_id: string; phash: string }>(
    'SELECT order_id, photo_id, phash FROM linli_care_hashes($1, $2)',
    [orderId, providerId],
  );
  return rows.map((r) => ({ orderId: r.order_id, photoId: r.photo_id, phash: r.phash }));
}

// ---- exceptions

export async function raiseException(tx: Queryable, e: { path: string; district_code: string; order_id: string; provider_id: string; day: string; kind: string; detail: unknown }) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO care_exception (path, district_code, order_id, provider_id, day, kind, detail) VALUES ($1::ltree, $2, $3, $4, $5::date, $6, $7::jsonb)
     ON CONFLICT (order_id, kind) DO NOTHING RETURNING id`,
    [e.path, e.district_code, e.order_id, e.provider_id, e.day, e.kind, JSON.stringify(e.detail)],
  );
  return rows[0]?.id;
}

export interface ExceptionRow {
  id: string; order_id: string; kind: string; detail: Record<string, unknown>; status: 'open' | 'resolved'; reason_code: string | null; resolution_code: string | null;
  note: string | null; resolved_by_name: string | null; resolved_at: Date | null; created_at: Date; version: number; day: string; provider_id: string;
  provider_name: string; person_name: string; service_name: string; caregiver_name: string | null; path: string;
}

const EXCEPTION_SELECT = `x.id, x.order_id, x.kind, x.detail, x.status, x.reason_code, x.resolution_code, x.note, linli_user_display_name(x.resolved_by) AS resolved_by_name,
  x.resolved_at, x.created_at, x.version, x.day::text AS day, x.provider_id, org.name AS provider_name, per.name AS person_name, s.name AS service_name,
  linli_user_display_name(o.caregiver_id) AS caregiver_name, x.path::text AS path`;
const EXCEPTION_JOINS = `JOIN care_order o ON o.id = x.order_id JOIN person per ON per.id = o.person_id JOIN care_service s ON s.code = o.service_code
  JOIN care_provider p ON p.id = x.provider_id ${PROVIDER_NAME}`;

export async function exceptionsOfOrder(tx: Queryable, orderId: string) {
  const { rows } = await tx.query<ExceptionRow>(`SELECT ${EXCEPTION_SELECT} FROM care_exception x ${EXCEPTION_JOINS} WHERE x.order_id = $1 ORDER BY x.created_at, x.kind`, [orderId]);
  return rows;
}

export async function exceptionById(tx: Queryable, id: string, view: OrderView) {
  const params: unknown[] = [id];
  const where = ['x.id = $1', ...viewWhere(view, params)];
  const { rows } = await tx.query<ExceptionRow>(`SELECT ${EXCEPTION_SELECT} FROM care_exception x ${EXCEPTION_JOINS} WHERE ${where.join(' AND ')}`, params);
  return rows[0];
}

type ExceptionFilter = { status?: string; kind?: string; providerId?: string; underPath?: string; from?: string; to?: string };
function exceptionWhere(view: OrderView, f: ExceptionFilter, params: unknown[]) {
  const { where, add } = conditions(params, viewWhere(view, params));
  if (f.status) add('x.status = ?', f.status);
  if (f.kind) add('x.kind = ?', f.kind);
  if (f.providerId) add('x.provider_id = ?', f.providerId);
  if (f.underPath) add('x.path <@ ?::ltree', f.underPath);
  if (f.from) add('x.day >= ?::date', f.from);
  if (f.to) add('x.day <= ?::date', f.to);
  return { where, add };
}

export async function listExceptions(tx: Queryable, view: OrderView, f: ExceptionFilter & { limit: number; offset: number }) {
  const params: unknown[] = [];
  const { where } = exceptionWhere(view, f, params);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const count = await cappedCount(tx, `FROM care_exception x JOIN care_order o ON o.id = x.order_id ${cond}`, params);
  const { rows } = await tx.query<ExceptionRow>(`SELECT ${EXCEPTION_SELECT} FROM care_exception x ${EXCEPTION_JOINS} ${cond} ORDER BY x.created_at DESC, x.id LIMIT ${f.limit} OFFSET ${f.offset}`, params);
  return { rows, ...count };
}

/** The same list a keyset page at a time (for the export), newest first: rows before (created, id); the time as text keeps its microseconds. */
export async function exceptionKeysetPage(tx: Queryable, view: OrderView, f: ExceptionFilter, after: [string, string] | undefined, limit: number) {
  const params: unknown[] = [];
  const { where, add } = exceptionWhere(view, f, params);
  if (after) add('(x.created_at, x.id) < (?::timestamptz, ?::uuid)', after[0], after[1]);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await tx.query<ExceptionRow & { cursor_at: string }>(
    `SELECT ${EXCEPTION_SELECT}, x.created_at::text AS cursor_at FROM care_exception x ${EXCEPTION_JOINS} ${cond} ORDER BY x.created_at DESC, x.id DESC LIMIT ${limit + 1}`,
    params,
  );
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export async function resolveException(tx: Queryable, id: string, version: number, r: { reason_code: string; resolution_code: string; note: string; resolved_by: string }) {
  const res = await tx.query(
    `UPDATE care_exception SET status = 'resolved', reason_code = $3, resolution_code = $4, note = $5, resolved_by = $6, resolved_at = now(),
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND status = 'open'`,
    [id, version, r.reason_code, r.resolution_code, r.note, r.resolved_by],
  );
  return res.rowCount > 0;
}

// ---- supervision: the pre-aggregated figures, and the same figures counted live

export interface FigureRow { scheduled: number; completed: number; cancelled: number; with_exception: number; rated: number; rating_sum: number; minutes: number }
const FIGURES = `sum(scheduled)::int AS scheduled, sum(completed)::int AS completed, sum(cancelled)::int AS cancelled, sum(with_exception)::int AS with_exception,
  sum(rated)::int AS rated, sum(rating_sum)::int AS rating_sum, sum(minutes)::bigint AS minutes`;

/**
 * Per provider, per day and per exception kind from the figures tables (what the page shows): the
 * rows of the given nodes only (`node = ANY`, leakproof, so the primary key serves it under
 * row-level security). The nodes must not lie one under another.
 */
export async function supervisionFigures(tx: Queryable, nodes: string[], from: string, to: string) {
  const p = [nodes, from, to];
  const where = `node = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date`;
  const providers = (await tx.query<FigureRow & { provider_id: string }>(`SELECT provider_id, ${FIGURES} FROM care_stats_daily WHERE ${where} GROUP BY provider_id`, p)).rows;
  const days = (await tx.query<FigureRow & { day: string }>(`SELECT day::text AS day, ${FIGURES} FROM care_stats_daily WHERE ${where} GROUP BY day ORDER BY day`, p)).rows;
  const kinds = (await tx.query<{ provider_id: string; kind: string; day: string; raised: number; open: number }>(
    `SELECT provider_id, kind, day::text AS day, sum(raised)::int AS raised, sum(open)::int AS open FROM care_stats_exception WHERE ${where} GROUP BY provider_id, kind, day`, p)).rows;
  return { providers, days, kinds };
}

/** The same figures by a live GROUP BY over the visits and exceptions (the bench's baseline; the tests' check). */
export async function supervisionLive(tx: Queryable, nodes: string[], from: string, to: string) {
  const p = [nodes, from, to];
  const live = `count(*) FILTER (WHERE status <> 'cancelled')::int AS scheduled, count(*) FILTER (WHERE status = 'completed')::int AS completed,
    count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled, count(*) FILTER (WHERE evv_status = 'exception')::int AS with_exception,
    count(rating)::int AS rated, coalesce(sum(rating), 0)::int AS rating_sum,
    coalesce(sum(round(extract(epoch FROM check_out_at - check_in_at) / 60)) FILTER (WHERE status = 'completed'), 0)::bigint AS minutes`;
  const where = `path <@ ANY($1::text[]::ltree[]) AND scheduled_date BETWEEN $2::date AND $3::date`;
  const providers = (await tx.query<FigureRow & { provider_id: string }>(`SELECT provider_id, ${live} FROM care_order WHERE ${where} GROUP BY provider_id`, p)).rows;
  const days = (await tx.query<FigureRow & { day: string }>(`SELECT scheduled_date::text AS day, ${live} FROM care_order WHERE ${where} GROUP BY scheduled_date ORDER BY scheduled_date`, p)).rows;
  const kinds = (await tx.query<{ provider_id: string; kind: string; day: string; raised: number; open: number }>(
    `SELECT provider_id, kind, day::text AS day, count(*)::int AS raised, count(*) FILTER (WHERE status = 'open')::int AS open
       FROM care_exception WHERE path <@ ANY($1::text[]::ltree[]) AND day BETWEEN $2::date AND $3::date GROUP BY provider_id, kind, day`, p)).rows;
  return { providers, days, kinds };
}

/** Provider names for the figures (a provider outside the caller's scope may still serve inside it). */
export async function providerNames(tx: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const { rows } = await tx.query<{ id: string; name: string }>('SELECT id, name FROM linli_care_provider_names($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- the person 360° panel

export async function personCare(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ provider_name: string; period_to: string; services: string; done30: number; next_at: Date | null; open_exceptions: number; avg_rating: string | null }>(
    `SELECT org.name AS provider_name, pl.period_to::text AS period_to,
            (SELECT string_agg(s.name, '、' ORDER BY s.sort) FROM care_plan_item i JOIN care_service s ON s.code = i.service_code WHERE i.plan_id = pl.id) AS services,
            (SELECT count(*)::int FROM care_order o WHERE o.person_id = pl.person_id AND o.status = 'completed' AND o.scheduled_date > current_date - 30) AS done30,
            (SELECT min(o.scheduled_at) FROM care_order o WHERE o.person_id = pl.person_id AND o.status IN ('pending', 'dispatched') AND o.scheduled_at >= now()) AS next_at,
            (SELECT count(*)::int FROM care_exception x JOIN care_order o ON o.id = x.order_id WHERE o.person_id = pl.person_id AND x.status = 'open') AS open_exceptions,
            (SELECT round(avg(o.rating), 1)::text FROM care_order o WHERE o.person_id = pl.person_id AND o.rating IS NOT NULL) AS avg_rating
       FROM care_plan pl JOIN care_provider p ON p.id = pl.provider_id ${PROVIDER_NAME}
      WHERE pl.person_id = $1 AND pl.status = 'active' ORDER BY pl.period_to DESC LIMIT 1`,
    [personId],
  );
  return rows[0];
}

// ---- figures for the analysis cube and cockpit (from the supervision tables, never the visits)

const MONTH_KEY = `to_char(date_trunc('month', day), 'YYYY-MM-DD')`;

/**
 * Visits checked in (服务人次: begun, not cancelled) on the days `from`–`to` under a node, cut by
 * the nodes at `depth` and, when asked, by month.
 */
export async function visitFigures(tx: Queryable, nodePath: string, depth: number, q: { from: string; to: string; byMonth: boolean }) {
  const rows = await nodeFigures(tx, {
    table: 'care_stats_daily', value: 'checked_in', keys: q.byMonth ? { month: MONTH_KEY } : {},
    where: ['day BETWEEN $3::date AND $4::date'], params: [q.from, q.to],
  }, nodePath, depth);
  return rows.map((r) => ({ area: r.area, month: r.month === undefined ? null : String(r.month), n: r.n }));
}

/** Exceptions raised on the visits of the days `from`–`to` under a node, by kind (and month when asked). */
export async function exceptionFigures(tx: Queryable, nodePath: string, depth: number, q: { from: string; to: string; byMonth: boolean; kind?: string }) {
  const rows = await nodeFigures(tx, {
    table: 'care_stats_exception', value: 'raised', keys: { kind: 'kind', ...(q.byMonth ? { month: MONTH_KEY } : {}) },
    where: ['day BETWEEN $3::date AND $4::date', ...(q.kind ? ['kind = $5'] : [])], params: [q.from, q.to, ...(q.kind ? [q.kind] : [])],
  }, nodePath, depth);
  return rows.map((r) => ({ area: r.area, kind: String(r.kind), month: r.month === undefined ? null : String(r.month), n: r.n }));
}
