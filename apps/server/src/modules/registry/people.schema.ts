import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { ETHNICITIES, PERSON_TAGS } from '../../standards/codes.js';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, rule('日期格式应为 YYYY-MM-DD', 'Dates are YYYY-MM-DD'))
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), rule('不是有效的日期', 'Not a real date'));

export const mobile = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine((v) => /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}\d{7,8}$/.test(v), rule('请输入11位手机号或带区号的固定电话', 'Enter an 11-digit mobile number or a landline with area code'));

const tag = z.string().refine((t) => t in PERSON_TAGS, rule('未知的人群标签', 'Unknown group tag'));
const ethnicity = z.string().refine((c) => c in ETHNICITIES, rule('未知的民族代码（GB/T 3304）', 'Unknown ethnicity code (GB/T 3304)'));
const gender = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(9)]);
const name = z.string().trim().min(1).max(50);

export const PersonCreateBody = z.strictObject({
  name,
  citizenId: z.string().trim().max(30).optional(),
  gender: gender.optional(),
  birthDate: isoDate.optional(),
  ethnicity: ethnicity.optional(),
  phone: mobile.optional(),
  hukouDivision: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, rule('户籍地区划代码应为6、9或12位数字', 'The household registration division code has 6, 9 or 12 digits')).optional(),
  hukouAddress: z.string().trim().max(200).optional(),
  residenceAddress: z.string().trim().max(200).optional(),
  tags: z.array(tag).max(20).optional(),
  notes: z.string().trim().max(2000).optional(),
  jurisdictionId: z.uuid(),
});

export const PersonPatchBody = PersonCreateBody.partial().extend({
  status: z.enum(['active', 'deceased', 'moved_out']).optional(),
  verified: z.literal(true).optional(),
  version: z.number().int().min(1),
}).strict();

const linkMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, rule('月份格式应为 YYYY-MM', 'Month must be YYYY-MM'));
export const PersonQuery = z.strictObject({
  q: z.string().trim().min(1).max(40).optional(),
  address: z.string().trim().min(1).max(60).optional(),
  jurisdictionId: z.uuid().optional(),
  tag: tag.optional(),
  gender: z.coerce.number().int().refine((g) => [0, 1, 2, 9].includes(g)).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  /** born in these years (the analysis cube counts ages by year) */
  birthYearMin: z.coerce.number().int().min(1850).max(2200).optional(),
  birthYearMax: z.coerce.number().int().min(1850).max(2200).optional(),
  ethnicity: z.string().regex(/^\d{2}$/).optional(),
  status: z.enum(['active', 'deceased', 'moved_out', 'merged']).optional(),
  /** people living in (resident or tenant of) a house under this node — with `living`, `movedIn` or `movedOut` */
  houseJurisdictionId: z.uuid().optional(),
  /** living there at the end of this month (YYYY-MM) */
  living: linkMonth.optional(),
  /** moved in (a link beginning) within this month */
  movedIn: linkMonth.optional(),
  /** moved out (a link ending) within this month */
  movedOut: linkMonth.optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const Person = z.object({
  id: z.string(),
  name: z.string(),
  namePinyin: z.string(),
  citizenIdMasked: z.string().nullable(),
  gender: z.number(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  ethnicity: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  hukouDivision: z.string().nullable(),
  hukouAddress: z.string().nullable(),
  residenceAddress: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  status: z.string(),
  mergedInto: z.string().nullable(),
  jurisdiction: z.object({ id: z.string().nullable(), name: z.string().nullable(), level: z.string().nullable(), pathNames: z.array(z.string()) }),
  verifiedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number(),
});
export type PersonDto = z.infer<typeof Person>;

export const PersonList = z.object({ items: z.array(Person), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });

export const UnmaskBody = z.strictObject({
  fields: z.array(z.enum(['citizenId', 'phone'])).min(1),
  reason: z.string().trim().min(4, rule('查看完整信息须填写事由（至少4个字）', 'Give a reason (at least 4 characters)')).max(200),
});
export const Unmasked = z.object({ citizenId: z.string().nullable().optional(), phone: z.string().nullable().optional() });

export const Change = z.object({
  id: z.number(),
  op: z.enum(['insert', 'update', 'delete']),
  changedAt: z.date(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export const ChangeList = z.object({ items: z.array(Change) });
