import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { EVENT_KINDS, EVENT_STATES, ORG_TYPES, THING_KINDS } from '../../standards/codes.js';
import { isValidCreditCode } from '../../standards/credit-code.js';
import { isoDate } from './people.schema.js';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const paging = { cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(500).default(20) };
const lon = z.number().min(73).max(136);
const lat = z.number().min(3).max(54);

// ---- 单位
export const OrgBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  creditCode: z.string().trim().toUpperCase().refine(isValidCreditCode, rule('统一社会信用代码校验不通过（GB 32100）', 'The unified social credit code fails its check (GB 32100)')).optional(),
  type: z.enum(keys(ORG_TYPES)).default('enterprise'),
  address: z.string().trim().max(200).optional(),
  houseId: z.uuid().optional(),
  phone: z.string().trim().max(30).optional(),
  jurisdictionId: z.uuid(),
});
// Optional links may be cleared with null.
export const OrgPatch = OrgBody.partial().extend({ houseId: z.uuid().nullable().optional(), version: z.number().int().min(1) }).strict();
export const Org = z.object({
  id: z.string(), name: z.string(), creditCode: z.string().nullable(), type: z.string(), address: z.string().nullable(), houseId: z.string().nullable(),
  phone: z.string().nullable(), jurisdictionId: z.string().nullable(), jurisdictionName: z.string().nullable(), peopleCount: z.number(), version: z.number(),
});
export const OrgQuery = z.strictObject({ q: z.string().trim().max(60).optional(), type: z.enum(keys(ORG_TYPES)).optional(), jurisdictionId: z.uuid().optional(), ...paging });
export const OrgList = z.object({ items: z.array(Org), nextCursor: z.string().nullable() });

// ---- 物
export const ThingBody = z.strictObject({
  kind: z.enum(keys(THING_KINDS)),
  name: z.string().trim().min(1).max(80),
  serialNo: z.string().trim().max(60).optional(),
  lon, lat,
  status: z.enum(['normal', 'fault', 'offline', 'retired']).default('normal'),
  buildingId: z.uuid().optional(),
  firmware: z.string().trim().max(40).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  jurisdictionId: z.uuid(),
});
export const ThingPatch = ThingBody.partial().extend({ buildingId: z.uuid().nullable().optional(), version: z.number().int().min(1) }).strict();
export const Thing = z.object({
  id: z.string(), kind: z.string(), name: z.string(), serialNo: z.string().nullable(), lon: z.number().nullable(), lat: z.number().nullable(),
  status: z.string(), buildingId: z.string().nullable(), lastSeenAt: z.date().nullable(), battery: z.number().nullable(), firmware: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()), jurisdictionId: z.string().nullable(), jurisdictionName: z.string().nullable(), version: z.number(),
});
export const ThingQuery = z.strictObject({ q: z.string().trim().max(60).optional(), kind: z.enum(keys(THING_KINDS)).optional(), status: z.string().max(20).optional(), jurisdictionId: z.uuid().optional(), ...paging });
export const ThingList = z.object({ items: z.array(Thing), nextCursor: z.string().nullable() });

// ---- 事
export const EventBody = z.strictObject({
  kind: z.enum(keys(EVENT_KINDS)),
  category: z.string().trim().max(40).optional(),
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(4000).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
  slaHours: z.number().int().min(1).max(24 * 90).optional(),
  personId: z.uuid().optional(),
  houseId: z.uuid().optional(),
  thingId: z.uuid().optional(),
  lon: lon.optional(),
  lat: lat.optional(),
  jurisdictionId: z.uuid(),
});
export const EventPatch = z.strictObject({
  title: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(4000).optional(),
  category: z.string().trim().max(40).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  assigneeId: z.uuid().nullable().optional(),
  version: z.number().int().min(1),
});
export const AssigneeQuery = z.strictObject({ q: z.string().trim().min(1).max(30).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const AssigneeList = z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), jurisdictionName: z.string().nullable() })) });
export const EventTransitionBody = z.strictObject({ to: z.enum(keys(EVENT_STATES)), note: z.string().trim().max(1000).optional(), version: z.number().int().min(1) });
export const Event = z.object({
  id: z.string(), kind: z.string(), category: z.string().nullable(), title: z.string(), description: z.string().nullable(), state: z.string(),
  priority: z.string(), reporterId: z.string().nullable(), reporterName: z.string().nullable(), assigneeId: z.string().nullable(), assigneeName: z.string().nullable(), slaDueAt: z.date().nullable(), overdue: z.boolean(),
  resolvedAt: z.date().nullable(), personId: z.string().nullable(), houseId: z.string().nullable(), thingId: z.string().nullable(),
  lon: z.number().nullable(), lat: z.number().nullable(), jurisdictionId: z.string().nullable(), jurisdictionName: z.string().nullable(), createdAt: z.date(), version: z.number(),
});
export const EventQuery = z.strictObject({
  q: z.string().trim().max(60).optional(), kind: z.enum(keys(EVENT_KINDS)).optional(), state: z.enum(keys(EVENT_STATES)).optional(),
  overdue: z.enum(['true', 'false']).optional(), jurisdictionId: z.uuid().optional(),
  /** still to be handled (待处理, 已派单 or 处理中) */
  open: z.enum(['true', 'false']).optional(),
  /** reported on or after / on or before this day (China time) */
  reportedFrom: isoDate.optional(), reportedTo: isoDate.optional(),
  ...paging,
});
export const EventList = z.object({ items: z.array(Event), nextCursor: z.string().nullable() });
