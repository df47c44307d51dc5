import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { IMPORT_KINDS } from './fields.js';

export const Kind = z.enum(IMPORT_KINDS);

export const UploadQuery = z.strictObject({
  kind: Kind,
  jurisdictionId: z.uuid(),
  fileName: z.string().trim().min(1).max(255).refine((n) => /\.(xlsx|xls|csv)$/i.test(n), rule('文件名应以 .xlsx、.xls 或 .csv 结尾', 'The file name must end with .xlsx, .xls or .csv')),
});

export const MappingBody = z.strictObject({
  mapping: z.record(z.string().regex(/^\d{1,3}$/, rule('列号应为数字', 'Columns are numbers')), z.string().min(1).max(40)).optional(),
});

export const DecisionsBody = z.strictObject({
  new: z.enum(['create', 'skip']),
  update: z.enum(['apply', 'skip']),
  duplicate: z.enum(['create', 'skip']),
});

export const ROW_CLASSES = ['new', 'update', 'unchanged', 'duplicate', 'conflict', 'error'] as const;

export const RowsQuery = z.strictObject({
  class: z.enum(ROW_CLASSES).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const ListQuery = z.strictObject({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

export const Job = z.object({
  id: z.string(), kind: Kind, fileName: z.string(), fileSha256: z.string(), fileSize: z.number(), format: z.enum(['csv', 'xlsx', 'xls']), encoding: z.string().nullable(),
  status: z.enum(['mapping', 'preview', 'queued', 'running', 'cancelling', 'cancelled', 'done', 'failed']), statusName: z.string(), statusNameEn: z.string(),
  headerRow: z.number().nullable(), headers: z.array(z.string()), mapping: z.record(z.string(), z.string()), decisions: z.record(z.string(), z.string()),
  counts: z.record(z.string(), z.number()), totalRows: z.number(), toApply: z.number(), appliedRows: z.number(), failedRows: z.number(), progress: z.number(),
  jurisdiction: z.object({ id: z.string(), name: z.string().nullable() }), createdBy: z.string().nullable(), error: z.string().nullable(),
  createdAt: z.date(), startedAt: z.date().nullable(), finishedAt: z.date().nullable(), version: z.number(),
});
export const JobList = z.object({ items: z.array(Job), nextCursor: z.string().nullable() });

const Message = z.object({ field: z.string().nullable(), zh: z.string(), en: z.string() });
export const RowList = z.object({
  items: z.array(z.object({
    rowNo: z.number(), class: z.enum(ROW_CLASSES), values: z.record(z.string(), z.unknown()), messages: z.array(Message), changes: z.array(z.string()),
    matchId: z.string().nullable(), result: z.string().nullable(),
  })),
  nextAfter: z.number().nullable(),
});

const KindField = z.object({ field: z.string(), name: z.string(), nameEn: z.string(), required: z.boolean() });
export const Kinds = z.object({ people: z.array(KindField), houses: z.array(KindField), organizations: z.array(KindField) });
