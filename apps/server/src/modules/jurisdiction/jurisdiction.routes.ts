import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import * as S from './jurisdiction.schema.js';

/** 辖区管理 — browse the tree inside one's jurisdiction; system administrators draw grids. */
export function jurisdictionRoutes(app: ZodApp, s: Services) {
  const tags = ['jurisdiction'];
  app.get('/api/jurisdictions', {
    config: { access: { permission: 'jurisdiction.read' } },
    schema: { tags, summary: '辖区节点（下级、顶层或搜索）/ list nodes', querystring: S.NodeQuery, response: { 200: S.NodeList } },
  }, async (req) => ({ items: await s.jurisdiction.list(actorOf(req), req.query) }));

  app.get('/api/jurisdictions/:id', {
    config: { access: { permission: 'jurisdiction.read' } },
    schema: { tags, summary: '辖区节点详情 / get node', params: S.IdParams, querystring: S.AsOfQuery, response: { 200: S.Node } },
  }, async (req) => s.jurisdiction.get(actorOf(req), req.params.id, req.query.asOf));

  app.post('/api/jurisdictions', {
    config: { access: { permission: 'jurisdiction.manage' } },
    schema: { tags, summary: '新建网格 / create a grid', body: S.CreateGridBody, response: { 200: S.Node } },
  }, async (req) => s.jurisdiction.createGrid(actorOf(req), req.body));

  app.post('/api/jurisdictions/:id/retire', {
    config: { access: { permission: 'jurisdiction.manage' } },
    schema: { tags, summary: '撤销网格 / retire a grid', params: S.IdParams, body: S.RetireBody, response: { 200: S.Node } },
  }, async (req) => s.jurisdiction.retire(actorOf(req), req.params.id, req.body));
}
