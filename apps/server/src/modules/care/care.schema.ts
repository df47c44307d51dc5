import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { isoDate } from '../registry/people.schema.js';
import { EXCEPTION_KINDS } from './care.evv.js';

/** 服务工单状态: 待派单 / 已派单 / 服务中 / 已完成 / 已取消 */
export const ORDER_STATUSES = ['pending', 'dispatched', 'in_progress', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Why an exception happened, as staff record it (reason codes). */
export const REASON_CODES = ['gps_drift', 'elder_outside', 'device_problem', 'network', 'emergency', 'staff_error', 'fraud_suspected', 'other'] as const;
/** What was done about it (resolution codes). */
export const RESOLUTION_CODES = ['accepted', 'corrected', 'revisit', 'not_billed', 'warning', 'referred', 'other'] as const;

/** 服务需求 the plan is made for (from the assessment and the elder's situation). */
export const NEEDS = ['meals', 'hygiene', 'housework', 'medical', 'mobility', 'rehabilitation', 'loneliness', 'dementia'] as const;

const text = (max: number) => z.string().trim().max(max);
const clientKey = z.string().trim().min(8, rule('幂等键至少8个字符', 'The idempotency key has at least 8 characters')).max(80);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, rule('时间格式应为 HH:MM', 'Times are HH:MM'));
const lat = z.number().min(-90, rule('纬度应在 -90 到 90 之间', 'Latitude is between -90 and 90')).max(90, rule('纬度应在 -90 到 90 之间', 'Latitude is between -90 and 90'));
const lon = z.number().min(-180, rule('经度应在 -180 到 180 之间', 'Longitude is between -180 and 180')).max(180, rule('经度应在 -180 到 180 之间', 'Longitude is between -180 and 180'));
export const Position = z.strictObject({ lat, lon, accuracy: z.number().min(0).max(100_000).optional() });
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

// ---- catalogue and providers

export const Service = z.object({
  code: z.string(), name: z.string(), nameEn: z.string(), durationMin: z.number(), tasks: z.array(z.string()), priceCents: z.number(), active: z.boolean(), version: z.number(),
});
export const ServiceList = z.object({ items: z.array(Service) });
export const ServiceUpsert = z.strictObject({
  code: z.string().regex(/^[a-z_]{2,30}$/, rule('编码为2–30位小写字母或下划线', 'The code is 2–30 lower-case letters or underscores')),
  name: text(30).min(1, rule('请填写名称', 'Enter a name')),
  nameEn: text(60).min(1, rule('请填写英文名称', 'Enter an English name')),
  durationMin: z.number().int().min(5, rule('标准时长至少5分钟', 'At least 5 minutes')).max(600, rule('标准时长不超过600分钟', 'At most 600 minutes')),
  tasks: z.array(text(40).min(1)).max(20),
  priceCents: z.number().int().min(0, rule('价格不能为负', 'The price cannot be negative')),
  active: z.boolean().default(true),
});

export const Provider = z.object({
  id: z.string(), organizationId: z.string(), name: z.string(), creditCode: z.string().nullable(),
  serviceArea: z.array(z.object({ id: z.string(), name: z.string(), path: z.string() })),
  toleranceM: z.number(), minDurationShare: z.number(), active: z.boolean(), caregivers: z.number(), version: z.number(),
});
export const ProviderList = z.object({ items: z.array(Provider) });
export const ProviderCreate = z.strictObject({
  organizationId: z.uuid(),
  serviceAreaIds: z.array(z.uuid()).min(1, rule('请至少选择一个服务区域', 'Choose at least one service area')).max(200),
  toleranceM: z.number().int().min(20, rule('容差至少20米', 'At least 20 m')).max(5000, rule('容差不超过5000米', 'At most 5000 m')).default(300),
  minDurationShare: z.number().min(0.1, rule('最短时长比例至少为0.1', 'At least 0.1')).max(1, rule('最短时长比例不超过1', 'At most 1')).default(0.5),
});
export const ProviderUpdate = z.strictObject({
  version: z.number().int().min(1),
  serviceAreaIds: ProviderCreate.shape.serviceAreaIds.optional(),
  toleranceM: z.number().int().min(20, rule('容差至少20米', 'At least 20 m')).max(5000, rule('容差不超过5000米', 'At most 5000 m')).optional(),
  minDurationShare: z.number().min(0.1, rule('最短时长比例至少为0.1', 'At least 0.1')).max(1, rule('最短时长比例不超过1', 'At most 1')).optional(),
  active: z.boolean().optional(),
});

