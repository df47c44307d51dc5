import { z } from 'zod';
import { rule } from '../../http/validation.js';

export const REQUEST_KINDS = ['access', 'correct', 'delete'] as const;
export const REQUEST_CHANNELS = ['counter', 'phone', 'online', 'letter'] as const;
export const REQUEST_STATUSES = ['open', 'done', 'refused'] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, rule('日期格式应为 YYYY-MM-DD', 'Use the date format YYYY-MM-DD'));

export const RequestCreateBody = z.strictObject({
  personId: z.uuid(),
  kind: z.enum(REQUEST_KINDS),
  channel: z.enum(REQUEST_CHANNELS),
  /** Who asked: the person, or who asked for them (a guardian, an agent with a letter). */
  requester: z.string().trim().min(1, rule('请填写申请人', 'Say who made the request')).max(50),
  detail: z.string().trim().max(500).optional(),
  /** The day the request was received (default today); the deadline counts from it. */
  receivedOn: day.optional(),
});
export type RequestCreateInput = z.infer<typeof RequestCreateBody>;

export const RequestCloseBody = z.strictObject({
  status: z.enum(['done', 'refused']),
  outcome: z.string().trim().min(4, rule('请填写办理结果（至少4个字）', 'Say how it was handled (at least 4 characters)')).max(500),
  version: z.number().int().min(1),
});

export const PrivacyRequest = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string(), citizenIdMasked: z.string().nullable() }),
  kind: z.enum(REQUEST_KINDS),
  channel: z.enum(REQUEST_CHANNELS),
  requester: z.string(),
  detail: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  /** Days left until the deadline (negative: overdue), for open requests. */
  daysLeft: z.number().nullable(),
  status: z.enum(REQUEST_STATUSES),
  outcome: z.string().nullable(),
  copies: z.number(),
  handledBy: z.string().nullable(),
  handledAt: z.date().nullable(),
  createdAt: z.date(),
  version: z.number(),
});
export type PrivacyRequestDto = z.infer<typeof PrivacyRequest>;

export const RequestQuery = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type RequestQueryInput = z.infer<typeof RequestQuery>;

export const RequestList = z.object({
  items: z.array(PrivacyRequest),
  total: z.number(),
  /** Open requests past their deadline, in the user's jurisdiction (whatever the filters). */
  overdue: z.number(),
  open: z.number(),
});
