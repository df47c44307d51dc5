import { asXlsxDownload } from '../../http/download.js';
import type { Readable } from 'node:stream';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './imports.schema.js';


/** 数据导入 — upload, mapping, preview and report, commit (background), cancel, templates. */
export function importsRoutes(app: ZodApp, s: Services) {
  const tags = ['collection: imports'];
  const may = { access: { permission: 'collection.import' } } as const;

  app.get('/api/imports/kinds', {
    config: may,
    schema: { tags, summary: '可导入的类型及字段 / importable kinds and their fields', response: { 200: S.Kinds } },
  }, async () => s.imports.kinds() as never);

  app.get('/api/imports/templates/:kind', {
    config: may,
    schema: { tags, summary: '下载导入模板（xlsx）/ download the template', params: S.UploadQuery.pick({ kind: true }) },
  }, async (req, reply) => {
    const names = { people: '人口', houses: '房屋', organizations: '单位' } as const;
    asXlsxDownload(reply, `${names[req.params.kind]}导入模板.xlsx`);
    return s.imports.template(req.params.kind);
  });

  // The file is the raw request body (application/octet-stream), streamed to disk, never buffered whole.
  app.register(async (sub: ZodApp) => {
    sub.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    sub.post('/api/imports', {
      config: may,
      schema: {
        tags, summary: '上传表格并自动对应字段 / upload a spreadsheet (raw body) and map its columns', querystring: S.UploadQuery,
        consumes: ['application/octet-stream'], response: { 200: S.Job },
      },
    }, async (req) => s.imports.upload(actorOf(req), { ...req.query, body: req.body as Readable }));
  });

  app.get('/api/imports', {
    config: may,
    schema: { tags, summary: '导入任务 / import jobs', querystring: S.ListQuery, response: { 200: S.JobList } },
  }, async (req) => s.imports.list(actorOf(req), req.query));

  app.get('/api/imports/:id', {
    config: may,
    schema: { tags, summary: '导入任务及进度 / an import job and its progress', params: IdParams, response: { 200: S.Job } },
  }, async (req) => s.imports.get(actorOf(req), req.params.id));

  app.post('/api/imports/:id/mapping', {
    config: may,
    schema: { tags, summary: '确认字段对应并校验预览 / set the mapping and validate every row', params: IdParams, body: S.MappingBody, response: { 200: S.Job } },
  }, async (req) => s.imports.setMapping(actorOf(req), req.params.id, req.body.mapping));

  app.get('/api/imports/:id/rows', {
    config: may,
    schema: { tags, summary: '预览与逐行校验结果 / staged rows with their class and messages', params: IdParams, querystring: S.RowsQuery, response: { 200: S.RowList } },
  }, async (req) => s.imports.rows(actorOf(req), req.params.id, req.query));

  app.post('/api/imports/:id/commit', {
    config: may,
    schema: { tags, summary: '按类别确认并开始导入（后台执行）/ decide per class and start the import', params: IdParams, body: S.DecisionsBody, response: { 200: S.Job } },
  }, async (req) => s.imports.commit(actorOf(req), req.params.id, req.body));

  app.post('/api/imports/:id/cancel', {
    config: may,
    schema: { tags, summary: '取消导入 / cancel an import', params: IdParams, response: { 200: S.Job } },
  }, async (req) => s.imports.cancel(actorOf(req), req.params.id));

  app.get('/api/imports/:id/errors', {
    config: may,
    schema: { tags, summary: '下载错误报告（xlsx）/ download the row error report', params: IdParams },
  }, async (req, reply) => {
    const r = await s.imports.errorReport(actorOf(req), req.params.id);
    asXlsxDownload(reply, r.fileName);
    return r.buffer;
  });
}