export const Staff = z.object({ id: z.string(), userId: z.string(), displayName: z.string(), kind: z.enum(['caregiver', 'dispatcher']), active: z.boolean() });
export const StaffList = z.object({ items: z.array(Staff) });
export const StaffAdd = z.strictObject({ userId: z.uuid(), kind: z.enum(['caregiver', 'dispatcher']) });
export const StaffCandidatesQuery = z.strictObject({ kind: z.enum(['caregiver', 'dispatcher']), q: text(40).optional() });
export const StaffCandidates = z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), jurisdictionName: z.string().nullable() })) });

// ---- plans

export const PlanItemInput = z.strictObject({
  serviceCode: z.string().min(1),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, rule('请至少选择一天', 'Choose at least one weekday')).max(7),
  startTime: hhmm,
});
export const PlanCreate = z.strictObject({
  personId: z.uuid(),
  providerId: z.uuid(),
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length).default([]),
  periodFrom: isoDate,
  periodTo: isoDate,
  items: z.array(PlanItemInput).min(1, rule('请至少添加一项服务', 'Add at least one service')).max(10),
  notes: text(1000).optional(),
}).refine((p) => p.periodTo >= p.periodFrom, { ...rule('结束日期不能早于开始日期', 'The end date cannot be before the start date'), path: ['periodTo'] })
  .refine((p) => (Date.parse(p.periodTo) - Date.parse(p.periodFrom)) / 86_400_000 <= 366, { ...rule('计划期限不超过一年', 'A plan covers at most a year'), path: ['periodTo'] });

export const Plan = z.object({
  id: z.string(), personId: z.string(), personName: z.string(), providerId: z.string(), providerName: z.string(),
  level: z.number().nullable(), needs: z.array(z.string()), periodFrom: z.string(), periodTo: z.string(), status: z.string(), notes: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), serviceCode: z.string(), serviceName: z.string(), weekdays: z.array(z.number()), startTime: z.string() })),
  orders: z.number(), version: z.number(), createdAt: z.date(),
  endedOn: z.string().nullable(), endReason: z.string().nullable(), endedAt: z.date().nullable(), endedByName: z.string().nullable(),
});
export const PlanEnd = z.strictObject({
  version: z.number().int().min(1),
  endOn: isoDate,
  reason: text(500).min(2, rule('请填写结束原因（至少2个字）', 'Give the reason for ending (at least 2 characters)')),
});
export const PlanEndResult = z.object({ plan: Plan, cancelled: z.number() });
export const PlanListQuery = z.strictObject({
  ...paging,
  q: text(40).optional(),
  providerId: z.uuid().optional(),
  personId: z.uuid().optional(),
  status: z.enum(['active', 'ended']).optional(),
});
export const PlanList = z.object({ items: z.array(Plan), total: z.number() });
export const GenerateResult = z.object({ created: z.number(), existing: z.number() });

// ---- orders (visits)

export const ExceptionItem = z.object({
  id: z.string(), orderId: z.string(), kind: z.enum(EXCEPTION_KINDS), detail: z.record(z.string(), z.unknown()), status: z.enum(['open', 'resolved']),
  reasonCode: z.string().nullable(), resolutionCode: z.string().nullable(), note: z.string().nullable(),
  resolvedByName: z.string().nullable(), resolvedAt: z.date().nullable(), createdAt: z.date(), version: z.number(),
  day: z.string(), providerId: z.string(), providerName: z.string(), personName: z.string(), serviceName: z.string(), caregiverName: z.string().nullable(),
});

export const OrderListQuery = z.strictObject({
  ...paging,
  status: z.enum(ORDER_STATUSES).optional(),
  providerId: z.uuid().optional(),
  caregiverId: z.uuid().optional(),
  personId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  evv: z.enum(['pending', 'verified', 'exception']).optional(),
  /** 'true': visits made (checked in, not cancelled) */
  visited: z.enum(['true', 'false']).optional(),
  q: text(40).optional(),
  sort: z.enum(['scheduledAt', '-scheduledAt']).default('scheduledAt'),
});
export const OrderSummary = z.object({
  id: z.string(), personId: z.string(), personName: z.string(), providerId: z.string(), providerName: z.string(),
  serviceCode: z.string(), serviceName: z.string(), scheduledAt: z.date(), durationMin: z.number(),
  caregiverId: z.string().nullable(), caregiverName: z.string().nullable(), status: z.enum(ORDER_STATUSES),
  evvStatus: z.string(), rating: z.number().nullable(), exceptions: z.number(), version: z.number(),
});
export const OrderList = z.object({ items: z.array(OrderSummary), total: z.number(), totalCapped: z.boolean() });

