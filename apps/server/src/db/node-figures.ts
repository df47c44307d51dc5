import type { Queryable } from './database.js';

/**
 * Figures of a table kept per jurisdiction node at every level of a record's path (`node` the
 * path as text, `path` the same as ltree: elder_stats, care_stats_daily, care_stats_exception,
 * device_alert_stats), cut by the nodes at `depth` under `nodePath`. A record placed above that
 * depth (an elder registered at the community when the cut is by grid) counts under its own node,
 * as the node's figure minus its children's — the same rule as the analysis ledgers. Rows are
 * found by `node = ANY(…)` (text equality is leakproof: an index condition under row-level
 * security), the nodes from the tree, retired ones included.
 */
export interface NodeFiguresQuery {
  table: string;
  /** the figure of a row, summed (e.g. `n`, `checked_in`) */
  value: string;
  /** further cuts: alias → SQL over the table's columns (never from input) */
  keys: Record<string, string>;
  /** conditions over the table's columns; parameters are numbered from $3 */
  where?: string[];
  params?: unknown[];
}

export type NodeFigure = { area: string; n: number } & Record<string, string | number>;

export async function nodeFigures(tx: Queryable, q: NodeFiguresQuery, nodePath: string, depth: number): Promise<NodeFigure[]> {
  const own = nodePath.split('.').length;
  const nodes = depth <= own ? [nodePath] : (await tx.query<{ p: string }>(
    `SELECT DISTINCT path::text AS p FROM jurisdiction_node WHERE path <@ $1::ltree AND nlevel(path) <= $2`, [nodePath, depth])).rows.map((r) => r.p);
  const aliases = Object.keys(q.keys);
  const keySel = aliases.map((a) => `${q.keys[a]} AS "${a}"`);
  const keyCols = aliases.map((a) => `"${a}"`);
  const same = aliases.map((a) => `c."${a}" = p."${a}"`);
  const { rows } = await tx.query<NodeFigure>(
    `WITH s AS (
       SELECT node, nlevel(path) AS d, CASE WHEN nlevel(path) > 1 THEN subpath(path, 0, nlevel(path) - 1)::text ELSE '' END AS parent,
              ${[...keySel, `sum(${q.value})::bigint AS n`].join(', ')}
         FROM ${q.table}
        WHERE ${['node = ANY ($1::text[])', ...(q.where ?? [])].join(' AND ')}
        GROUP BY ${['node', 'path', ...aliases.map((_, i) => String(i + 4))].join(', ')})
     SELECT ${['area', ...keyCols, 'sum(n)::bigint AS n'].join(', ')} FROM (
       SELECT ${['node AS area', ...keyCols, 'n'].join(', ')} FROM s WHERE d = $2
       UNION ALL
       SELECT ${['p.node', ...keyCols.map((k) => `p.${k}`), `p.n - coalesce((SELECT sum(c.n) FROM s c WHERE ${['c.parent = p.node', ...same].join(' AND ')}), 0)`].join(', ')}
         FROM s p WHERE p.d < $2
     ) x
     GROUP BY ${['area', ...keyCols].join(', ')} HAVING sum(n) <> 0`,
    [nodes, Math.max(depth, own), ...(q.params ?? [])],
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
