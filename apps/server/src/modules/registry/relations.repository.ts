import type { Queryable } from '../../db/database.js';
import { houseLabelSql } from './housing.repository.js';
import { listPage } from './registry.repository.js';

export type RelationTable = 'person_house' | 'person_relation' | 'person_org' | 'household_member';

export interface RelationState {
  id: string;
  valid_from: string;
  valid_to: string | null;
}

export async function relationById(tx: Queryable, table: RelationTable, id: string): Promise<RelationState | undefined> {
  const { rows } = await tx.query<RelationState>(`SELECT id, valid_from, valid_to FROM ${table} WHERE id = $1`, [id]);
  return rows[0];
}

/** Ends a relationship on a date; nothing is deleted. */
export async function endRelation(tx: Queryable, table: RelationTable, id: string, validTo: string) {
  await tx.query(`UPDATE ${table} SET valid_to = $2, version = version + 1, updated_at = now() WHERE id = $1 AND valid_to IS NULL`, [id, validTo]);
}

export async function housesOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ relation_id: string; kind: string; valid_from: string; valid_to: string | null; house_id: string; label: string; use: string; building_id: string }>(
    `SELECT ph.id AS relation_id, ph.kind, ph.valid_from, ph.valid_to, t.id AS house_id, ${houseLabelSql()} AS label, t.use, t.building_id
       FROM person_house ph JOIN house t ON t.id = ph.house_id JOIN building b ON b.id = t.building_id LEFT JOIN estate e ON e.id = b.estate_id
      WHERE ph.person_id = $1 ORDER BY ph.valid_to NULLS FIRST, ph.valid_from DESC`,
    [personId],
  );
  return rows;
}

export async function relativesOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ relation_id: string; relation_code: string; valid_from: string; valid_to: string | null; person_id: string; name: string; gender: number; birth_date: string | null; direction: 'out' | 'in' }>(
    `SELECT r.id AS relation_id, r.relation_code, r.valid_from, r.valid_to, p.id AS person_id, p.name, p.gender, p.birth_date, 'out' AS direction
       FROM person_relation r JOIN person p ON p.id = r.related_person_id WHERE r.person_id = $1
     UNION ALL
     SELECT r.id, r.relation_code, r.valid_from, r.valid_to, p.id, p.name, p.gender, p.birth_date, 'in'
       FROM person_relation r JOIN person p ON p.id = r.person_id WHERE r.related_person_id = $1
     ORDER BY 4 NULLS FIRST, 3 DESC`,
    [personId],
  );
  return rows;
}

export async function orgsOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ relation_id: string; kind: string; valid_from: string; valid_to: string | null; org_id: string; name: string; type: string }>(
    `SELECT po.id AS relation_id, po.kind, po.valid_from, po.valid_to, o.id AS org_id, o.name, o.type
       FROM person_org po JOIN organization o ON o.id = po.org_id WHERE po.person_id = $1 ORDER BY po.valid_to NULLS FIRST, po.valid_from DESC`,
    [personId],
  );
  return rows;
}

export async function eventsOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ id: string; kind: string; title: string; state: string; created_at: Date }>(
    'SELECT id, kind, title, state, created_at FROM work_item WHERE person_id = $1 ORDER BY created_at DESC LIMIT 50',
    [personId],
  );
  return rows;
}

// ---------------------------------------------------------------- households

export interface HouseholdRow {
  id: string; path: string; district_code: string; household_no: string | null; kind: string; head_person_id: string | null;
  head_name: string | null; house_id: string | null; house_label: string | null; member_count: number; version: number; created_at: Date;
}

const HOUSEHOLD_SELECT = `t.*, t.path::text AS path, hp.name AS head_name,
  (SELECT ${houseLabelSql('hh')} FROM house hh JOIN building b ON b.id = hh.building_id LEFT JOIN estate e ON e.id = b.estate_id WHERE hh.id = t.house_id) AS house_label,
  (SELECT count(*)::int FROM household_member m WHERE m.household_id = t.id AND m.valid_to IS NULL) AS member_count`;
const HOUSEHOLD_JOINS = 'LEFT JOIN person hp ON hp.id = t.head_person_id';

export async function householdById(tx: Queryable, id: string) {
  const { rows } = await tx.query<HouseholdRow>(`SELECT ${HOUSEHOLD_SELECT} FROM household t ${HOUSEHOLD_JOINS} WHERE t.id = $1`, [id]);
  return rows[0];
}

