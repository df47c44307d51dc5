import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './people.schema.js';

/** 人口 — register, find and update people within one's jurisdiction. */
export function peopleRoutes(app: ZodApp, s: Services) {
  const tags = ['registry: people'];
  app.get('/api/people', {
    config: { access: { permission: 'registry.read' } },
    schema: { tags, summary: '查询人口 / search people', querystring: S.PersonQuery, response: { 200: S.PersonList } },
  }, async (req) => s.people.list(actorOf(req), req.query));

  app.post('/api/people', {
    config: { access: { permission: 'registry.write' } },
    schema: { tags, summary: '登记人口 / register a person', body: S.PersonCreateBody, response: { 200: S.Person } },
  }, async (req) => s.people.create(actorOf(req), req.body));

  app.get('/api/people/:id', {
    config: { access: { permission: 'registry.read' } },
    schema: { tags, summary: '人口详情 / get a person', params: IdParams, response: { 200: S.Person } },
  }, async (req) => s.people.get(actorOf(req), req.params.id));

  app.patch('/api/people/:id', {
    config: { access: { permission: 'registry.write' } },
    schema: { tags, summary: '修改人口信息 / update a person', params: IdParams, body: S.PersonPatchBody, response: { 200: S.Person } },
  }, async (req) => s.people.update(actorOf(req), req.params.id, req.body));

  app.get('/api/people/:id/history', {
    config: { access: { permission: 'registry.read' } },
    schema: { tags, summary: '变更记录 / change history', params: IdParams, response: { 200: S.ChangeList } },
  }, async (req) => ({ items: await s.people.history(actorOf(req), req.params.id) }));

  app.post('/api/people/:id/unmask', {
    config: { access: { permission: 'registry.unmask' } },
    schema: { tags, summary: '查看完整证件号/电话（须填写事由）/ unmask', params: IdParams, body: S.UnmaskBody, response: { 200: S.Unmasked } },
  }, async (req) => s.people.unmask(actorOf(req), req.params.id, req.body.fields, req.body.reason));
}