const PositionOut = z.object({ lat: z.number(), lon: z.number(), accuracy: z.number().nullable() }).nullable();
export const OrderDetail = OrderSummary.extend({
  home: z.object({ label: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable() }),
  tasks: z.array(z.string()),
  tasksDone: z.array(z.string()),
  checkInAt: z.date().nullable(), checkIn: PositionOut,
  checkOutAt: z.date().nullable(), checkOut: PositionOut,
  ratingComment: z.string().nullable(), confirmedBy: z.string().nullable(), confirmedAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  toleranceM: z.number(),
  photos: z.array(z.object({ id: z.string(), stage: z.string(), takenAt: z.date().nullable(), lat: z.number().nullable(), lon: z.number().nullable(), complete: z.boolean(), received: z.number(), size: z.number(), sha256: z.string() })),
  exceptionList: z.array(ExceptionItem),
});

export const Dispatch = z.strictObject({
  version: z.number().int().min(1),
  caregiverId: z.uuid(),
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
});
export const Cancel = z.strictObject({
  version: z.number().int().min(1),
  reason: text(500).min(2, rule('请填写取消原因', 'Give the reason for cancelling')),
});

// ---- the caregiver's phone

export const MyVisitsQuery = z.strictObject({ date: isoDate.optional() });
export const MyVisit = z.object({
  id: z.string(), personName: z.string(), serviceCode: z.string(), serviceName: z.string(), scheduledAt: z.date(), durationMin: z.number(),
  status: z.enum(ORDER_STATUSES), address: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable(), version: z.number(),
});
export const MyVisits = z.object({ date: z.string(), items: z.array(MyVisit) });

export const StepBody = z.discriminatedUnion('kind', [
  z.strictObject({ key: clientKey, kind: z.literal('check_in'), at: z.iso.datetime({ offset: true }), position: Position }),
  z.strictObject({ key: clientKey, kind: z.literal('check_out'), at: z.iso.datetime({ offset: true }), position: Position, tasksDone: z.array(text(40)).max(30).default([]) }),
  z.strictObject({
    key: clientKey, kind: z.literal('evaluate'), at: z.iso.datetime({ offset: true }),
    rating: z.number().int().min(1, rule('评分为1到5分', 'Rate from 1 to 5')).max(5, rule('评分为1到5分', 'Rate from 1 to 5')),
    comment: text(500).optional(),
    confirmedBy: z.enum(['elder', 'family']),
  }),
]);
export type StepInput = z.infer<typeof StepBody>;
export const StepResult = z.object({
  orderId: z.string(), kind: z.string(), replayed: z.boolean(), status: z.enum(ORDER_STATUSES), version: z.number(),
  exceptions: z.array(z.enum(EXCEPTION_KINDS)),
});

export const PhotoStart = z.strictObject({
  stage: z.enum(['check_in', 'during', 'check_out']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, rule('SHA-256 校验值应为64位小写十六进制', 'The SHA-256 is 64 lower-case hex digits')),
  size: z.number().int().min(1),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp'], rule('只接受 JPEG、PNG 或 WebP 格式的照片', 'Only JPEG, PNG or WebP photos are accepted')),
  takenAt: z.iso.datetime({ offset: true }).optional(),
  position: Position.optional(),
});
export const PhotoState = z.object({ id: z.string(), received: z.number(), size: z.number(), complete: z.boolean() });
export const ChunkQuery = z.strictObject({ offset: z.coerce.number().int().min(0) });

// ---- exceptions

export const ExceptionListQuery = z.strictObject({
  ...paging,
  status: z.enum(['open', 'resolved']).optional(),
  kind: z.enum(EXCEPTION_KINDS).optional(),
  providerId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const ExceptionList = z.object({ items: z.array(ExceptionItem), total: z.number(), totalCapped: z.boolean() });
export const Resolve = z.strictObject({
  version: z.number().int().min(1),
  reasonCode: z.enum(REASON_CODES, rule('请选择原因', 'Choose a reason')),
  resolutionCode: z.enum(RESOLUTION_CODES, rule('请选择处理结果', 'Choose a resolution')),
  note: text(1000).min(2, rule('请填写处理说明', 'Write a note on the resolution')),
});

// ---- supervision

export const SupervisionQuery = z.strictObject({
  jurisdictionId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const Figures = { scheduled: z.number(), completed: z.number(), cancelled: z.number(), withException: z.number(), rated: z.number(), avgRating: z.number().nullable(), minutes: z.number() };
export const Supervision = z.object({
  from: z.string(), to: z.string(),
  totals: z.object({ ...Figures, exceptions: z.number(), openExceptions: z.number() }),
  providers: z.array(z.object({ providerId: z.string(), name: z.string(), ...Figures, exceptions: z.number(), openExceptions: z.number() })),
  byKind: z.array(z.object({ kind: z.enum(EXCEPTION_KINDS), raised: z.number(), open: z.number() })),
  trend: z.array(z.object({ day: z.string(), scheduled: z.number(), completed: z.number(), exceptions: z.number(), avgRating: z.number().nullable() })),
});
