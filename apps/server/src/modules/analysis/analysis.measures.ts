import { monthRange, today } from '../../shared/dates.js';
import { type DrillCell, ELDER_AGE, type Dim, type DrillTarget, type MeasureProvider } from './analysis.catalogue.js';
import * as repo from './analysis.repository.js';

const PERSON_DIMS: Dim[] = ['area', 'month', 'ageBand', 'gender', 'ethnicity', 'tag', 'hukou'];

/** The people list's filters for a cell of a person measure (birth years from the age band of that year). */
function peopleDrill(keys: Partial<Record<Dim, string>>, nodeId: string, year: number, eldersOnly: boolean): DrillTarget | null {
  if (keys.hukou !== undefined) return null; // the people list does not filter by 户籍
  const query: Record<string, string | number> = { jurisdictionId: nodeId, status: 'active' };
  if (keys.gender !== undefined) query.gender = Number(keys.gender);
  if (keys.tag) query.tag = keys.tag;
  if (keys.ethnicity) query.ethnicity = keys.ethnicity;
  let max: number | undefined = eldersOnly ? year - ELDER_AGE : undefined;
  let min: number | undefined;
  if (keys.ageBand !== undefined) {
    const b = Number(keys.ageBand);
    if (b < 0) return null;
    const bandMax = year - b * 10;
    max = max === undefined ? bandMax : Math.min(max, bandMax);
    if (b < 9) min = year - (b * 10 + 9);
  }
  if (min !== undefined) query.birthYearMin = min;
  if (max !== undefined) query.birthYearMax = max;
  return { list: 'people', query };
}

/** The people living in, moving into or out of the houses under a cell's node in its month (the living ledger counts links). */
const residentsDrill = (which: 'living' | 'movedIn' | 'movedOut') => (_keys: Partial<Record<Dim, string>>, c: DrillCell): DrillTarget =>
  ({ list: 'people', query: { houseJurisdictionId: c.nodeId, [which]: c.month.slice(0, 7) } });

/** The events of a cell: its node, its kind when cut by kind, and the conditions of the measure. */
const eventsDrill = (more: (keys: Partial<Record<Dim, string>>, c: DrillCell) => Record<string, string>) => (keys: Partial<Record<Dim, string>>, c: DrillCell): DrillTarget =>
  ({ list: 'events', query: { jurisdictionId: c.nodeId, ...(keys.eventKind ? { kind: keys.eventKind } : {}), ...more(keys, c) } });

/** The registry's measures: people, elders, living here, moves, households, houses and events. */
export function registryMeasures(): MeasureProvider[] {
  const yearOf = (c: DrillCell) => Number(c.month.slice(0, 4));
  return [
    {
      code: 'people', name: '人口', nameEn: 'People', unit: '人', unitEn: 'people', source: 'registry', kind: 'stock', history: true,
      dims: PERSON_DIMS, kpiOrder: 1,
      values: (tx, s) => repo.ledgerValues(tx, repo.personLedger(), s),
      drill: (keys, c) => peopleDrill(keys, c.nodeId, yearOf(c), false),
    },
    {
      code: 'elders', name: '60岁及以上老人', nameEn: 'People 60+', unit: '人', unitEn: 'people', source: 'registry', kind: 'stock', history: true,
      dims: PERSON_DIMS, kpiOrder: 2,
      values: (tx, s) => repo.ledgerValues(tx, repo.personLedger(() => [repo.ELDERS_WHERE]), s),
      drill: (keys, c) => peopleDrill(keys, c.nodeId, yearOf(c), true),
    },
    {
      code: 'living', name: '实际居住人口', nameEn: 'Living here', unit: '人', unitEn: 'people', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.LIVING, s), drill: residentsDrill('living'),
    },
    {
      code: 'moved_in', name: '迁入', nameEn: 'Moved in', unit: '人次', unitEn: 'moves', source: 'registry', kind: 'flow', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.MOVED_IN, s), drill: residentsDrill('movedIn'), drillsPast: true,
    },
    {
      code: 'moved_out', name: '迁出', nameEn: 'Moved out', unit: '人次', unitEn: 'moves', source: 'registry', kind: 'flow', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.MOVED_OUT, s), drill: residentsDrill('movedOut'), drillsPast: true,
    },
    {
      code: 'households', name: '户数', nameEn: 'Households', unit: '户', unitEn: 'households', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.HOUSEHOLDS, s),
      drill: (_keys, c) => ({ list: 'households', query: { jurisdictionId: c.nodeId } }),
    },
    {
      code: 'houses', name: '房屋', nameEn: 'Houses', unit: '套', unitEn: 'houses', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month', 'houseUse'], values: (tx, s) => repo.ledgerValues(tx, repo.HOUSES, s),
      drill: (keys, c) => ({ list: 'houses', query: { jurisdictionId: c.nodeId, ...(keys.houseUse ? { use: keys.houseUse } : {}) } }),
    },
    {
      code: 'events_reported', name: '新增事件', nameEn: 'Events reported', unit: '件', unitEn: 'events', source: 'registry', kind: 'flow', history: true,
      dims: ['area', 'month', 'eventKind'], values: (tx, s) => repo.ledgerValues(tx, repo.EVENTS_REPORTED, s),
      drill: eventsDrill((_k, c) => { const r = monthRange(c.month); return { reportedFrom: r.from, reportedTo: r.to }; }), drillsPast: true,
    },
    {
      code: 'events_open', name: '待办事件', nameEn: 'Open events', unit: '件', unitEn: 'events', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month', 'eventKind', 'eventState'], kpiOrder: 3,
      values: (tx, s) => repo.ledgerValues(tx, repo.EVENTS_OPEN, s),
      drill: eventsDrill((keys): Record<string, string> => (keys.eventState ? { state: keys.eventState } : { open: 'true' })),
    },
    {
      code: 'events_overdue', name: '超期事件', nameEn: 'Overdue events', unit: '件', unitEn: 'events', source: 'registry', kind: 'stock', history: false,
      dims: ['area', 'eventKind'], kpiOrder: 4,
      values: (tx, s) => repo.overdueEvents(tx, s),
      drill: eventsDrill(() => ({ overdue: 'true' })),
    },
    {
      code: 'events_today', name: '今日新增事件', nameEn: 'Events today', unit: '件', unitEn: 'events', source: 'registry', kind: 'flow', history: false,
      dims: ['area', 'eventKind'], kpiOrder: 5, values: (tx, s) => repo.eventsToday(tx, s),
      drill: eventsDrill(() => ({ reportedFrom: today(), reportedTo: today() })),
    },
  ];
}
