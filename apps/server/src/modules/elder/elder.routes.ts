import type { ZodApp } from '../../http/app.js';
import { actorOf } from '../../http/access.js';
import type { Services } from '../../services.js';
import { vocabulary } from './elder.codes.js';
import * as S from './elder.schema.js';

/** 养老档案与能力评估 — archives, assessments with two signatures, risk events, proposals, statistics. */
export function elderRoutes(app: ZodApp, s: Services) {
  const tags = ['elder'];
  const read = { access: { permission: 'elder.read' } } as const;
  const write = { access: { permission: 'elder.write' } } as const;
  const assess = { access: { permission: 'elder.assess' } } as const;

  app.get('/api/elder/scales', {
    config: read, schema: { tags, summary: '评估量表（版本化）/ assessment scales by version', response: { 200: S.ScaleList } },
  }, async (req) => ({ items: await s.elder.scales(actorOf(req)) }));

  app.get('/api/elder/vocabulary', {
    config: read, schema: { tags, summary: '居住情况、补贴、风险事件等代码表 / code lists', response: { 200: S.Vocabulary } },
  }, async () => vocabulary());

  app.get('/api/elder/settings', {
    config: read, schema: { tags, summary: '评估设置 / assessment settings', response: { 200: S.Settings } },
  }, async (req) => s.elder.settings(actorOf(req)));

  app.put('/api/elder/settings', {
    config: { access: { permission: 'elder.manage' } },
    schema: { tags, summary: '修改评估设置（两项上调是否叠加）/ change settings', body: S.SettingsBody, response: { 200: S.Settings } },
  }, async (req) => s.elder.updateSettings(actorOf(req), req.body));

  app.get('/api/elder/elders', {
    config: read, schema: { tags, summary: '老人档案列表 / elders in scope', querystring: S.ElderListQuery, response: { 200: S.ElderList } },
  }, async (req) => s.elder.list(actorOf(req), req.query));

  app.get('/api/elder/elders/:id', {
    config: read, schema: { tags, summary: '老人档案 / one elder', params: S.IdParams, response: { 200: S.Elder } },
  }, async (req) => s.elder.get(actorOf(req), req.params.id));

  app.put('/api/elder/elders/:id/archive', {
    config: write, schema: { tags, summary: '建立或修改老人档案 / create or update the archive', params: S.IdParams, body: S.ArchiveBody, response: { 200: S.ArchiveSaved } },
  }, async (req) => s.elder.saveArchive(actorOf(req), req.params.id, req.body));

  app.post('/api/elder/elders/:id/risk-events', {
    config: write, schema: { tags, summary: '登记风险事件 / record a care-risk event', params: S.IdParams, body: S.RiskEventBody, response: { 200: S.RiskEventRecorded } },
  }, async (req) => s.elder.addRiskEvent(actorOf(req), req.params.id, req.body));

  app.post('/api/elder/elders/:id/assessments/preview', {
    config: assess, schema: { tags, summary: '评估计分预览 / running total and level of answers', params: S.IdParams, body: S.PreviewBody, response: { 200: S.Preview } },
  }, async (req) => s.elder.preview(actorOf(req), req.params.id, req.body));

  app.post('/api/elder/elders/:id/assessments', {
    config: assess, schema: { tags, summary: '提交评估（第一评估员签字）/ submit an assessment', params: S.IdParams, body: S.AssessmentBody, response: { 200: S.Assessment } },
  }, async (req) => s.elder.createAssessment(actorOf(req), req.params.id, req.body));

  app.get('/api/elder/assessments/awaiting', {
    config: assess, schema: { tags, summary: '待第二评估员签字 / assessments awaiting a second assessor', querystring: S.AwaitingQuery, response: { 200: S.AwaitingList } },
  }, async (req) => ({ items: await s.elder.awaitingSecond(actorOf(req), req.query.limit) }));

  app.get('/api/elder/assessments/:id', {
    config: read, schema: { tags, summary: '评估详情与报告 / an assessment with its scale', params: S.IdParams, response: { 200: S.AssessmentWithScale } },
  }, async (req) => s.elder.getAssessment(actorOf(req), req.params.id));

  app.post('/api/elder/assessments/:id/sign', {
    config: assess, schema: { tags, summary: '第二评估员签字确认 / second assessor signs', params: S.IdParams, response: { 200: S.Assessment } },
  }, async (req) => s.elder.sign(actorOf(req), req.params.id));

  app.get('/api/elder/proposals', {
    config: read, schema: { tags, summary: '即时评估建议 / immediate-assessment proposals', querystring: S.ProposalQuery, response: { 200: S.ProposalList } },
  }, async (req) => s.elder.proposals(actorOf(req), req.query));

  app.post('/api/elder/proposals/:id/decision', {
    config: assess, schema: { tags, summary: '开始或不予评估 / start or dismiss a proposal', params: S.IdParams, body: S.ProposalDecision, response: { 200: S.Proposal } },
  }, async (req) => s.elder.decideProposal(actorOf(req), req.params.id, req.body));

  app.get('/api/elder/stats', {
    config: read, schema: { tags, summary: '老人统计（预汇总）/ elder statistics (pre-aggregated)', querystring: S.StatsQuery, response: { 200: S.Stats } },
  }, async (req) => s.elder.stats(actorOf(req), req.query));
}
