import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { isoDate, mobile, PersonCreateBody } from '../registry/people.schema.js';

/** 走访结果: 已核实 / 有变更 / 无人在家 / 拒访 */
export const VISIT_OUTCOMES = ['verified', 'changed', 'absent', 'refused'] as const;

const key = z.string().trim().min(8, rule('幂等键至少8个字符', 'The idempotency key has at least 8 characters')).max(80);
const shape = PersonCreateBody.shape;
const text = (max: number) => z.string().trim().max(max);

/** A field the worker changed: the value they saw (`base`) and the one they entered (`value`). */
const pair = <T extends z.ZodType>(value: T) => z.strictObject({ base: z.unknown(), value });

/** The person fields a survey may correct, each validated as the registry validates it. */
export const PERSON_FIELD_VALUES = {
  name: shape.name,
  gender: shape.gender.unwrap(),
  birthDate: isoDate,
  ethnicity: shape.ethnicity.unwrap(),
  phone: mobile,
  residenceAddress: text(200),
  tags: shape.tags.unwrap(),
  notes: text(2000),
  status: z.enum(['active', 'deceased', 'moved_out']),
} as const;
export type SurveyField = keyof typeof PERSON_FIELD_VALUES;
const V = PERSON_FIELD_VALUES;

export const SurveyPersonFields = z.strictObject({
  name: pair(V.name).optional(),
  gender: pair(V.gender).optional(),
  birthDate: pair(V.birthDate).optional(),
  ethnicity: pair(V.ethnicity).optional(),
  phone: pair(V.phone).optional(),
  residenceAddress: pair(V.residenceAddress).optional(),
  tags: pair(V.tags).optional(),
  notes: pair(V.notes).optional(),
  status: pair(V.status).optional(),
}).refine((f) => Object.keys(f).length > 0, rule('至少修改一个字段', 'Change at least one field'));
export type SurveyPersonFieldsInput = z.infer<typeof SurveyPersonFields>;

export const SurveyChange = z.discriminatedUnion('kind', [
  z.strictObject({
    key, kind: z.literal('person.update'), personId: z.uuid(), baseVersion: z.number().int().min(1), visitId: z.uuid().optional(),
    fields: SurveyPersonFields,
  }),
  z.strictObject({
    key, kind: z.literal('person.create'), houseId: z.uuid(), visitId: z.uuid().optional(),
    residenceKind: z.enum(['resident', 'tenant', 'owner']).default('resident'),
    person: PersonCreateBody.omit({ jurisdictionId: true }),
  }),
  z.strictObject({ key, kind: z.literal('residence.end'), residenceId: z.uuid(), visitId: z.uuid().optional(), validTo: isoDate }),
]);
export type SurveyChangeInput = z.infer<typeof SurveyChange>;

export const SurveyVisitInput = z.strictObject({
  id: z.uuid(),
  houseId: z.uuid(),
  visitedAt: z.iso.datetime({ offset: true }),
  outcome: z.enum(VISIT_OUTCOMES),
  notes: text(1000).optional(),
});

export const SyncBody = z.strictObject({
  visits: z.array(SurveyVisitInput).max(200).default([]),
  changes: z.array(SurveyChange).max(500).default([]),
});

const fieldValue = z.unknown();
export const Conflict = z.object({ field: z.string(), base: fieldValue, mine: fieldValue, theirs: fieldValue });

export const SyncResult = z.object({
  visits: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'replayed', 'rejected']), error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable() })),
  changes: z.array(z.object({
    key: z.string(),
    changeId: z.string().nullable(),
    status: z.enum(['applied', 'partial', 'conflict', 'resolved', 'rejected']),
    replayed: z.boolean(),
    recordId: z.string().nullable(),
    version: z.number().nullable(),
    applied: z.array(z.string()),
    conflicts: z.array(Conflict),
    error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
  })),
});
export type SyncResultDto = z.infer<typeof SyncResult>;

export const SliceQuery = z.strictObject({ jurisdictionId: z.uuid().optional() });

export const SlicePerson = z.object({
  id: z.string(), name: z.string(), gender: z.number(), birthDate: z.string().nullable(), ethnicity: z.string().nullable(),
  citizenIdMasked: z.string().nullable(), phoneMasked: z.string().nullable(), residenceAddress: z.string().nullable(),
  tags: z.array(z.string()), notes: z.string().nullable(), status: z.string(), version: z.number(),
});
export const Slice = z.object({
  generatedAt: z.date(),
  estates: z.array(z.object({ id: z.string(), name: z.string() })),
  buildings: z.array(z.object({ id: z.string(), name: z.string(), estateId: z.string().nullable(), estateName: z.string().nullable(), floors: z.number(), unitCount: z.number(), version: z.number() })),
  houses: z.array(z.object({
    id: z.string(), buildingId: z.string(), unitNo: z.number(), floor: z.number(), number: z.string(), label: z.string(), version: z.number(),
    lastVisit: z.object({ visitedAt: z.date(), outcome: z.string() }).nullable(),
  })),
  people: z.array(SlicePerson),
  residences: z.array(z.object({ id: z.string(), personId: z.string(), houseId: z.string(), kind: z.string(), validFrom: z.string() })),
});

export const PhotoStart = z.strictObject({
  visitId: z.uuid(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, rule('SHA-256 校验值应为64位小写十六进制', 'The SHA-256 is 64 lower-case hex digits')),
  size: z.number().int().min(1),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp'], rule('只接受 JPEG、PNG 或 WebP 格式的照片', 'Only JPEG, PNG or WebP photos are accepted')),
});
export const PhotoState = z.object({ id: z.string(), received: z.number(), size: z.number(), complete: z.boolean() });
export const ChunkQuery = z.strictObject({ offset: z.coerce.number().int().min(0) });

export const VisitList = z.object({
  items: z.array(z.object({
    id: z.string(), houseId: z.string(), workerName: z.string().nullable(), visitedAt: z.date(), outcome: z.string(), notes: z.string().nullable(),
    photos: z.array(z.object({ id: z.string(), size: z.number(), complete: z.boolean() })),
  })),
});

export const ConflictList = z.object({
  items: z.array(z.object({
    id: z.string(), key: z.string(), personId: z.string().nullable(), personName: z.string().nullable(), receivedAt: z.date(),
    version: z.number(), applied: z.array(z.string()), conflicts: z.array(Conflict),
  })),
});

export const ResolveBody = z.strictObject({
  version: z.number().int().min(1),
  choices: z.array(z.strictObject({
    field: z.string(),
    choice: z.enum(['mine', 'theirs', 'edit']),
    value: z.unknown().optional(),
  })).min(1),
});
export const ResolveResult = z.object({ status: z.literal('resolved'), personId: z.string(), version: z.number(), applied: z.array(z.string()) });
