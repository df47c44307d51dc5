import type { Queryable } from '../../db/database.js';

export type Level = 'city' | 'district' | 'street' | 'community' | 'grid';

export interface NodeRow {
  id: string;
  code: string;
  name: string;
  level: Level;
  parent_id: string | null;
  path: string;
  path_names: string[];
  valid_from: string;
  valid_to: string | null;
  source: 'division-package' | 'local';
  version: number;
  child_count: number;
}

const SELECT = `
  SELECT n.id, n.code, n.name, n.level, n.parent_id, n.path::text AS path, n.path_names,
         n.valid_from, n.valid_to, n.source, n.version,
         (SELECT count(*)::int FROM jurisdiction_node c WHERE c.parent_id = n.id
            AND (c.valid_to IS NULL OR c.valid_to >= $1::date)) AS child_count
    FROM jurisdiction_node n`;

/** Nodes in force on `asOf` (valid_from ≤ asOf ≤ valid_to). */
const IN_FORCE = `n.valid_from <= $1::date AND (n.valid_to IS NULL OR n.valid_to >= $1::date)`;

export async function children(tx: Queryable, parentId: string, asOf: string): Promise<NodeRow[]> {
  const { rows } = await tx.query<NodeRow>(`${SELECT} WHERE n.parent_id = $2 AND ${IN_FORCE} ORDER BY n.code`, [asOf, parentId]);
  return rows;
}

/** The topmost visible nodes: those whose parent is not visible in the scope. */
export async function visibleRoots(tx: Queryable, asOf: string): Promise<NodeRow[]> {
  const { rows } = await tx.query<NodeRow>(
    `${SELECT} WHERE ${IN_FORCE}
       AND (n.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM jurisdiction_node p WHERE p.id = n.parent_id))
     ORDER BY n.code`,
    [asOf],
  );
  return rows;
}

export async function search(tx: Queryable, q: string, asOf: string, limit: number): Promise<NodeRow[]> {
  const { rows } = await tx.query<NodeRow>(
    `${SELECT} WHERE ${IN_FORCE} AND (n.name ILIKE '%' || $2 || '%' OR n.code LIKE $2 || '%')
     ORDER BY nlevel(n.path), n.code LIMIT $3`,
    [asOf, q, limit],
  );
  return rows;
}

export async function byId(tx: Queryable, id: string, asOf: string): Promise<NodeRow | undefined> {
  const { rows } = await tx.query<NodeRow>(`${SELECT} WHERE n.id = $2`, [asOf, id]);
  return rows[0];
}

export async function byIds(tx: Queryable, ids: string[], asOf: string): Promise<NodeRow[]> {
  const { rows } = await tx.query<NodeRow>(`${SELECT} WHERE n.id = ANY($2::uuid[]) AND ${IN_FORCE}`, [asOf, ids]);
  return rows;
}

export async function byCode(tx: Queryable, code: string, asOf: string): Promise<NodeRow | undefined> {
  const { rows } = await tx.query<NodeRow>(`${SELECT} WHERE n.code = $2`, [asOf, code]);
  return rows[0];
}

/** The next free local number of a grid under a community (grids are community code + 3 digits). */
export async function nextGridCode(tx: Queryable, communityCode: string): Promise<string> {
  const { rows } = await tx.query<{ max: string | null }>(
    `SELECT max(code) AS max FROM jurisdiction_node WHERE code LIKE $1 || '___' AND length(code) = length($1) + 3`,
    [communityCode],
  );
  const next = rows[0]?.max ? Number(rows[0].max.slice(-3)) + 1 : 1;
  return communityCode + String(next).padStart(3, '0');
}

export interface NewNode {
  code: string;
  name: string;
  level: Level;
  parentId: string | null;
  path: string;
  pathNames: string[];
  validFrom: string;
  source: 'division-package' | 'local';
}

export async function insert(tx: Queryable, n: NewNode): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO jurisdiction_node (code, name, level, parent_id, path, path_names, valid_from, source)
     VALUES ($1,$2,$3,$4,$5::ltree,$6,$7,$8) RETURNING id`,
    [n.code, n.name, n.level, n.parentId, n.path, n.pathNames, n.validFrom, n.source],
  );
  return rows[0]!.id;
}

/** Inserts many nodes at once, skipping codes already present (the division import is re-runnable). */
export async function insertMany(tx: Queryable, nodes: (Omit<NewNode, 'parentId'> & { parentCode: string | null })[]): Promise<number> {
  if (nodes.length === 0) return 0;
  const r = await tx.query(
    `INSERT INTO jurisdiction_node (code, name, level, parent_id, path, path_names, valid_from, source)
     SELECT x.code, x.name, x.level, p.id, x.path::ltree, x.path_names, x.valid_from::date, x.source
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, level text, parent_code text, path text,
                                                path_names text[], valid_from text, source text)
       LEFT JOIN jurisdiction_node p ON p.code = x.parent_code
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(nodes.map((n) => ({ ...n, parent_code: n.parentCode, path_names: n.pathNames, valid_from: n.validFrom })))],
  );
  return r.rowCount;
}

export async function retire(tx: Queryable, id: string, version: number, validTo: string): Promise<boolean> {
  const r = await tx.query(
    `UPDATE jurisdiction_node SET valid_to = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
    [id, version, validTo],
  );
  return r.rowCount > 0;
}

export async function countInForce(tx: Queryable, asOf: string): Promise<Record<Level, number>> {
  const { rows } = await tx.query<{ level: Level; n: number }>(
    `SELECT n.level, count(*)::int AS n FROM jurisdiction_node n WHERE ${IN_FORCE} GROUP BY n.level`,
    [asOf],
  );
  const out = { city: 0, district: 0, street: 0, community: 0, grid: 0 };
  for (const r of rows) out[r.level] = r.n;
  return out;
}
