import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { DIM_CODES, DRILL_LISTS } from './analysis.catalogue.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, rule('月份格式应为 YYYY-MM', 'Month must be YYYY-MM'));
const dim = z.enum(DIM_CODES);
const measureCode = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, rule('指标代码无效', 'Invalid measure code'));
const filterValue = z.string().trim().min(1).max(40);

export const Filters = z.strictObject({
  ageBand: z.string().regex(/^(-1|[0-9])$/, rule('年龄段无效', 'Invalid age band')).optional(),
  gender: z.enum(['0', '1', '2', '9']).optional(),
  ethnicity: filterValue.optional(),
  tag: filterValue.optional(),
  hukou: z.enum(['local', 'other']).optional(),
  houseUse: filterValue.optional(),
  eventKind: filterValue.optional(),
  eventState: filterValue.optional(),
  abilityLevel: z.string().regex(/^[0-4]$/, rule('能力等级无效', 'Invalid ability level')).optional(),
  exceptionKind: filterValue.optional(),
  alertKind: filterValue.optional(),
});

export const CubeBody = z.strictObject({
  measures: z.array(measureCode).min(1, rule('至少选择一个指标', 'Pick at least one measure')).max(6, rule('最多选择 6 个指标', 'At most 6 measures')),
  rows: dim.nullable().default('area'),
  cols: dim.nullable().default(null),
  jurisdictionId: z.uuid().optional(),
  /** levels below the node the `area` dimension shows (1: children, 2: grandchildren) */
  areaDepth: z.number().int().min(1).max(3).default(1),
  month: month.optional(),
  /** how many months up to `month` the `month` dimension shows */
  monthCount: z.number().int().min(2).max(36).default(12),
  filters: Filters.default({}),
});
export type CubeRequest = z.infer<typeof CubeBody>;

const Member = z.object({ key: z.string(), label: z.string(), labelEn: z.string(), nodeId: z.string().nullable() });
export const CubeResult = z.object({
  node: z.object({ id: z.string(), name: z.string(), level: z.string(), path: z.string(), parentId: z.string().nullable() }),
  month: z.string(),
  current: z.boolean(),
  /** drillable: its cells open their records this month; drillsPast: a past month's too */
  measures: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), drillable: z.boolean(), drillsPast: z.boolean() })),
  rowDim: dim.nullable(),
  colDim: dim.nullable(),
  rows: z.array(Member),
  cols: z.array(Member),
  /** values[row][col][measure] */
  values: z.array(z.array(z.array(z.number()))),
  rowTotals: z.array(z.array(z.number())),
  colTotals: z.array(z.array(z.number())),
  totals: z.array(z.number()),
});

export const Catalogue = z.object({
  dimensions: z.array(z.object({ code: dim, name: z.string(), nameEn: z.string() })),
  measures: z.array(z.object({
    code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), unitEn: z.string(), source: z.string(),
    dims: z.array(dim), kind: z.enum(['stock', 'flow']), history: z.boolean(), kpi: z.boolean(),
  })),
  members: z.record(z.string(), z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() }))),
});

export const DrillBody = z.strictObject({
  measure: measureCode,
  jurisdictionId: z.uuid().optional(),
  month: month.optional(),
  keys: Filters.extend({ area: z.string().max(200).optional(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, rule('月份格式应为 YYYY-MM-01', 'Month must be YYYY-MM-01')).optional() }).default({}),
});
export const DrillResult = z.object({ list: z.enum(DRILL_LISTS), query: z.record(z.string(), z.union([z.string(), z.number()])) });

export const NodeQuery = z.strictObject({ jurisdictionId: z.uuid().optional(), month: month.optional() });

const Series = z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), nodeId: z.string().nullable(), values: z.record(z.string(), z.number()) }));
export const Profile = z.object({
  node: CubeResult.shape.node,
  month: z.string(),
  pyramid: z.array(z.object({ band: z.number(), label: z.string(), male: z.number(), female: z.number() })),
  tags: z.array(z.object({ tag: z.string(), label: z.string(), labelEn: z.string(), people: z.number() })),
  households: z.object({
    total: z.number(), bySize: z.array(z.object({ size: z.number(), households: z.number() })),
    alone: z.number(), aloneElderly: z.number(), emptyNest: z.number(), oldOld: z.number(),
  }),
  residence: z.object({ people: z.number(), living: z.number(), hukouLocal: z.number(), hukouOther: z.number() }),
  moves: z.array(z.object({ month: z.string(), movedIn: z.number(), movedOut: z.number() })),
  children: Series,
});

export const Kpi = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), value: z.number().nullable(), source: z.string() });
export const Cockpit = z.object({
  node: CubeResult.shape.node,
  at: z.string(),
  kpis: z.array(Kpi),
  pyramid: Profile.shape.pyramid,
  eventsByKind: z.array(z.object({ kind: z.string(), label: z.string(), open: z.number(), overdue: z.number() })),
  moves: Profile.shape.moves,
  children: Series,
});
export type CockpitDto = z.infer<typeof Cockpit>;
