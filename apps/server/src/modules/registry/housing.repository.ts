import type { Queryable } from '../../db/database.js';
import { listPage, NODE_OF_ROW } from './registry.repository.js';

export interface EstateRow {
  id: string; path: string; district_code: string; name: string; address: string | null; lon: number | null; lat: number | null;
  property_company: string | null; version: number; created_at: Date; updated_at: Date;
  node_id: string | null; node_name: string | null; building_count: number; house_count: number;
}

const ESTATE_SELECT = `t.*, t.path::text AS path, n.id AS node_id, n.name AS node_name,
  (SELECT count(*)::int FROM building b WHERE b.estate_id = t.id) AS building_count,
  (SELECT count(*)::int FROM house h JOIN building b ON b.id = h.building_id WHERE b.estate_id = t.id) AS house_count`;
const NODE_JOIN = NODE_OF_ROW;

export async function estateById(tx: Queryable, id: string) {
  const { rows } = await tx.query<EstateRow>(`SELECT ${ESTATE_SELECT} FROM estate t ${NODE_JOIN} WHERE t.id = $1`, [id]);
  return rows[0];
}

export function listEstates(tx: Queryable, f: { q?: string; underPath?: string; after?: unknown[]; limit: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q) { params.push(f.q); where.push(`t.name ILIKE '%' || $${params.length} || '%'`); }
  if (f.underPath) { params.push(f.underPath); where.push(`t.path <@ $${params.length}::ltree`); }
  return listPage<EstateRow>(tx, { table: 'estate', select: ESTATE_SELECT, joins: NODE_JOIN, where, params, orderBy: ['t.name', 't.id'], after: f.after, limit: f.limit });
}

export interface BuildingRow {
  id: string; path: string; district_code: string; estate_id: string | null; estate_name: string | null; name: string; floors: number;
  unit_count: number; use: string; built_year: number | null; footprint: unknown; lon: number | null; lat: number | null;
  version: number; created_at: Date; updated_at: Date; node_id: string | null; node_name: string | null; house_count: number; resident_count: number;
}

const BUILDING_SELECT = `t.*, t.path::text AS path, e.name AS estate_name, n.id AS node_id, n.name AS node_name,
  (SELECT count(*)::int FROM house h WHERE h.building_id = t.id) AS house_count,
  (SELECT count(DISTINCT ph.person_id)::int FROM person_house ph JOIN house h ON h.id = ph.house_id
    WHERE h.building_id = t.id AND ph.valid_to IS NULL AND ph.kind IN ('resident', 'tenant')) AS resident_count`;
const BUILDING_JOINS = `LEFT JOIN estate e ON e.id = t.estate_id ${NODE_OF_ROW}`;

export async function buildingById(tx: Queryable, id: string) {
  const { rows } = await tx.query<BuildingRow>(`SELECT ${BUILDING_SELECT} FROM building t ${BUILDING_JOINS} WHERE t.id = $1`, [id]);
  return rows[0];
}

export function listBuildings(tx: Queryable, f: { estateId?: string; underPath?: string; q?: string; after?: unknown[]; limit: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.estateId) { params.push(f.estateId); where.push(`t.estate_id = $${params.length}`); }
  if (f.underPath) { params.push(f.underPath); where.push(`t.path <@ $${params.length}::ltree`); }
  if (f.q) { params.push(f.q); where.push(`(t.name ILIKE '%' || $${params.length} || '%' OR e.name ILIKE '%' || $${params.length} || '%')`); }
  return listPage<BuildingRow>(tx, { table: 'building', select: BUILDING_SELECT, joins: BUILDING_JOINS, whereJoins: 'LEFT JOIN estate e ON e.id = t.estate_id', where, params, orderBy: ['t.name', 't.id'], after: f.after, limit: f.limit });
}

export interface HouseRow {
  id: string; path: string; district_code: string; building_id: string; unit_no: number; floor: number; number: string;
  area: number | null; use: string; ownership: string; shop_name: string | null; version: number; created_at: Date; updated_at: Date;
  building_name: string; estate_id: string | null; estate_name: string | null; label: string; resident_count: number;
}

