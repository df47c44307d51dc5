import { z } from 'zod';
import { rule } from '../../http/validation.js';
import { mobile } from '../registry/people.schema.js';
import { AGE_BANDS, ASSESSMENT_REASON_CODES, LIVING_SITUATION_CODES, RISK_EVENT_KIND_CODES, SUBSIDY_CODES } from './elder.codes.js';
import { scaleDefinition } from './elder.scoring.js';

export const IdParams = z.strictObject({ id: z.uuid() });

const living = z.enum(LIVING_SITUATION_CODES, rule('未知的居住情况', 'Unknown living situation'));
const level = z.number().int().min(-1).max(4);
const text = (max: number) => z.string().trim().min(1).max(max);

// ---- scales and settings
export const Scale = z.object({
  version: z.string(), name: z.string(), nameEn: z.string(), inUse: z.boolean(), effectiveFrom: z.string().nullable(), definition: scaleDefinition,
});
export const ScaleList = z.object({ items: z.array(Scale) });
export const Settings = z.object({ raisesStack: z.boolean(), updatedAt: z.date().nullable(), version: z.number() });
export const SettingsBody = z.strictObject({ raisesStack: z.boolean(), version: z.number().int().min(1) });

const Named = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
export const Vocabulary = z.object({
  livingSituations: z.array(Named), subsidies: z.array(Named), riskEventKinds: z.array(Named), reasons: z.array(Named), ageBands: z.array(Named),
});

