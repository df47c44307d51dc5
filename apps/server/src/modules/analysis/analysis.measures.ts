import { ELDER_AGE, type Dim, type DrillTarget, type MeasureProvider } from './analysis.catalogue.js';
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

/** The registry's measures: people, elders, living here, moves, households, houses and events. */
export function registryMeasures(): MeasureProvider[] {
  const year = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  return [
    {
      code: 'people', name: '人口', nameEn: 'People', unit: '人', unitEn: 'people', source: 'registry', kind: 'stock', history: true,
      dims: PERSON_DIMS, kpiOrder: 1,
      values: (tx, s) => repo.ledgerValues(tx, repo.personLedger(), s),
      drill: (keys, nodeId) => peopleDrill(keys, nodeId, year(), false),
    },
    {
      code: 'elders', name: '60岁及以上老人', nameEn: 'People 60+', unit: '人', unitEn: 'people', source: 'registry', kind: 'stock', history: true,
      dims: PERSON_DIMS, kpiOrder: 2,
      values: (tx, s) => repo.ledgerValues(tx, repo.personLedger(() => [repo.ELDERS_WHERE]), s),
      drill: (keys, nodeId) => peopleDrill(keys, nodeId, year(), true),
    },
    {
      code: 'living', name: '实际居住人口', nameEn: 'Living here', unit: '人', unitEn: 'people', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.LIVING, s),
    },
    {
      code: 'moved_in', name: '迁入', nameEn: 'Moved in', unit: '人次', unitEn: 'moves', source: 'registry', kind: 'flow', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.MOVED_IN, s),
    },
    {
      code: 'moved_out', name: '迁出', nameEn: 'Moved out', unit: '人次', unitEn: 'moves', source: 'registry', kind: 'flow', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.MOVED_OUT, s),
    },
    {
      code: 'households', name: '户数', nameEn: 'Households', unit: '户', unitEn: 'households', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month'], values: (tx, s) => repo.ledgerValues(tx, repo.HOUSEHOLDS, s),
    },
    {
      code: 'houses', name: '房屋', nameEn: 'Houses', unit: '套', unitEn: 'houses', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month', 'houseUse'], values: (tx, s) => repo.ledgerValues(tx, repo.HOUSES, s),
    },
    {
      code: 'events_reported', name: '新增事件', nameEn: 'Events reported', unit: '件', unitEn: 'events', source: 'registry', kind: 'flow', history: true,
      dims: ['area', 'month', 'eventKind'], values: (tx, s) => repo.ledgerValues(tx, repo.EVENTS_REPORTED, s),
    },
    {
      code: 'events_open', name: '待办事件', nameEn: 'Open events', unit: '件', unitEn: 'events', source: 'registry', kind: 'stock', history: true,
      dims: ['area', 'month', 'eventKind', 'eventState'], kpiOrder: 3,
      values: (tx, s) => repo.ledgerValues(tx, repo.EVENTS_OPEN, s),
      drill: (keys, nodeId) => (keys.eventState
        ? { list: 'events', query: { jurisdictionId: nodeId, state: keys.eventState, ...(keys.eventKind ? { kind: keys.eventKind } : {}) } }
        : null),
    },
    {
      code: 'events_overdue', name: '超期事件', nameEn: 'Overdue events', unit: '件', unitEn: 'events', source: 'registry', kind: 'stock', history: false,
      dims: ['area', 'eventKind'], kpiOrder: 4,
      values: (tx, s) => repo.overdueEvents(tx, s),
      drill: (keys, nodeId) => ({ list: 'events', query: { jurisdictionId: nodeId, overdue: 'true', ...(keys.eventKind ? { kind: keys.eventKind } : {}) } }),
    },
    {
      code: 'events_today', name: '今日新增事件', nameEn: 'Events today', unit: '件', unitEn: 'events', source: 'registry', kind: 'flow', history: false,
      dims: ['area', 'eventKind'], kpiOrder: 5, values: (tx, s) => repo.eventsToday(tx, s),
    },
  ];
}
