import { type CubeSlice, type Dim, type DrillCell, type DrillTarget, type MeasureProvider, sliceDepth, toCubeValues } from '../analysis/analysis.catalogue.js';
import { monthRange, today } from '../../shared/dates.js';
import { EXCEPTION_KIND_NAMES, EXCEPTION_KINDS } from './care.evv.js';
import * as repo from './care.repository.js';

const EXCEPTION_KIND_MEMBERS = EXCEPTION_KINDS.map((key) => ({ key, label: EXCEPTION_KIND_NAMES[key].zh, labelEn: EXCEPTION_KIND_NAMES[key].en }));

/** The days a slice covers: its months, or today for a figure of the day. */
function days(s: CubeSlice, todayOnly: boolean) {
  if (todayOnly) return { from: today(), to: today(), byMonth: false };
  const last = new Date(`${s.months.at(-1)!}T00:00:00Z`);
  const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  return { from: s.months[0]!, to: end, byMonth: s.dims.includes('month') };
}

/**
 * The care module's measures for 数据立方 and the cockpit (服务人次 and 服务异常, of the month and of
 * today), from the supervision tables `care_stats_daily` / `care_stats_exception`.
 */
export function careMeasures(): MeasureProvider[] {
  const visits = (todayOnly: boolean) => async (tx: Parameters<MeasureProvider['values']>[0], s: CubeSlice) =>
    toCubeValues(s, (await repo.visitFigures(tx, s.path, sliceDepth(s), days(s, todayOnly))).map((r) => ({ keys: { area: r.area, month: r.month }, n: r.n })));
  const exceptions = (todayOnly: boolean) => async (tx: Parameters<MeasureProvider['values']>[0], s: CubeSlice) =>
    toCubeValues(s, (await repo.exceptionFigures(tx, s.path, sliceDepth(s), { ...days(s, todayOnly), ...(s.filters.exceptionKind ? { kind: s.filters.exceptionKind } : {}) }))
      .map((r) => ({ keys: { area: r.area, month: r.month, exceptionKind: r.kind }, n: r.n })));
  // a cell opens the orders list (the visits made) or the exceptions list, over the cell's days
  const range = (todayOnly: boolean, c: DrillCell) => (todayOnly ? { from: today(), to: today() } : monthRange(c.month));
  const visitsDrill = (todayOnly: boolean) => (_k: Partial<Record<Dim, string>>, c: DrillCell): DrillTarget =>
    ({ list: 'careOrders', query: { jurisdictionId: c.nodeId, visited: 'true', ...range(todayOnly, c) } });
  const exceptionsDrill = (todayOnly: boolean) => (k: Partial<Record<Dim, string>>, c: DrillCell): DrillTarget =>
    ({ list: 'careExceptions', query: { jurisdictionId: c.nodeId, ...range(todayOnly, c), ...(k.exceptionKind ? { kind: k.exceptionKind } : {}) } });
  const base = { unitEn: 'visits', source: 'eldercare', kind: 'flow' as const };
  return [
    { ...base, code: 'care_visits', name: '服务人次', nameEn: 'Care visits', unit: '人次', history: true, dims: ['area', 'month'], values: visits(false), drill: visitsDrill(false), drillsPast: true },
    { ...base, code: 'care_visits_today', name: '今日服务人次', nameEn: 'Care visits today', unit: '人次', history: false, dims: ['area'], kpiOrder: 6, values: visits(true), drill: visitsDrill(true) },
    {
      ...base, code: 'care_exceptions', name: '服务异常', nameEn: 'Visit exceptions', unit: '件', unitEn: 'exceptions', history: true,
      dims: ['area', 'month', 'exceptionKind'], members: { exceptionKind: EXCEPTION_KIND_MEMBERS }, values: exceptions(false),
      drill: exceptionsDrill(false), drillsPast: true,
    },
    {
      ...base, code: 'care_exceptions_today', name: '今日服务异常', nameEn: 'Visit exceptions today', unit: '件', unitEn: 'exceptions', history: false,
      dims: ['area', 'exceptionKind'], kpiOrder: 7, members: { exceptionKind: EXCEPTION_KIND_MEMBERS }, values: exceptions(true),
      drill: exceptionsDrill(true),
    },
  ];
}
