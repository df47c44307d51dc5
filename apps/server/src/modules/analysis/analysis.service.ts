import type { Database, Queryable } from '../../db/database.js';
import { systemScope, withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { today } from '../../shared/dates.js';
import { EN, EVENT_KINDS, EVENT_STATES, ETHNICITIES, GENDERS, HOUSE_USES, PERSON_TAGS } from '../../standards/codes.js';
import type { AuditService } from '../audit/audit.service.js';
import * as jurisdictionRepo from '../jurisdiction/jurisdiction.repository.js';
import {
  AGE_BANDS, ageBandName, COCKPIT_SLOTS, createMeasureRegistry, type CubeSlice, type Dim, DIMENSIONS, type MeasureProvider, type Member, monthsBack, pivot,
} from './analysis.catalogue.js';
import { analysisError } from './analysis.errors.js';
import { registryMeasures } from './analysis.measures.js';
import * as repo from './analysis.repository.js';
import type { CockpitDto, CubeRequest } from './analysis.schema.js';

export type AnalysisService = ReturnType<typeof createAnalysisService>;

interface NodeInfo { id: string; name: string; level: string; path: string; parentId: string | null }

/** The cockpit's figures per child area (its map and table); its KPIs of the same measures are their sums. */
const CHILD_MEASURES = ['people', 'elders', 'events_open', 'events_overdue'];

const currentMonth = () => `${today().slice(0, 7)}-01`;
const monthLabel = (m: string) => ({ zh: `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`, en: m.slice(0, 7) });

/** Names of a dimension's members, both languages (area members are named from the tree; those of
 * a dimension another module brings, from its provider's `members`). */
function memberName(dim: Dim, key: string, named?: Map<string, Member>): { zh: string; en: string } {
  const m = named?.get(`${dim}\u0000${key}`);
  if (m) return { zh: m.label, en: m.labelEn };
  switch (dim) {
    case 'month': return monthLabel(key);
    case 'ageBand': return ageBandName(Number(key));
    case 'gender': return GENDERS[Number(key) as keyof typeof GENDERS] ?? { zh: key, en: key };
    case 'ethnicity': return key ? { zh: ETHNICITIES[key] ?? key, en: key } : { zh: '不详', en: 'Unknown' };
    case 'tag': return PERSON_TAGS[key] ?? { zh: key, en: key };
    case 'hukou': return key === 'local' ? { zh: '本区县户籍', en: 'Registered in the district' } : { zh: '外区县或不详', en: 'Elsewhere or unknown' };
    case 'houseUse': return { zh: HOUSE_USES[key as keyof typeof HOUSE_USES] ?? key, en: EN.houseUses?.[key] ?? key };
    case 'eventKind': return { zh: EVENT_KINDS[key as keyof typeof EVENT_KINDS] ?? key, en: key };
    case 'eventState': return { zh: EVENT_STATES[key as keyof typeof EVENT_STATES] ?? key, en: key };
    default: return { zh: key, en: key };
  }
}

/** Every member a dimension has, for the filters of the cube page (area and month excepted). */
function allMembers(providers: MeasureProvider[]): Record<string, { key: string; label: string; labelEn: string }[]> {
  const brought: Record<string, Member[]> = {};
  for (const p of providers) {
    for (const [d, ms] of Object.entries(p.members ?? {})) {
      const have = (brought[d] ??= []);
      for (const m of ms) if (!have.some((h) => h.key === m.key)) have.push(m);
    }
  }
  const list = (dim: Dim, keys: string[]) => keys.map((k) => ({ key: k, label: memberName(dim, k).zh, labelEn: memberName(dim, k).en }));
  return {
    ageBand: list('ageBand', AGE_BANDS.map(String)),
    gender: list('gender', ['1', '2', '0', '9']),
    ethnicity: list('ethnicity', Object.keys(ETHNICITIES)),
    tag: list('tag', Object.keys(PERSON_TAGS)),
    hukou: list('hukou', ['local', 'other']),
    houseUse: list('houseUse', Object.keys(HOUSE_USES)),
    eventKind: list('eventKind', Object.keys(EVENT_KINDS)),
    eventState: list('eventState', ['open', 'assigned', 'in_progress']),
    ...brought,
  };
}

/**
 * 民情分析, 数据立方 and 领导驾驶舱 over the ledgers the registry's triggers keep (see migration
 * 20261130_0400): every figure is read in the caller's scope, so a street official's cube has
 * only their street's cells, and the records behind a cell are listed by the registry's own
 * (masked, audited) lists. Measures come from providers; other modules register theirs.
 */
export function createAnalysisService(deps: { db: Database; audit: AuditService; exports: { tableWorkbook(actor: Actor, t: { title: string; header: string[]; rows: (string | number)[][]; notes: [string, string][] }): Promise<Buffer> } }) {
  const { db, audit } = deps;
  const measures = createMeasureRegistry();
  for (const m of registryMeasures()) measures.register(m);
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const named = new Map<string, Member>();
  const name = (dim: Dim, key: string) => memberName(dim, key, named);

  async function nodeFor(tx: Queryable, actor: Actor, id: string | undefined): Promise<NodeInfo> {
    const nodeId = id ?? actor.nodes[0]?.id;
    if (!nodeId) throw commonError('NOT_FOUND');
    const n = await jurisdictionRepo.byId(tx, nodeId, today());
    if (!n) throw commonError('NOT_FOUND');
    const parent = n.parent_id ? await jurisdictionRepo.byId(tx, n.parent_id, today()) : undefined;
    return { id: n.id, name: n.name, level: n.level, path: n.path, parentId: parent?.id ?? null };
  }

  function monthOf(m: string | undefined): string {
    const first = m ? `${m}-01` : currentMonth();
    if (first > currentMonth()) throw analysisError('MONTH_IN_FUTURE', {}, 'month');
    return first;
  }

  function provider(code: string, field = 'measures'): MeasureProvider {
    const p = measures.get(code);
    if (!p) throw analysisError('MEASURE_UNKNOWN', { code }, field);
    return p;
  }

  function check(p: MeasureProvider, dims: Dim[], month: string) {
    for (const d of dims) {
      if (!p.dims.includes(d)) {
        throw analysisError('DIMENSION_UNSUPPORTED', { measure: p.name, measureEn: p.nameEn, dim: DIMENSIONS[d].zh, dimEn: DIMENSIONS[d].en }, 'measures');
      }
    }
    if (!p.history && (month !== currentMonth() || dims.includes('month'))) throw analysisError('NO_HISTORY', { measure: p.name, measureEn: p.nameEn }, 'month');
  }

  async function values(tx: Queryable, p: MeasureProvider, slice: CubeSlice) {
    check(p, [...slice.dims, ...(Object.keys(slice.filters) as Dim[])], slice.months.at(-1)!);
    return p.values(tx, slice);
  }

  /** Labels of members; area keys (paths) are named from the tree, retired nodes included. */
  async function members(tx: Queryable, dim: Dim | null, keys: string[], node: NodeInfo) {
    if (!dim) return [{ key: '', label: '合计', labelEn: 'Total', nodeId: null }];
    if (dim === 'area') {
      const names = new Map((await repo.nodeNames(tx, keys)).map((n) => [n.path, n]));
      return keys.sort().map((k) => {
        const n = names.get(k);
        const own = k === node.path || k.split('.').length < node.path.split('.').length + 1;
        const name = n?.name ?? k;
        return { key: k, label: own ? `${name}（本级）` : name, labelEn: own ? `${name} (itself)` : name, nodeId: n?.id ?? null };
      });
    }
    const sorted = dim === 'ageBand' ? keys.sort((a, b) => Number(a) - Number(b)) : keys.sort();
    return sorted.map((k) => ({ key: k, label: name(dim, k).zh, labelEn: name(dim, k).en, nodeId: null }));
  }

  async function cubeIn(tx: Queryable, actor: Actor, q: CubeRequest) {
    if (q.rows && q.rows === q.cols) throw analysisError('SAME_DIMENSION', {}, 'cols');
    const node = await nodeFor(tx, actor, q.jurisdictionId);
    const month = monthOf(q.month);
    const dims = [q.rows, q.cols].filter((d): d is Dim => d !== null);
    const slice: CubeSlice = {
      path: node.path, areaDepth: node.path.split('.').length + q.areaDepth,
      months: dims.includes('month') ? monthsBack(month, q.monthCount) : [month], dims,
      filters: Object.fromEntries(Object.entries(q.filters).filter(([, v]) => v !== undefined)) as Partial<Record<Dim, string>>,
    };
    const ps = q.measures.map((c) => provider(c));
    const all: { measure: string; keys: Partial<Record<Dim, string>>; value: number }[] = [];
    for (const p of ps) for (const v of await values(tx, p, slice)) all.push({ measure: p.code, ...v });
    const pv = pivot(all, q.rows, q.cols);
    const rows = await members(tx, q.rows, pv.rowKeys, node);
    const cols = await members(tx, q.cols, pv.colKeys, node);
    const codes = ps.map((p) => p.code);
    return {
      node, month: month.slice(0, 7), current: month === currentMonth(),
      measures: ps.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, unit: p.unit, drillable: Boolean(p.drill), drillsPast: Boolean(p.drill && p.drillsPast) })),
      rowDim: q.rows, colDim: q.cols, rows, cols,
      values: rows.map((r) => cols.map((c) => codes.map((m) => pv.cell(r.key, c.key, m)))),
      rowTotals: rows.map((r) => codes.map((m) => pv.rowTotal(r.key, m))),
      colTotals: cols.map((c) => codes.map((m) => pv.colTotal(c.key, m))),
      totals: codes.map((m) => pv.total(m)),
    };
  }

  /** One number per measure for the node now, and per child area. */
  async function byArea(tx: Queryable, node: NodeInfo, codes: string[], month: string) {
    const slice: CubeSlice = { path: node.path, areaDepth: node.path.split('.').length + 1, months: [month], dims: ['area'], filters: {} };
    const byKey = new Map<string, Record<string, number>>();
    for (const c of codes) {
      const p = measures.get(c);
      if (!p || (!p.history && month !== currentMonth())) continue;
      for (const v of await p.values(tx, slice)) {
        const k = v.keys.area!;
        byKey.set(k, { ...(byKey.get(k) ?? {}), [c]: v.value });
      }
    }
    const ms = await members(tx, 'area', [...byKey.keys()], node);
    return ms.map((m) => ({ key: m.key, label: m.label, labelEn: m.labelEn, nodeId: m.nodeId, values: byKey.get(m.key) ?? {} }));
  }

  async function pyramid(tx: Queryable, node: NodeInfo, month: string) {
    const vs = await provider('people').values(tx, { path: node.path, areaDepth: 1, months: [month], dims: ['ageBand', 'gender'], filters: {} });
    return AGE_BANDS.map((b) => ({
      band: b, label: ageBandName(b).zh,
      male: vs.filter((v) => v.keys.ageBand === String(b) && v.keys.gender === '1').reduce((s, v) => s + v.value, 0),
      female: vs.filter((v) => v.keys.ageBand === String(b) && v.keys.gender === '2').reduce((s, v) => s + v.value, 0),
    }));
  }

  async function moves(tx: Queryable, node: NodeInfo, month: string) {
    const slice: CubeSlice = { path: node.path, areaDepth: 1, months: monthsBack(month, 12), dims: ['month'], filters: {} };
    const ins = await provider('moved_in').values(tx, slice);
    const outs = await provider('moved_out').values(tx, slice);
    return slice.months.map((m) => ({
      month: m.slice(0, 7),
      movedIn: ins.find((v) => v.keys.month === m)?.value ?? 0,
      movedOut: outs.find((v) => v.keys.month === m)?.value ?? 0,
    }));
  }

  const total = async (tx: Queryable, code: string, node: NodeInfo, month: string, filters: Partial<Record<Dim, string>> = {}, dims: Dim[] = []) =>
    (await provider(code).values(tx, { path: node.path, areaDepth: 1, months: [month], dims, filters })).reduce((s, v) => s + v.value, 0);

  async function cockpitIn(tx: Queryable, actor: Actor, jurisdictionId?: string): Promise<CockpitDto> {
    const node = await nodeFor(tx, actor, jurisdictionId);
    const month = currentMonth();
    const kpiProviders = measures.all().filter((p) => p.kpiOrder !== undefined).sort((a, b) => a.kpiOrder! - b.kpiOrder!);
    // the children's figures add up to the node's (a record above the children counts as 本级),
    // so the KPIs they hold are their sums rather than queries of their own
    const children = await byArea(tx, node, CHILD_MEASURES, month);
    const kpis: CockpitDto['kpis'] = [];
    for (const p of kpiProviders) {
      const value = CHILD_MEASURES.includes(p.code) ? children.reduce((s, c) => s + (c.values[p.code] ?? 0), 0) : await total(tx, p.code, node, month);
      kpis.push({ code: p.code, name: p.name, nameEn: p.nameEn, unit: p.unit, value, source: p.source });
    }
    for (const s of COCKPIT_SLOTS) if (!measures.get(s.code)) kpis.push({ code: s.code, name: s.name, nameEn: s.nameEn, unit: '', value: null, source: s.source });
    const open = await provider('events_open').values(tx, { path: node.path, areaDepth: 1, months: [month], dims: ['eventKind'], filters: {} });
    const overdue = await provider('events_overdue').values(tx, { path: node.path, areaDepth: 1, months: [month], dims: ['eventKind'], filters: {} });
    return {
      node, at: new Date().toISOString(), kpis,
      pyramid: await pyramid(tx, node, month),
      eventsByKind: Object.entries(EVENT_KINDS).map(([k, label]) => ({
        kind: k, label, open: open.find((v) => v.keys.eventKind === k)?.value ?? 0, overdue: overdue.find((v) => v.keys.eventKind === k)?.value ?? 0,
      })),
      moves: await moves(tx, node, month),
      children,
    };
  }

  // Server push: the ledgers' triggers NOTIFY `linli_analysis` at commit; subscribers hear of it
  // once per burst (100 ms) and recompute their own figures in their own scope.
  const subscribers = new Set<() => void>();
  let unlisten: Promise<() => Promise<void>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      for (const s of subscribers) s();
    }, 100);
  };

  return {
    /** Adds a measure (another module's: elders by ability level, care visits, alerts …) to the cube and cockpit. */
    registerMeasure: (p: MeasureProvider) => {
      measures.register(p);
      for (const [d, ms] of Object.entries(p.members ?? {})) for (const m of ms) named.set(`${d}\u0000${m.key}`, m);
    },

    catalogue: () => ({
      dimensions: (Object.keys(DIMENSIONS) as Dim[]).map((d) => ({ code: d, name: DIMENSIONS[d].zh, nameEn: DIMENSIONS[d].en })),
      measures: measures.all().map((p) => ({
        code: p.code, name: p.name, nameEn: p.nameEn, unit: p.unit, unitEn: p.unitEn, source: p.source, dims: p.dims, kind: p.kind, history: p.history, kpi: p.kpiOrder !== undefined,
      })),
      members: allMembers(measures.all()),
    }),

    cube: (actor: Actor, q: CubeRequest) => run(actor, (tx) => cubeIn(tx, actor, q)),

    /** The cube's pivot as an Excel workbook (aggregates only; the export is audited). */
    exportCube: async (actor: Actor, q: CubeRequest) => {
      const r = await run(actor, async (tx) => {
        const res = await cubeIn(tx, actor, q);
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'analysis.export', objectType: 'jurisdiction_node', objectId: res.node.id, detail: { measures: q.measures, rows: q.rows, cols: q.cols, month: res.month } });
        return res;
      });
      const multi = r.measures.length > 1;
      const header = [r.rowDim ? DIMENSIONS[r.rowDim].zh : '',
        ...r.cols.flatMap((c) => r.measures.map((m) => [r.colDim ? c.label : '', multi || !r.colDim ? m.name : ''].filter(Boolean).join(' · '))),
        ...(r.colDim ? r.measures.map((m) => `合计${multi ? ` · ${m.name}` : ''}`) : [])];
      const rows = r.rows.map((row, i) => [row.label, ...r.values[i]!.flat(), ...(r.colDim ? r.rowTotals[i]! : [])]);
      rows.push(['合计', ...r.colTotals.flat(), ...(r.colDim ? r.totals : [])]);
      const buf = await deps.exports.tableWorkbook(actor, {
        title: '数据立方', header, rows,
        notes: [['辖区', r.node.name], ['月份', r.month], ['指标', r.measures.map((m) => `${m.name}（${m.unit}）`).join('、')],
          ['筛选', Object.entries(q.filters).map(([d, v]) => `${DIMENSIONS[d as Dim].zh}=${name(d as Dim, String(v)).zh}`).join('；') || '无']],
      });
      return { filename: `数据立方_${r.node.name}_${r.month}.xlsx`, buffer: buf };
    },

    /**
     * Where the records behind a cell are listed (a module's own list, with filters): this month's
     * cells of every measure with a list, and a past month's of those whose list can say "within
     * that month" (flows); a stock's past standing is not what its list shows today.
     */
    drill: (actor: Actor, q: { measure: string; jurisdictionId?: string; month?: string; keys: Partial<Record<Dim, string>> }) =>
      run(actor, async (tx) => {
        const p = provider(q.measure, 'measure');
        const node = await nodeFor(tx, actor, q.jurisdictionId);
        const month = q.keys.month ?? monthOf(q.month);
        if (month > currentMonth()) throw analysisError('MONTH_IN_FUTURE', {}, 'keys.month');
        const current = month === currentMonth();
        if (!p.drill) throw analysisError('NO_DRILL_LIST', { measure: p.name, measureEn: p.nameEn });
        if (!current && !p.drillsPast) throw analysisError('NO_DRILL_PAST', { measure: p.name, measureEn: p.nameEn });
        let nodeId = node.id;
        if (q.keys.area) {
          if (q.keys.area !== node.path && !q.keys.area.startsWith(`${node.path}.`)) throw commonError('NOT_FOUND');
          const [n] = await repo.nodeNames(tx, [q.keys.area]);
          const visible = n?.id ? await jurisdictionRepo.byId(tx, n.id, today()) : undefined;
          if (!visible) throw commonError('NOT_FOUND');
          nodeId = visible.id;
        }
        const { area: _a, month: _m, ...keys } = q.keys;
        const t = p.drill(keys, { nodeId, month, current });
        if (!t) throw analysisError('NO_DRILL');
        return t;
      }),

    profile: (actor: Actor, q: { jurisdictionId?: string; month?: string }) =>
      run(actor, async (tx) => {
        const node = await nodeFor(tx, actor, q.jurisdictionId);
        const month = monthOf(q.month);
        const tagValues = await provider('people').values(tx, { path: node.path, areaDepth: 1, months: [month], dims: ['tag'], filters: {} });
        const comp = await repo.householdComposition(tx, node.path);
        const sum = (f: (r: (typeof comp)[number]) => boolean) => comp.filter(f).reduce((s, r) => s + r.n, 0);
        return {
          node, month: month.slice(0, 7),
          pyramid: await pyramid(tx, node, month),
          tags: tagValues.map((v) => ({ tag: v.keys.tag!, label: memberName('tag', v.keys.tag!).zh, labelEn: memberName('tag', v.keys.tag!).en, people: v.value }))
            .sort((a, b) => b.people - a.people),
          households: {
            total: sum(() => true),
            bySize: [1, 2, 3, 4, 5].map((size) => ({ size, households: sum((r) => r.size === size) })),
            alone: sum((r) => r.size === 1), aloneElderly: sum((r) => r.size === 1 && r.all60),
            emptyNest: sum((r) => r.size >= 2 && r.all60), oldOld: sum((r) => r.size >= 2 && r.all80),
          },
          residence: {
            people: await total(tx, 'people', node, month), living: await total(tx, 'living', node, month),
            hukouLocal: await total(tx, 'people', node, month, { hukou: 'local' }), hukouOther: await total(tx, 'people', node, month, { hukou: 'other' }),
          },
          moves: await moves(tx, node, month),
          children: await byArea(tx, node, ['people', 'elders', 'living', 'households', 'houses', 'events_open'], month),
        };
      }),

    cockpit: (actor: Actor, jurisdictionId?: string) => run(actor, (tx) => cockpitIn(tx, actor, jurisdictionId)),

    /** Calls `fn` after each burst of committed changes to the figures; returns the unsubscribe. */
    subscribe(fn: () => void): () => void {
      unlisten ??= db.listen('linli_analysis', changed);
      subscribers.add(fn);
      return () => { subscribers.delete(fn); };
    },

    /** Folds the ledgers' deltas (the jobs role); the figures read the same before and after. */
    fold: () => withScope(db, systemScope('analysis ledger fold'), (tx) => repo.fold(tx)),

    /** Stops listening (process shutdown). */
    async stop() {
      if (timer) clearTimeout(timer);
      subscribers.clear();
      if (unlisten) await (await unlisten)();
      unlisten = undefined;
    },

  };
}
