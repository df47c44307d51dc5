import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import { PHOTO_CHUNK_MAX } from '../survey/survey.service.js';
import * as S from './care.schema.js';

/** 居家养老服务 — providers, catalogue, plans, orders and dispatch, the caregiver's visits, exceptions, supervision. */
export function careRoutes(app: ZodApp, s: Services) {
  const tags = ['care'];
  const perm = (permission: string) => ({ access: { permission } }) as const;
  const any = (...anyPermission: string[]) => ({ access: { anyPermission } }) as const;
  const seeOrders = any('care.read', 'care.dispatch');

  // ---- catalogue
  app.get('/api/care/services', {
    config: any('care.read', 'care.dispatch', 'care.visit', 'care.manage'),
    schema: { tags, summary: '服务项目目录 / the service catalogue', response: { 200: S.ServiceList } },
  }, async (req) => s.care.services(actorOf(req)));

  app.post('/api/care/services', {
    config: perm('care.manage'),
    schema: { tags, summary: '新增或修改服务项目 / add or change a service', body: S.ServiceUpsert, response: { 200: S.Service } },
  }, async (req) => s.care.upsertService(actorOf(req), req.body));

  // ---- providers
  app.get('/api/care/providers', {
    config: any('care.read', 'care.dispatch', 'care.manage'),
    schema: { tags, summary: '养老服务机构 / care providers', response: { 200: S.ProviderList } },
  }, async (req) => s.care.providers(actorOf(req)));

  app.post('/api/care/providers', {
    config: perm('care.manage'),
    schema: { tags, summary: '登记养老服务机构 / register a provider', body: S.ProviderCreate, response: { 200: S.Provider } },
  }, async (req) => s.care.createProvider(actorOf(req), req.body));

  app.patch('/api/care/providers/:id', {
    config: perm('care.manage'),
    schema: { tags, summary: '修改服务机构（服务区域、核查容差） / change a provider', params: IdParams, body: S.ProviderUpdate, response: { 200: S.Provider } },
  }, async (req) => s.care.updateProvider(actorOf(req), req.params.id, req.body));

  app.get('/api/care/providers/:id/staff', {
    config: any('care.manage', 'care.dispatch'),
    schema: { tags, summary: '机构人员（护理员、调度员） / a provider’s staff', params: IdParams, response: { 200: S.StaffList } },
  }, async (req) => s.care.staff(actorOf(req), req.params.id));

  app.post('/api/care/providers/:id/staff', {
    config: perm('care.manage'),
    schema: { tags, summary: '添加机构人员 / add staff', params: IdParams, body: S.StaffAdd, response: { 200: S.Staff } },
  }, async (req) => s.care.addStaff(actorOf(req), req.params.id, req.body));

  app.get('/api/care/staff-candidates', {
    config: perm('care.manage'),
    schema: { tags, summary: '可添加的护理员或调度员账号 / accounts that may join a provider', querystring: S.StaffCandidatesQuery, response: { 200: S.StaffCandidates } },
  }, async (req) => s.care.staffCandidates(actorOf(req), req.query));

  // ---- plans
  app.get('/api/care/plans', {
    config: seeOrders,
    schema: { tags, summary: '照护计划 / care plans', querystring: S.PlanListQuery, response: { 200: S.PlanList } },
  }, async (req) => s.care.plans(actorOf(req), req.query));

  app.post('/api/care/plans', {
    config: perm('care.manage'),
    schema: { tags, summary: '制定照护计划（等级取自能力评估） / make a care plan', body: S.PlanCreate, response: { 200: S.Plan } },
  }, async (req) => s.care.createPlan(actorOf(req), req.body));

  app.get('/api/care/plans/:id', {
    config: seeOrders,
    schema: { tags, summary: '照护计划 / a care plan', params: IdParams, response: { 200: S.Plan } },
  }, async (req) => s.care.plan(actorOf(req), req.params.id));

  app.post('/api/care/plans/:id/generate', {
    config: perm('care.manage'),
    schema: { tags, summary: '按计划生成服务工单 / generate the plan’s orders', params: IdParams, response: { 200: S.GenerateResult } },
  }, async (req) => s.care.generate(actorOf(req), req.params.id));

  app.post('/api/care/plans/:id/end', {
    config: perm('care.manage'),
    schema: { tags, summary: '结束照护计划（之后未开始的工单随之取消） / end a plan; later orders not started are cancelled', params: IdParams, body: S.PlanEnd, response: { 200: S.PlanEndResult } },
  }, async (req) => s.care.endPlan(actorOf(req), req.params.id, req.body));

  // ---- orders
  app.get('/api/care/orders', {
    config: seeOrders,
    schema: { tags, summary: '服务工单 / service orders', querystring: S.OrderListQuery, response: { 200: S.OrderList } },
  }, async (req) => s.care.orders(actorOf(req), req.query));

  app.get('/api/care/orders/:id', {
    config: any('care.read', 'care.dispatch', 'care.visit'),
    schema: { tags, summary: '服务工单详情（位置、照片、异常） / an order with positions, photos, exceptions', params: IdParams, response: { 200: S.OrderDetail } },
  }, async (req) => s.care.order(actorOf(req), req.params.id));

  app.post('/api/care/orders/:id/dispatch', {
    config: perm('care.dispatch'),
    schema: { tags, summary: '派单或改派 / dispatch or reassign', params: IdParams, body: S.Dispatch, response: { 200: S.OrderSummary } },
  }, async (req) => s.care.dispatch(actorOf(req), req.params.id, req.body));

  app.post('/api/care/orders/:id/cancel', {
    config: any('care.dispatch', 'care.manage'),
    schema: { tags, summary: '取消工单（须填原因） / cancel with a reason', params: IdParams, body: S.Cancel, response: { 200: S.OrderSummary } },
  }, async (req) => s.care.cancel(actorOf(req), req.params.id, req.body));

  // ---- the caregiver's phone
  app.get('/api/care/my/visits', {
    config: perm('care.visit'),
    schema: { tags, summary: '我的今日服务 / my visits of the day', querystring: S.MyVisitsQuery, response: { 200: S.MyVisits } },
  }, async (req) => s.care.myVisits(actorOf(req), req.query.date));

  app.post('/api/care/orders/:id/steps', {
    config: perm('care.visit'),
    schema: { tags, summary: '签到、签出、评价（按幂等键） / check in, check out, evaluate (idempotent by key)', params: IdParams, body: S.StepBody, response: { 200: S.StepResult } },
  }, async (req) => s.care.step(actorOf(req), req.params.id, req.body));

  app.post('/api/care/orders/:id/photos', {
    config: perm('care.visit'),
    schema: { tags, summary: '开始或续传服务照片 / start or resume a visit photo', params: IdParams, body: S.PhotoStart, response: { 200: S.PhotoState } },
  }, async (req) => s.care.startPhoto(actorOf(req), req.params.id, req.body));

  app.register(async (plugin) => {
    const raw = plugin.withTypeProvider<ZodTypeProvider>();
    raw.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: PHOTO_CHUNK_MAX }, (_req, body, done) => done(null, body));
    raw.put('/api/care/photos/:id/content', {
      config: perm('care.visit'),
      bodyLimit: PHOTO_CHUNK_MAX,
      schema: { tags, summary: '上传服务照片分片 / upload a chunk at the stored offset', params: IdParams, querystring: S.ChunkQuery, response: { 200: S.PhotoState } },
    }, async (req) => s.care.putChunk(actorOf(req), req.params.id, req.query.offset, req.body as Buffer));
  });

  app.get('/api/care/photos/:id', {
    config: any('care.read', 'care.dispatch', 'care.visit'),
    schema: { tags, summary: '查看服务照片 / a visit photo', params: IdParams },
  }, async (req, reply) => {
    const photo = await s.care.photo(actorOf(req), req.params.id);
    return reply.type(photo.mime).header('cache-control', 'private, no-store').send(photo.bytes);
  });

  // ---- exceptions and supervision
  app.get('/api/care/exceptions', {
    config: seeOrders,
    schema: { tags, summary: '核查异常 / visit exceptions', querystring: S.ExceptionListQuery, response: { 200: S.ExceptionList } },
  }, async (req) => s.care.exceptions(actorOf(req), req.query));

  app.post('/api/care/exceptions/:id/resolve', {
    config: perm('care.resolve'),
    schema: { tags, summary: '处理核查异常（原因、处理结果、说明） / resolve an exception', params: IdParams, body: S.Resolve, response: { 200: S.ExceptionItem } },
  }, async (req) => s.care.resolve(actorOf(req), req.params.id, req.body));

  app.get('/api/care/supervision', {
    config: perm('care.supervise'),
    schema: { tags, summary: '监管统计（预聚合） / supervision figures (pre-aggregated)', querystring: S.SupervisionQuery, response: { 200: S.Supervision } },
  }, async (req) => s.care.supervision(actorOf(req), req.query));
}
