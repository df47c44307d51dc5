import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import * as S from './quality.schema.js';

/** 数据质量 — rules, the quality view per jurisdiction, findings, a worker's to-do list, evaluation runs. */
export function qualityRoutes(app: ZodApp, s: Services) {
  const tags = ['quality'];
  const read = { access: { permission: 'quality.read' } } as const;
  const manage = { access: { permission: 'quality.manage' } } as const;

  app.get('/api/quality/rules', {
    config: { access: { anyPermission: ['quality.read', 'quality.manage'] } },
    schema: { tags, summary: '数据质量规则 / data-quality rules', response: { 200: S.QualityRuleList } },
  }, async (req) => ({ items: await s.quality.listRules(actorOf(req)) }));

  app.patch('/api/quality/rules/:code', {
    config: manage,
    schema: { tags, summary: '修改规则（启用、参数、权重）/ change a rule', params: S.RuleCodeParams, body: S.RulePatchBody, response: { 200: S.QualityRule } },
  }, async (req) => s.quality.updateRule(actorOf(req), req.params.code, req.body));

  app.get('/api/quality/summary', {
    config: read,
    schema: { tags, summary: '辖区数据质量评分 / quality scores of a jurisdiction and its children', querystring: S.NodeQuery, response: { 200: S.QualitySummary } },
  }, async (req) => s.quality.summary(actorOf(req), req.query));

  app.get('/api/quality/findings', {
    config: read,
    schema: { tags, summary: '数据质量问题清单 / open findings', querystring: S.FindingQuery, response: { 200: S.FindingList } },
  }, async (req) => s.quality.findings(actorOf(req), req.query));

  app.get('/api/quality/todo', {
    config: read,
    schema: { tags, summary: '我的待办（本辖区待整改记录）/ my to-do list', querystring: S.TodoQuery, response: { 200: S.TodoList } },
  }, async (req) => s.quality.todoList(actorOf(req), req.query.limit));

  app.post('/api/quality/runs', {
    config: read,
    schema: { tags, summary: '重新评估辖区数据质量（后台执行）/ evaluate a jurisdiction in the background', body: S.RunBody, response: { 200: S.QualityRun } },
  }, async (req) => s.quality.startRun(actorOf(req), req.body));

  app.get('/api/quality/runs', {
    config: read,
    schema: { tags, summary: '评估进度 / recent evaluations with progress', querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) }), response: { 200: S.RunList } },
  }, async (req) => ({ items: await s.quality.runs(actorOf(req), req.query.limit) }));
}
