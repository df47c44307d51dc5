import { z } from 'zod';
import { rule } from '../../http/validation.js';

const severity = z.enum(['low', 'medium', 'high'], rule('严重程度应为 low、medium 或 high', 'Severity is low, medium or high'));

export const RuleCodeParams = z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/) });

export const QualityRule = z.object({
  code: z.string(), name: z.string(), nameEn: z.string(), description: z.string(), descriptionEn: z.string(),
  entity: z.enum(['person', 'house']), checkKind: z.string(), params: z.record(z.string(), z.unknown()),
  severity, weight: z.number(), enabled: z.boolean(), updatedAt: z.date(), version: z.number(),
});
export const QualityRuleList = z.object({ items: z.array(QualityRule) });

/** Parameters are an object here; their content is checked against the rule's check kind. */
export const RulePatchBody = z.strictObject({
  enabled: z.boolean().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  weight: z.number().int(rule('权重应为整数', 'The weight is a whole number')).min(0, rule('权重不能小于 0', 'The weight is at least 0')).max(100, rule('权重不能大于 100', 'The weight is at most 100')).optional(),
  severity: severity.optional(),
  version: z.number().int().min(1),
});

export const NodeQuery = z.strictObject({ jurisdictionId: z.uuid().optional() });

const Records = z.object({ person: z.number(), house: z.number() });
export const QualitySummary = z.object({
  node: z.object({ id: z.string(), name: z.string(), level: z.string(), pathNames: z.array(z.string()), parentId: z.string().nullable() }),
  score: z.number().nullable(),
  findings: z.number(),
  records: Records,
  rules: z.array(z.object({
    code: z.string(), name: z.string(), nameEn: z.string(), entity: z.enum(['person', 'house']), severity, weight: z.number(),
    findings: z.number(), records: z.number(),
  })),
  children: z.array(z.object({
    id: z.string(), name: z.string(), level: z.string(), score: z.number().nullable(), findings: z.number(), records: Records, hasChildren: z.boolean(),
  })),
});

export const FindingQuery = z.strictObject({
  jurisdictionId: z.uuid().optional(),
  ruleCode: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, rule('规则编码格式不正确', 'Malformed rule code')).optional(),
  cursor: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const Finding = z.object({
  id: z.string(), ruleCode: z.string(), ruleName: z.string(), ruleNameEn: z.string(), severity,
  entity: z.enum(['person', 'house']), recordId: z.string(), buildingId: z.string().nullable(), label: z.string(), subLabel: z.string().nullable(),
  problem: z.string(), problemEn: z.string(), relatedId: z.string().nullable(),
  jurisdictionName: z.string().nullable(), pathNames: z.array(z.string()), firstSeenAt: z.date(), lastSeenAt: z.date(),
});
export const FindingList = z.object({ items: z.array(Finding), nextCursor: z.string().nullable(), total: z.number() });

export const TodoQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const TodoList = z.object({
  items: z.array(z.object({
    entity: z.enum(['person', 'house']), recordId: z.string(), buildingId: z.string().nullable(), label: z.string(), subLabel: z.string().nullable(),
    jurisdictionName: z.string().nullable(), since: z.date(), findings: z.array(Finding),
  })),
  total: z.number(),
});

export const RunBody = z.strictObject({ jurisdictionId: z.uuid().optional() });
export const QualityRun = z.object({
  id: z.string(), nodeName: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']),
  totalSteps: z.number(), doneSteps: z.number(), opened: z.number(), resolved: z.number(), error: z.string().nullable(),
  createdAt: z.date(), startedAt: z.date().nullable(), finishedAt: z.date().nullable(),
});
export const RunList = z.object({ items: z.array(QualityRun) });
