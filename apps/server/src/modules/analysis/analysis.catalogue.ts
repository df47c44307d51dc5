import type { Queryable } from '../../db/database.js';

/**
 * 数据立方's vocabulary: the dimensions a figure can be cut by, and the measures — each from a
 * provider. The analysis module registers the registry's measures; other modules (elder care:
 * elders by ability level, service visits, alerts, door events) add theirs with one call to
 * `services.analysis.registerMeasure(provider)`, and the cube, the cockpit and the home card show
 * them without a change here.
 */
export const DIMENSIONS = {
  area: { zh: '辖区', en: 'Jurisdiction' },
  month: { zh: '月份', en: 'Month' },
  ageBand: { zh: '年龄段', en: 'Age band' },
  gender: { zh: '性别', en: 'Gender' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  tag: { zh: '特殊人群', en: 'Special group' },
  hukou: { zh: '户籍', en: 'Household registration' },
  houseUse: { zh: '房屋用途', en: 'House use' },
  eventKind: { zh: '事件类型', en: 'Event kind' },
  eventState: { zh: '事件状态', en: 'Event state' },
  abilityLevel: { zh: '能力等级', en: 'Ability level' },
  exceptionKind: { zh: '异常类型', en: 'Exception kind' },
  alertKind: { zh: '告警类型', en: 'Alert kind' },
} as const;
export type Dim = keyof typeof DIMENSIONS;
export const DIM_CODES = Object.keys(DIMENSIONS) as [Dim, ...Dim[]];

/** Ages are counted by year (年度年龄: the age reached in the year of the month asked for). */
export const AGE_BANDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export const ageBandName = (b: number) => (b < 0 ? { zh: '不详', en: 'Unknown' } : b >= 9 ? { zh: '90岁及以上', en: '90+' } : { zh: `${b * 10}-${b * 10 + 9}岁`, en: `${b * 10}-${b * 10 + 9}` });
export const ELDER_AGE = 60;

/** One slice of the cube asked of a provider: under `path`, the months given, cut by `dims`. */
export interface CubeSlice {
  /** the jurisdiction node whose subtree is counted (the caller's scope limits it further) */
  path: string;
  /** ltree depth of the `area` dimension's members (children of the node, or deeper) */
  areaDepth: number;
  /** first days of the months asked for; one unless `month` is a dimension */
  months: string[];
  dims: Dim[];
  filters: Partial<Record<Dim, string>>;
}

/** A value for one combination of the slice's dimensions (keys as strings, `month` as YYYY-MM-01). */
export interface CubeValue {
  keys: Partial<Record<Dim, string>>;
  value: number;
}

/** The lists a cell's records open in: each an existing list endpoint of its module, with its filters. */
export const DRILL_LISTS = ['people', 'elders', 'houses', 'households', 'events', 'careOrders', 'careExceptions', 'alerts'] as const;
export type DrillList = (typeof DRILL_LISTS)[number];

/** Where a cell's records are listed: one of the modules' own lists (masked, audited), with its filters. */
export interface DrillTarget {
  list: DrillList;
  query: Record<string, string | number>;
}

/** The cell a drill is asked for: the node of its area, and its month (YYYY-MM-01; `current` when it is this month). */
export interface DrillCell {
  nodeId: string;
  month: string;
  current: boolean;
}

/** A member of a dimension, named in both languages. */
export interface Member { key: string; label: string; labelEn: string }

export interface MeasureProvider {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  /** who provides it (shown in the catalogue): 'registry', 'eldercare', … */
  source: string;
  /** the dimensions it can be cut and filtered by */
  dims: Dim[];
  /** shown as a KPI tile on the cockpit and the home card, in this order */
  kpiOrder?: number;
  /** stock (a standing at the month's end) or flow (what happened within the month) */
  kind: 'stock' | 'flow';
  /** false when the figure is only known for now (e.g. overdue events): month stays the current one */
  history: boolean;
  /** values for the slice, run in the caller's transaction (row-level security applies) */
  values(tx: Queryable, slice: CubeSlice): Promise<CubeValue[]>;
  /** names of the members of a dimension this provider brings (one the analysis module does not name itself) */
  members?: Partial<Record<Dim, Member[]>>;
  /** the records behind a cell; null when its list cannot filter by the cell's keys */
  drill?(keys: Partial<Record<Dim, string>>, cell: DrillCell): DrillTarget | null;
  /** true when `drill` can list a past month's cell too (a flow over a date range, a stock whose list
   * can ask "as at the month's end"); otherwise only the current month's cells open their records */
  drillsPast?: boolean;
}

/** A measure another module will fill: shown on the cockpit as 待接入 until a provider registers it. */
export const COCKPIT_SLOTS = [
  { code: 'care_visits_today', name: '今日服务人次', nameEn: 'Care visits today', source: 'eldercare' },
  { code: 'care_exceptions_today', name: '今日服务异常', nameEn: 'Visit exceptions today', source: 'eldercare' },
  { code: 'alerts_open', name: '未处置告警', nameEn: 'Open alerts', source: 'devices' },
  { code: 'door_events_today', name: '今日门禁通行', nameEn: 'Door events today', source: 'devices' },
] as const;

/** Measure providers by code; registration order is the catalogue's order. */
export function createMeasureRegistry() {
  const providers = new Map<string, MeasureProvider>();
  return {
    register(p: MeasureProvider) {
      if (!/^[a-z][a-z0-9_]{1,40}$/.test(p.code)) throw new Error(`bad measure code ${p.code}`);
      if (providers.has(p.code)) throw new Error(`measure ${p.code} registered twice`);
      providers.set(p.code, p);
    },
    get: (code: string) => providers.get(code),
    all: () => [...providers.values()],
  };
}
export type MeasureRegistry = ReturnType<typeof createMeasureRegistry>;

/** First day of the month `n` months before `month` (YYYY-MM-01). */
export function monthsBack(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** Rows × columns of a pivot with totals, from the values of one or more measures. */
export function pivot(values: { measure: string; keys: Partial<Record<Dim, string>>; value: number }[], rowDim: Dim | null, colDim: Dim | null) {
  const rowKeys: string[] = [];
  const colKeys: string[] = [];
  const cells = new Map<string, number>();
  const seenR = new Set<string>();
  const seenC = new Set<string>();
  const rowTotals = new Map<string, number>();
  const colTotals = new Map<string, number>();
  const grand = new Map<string, number>();
  for (const v of values) {
    const r = rowDim ? (v.keys[rowDim] ?? '') : '';
    const c = colDim ? (v.keys[colDim] ?? '') : '';
    if (!seenR.has(r)) { seenR.add(r); rowKeys.push(r); }
    if (!seenC.has(c)) { seenC.add(c); colKeys.push(c); }
    const k = `${r}\u0000${c}\u0000${v.measure}`;
    cells.set(k, (cells.get(k) ?? 0) + v.value);
    rowTotals.set(`${r}\u0000${v.measure}`, (rowTotals.get(`${r}\u0000${v.measure}`) ?? 0) + v.value);
    colTotals.set(`${c}\u0000${v.measure}`, (colTotals.get(`${c}\u0000${v.measure}`) ?? 0) + v.value);
    grand.set(v.measure, (grand.get(v.measure) ?? 0) + v.value);
  }
  return {
    rowKeys, colKeys,
    cell: (r: string, c: string, m: string) => cells.get(`${r}\u0000${c}\u0000${m}`) ?? 0,
    rowTotal: (r: string, m: string) => rowTotals.get(`${r}\u0000${m}`) ?? 0,
    colTotal: (c: string, m: string) => colTotals.get(`${c}\u0000${m}`) ?? 0,
    total: (m: string) => grand.get(m) ?? 0,
  };
}

/** The depth a provider cuts the area by: the slice's when `area` is a dimension, else the node's own (one total). */
export const sliceDepth = (s: CubeSlice) => (s.dims.includes('area') ? s.areaDepth : s.path.split('.').length);

/** A provider's rows as cube values: keys kept for the slice's dimensions only, equal keys summed, zeros dropped. */
export function toCubeValues(s: CubeSlice, rows: { keys: Partial<Record<Dim, string | null>>; n: number }[]): CubeValue[] {
  const out = new Map<string, CubeValue>();
  for (const r of rows) {
    const keys: Partial<Record<Dim, string>> = {};
    for (const d of s.dims) { const k = r.keys[d]; if (k !== undefined && k !== null) keys[d] = k; }
    const id = JSON.stringify(keys);
    const v = out.get(id) ?? { keys, value: 0 };
    v.value += r.n;
    out.set(id, v);
  }
  return [...out.values()].filter((v) => v.value !== 0);
}
