import { asXlsxDownload } from '../../http/download.js';
import { type Access, actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './privacy.schema.js';

/** 个人信息权利请求 — residents' requests to see and copy, correct or delete their data. */
export function privacyRoutes(app: ZodApp, s: Services) {
  const tags = ['privacy'];
  const manage: { access: Access } = { access: { permission: 'privacy.manage' } };

  app.get('/api/privacy/requests', {
    config: manage,
    schema: { tags, summary: '个人信息权利请求列表 / residents’ requests', querystring: S.RequestQuery, response: { 200: S.RequestList } },
  }, async (req) => s.privacy.list(actorOf(req), req.query));

  app.post('/api/privacy/requests', {
    config: manage,
    schema: { tags, summary: '受理个人信息权利请求 / register a request', body: S.RequestCreateBody, response: { 200: S.PrivacyRequest } },
  }, async (req) => s.privacy.create(actorOf(req), req.body));

  app.get('/api/privacy/requests/:id', {
    config: manage,
    schema: { tags, summary: '请求详情 / a request', params: IdParams, response: { 200: S.PrivacyRequest } },
  }, async (req) => s.privacy.get(actorOf(req), req.params.id));

  app.post('/api/privacy/requests/:id/close', {
    config: manage,
    schema: { tags, summary: '办结或不予办理 / close a request', params: IdParams, body: S.RequestCloseBody, response: { 200: S.PrivacyRequest } },
  }, async (req) => s.privacy.close(actorOf(req), req.params.id, req.body));

  // POST: generating a copy of someone's data is audited and counted, so it carries the CSRF token.
  app.post('/api/privacy/requests/:id/copy', {
    config: manage,
    schema: { tags, summary: '生成个人信息副本（.xlsx，各模块全部记录）/ the resident’s copy of their data', params: IdParams },
  }, async (req, reply) => {
    const file = await s.privacy.copy(actorOf(req), req.params.id);
    return asXlsxDownload(reply, file.filename).send(file.buffer);
  });
}
