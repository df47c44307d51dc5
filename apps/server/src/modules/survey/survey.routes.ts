import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { IdParams } from '../jurisdiction/jurisdiction.schema.js';
import * as S from './survey.schema.js';
import { PHOTO_CHUNK_MAX } from './survey.service.js';

/** 入户调查 — the grid worker's offline survey: slice download, sync, conflicts, visit photos. */
export function surveyRoutes(app: ZodApp, s: Services) {
  const tags = ['survey'];
  const use = { access: { permission: 'survey.use' } } as const;

  app.get('/api/survey/slice', {
    config: use,
    schema: { tags, summary: '下载本网格数据（离线） / download the grid slice', querystring: S.SliceQuery, response: { 200: S.Slice } },
  }, async (req) => s.survey.slice(actorOf(req), req.query));

  app.post('/api/survey/sync', {
    config: use,
    schema: { tags, summary: '同步离线走访与修改 / sync queued visits and changes', body: S.SyncBody, response: { 200: S.SyncResult } },
  }, async (req) => s.survey.sync(actorOf(req), req.body));

  app.get('/api/survey/conflicts', {
    config: use,
    schema: { tags, summary: '待处理的冲突 / open conflicts', response: { 200: S.ConflictList } },
  }, async (req) => s.survey.conflicts(actorOf(req)));

  app.post('/api/survey/conflicts/:id/resolve', {
    config: use,
    schema: { tags, summary: '逐字段处理冲突 / resolve a conflict field by field', params: IdParams, body: S.ResolveBody, response: { 200: S.ResolveResult } },
  }, async (req) => s.survey.resolve(actorOf(req), req.params.id, req.body));

  app.get('/api/survey/houses/:id/visits', {
    config: use,
    schema: { tags, summary: '房屋的走访记录 / visits of a house', params: IdParams, response: { 200: S.VisitList } },
  }, async (req) => s.survey.visits(actorOf(req), req.params.id));

  app.post('/api/survey/photos', {
    config: use,
    schema: { tags, summary: '开始或续传走访照片 / start or resume a photo upload', body: S.PhotoStart, response: { 200: S.PhotoState } },
  }, async (req) => s.survey.startPhoto(actorOf(req), req.body));

  // Chunks arrive as raw bytes; the parser is declared for this plugin's routes only.
  app.register(async (plugin) => {
    const raw = plugin.withTypeProvider<ZodTypeProvider>();
    raw.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: PHOTO_CHUNK_MAX }, (_req, body, done) => done(null, body));
    raw.put('/api/survey/photos/:id/content', {
      config: use,
      bodyLimit: PHOTO_CHUNK_MAX,
      schema: { tags, summary: '上传照片分片（从已存偏移继续） / upload a chunk at the stored offset', params: IdParams, querystring: S.ChunkQuery, response: { 200: S.PhotoState } },
    }, async (req) => s.survey.putChunk(actorOf(req), req.params.id, req.query.offset, req.body as Buffer));
  });

  app.get('/api/survey/photos/:id', {
    config: use,
    schema: { tags, summary: '查看走访照片 / a visit photo', params: IdParams },
  }, async (req, reply) => {
    const photo = await s.survey.photo(actorOf(req), req.params.id);
    return reply.type(photo.mime).header('cache-control', 'private, no-store').send(photo.bytes);
  });
}
