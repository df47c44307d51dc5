import type { Queryable } from '../../db/database.js';
import type { CubeSlice, CubeValue, Dim } from './analysis.catalogue.js';

/**
 * Every query of the analysis ledgers and the few live counts the analysis pages need. The
 * registry's triggers append deltas (`analysis_*_delta`) that `fold` moves into the ledgers
 * (`analysis_*_fact`); reads go through `analysis_*_now` (ledger + deltas not yet folded), so a
 * figure is exact whether folded or not. Jurisdiction is the policies' business: these add only
 * the node asked for.
 */

/** Open, in the sense of "still to be handled". */
export const OPEN_STATES = ['open', 'assigned', 'in_progress'];

/** How a ledger answers a slice: its table, time column, value, and the SQL of each dimension. */
export interface LedgerDef {
  table: string;
  time: 'month' | 'day';
  /** stock: sum of every row up to the month's end; flow: the rows within the month */
  kind: 'stock' | 'flow';
  value: string;
  dims: Partial<Record<Dim, string>>;
  /** fixed conditions (e.g. 60+); `$Y` is the year of the month asked for */
  where?: (dims: Dim[], filters: Partial<Record<Dim, string>>) => string[];
}

const YEAR = `extract(year FROM mm.m)::int`;
const AGE_BAND = `CASE WHEN f.birth_year = 0 THEN -1 ELSE least(greatest((${YEAR} - f.birth_year) / 10, 0), 9) END`;

/** The area member a record's path belongs to: its ancestor at the depth asked for (or itself when shallower). */
const AREA = (depth: string) => `(CASE WHEN nlevel(f.path) >= ${depth} THEN subpath(f.path, 0, ${depth}) ELSE f.path END)::text`;

/** Person ledger: `tag = ''` counts each person once; a tag cut or filter uses the tag rows. */
export function personLedger(extra: (dims: Dim[]) => string[] = () => []): LedgerDef {
  return {
    table: 'analysis_person_now', time: 'month', kind: 'stock', value: 'sum(f.n)',
    dims: { ageBand: AGE_BAND, gender: 'f.gender::text', ethnicity: 'f.ethnicity', tag: 'f.tag', hukou: `CASE WHEN f.hukou_local THEN 'local' ELSE 'other' END` },
    where: (dims, filters) => [...(dims.includes('tag') || filters.tag !== undefined ? [`f.tag <> ''`] : [`f.tag = ''`]), ...extra(dims)],
  };
}

export const ELDERS_WHERE = `f.birth_year > 0 AND f.birth_year <= ${YEAR} - 60`;

export const LIVING: LedgerDef = { table: 'analysis_living_now', time: 'month', kind: 'stock', value: 'sum(f.moved_in - f.moved_out + f.shifted)', dims: {} };
export const MOVED_IN: LedgerDef = { table: 'analysis_living_now', time: 'month', kind: 'flow', value: 'sum(f.moved_in)', dims: {} };
export const MOVED_OUT: LedgerDef = { table: 'analysis_living_now', time: 'month', kind: 'flow', value: 'sum(f.moved_out)', dims: {} };
export const HOUSES: LedgerDef = { table: 'analysis_house_now', time: 'month', kind: 'stock', value: 'sum(f.n)', dims: { houseUse: 'f.use' } };
export const HOUSEHOLDS: LedgerDef = { table: 'analysis_household_now', time: 'month', kind: 'stock', value: 'sum(f.n)', dims: {} };
export const EVENTS_REPORTED: LedgerDef = { table: 'analysis_event_now', time: 'day', kind: 'flow', value: 'sum(f.created)', dims: { eventKind: 'f.kind' } };
export const EVENTS_OPEN: LedgerDef = {
  table: 'analysis_event_now', time: 'day', kind: 'stock', value: 'sum(f.in_state)', dims: { eventKind: 'f.kind', eventState: 'f.state' },
  where: () => [`f.state IN ('open', 'assigned', 'in_progress')`],
};

/**
 * The ledger level a slice reads: the district roll-up (2) when neither the node nor the area
 * members lie below a district, the street roll-up (3) when they lie at a street, else the
 * records' own paths (0).
 */
export function levelFor(slice: CubeSlice): 0 | 2 | 3 {
  const depth = Math.max(slice.path.split('.').length, slice.dims.includes('area') ? slice.areaDepth : 0);
  return depth <= 2 ? 2 : depth === 3 ? 3 : 0;
}

/**
 * Values of a ledger for a slice: a stock sums every delta up to each month's end, a flow the
 * deltas within it. Dimension SQL comes from the definitions above, never from input; filter
 * values are parameters.
 */
