import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './relations.schema.js';
import { resourceRoutes } from './resource.routes.js';

/** Relationships (with validity dates), households, the person 360° view and the relationship graph. */
export function relationsRoutes(app: ZodApp, s: Services) {
  const r = s.relations;
  const tags = ['registry: relationships'];
  const read = { access: { permission: 'registry.read' } } as const;
  const write = { access: { permission: 'registry.write' } } as const;

  app.get('/api/people/:id/overview', {
    config: read, schema: { tags, summary: '人员360°视图 / person 360°', params: IdParams, response: { 200: S.Overview } },
  }, async (req) => r.overview(actorOf(req), req.params.id));

  app.post('/api/people/:id/houses', {
    config: write, schema: { tags, summary: '关联房屋（产权人/租户/居住人/经营者）/ link a house', params: IdParams, body: S.AddHouseBody, response: { 200: S.Created } },
  }, async (req) => r.addHouse(actorOf(req), req.params.id, req.body));
  app.post('/api/people/:id/relatives', {
    config: write, schema: { tags, summary: '添加亲属关系 / add a relative', params: IdParams, body: S.AddRelativeBody, response: { 200: S.Created } },
  }, async (req) => r.addRelative(actorOf(req), req.params.id, req.body));
  app.post('/api/people/:id/organizations', {
    config: write, schema: { tags, summary: '关联单位 / link an organisation', params: IdParams, body: S.AddOrgBody, response: { 200: S.Created } },
  }, async (req) => r.addOrganization(actorOf(req), req.params.id, req.body));

  const ending = [
    ['/api/person-houses/:id/end', '迁出/结束房屋关系 / end a person–house relationship', r.endHouse],
    ['/api/person-relations/:id/end', '结束亲属关系 / end a family relationship', r.endRelative],
    ['/api/person-orgs/:id/end', '结束单位关系 / end a person–organisation relationship', r.endOrganization],
    ['/api/household-members/:id/end', '成员迁出 / end a household membership', r.endMember],
  ] as const;
  for (const [path, summary, fn] of ending) {
    app.post(path, { config: write, schema: { tags, summary, params: IdParams, body: S.EndBody, response: { 200: S.Ok } } },
      async (req) => fn(actorOf(req), req.params.id, req.body.validTo));
  }

  resourceRoutes(app, {
    path: '/api/households', tag: 'registry: households', name: '家庭户',
    schemas: { query: S.HouseholdQuery, create: S.HouseholdBody, patch: S.HouseholdPatch, one: S.Household, many: S.HouseholdList },
    list: r.listHouseholds, create: r.createHousehold, get: r.getHousehold, update: r.updateHousehold, history: s.registryHistory('household'),
  });
  app.post('/api/households/:id/members', {
    config: write, schema: { tags: ['registry: households'], summary: '添加成员 / add a member', params: IdParams, body: S.AddMemberBody, response: { 200: S.Household } },
  }, async (req) => r.addMember(actorOf(req), req.params.id, req.body));

  app.get('/api/graph', {
    config: read, schema: { tags, summary: '关系图 / relationship graph', querystring: S.GraphQuery, response: { 200: S.Graph } },
  }, async (req) => s.graph.around(actorOf(req), req.query.kind, req.query.id));
}
