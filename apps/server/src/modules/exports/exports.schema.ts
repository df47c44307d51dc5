import { z } from 'zod';
import { rule } from '../../http/validation.js';

const reason = z.string().trim().min(4, rule('申请不脱敏导出须填写事由（至少4个字）', 'Give a reason (at least 4 characters)')).max(200);

/**
 * An export request. The lists are registered by their modules at start-up, so the resource and
 * its filters are checked by the service against the registered list (its own query schema).
 */
export const ExportCreateBody = z.strictObject({
  /** The list: people, households, …, care_orders, care_exceptions, elders. */
  resource: z.string().trim().min(1).max(40),
  /** The filters on screen; none: the whole list of the user's jurisdiction. */
  filters: z.record(z.string(), z.unknown()).optional(),
  /** false: an unmasked export, which needs a reason and another user's approval. */
  masked: z.boolean().default(true),
  reason: reason.optional(),
});
export type ExportCreateInput = z.infer<typeof ExportCreateBody>;

export const ExportStatus = z.enum(['pending', 'approved', 'rejected', 'running', 'ready', 'failed', 'expired']);

export const ExportJob = z.object({
  id: z.string(),
  resource: z.string(),
  resourceName: z.string(),
  resourceNameEn: z.string(),
  filters: z.record(z.string(), z.unknown()),
  masked: z.boolean(),
  reason: z.string().nullable(),
  status: ExportStatus,
  requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  jurisdictionName: z.string().nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  rowsWritten: z.number(),
  rowsExpected: z.number().nullable(),
  fileSize: z.number().nullable(),
  expiresAt: z.date().nullable(),
  downloads: z.number(),
  maxDownloads: z.number(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  version: z.number(),
});
export type ExportJobDto = z.infer<typeof ExportJob>;

export const ExportQuery = z.strictObject({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ExportList = z.object({ items: z.array(ExportJob), nextCursor: z.string().nullable() });

export const DecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(200).optional(),
  version: z.number().int().min(1),
});