export async function ledgerValues(tx: Queryable, def: LedgerDef, slice: CubeSlice): Promise<CubeValue[]> {
  const params: unknown[] = [slice.path, slice.months, slice.areaDepth];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const exprs: [Dim, string][] = [];
  for (const d of slice.dims) {
    if (d === 'area') exprs.push(['area', AREA('$3')]);
    else if (d === 'month') exprs.push(['month', `to_char(mm.m, 'YYYY-MM-DD')`]);
    else exprs.push([d, def.dims[d]!]);
  }
  const where = [`f.path <@ $1::ltree`, `f.lvl = ${levelFor(slice)}`];
  const timeCol = `f.${def.time}`;
  if (def.kind === 'stock') where.push(`${timeCol} < (mm.m + interval '1 month')`);
  else where.push(`${timeCol} >= mm.m AND ${timeCol} < (mm.m + interval '1 month')`);
  for (const [d, v] of Object.entries(slice.filters) as [Dim, string][]) {
    if (d === 'area' || d === 'month') continue;
    where.push(`${def.dims[d]!} = ${p(d === 'ageBand' ? Number(v) : v)}${d === 'ageBand' ? '::int' : ''}`);
  }
  where.push(...(def.where?.(slice.dims, slice.filters) ?? []));
  const keySel = exprs.map(([d, e]) => `${e} AS "${d}"`);
  const groupBy = exprs.map((_, i) => String(i + 1));
  const sql = `
    SELECT ${[...keySel, `${def.value}::bigint AS value`].join(', ')}
      FROM unnest($2::date[]) AS mm(m)
      JOIN ${def.table} f ON ${where.join(' AND ')}
     WHERE $3::int > 0
     ${groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : ''}
    HAVING ${def.value} <> 0`;
  const { rows } = await tx.query<Record<string, string | number>>(sql, params);
  return rows.map((r) => ({
    keys: Object.fromEntries(exprs.map(([d]) => [d, String(r[d])])) as Partial<Record<Dim, string>>,
    value: Number(r.value),
  }));
}

/** Events past their deadline and not handled, as of now (a figure of the moment, not of a month). */
export async function overdueEvents(tx: Queryable, slice: CubeSlice): Promise<CubeValue[]> {
  const dims = slice.dims.filter((d) => d === 'area' || d === 'eventKind');
  const exprs = dims.map((d) => (d === 'area' ? `${AREA('$2').replaceAll('f.path', 't.path')} AS "area"` : `t.kind AS "eventKind"`));
  const params: unknown[] = [slice.path, slice.areaDepth];
  const where = [`t.path <@ $1::ltree`, `t.sla_due_at < now()`, `t.state IN ('open', 'assigned', 'in_progress')`];
  if (slice.filters.eventKind) { params.push(slice.filters.eventKind); where.push(`t.kind = $${params.length}`); }
  const { rows } = await tx.query<Record<string, string | number>>(
    `SELECT ${[...exprs, 'count(*)::int AS value'].join(', ')} FROM work_item t WHERE ${where.join(' AND ')} AND $2::int > 0
     ${dims.length ? `GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : ''}`, params);
  return rows.filter((r) => Number(r.value) > 0).map((r) => ({ keys: Object.fromEntries(dims.map((d) => [d, String(r[d])])), value: Number(r.value) }));
}

/** Events reported today (China time). */
export async function eventsToday(tx: Queryable, slice: CubeSlice): Promise<CubeValue[]> {
  const dims = slice.dims.filter((d) => d === 'area' || d === 'eventKind');
  const exprs = dims.map((d) => (d === 'area' ? `${AREA('$2')} AS "area"` : `f.kind AS "eventKind"`));
  const { rows } = await tx.query<Record<string, string | number>>(
    `SELECT ${[...exprs, 'sum(f.created)::int AS value'].join(', ')} FROM analysis_event_now f
      WHERE f.path <@ $1::ltree AND f.lvl = ${levelFor(slice)} AND f.day = linli_analysis_day() AND $2::int > 0
      ${dims.length ? `GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : ''}`, [slice.path, slice.areaDepth]);
  return rows.filter((r) => Number(r.value) > 0).map((r) => ({ keys: Object.fromEntries(dims.map((d) => [d, String(r[d])])), value: Number(r.value) }));
}

export interface NodeName { path: string; id: string | null; name: string | null; level: string | null }

/** Names of jurisdiction paths, retired nodes included (a past month shows the tree it had). */
export async function nodeNames(tx: Queryable, paths: string[]): Promise<NodeName[]> {
  if (!paths.length) return [];
  const { rows } = await tx.query<NodeName>(
    `SELECT p.path, n.id, n.name, n.level FROM unnest($1::text[]) AS p(path) LEFT JOIN LATERAL linli_node_at(p.path::ltree) n ON true`, [paths]);
  return rows;
}

/** 户结构: households under a path by size and whether all members are 60+ / 80+ (members in force today). */
export async function householdComposition(tx: Queryable, path: string) {
  const { rows } = await tx.query<{ size: number; all60: boolean; all80: boolean; n: number }>(
    `SELECT least(x.size, 5)::int AS size, x.all60, x.all80, count(*)::int AS n FROM (
       SELECT h.id, count(DISTINCT p.id) AS size,
              bool_and(p.birth_date <= current_date - interval '60 years') AS all60,
              bool_and(p.birth_date <= current_date - interval '80 years') AS all80
         FROM household h
         JOIN (SELECT household_id, person_id FROM household_member WHERE valid_to IS NULL OR valid_to >= current_date
               UNION SELECT id, head_person_id FROM household WHERE head_person_id IS NOT NULL) m ON m.household_id = h.id
         JOIN person p ON p.id = m.person_id AND p.status = 'active'
        WHERE h.path <@ $1::ltree
        GROUP BY h.id) x
      GROUP BY 1, 2, 3 ORDER BY 1`, [path]);
  return rows.map((r) => ({ ...r, all60: Boolean(r.all60), all80: Boolean(r.all80) }));
}

/** Moves the deltas appended since the last fold into the ledgers (the jobs role, every 2 s); returns the ledger rows written. */
export async function fold(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT linli_analysis_fold() AS n');
  return rows[0]!.n;
}

/** Rebuilds every ledger from the registry (after a bulk load with triggers off). Owner only. */
export async function rebuild(tx: Queryable) {
  await tx.query('SELECT linli_analysis_rebuild()');
}