// ---- archives
export const ElderListQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  level: z.coerce.number().int().min(0).max(4).optional(),
  unassessed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ageBand: z.enum(AGE_BANDS.map((b) => b.code) as [string, ...string[]], rule('未知的年龄段', 'Unknown age band')).optional(),
  living: living.optional(),
  gender: z.coerce.number().int().refine((g) => [0, 1, 2, 9].includes(g), rule('性别代码无效', 'Invalid gender code')).optional(),
  jurisdictionId: z.uuid().optional(),
  sort: z.enum(['name', 'age', 'level', 'assessed']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ElderListItem = z.object({
  personId: z.string(), name: z.string(), gender: z.number(), age: z.number().nullable(), citizenIdMasked: z.string().nullable(), phoneMasked: z.string().nullable(),
  livingSituation: z.string(), subsidies: z.array(z.string()), currentLevel: z.number().nullable(), currentScaleVersion: z.string().nullable(),
  currentAssessedAt: z.date().nullable(), jurisdictionName: z.string().nullable(), openProposal: z.boolean(),
});
export const ElderList = z.object({ items: z.array(ElderListItem), total: z.number(), totalCapped: z.boolean() });

const Contact = z.object({
  id: z.string(), contactPersonId: z.string().nullable(), name: z.string(), phoneMasked: z.string().nullable(), relation: z.string(), isGuardian: z.boolean(), isEmergency: z.boolean(),
});
const Signature = z.object({ id: z.string(), name: z.string().nullable(), signedAt: z.date().nullable() });
export const Assessment = z.object({
  id: z.string(), personId: z.string(), personName: z.string(), scaleVersion: z.string(), reason: z.string(), answers: z.record(z.string(), z.number()),
  flags: z.record(z.string(), z.boolean()), subtotals: z.record(z.string(), z.object({ score: z.number(), max: z.number() })), total: z.number(),
  preliminaryLevel: z.number(), finalLevel: z.number(), adjustments: z.array(z.string()), riskEvents30d: z.number(), status: z.enum(['awaiting_second', 'signed', 'voided']),
  assessor1: Signature, assessor2: Signature.nullable(), proposalId: z.string().nullable(), notes: z.string().nullable(), assessedAt: z.date(), jurisdictionName: z.string().nullable(),
});
export const AssessmentWithScale = Assessment.extend({ scale: Scale });
export const AwaitingList = z.object({ items: z.array(Assessment.extend({ mine: z.boolean() })) });
const RiskEvent = z.object({ id: z.string(), kind: z.enum(RISK_EVENT_KIND_CODES), occurredAt: z.date(), source: z.enum(['manual', 'device']), note: z.string().nullable(), recordedByName: z.string().nullable() });

export const Elder = z.object({
  person: z.object({
    id: z.string(), name: z.string(), gender: z.number(), age: z.number().nullable(), birthDate: z.string().nullable(), citizenIdMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(), residenceAddress: z.string().nullable(), jurisdictionName: z.string().nullable(),
  }),
  archive: z.object({
    livingSituation: z.string(), subsidies: z.array(z.string()), chronicConditions: z.array(z.string()), diagnosisCodes: z.array(z.string()),
    medications: z.array(z.object({ name: z.string(), dosage: z.string().optional() })), allergies: z.array(z.string()), notes: z.string().nullable(),
    currentLevel: z.number().nullable(), currentScaleVersion: z.string().nullable(), currentAssessmentId: z.string().nullable(), currentAssessedAt: z.date().nullable(),
    version: z.number(), diagnoses: z.object({ dementia: z.boolean(), psychiatric: z.boolean() }),
  }).nullable(),
  contacts: z.array(Contact),
  assessments: z.array(Assessment),
  riskEvents: z.array(RiskEvent),
  riskEvents30d: z.number(),
  openProposalId: z.string().nullable(),
});

const ContactBody = z.strictObject({
  contactPersonId: z.uuid().optional(),
  name: z.string().trim().min(1).max(50).optional(),
  phone: mobile.optional(),
  relation: z.string().trim().max(20).default(''),
  isGuardian: z.boolean().default(false),
  isEmergency: z.boolean().default(false),
}).refine((c) => Boolean(c.contactPersonId) || Boolean(c.name), { ...rule('请选择登记人员或填写联系人姓名', 'Pick a registered person or enter the contact\'s name'), path: ['name'] });

export const ArchiveBody = z.strictObject({
  livingSituation: living,
  subsidies: z.array(z.enum(SUBSIDY_CODES, rule('未知的补贴类型', 'Unknown subsidy'))).max(10).default([]),
  chronicConditions: z.array(text(50)).max(30).default([]),
  diagnosisCodes: z.array(z.string().trim().regex(/^[A-Za-z]\d{2}(\.\d{1,2})?$/, rule('诊断应为 ICD-10 编码，如 F01 或 I10', 'Diagnoses are ICD-10 codes, e.g. F01 or I10'))).max(30).default([]),
  medications: z.array(z.strictObject({ name: text(50), dosage: z.string().trim().max(50).optional() })).max(30).default([]),
  allergies: z.array(text(50)).max(30).default([]),
  notes: z.string().trim().max(2000).nullable().optional(),
  contacts: z.array(ContactBody).max(10).default([]),
  version: z.number().int().min(1).optional(),
});
export const ArchiveSaved = z.object({ personId: z.string(), version: z.number() });

// ---- assessments
const answers = z.record(z.string().regex(/^[A-Za-z0-9.]{1,20}$/), z.number().int().min(0).max(100));
const flags = z.strictObject({ dementia: z.boolean().optional(), psychiatric: z.boolean().optional(), coma: z.boolean().optional() });
export const PreviewBody = z.strictObject({ scaleVersion: z.string().max(40), answers, flags: flags.optional() });
export const Preview = z.object({
  complete: z.boolean(), missing: z.array(z.string()), invalid: z.array(z.string()), subtotals: z.record(z.string(), z.object({ score: z.number(), max: z.number() })),
  total: z.number(), max: z.number(), preliminaryLevel: z.number().nullable(), finalLevel: z.number().nullable(), adjustments: z.array(z.string()),
  riskEvents30d: z.number(), dementia: z.boolean(), psychiatric: z.boolean(),
});
export const AssessmentBody = z.strictObject({
  scaleVersion: z.string().max(40),
  reason: z.enum(ASSESSMENT_REASON_CODES, rule('评估原因应为首次、常规、即时或复评', 'The reason is first, routine, immediate or dispute')),
  answers,
  flags: flags.optional(),
  proposalId: z.uuid().optional(),
  notes: z.string().trim().max(2000).optional(),
});
export const AwaitingQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

// ---- risk events and proposals
export const RiskEventBody = z.strictObject({
  kind: z.enum(RISK_EVENT_KIND_CODES, rule('风险事件类型应为跌倒、噎食、自杀、自伤或走失', 'The kind is fall, choking, suicide, self_harm or wandering')),
  occurredAt: z.iso.datetime({ offset: true, ...rule('发生时间格式不正确', 'Malformed time of the event') })
    .refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, rule('发生时间不能晚于现在', 'The event cannot be in the future')),
  note: z.string().trim().max(500).optional(),
  sourceKey: z.string().trim().min(8).max(100).optional(),
});
export const RiskEventRecorded = z.object({ id: z.string(), created: z.boolean(), proposalId: z.string().nullable() });
export const ProposalQuery = z.strictObject({
  status: z.enum(['open', 'started', 'dismissed', 'done']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const Proposal = z.object({
  id: z.string(), personId: z.string(), personName: z.string(), status: z.string(), eventCount: z.number(), createdAt: z.date(), decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(), dismissReason: z.string().nullable(), assessmentId: z.string().nullable(), jurisdictionName: z.string().nullable(), currentLevel: z.number().nullable(),
});
export const ProposalList = z.object({ items: z.array(Proposal), total: z.number() });
export const ProposalDecision = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('dismiss'), reason: z.string().trim().min(2, rule('请填写不予评估的理由', 'Give the reason for dismissing')).max(500) }),
]);

// ---- statistics
export const StatsQuery = z.strictObject({ jurisdictionId: z.uuid().optional() });
const ByLevel = z.record(z.string(), z.number());
export const Stats = z.object({
  node: z.object({ id: z.string(), name: z.string(), level: z.string(), pathNames: z.array(z.string()), parentId: z.string().nullable() }),
  total: z.number(),
  byLevel: z.array(z.object({ level, n: z.number() })),
  byAgeBand: z.array(z.object({ code: z.string(), n: z.number(), byLevel: ByLevel })),
  byLiving: z.array(z.object({ code: z.string(), n: z.number(), byLevel: ByLevel })),
  children: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), n: z.number(), byLevel: ByLevel })),
  atNode: z.number(),
});