/** A house as people name it: 小区 楼栋 单元 房号 (needs the building as b and the estate as e). */
export const houseLabelSql = (h = 't') => `concat_ws(' ', e.name, b.name, ${h}.unit_no || '单元', ${h}.number)`;
const HOUSE_LABEL = houseLabelSql();
const HOUSE_SELECT = `t.*, t.path::text AS path, b.name AS building_name, b.estate_id, e.name AS estate_name, ${HOUSE_LABEL} AS label,
  (SELECT count(DISTINCT ph.person_id)::int FROM person_house ph WHERE ph.house_id = t.id AND ph.valid_to IS NULL
     AND ph.kind IN ('resident', 'tenant')) AS resident_count`;
const HOUSE_JOINS = 'JOIN building b ON b.id = t.building_id LEFT JOIN estate e ON e.id = b.estate_id';

export async function houseById(tx: Queryable, id: string) {
  const { rows } = await tx.query<HouseRow>(`SELECT ${HOUSE_SELECT} FROM house t ${HOUSE_JOINS} WHERE t.id = $1`, [id]);
  return rows[0];
}

export function listHouses(tx: Queryable, f: { q?: string; buildingId?: string; underPath?: string; use?: string; after?: unknown[]; limit: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q) { params.push(f.q); where.push(`${HOUSE_LABEL} ILIKE '%' || $${params.length} || '%'`); }
  if (f.buildingId) { params.push(f.buildingId); where.push(`t.building_id = $${params.length}`); }
  if (f.underPath) { params.push(f.underPath); where.push(`t.path <@ $${params.length}::ltree`); }
  if (f.use) { params.push(f.use); where.push(`t.use = $${params.length}`); }
  return listPage<HouseRow>(tx, { table: 'house', select: HOUSE_SELECT, joins: HOUSE_JOINS, whereJoins: HOUSE_JOINS, where, params, orderBy: ['t.building_id', 't.unit_no', 't.floor', 't.number', 't.id'], after: f.after, limit: f.limit });
}

/** Whether a building already has this house number in this unit (the unique key). */
export async function houseNumberTaken(tx: Queryable, buildingId: string, unitNo: number, number: string, exceptId?: string) {
  const { rows } = await tx.query('SELECT 1 FROM house WHERE building_id = $1 AND unit_no = $2 AND number = $3 AND id IS DISTINCT FROM $4', [buildingId, unitNo, number, exceptId ?? null]);
  return rows.length > 0;
}

export interface FloorPlanCell {
  id: string; unit_no: number; floor: number; number: string; use: string; area: number | null; shop_name: string | null;
  owners: number; tenants: number; residents: number; tags: Record<string, number>;
}

/** 楼盘表: every house of a building with its current occupants counted by kind and tag. */
export async function floorPlan(tx: Queryable, buildingId: string): Promise<FloorPlanCell[]> {
  const { rows } = await tx.query<FloorPlanCell>(
    `SELECT h.id, h.unit_no, h.floor, h.number, h.use, h.area, h.shop_name,
            count(DISTINCT ph.person_id) FILTER (WHERE ph.kind = 'owner')::int AS owners,
            count(DISTINCT ph.person_id) FILTER (WHERE ph.kind = 'tenant')::int AS tenants,
            count(DISTINCT ph.person_id) FILTER (WHERE ph.kind IN ('resident', 'tenant'))::int AS residents,
            coalesce((SELECT jsonb_object_agg(tag, n) FROM (
               SELECT tg AS tag, count(DISTINCT p.id)::int AS n FROM person_house ph2 JOIN person p ON p.id = ph2.person_id, unnest(p.tags) tg
                WHERE ph2.house_id = h.id AND ph2.valid_to IS NULL AND p.status = 'active' GROUP BY tg) x), '{}') AS tags
       FROM house h LEFT JOIN person_house ph ON ph.house_id = h.id AND ph.valid_to IS NULL
      WHERE h.building_id = $1
      GROUP BY h.id ORDER BY h.floor DESC, h.unit_no, h.number`,
    [buildingId],
  );
  return rows;
}
