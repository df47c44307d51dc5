import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './records.schema.js';
import { resourceRoutes } from './resource.routes.js';

/** 单位、物、事. */
export function recordsRoutes(app: ZodApp, s: Services) {
  const r = s.records;
  resourceRoutes(app, {
    path: '/api/organizations', tag: 'registry: organisations', name: '单位',
    schemas: { query: S.OrgQuery, create: S.OrgBody, patch: S.OrgPatch, one: S.Org, many: S.OrgList },
    list: r.listOrgs, create: r.createOrg, get: r.getOrg, update: r.updateOrg, history: s.registryHistory('organization'),
  });
  resourceRoutes(app, {
    path: '/api/things', tag: 'registry: things', name: '设施设备',
    schemas: { query: S.ThingQuery, create: S.ThingBody, patch: S.ThingPatch, one: S.Thing, many: S.ThingList },
    list: r.listThings, create: r.createThing, get: r.getThing, update: r.updateThing, history: s.registryHistory('thing'),
  });
  resourceRoutes(app, {
    path: '/api/events', tag: 'registry: events', name: '事件',
    schemas: { query: S.EventQuery, create: S.EventBody, patch: S.EventPatch, one: S.Event, many: S.EventList },
    list: r.listEvents, create: r.createEvent, get: r.getEvent, update: r.updateEvent, history: s.registryHistory('work_item'),
  });
  app.get('/api/events/assignees', {
    config: { access: { permission: 'registry.write' } },
    schema: { tags: ['registry: events'], summary: '可指派的承办人 / who an event can be assigned to', querystring: S.AssigneeQuery, response: { 200: S.AssigneeList } },
  }, async (req) => r.assignees(actorOf(req), req.query));
  app.post('/api/events/:id/transition', {
    config: { access: { permission: 'registry.write' } },
    schema: { tags: ['registry: events'], summary: '事件流转 / move an event to another state', params: IdParams, body: S.EventTransitionBody, response: { 200: S.Event } },
  }, async (req) => r.transitionEvent(actorOf(req), req.params.id, req.body));
}
