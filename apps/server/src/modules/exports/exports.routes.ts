import { asXlsxDownload } from '../../http/download.js';
import { type Access, actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './exports.schema.js';

/** 导出与审批 — export a list to Excel; request, approve and download an unmasked export. */
export function exportsRoutes(app: ZodApp, s: Services) {
  const tags = ['exports'];
  const any: { access: Access } = { access: { anyPermission: ['export.create', 'export.unmasked', 'export.approve'] } };

  app.post('/api/exports', {
    config: { access: { anyPermission: ['export.create', 'export.unmasked'] } },
    schema: { tags, summary: '导出列表（脱敏导出立即生成；不脱敏导出提交审批）/ export a list', body: S.ExportCreateBody, response: { 200: S.ExportJob } },
  }, async (req) => s.exports.create(actorOf(req), req.body));

  app.get('/api/exports', {
    config: any,
    schema: { tags, summary: '我的导出 / my exports', querystring: S.ExportQuery, response: { 200: S.ExportList } },
  }, async (req) => s.exports.listMine(actorOf(req), req.query));

  app.get('/api/exports/pending', {
    config: { access: { permission: 'export.approve' } },
    schema: { tags, summary: '待我审批的不脱敏导出 / requests awaiting my decision', querystring: S.ExportQuery, response: { 200: S.ExportList } },
  }, async (req) => s.exports.listPending(actorOf(req), req.query));

  app.get('/api/exports/:id', {
    config: any,
    schema: { tags, summary: '导出详情与进度 / an export and its progress', params: IdParams, response: { 200: S.ExportJob } },
  }, async (req) => s.exports.get(actorOf(req), req.params.id));

  app.post('/api/exports/:id/decision', {
    config: { access: { permission: 'export.approve' } },
    schema: { tags, summary: '审批不脱敏导出 / approve or reject', params: IdParams, body: S.DecisionBody, response: { 200: S.ExportJob } },
  }, async (req) => s.exports.decide(actorOf(req), req.params.id, req.body));

  // POST, not GET: a download is counted against its limit, so it must carry the CSRF token.
  app.post('/api/exports/:id/download', {
    config: any,
    schema: { tags, summary: '下载导出文件（.xlsx）/ download', params: IdParams },
  }, async (req, reply) => {
    const file = await s.exports.download(actorOf(req), req.params.id);
    return asXlsxDownload(reply, file.filename).send(file.stream);
  });
}
