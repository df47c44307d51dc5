import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { parseCitizenId } from '../../standards/citizen-id.js';

/**
 * The fixed catalogue of check kinds a data-quality rule can use. A rule (a row of
 * `quality_rule`) picks one kind and gives it parameters; the parameters are validated here, per
 * kind, whenever a rule is changed. Adding a kind is a code change; adding or tuning a rule is not.
 */

/** Person fields a "missing fields" rule may require, and what the UI calls them. */
export const PERSON_FIELDS = {
  citizenId: { zh: '身份证号', en: 'Citizen ID' },
  gender: { zh: '性别', en: 'Gender' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  phone: { zh: '联系电话', en: 'Phone' },
  hukouAddress: { zh: '户籍地址', en: 'Household registration address' },
  residenceAddress: { zh: '现住址', en: 'Residence address' },
} as const;
export type PersonField = keyof typeof PERSON_FIELDS;

export const DUPLICATE_REASONS = ['same_pinyin_birth', 'same_phone', 'same_name_house'] as const;
export const HOUSE_USES = ['residential', 'commercial', 'office', 'mixed', 'other'] as const;

const personField = z.enum(Object.keys(PERSON_FIELDS) as [PersonField, ...PersonField[]], rule('未知的字段', 'Unknown field'));

export const CHECK_KINDS = {
  citizen_id_checksum: { entity: 'person', params: z.strictObject({}) },
  citizen_id_excel: {
    entity: 'person',
    params: z.strictObject({
      trailingZeros: z.number(rule('应为整数', 'Must be a whole number')).int(rule('应为整数', 'Must be a whole number'))
        .min(2, rule('末尾零的位数至少为 2', 'At least 2 trailing zeros')).max(6, rule('末尾零的位数至多为 6', 'At most 6 trailing zeros')),
    }),
  },
  id_gender_birth: {
    entity: 'person',
    params: z.strictObject({ checkGender: z.boolean(), checkBirthDate: z.boolean() })
      .refine((p) => p.checkGender || p.checkBirthDate, rule('性别和出生日期至少核对一项', 'Check at least one of gender and birth date')),
  },
  missing_fields: {
    entity: 'person',
    params: z.strictObject({
      fields: z.array(personField).min(1, rule('至少选择一个必填字段', 'Choose at least one required field'))
        .refine((f) => new Set(f).size === f.length, rule('字段不能重复', 'Fields must not repeat')),
    }),
  },
  duplicate_candidate: {
    entity: 'person',
    params: z.strictObject({
      reasons: z.array(z.enum(DUPLICATE_REASONS, rule('未知的重复判断依据', 'Unknown duplicate reason'))).min(1, rule('至少选择一种判断依据', 'Choose at least one reason')),
    }),
  },
  house_no_residents: {
    entity: 'house',
    params: z.strictObject({
      uses: z.array(z.enum(HOUSE_USES, rule('未知的房屋用途', 'Unknown house use'))).min(1, rule('至少选择一种房屋用途', 'Choose at least one house use')),
    }),
  },
  person_no_house: { entity: 'person', params: z.strictObject({}) },
  not_verified: {
    entity: 'person',
    params: z.strictObject({
      months: z.number(rule('应为整数', 'Must be a whole number')).int(rule('应为整数', 'Must be a whole number'))
        .min(1, rule('月数至少为 1', 'At least 1 month')).max(120, rule('月数至多为 120', 'At most 120 months')),
    }),
  },
} as const satisfies Record<string, { entity: 'person' | 'house'; params: z.ZodType }>;

export type CheckKind = keyof typeof CHECK_KINDS;
export type ParamsOf<K extends CheckKind> = z.infer<(typeof CHECK_KINDS)[K]['params']>;

export function isCheckKind(k: string): k is CheckKind {
  return k in CHECK_KINDS;
}

/** Validates a rule's parameters against its kind; field errors are named `params.<key>`. */
export function parseParams(kind: CheckKind, params: unknown) {
  const r = CHECK_KINDS[kind].params.safeParse(params);
  if (r.success) return { ok: true as const, value: r.data as Record<string, unknown> };
  return {
    ok: false as const,
    issues: r.error.issues.map((i) => {
      const [zh, en] = i.message.includes('\u241E') ? i.message.split('\u241E') : [i.message, i.message];
      return { field: ['params', ...i.path.map(String)].join('.'), message: zh!, messageEn: en! };
    }),
  };
}

/** What is wrong with a stored citizen ID, as the plaintext checks see it. */
export type IdVerdict =
  | { kind: 'excel'; problem: 'excel_scientific' | 'excel_rounded' }
  | { kind: 'invalid'; problem: 'format' | 'checksum' | 'birth_date' }
  | { kind: 'mismatch'; gender: boolean; birthDate: boolean; idGender: 1 | 2; idBirthDate: string }
  | { kind: 'ok' };

/**
 * Judges one decrypted citizen ID against the record's gender and birth date. Excel damage is
 * told apart from a plain wrong number: a number that fails its check and ends in
 * `trailingZeros` zeros was most likely rounded by a spreadsheet.
 */
export function judgeCitizenId(
  number: string,
  record: { gender: number; birthDate: string | null },
  p: { trailingZeros: number; checkGender: boolean; checkBirthDate: boolean },
  today = new Date(),
): IdVerdict {
  const parsed = parseCitizenId(number, today);
  if (!parsed.ok) {
    if (parsed.problem === 'excel_scientific') return { kind: 'excel', problem: 'excel_scientific' };
    if ((parsed.problem === 'checksum' || parsed.problem === 'excel_rounded') && number.endsWith('0'.repeat(p.trailingZeros))) {
      return { kind: 'excel', problem: 'excel_rounded' };
    }
    return { kind: 'invalid', problem: parsed.problem === 'excel_rounded' ? 'checksum' : parsed.problem };
  }
  const id = parsed.value;
  const gender = p.checkGender && (record.gender === 1 || record.gender === 2) && record.gender !== id.gender;
  const birthDate = p.checkBirthDate && record.birthDate !== null && record.birthDate !== id.birthDate;
  if (gender || birthDate) return { kind: 'mismatch', gender, birthDate, idGender: id.gender, idBirthDate: id.birthDate };
  return { kind: 'ok' };
}
