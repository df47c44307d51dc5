import { z } from 'zod';
import { rule } from '../../http/validation.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, rule('日期格式应为 YYYY-MM-DD', 'Dates are YYYY-MM-DD'))
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), rule('不是有效的日期', 'Not a real date'));

export const Node = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['city', 'district', 'street', 'community', 'grid']),
  parentId: z.string().nullable(),
  pathNames: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.enum(['division-package', 'local']),
  version: z.number().int(),
  childCount: z.number().int(),
});

export const NodeList = z.object({ items: z.array(Node) });

export const NodeQuery = z.strictObject({
  parentId: z.uuid().optional(),
  q: z.string().trim().min(1).max(40).optional(),
  asOf: isoDate.optional(),
});

export const CreateGridBody = z.strictObject({
  parentId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  validFrom: isoDate,
});

export const RetireBody = z.strictObject({ validTo: isoDate, version: z.number().int().min(1) });
export const IdParams = z.strictObject({ id: z.uuid() });
export const AsOfQuery = z.strictObject({ asOf: isoDate.optional() });