export function listHouseholds(tx: Queryable, f: { q?: string; underPath?: string; after?: unknown[]; limit: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q) { params.push(f.q); where.push(`(t.household_no LIKE $${params.length} || '%' OR hp.name LIKE $${params.length} || '%')`); }
  if (f.underPath) { params.push(f.underPath); where.push(`t.path <@ $${params.length}::ltree`); }
  return listPage<HouseholdRow>(tx, {
    table: 'household', select: HOUSEHOLD_SELECT, joins: HOUSEHOLD_JOINS, whereJoins: HOUSEHOLD_JOINS, where, params,
    orderBy: ['t.created_at', 't.id'], desc: true, after: f.after, limit: f.limit,
  });
}

export async function membersOf(tx: Queryable, householdId: string) {
  const { rows } = await tx.query<{ member_id: string; person_id: string; name: string; gender: number; birth_date: string | null; relation_code: string; valid_from: string; valid_to: string | null }>(
    `SELECT m.id AS member_id, p.id AS person_id, p.name, p.gender, p.birth_date, m.relation_code, m.valid_from, m.valid_to
       FROM household_member m JOIN person p ON p.id = m.person_id WHERE m.household_id = $1
      ORDER BY m.valid_to NULLS FIRST, m.relation_code, p.birth_date`,
    [householdId],
  );
  return rows;
}

export async function householdsOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ household_id: string; relation_code: string; valid_from: string; valid_to: string | null; head_id: string | null; head_name: string | null }>(
    `SELECT m.household_id, m.relation_code, m.valid_from, m.valid_to, h.head_person_id AS head_id, hp.name AS head_name
       FROM household_member m JOIN household h ON h.id = m.household_id LEFT JOIN person hp ON hp.id = h.head_person_id
      WHERE m.person_id = $1 ORDER BY m.valid_to NULLS FIRST, m.valid_from DESC`,
    [personId],
  );
  return rows;
}

export async function activeMembership(tx: Queryable, householdId: string, personId: string) {
  const { rows } = await tx.query('SELECT 1 FROM household_member WHERE household_id = $1 AND person_id = $2 AND valid_to IS NULL', [householdId, personId]);
  return rows.length > 0;
}

/** Current occupants of a house (owner, tenant, resident, operator). */
export async function occupantsOf(tx: Queryable, houseId: string) {
  const { rows } = await tx.query<{ relation_id: string; kind: string; person_id: string; name: string; gender: number; birth_date: string | null }>(
    `SELECT ph.id AS relation_id, ph.kind, p.id AS person_id, p.name, p.gender, p.birth_date
       FROM person_house ph JOIN person p ON p.id = ph.person_id
      WHERE ph.house_id = $1 AND ph.valid_to IS NULL AND p.status = 'active' ORDER BY ph.kind, p.name`,
    [houseId],
  );
  return rows;
}

export async function householdsAtHouse(tx: Queryable, houseId: string) {
  const { rows } = await tx.query<{ id: string; head_name: string | null; household_no: string | null }>(
    `SELECT h.id, hp.name AS head_name, h.household_no FROM household h LEFT JOIN person hp ON hp.id = h.head_person_id WHERE h.house_id = $1`,
    [houseId],
  );
  return rows;
}

export async function peopleOfOrg(tx: Queryable, orgId: string) {
  const { rows } = await tx.query<{ kind: string; person_id: string; name: string }>(
    `SELECT po.kind, p.id AS person_id, p.name FROM person_org po JOIN person p ON p.id = po.person_id
      WHERE po.org_id = $1 AND po.valid_to IS NULL ORDER BY po.kind, p.name LIMIT 200`,
    [orgId],
  );
  return rows;
}

export async function orgById(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ id: string; name: string; type: string; house_id: string | null }>('SELECT id, name, type, house_id FROM organization WHERE id = $1', [id]);
  return rows[0];
}

export async function hasActiveResidence(tx: Queryable, personId: string, houseId: string) {
  const { rows } = await tx.query(
    `SELECT 1 FROM person_house WHERE person_id = $1 AND house_id = $2 AND valid_to IS NULL AND kind IN ('resident', 'tenant')`, [personId, houseId]);
  return rows.length > 0;
}

export async function hasActiveRelation(tx: Queryable, a: string, b: string) {
  const { rows } = await tx.query(
    `SELECT 1 FROM person_relation WHERE valid_to IS NULL AND ((person_id = $1 AND related_person_id = $2) OR (person_id = $2 AND related_person_id = $1))`, [a, b]);
  return rows.length > 0;
}
