import { asXlsxDownload } from '../../http/download.js';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import * as S from './analysis.schema.js';

/** How often an idle stream sends a comment, so proxies keep it open. */
const KEEPALIVE_MS = 15_000;

/** 民情分析 / 数据立方 / 领导驾驶舱 — figures of a jurisdiction, the cube, its drill-through and the live cockpit. */
export function analysisRoutes(app: ZodApp, s: Services) {
  const tags = ['analysis'];
  const read = { access: { permission: 'analysis.read' } } as const;
  const streams = new Set<() => void>();
  // open streams would hold the server's close: end them first
  app.addHook('preClose', async () => { for (const end of streams) end(); });

  app.get('/api/analysis/catalogue', {
    config: read,
    schema: { tags, summary: '指标与维度目录 / measures and dimensions', response: { 200: S.Catalogue } },
  }, async () => s.analysis.catalogue());

  app.post('/api/analysis/cube', {
    config: read,
    schema: { tags, summary: '数据立方查询 / pivot measures by dimensions', body: S.CubeBody, response: { 200: S.CubeResult } },
  }, async (req) => s.analysis.cube(actorOf(req), req.body));

  app.post('/api/analysis/cube/export', {
    config: read,
    schema: { tags, summary: '数据立方导出 Excel / the pivot as a workbook', body: S.CubeBody },
  }, async (req, reply) => {
    const { filename, buffer } = await s.analysis.exportCube(actorOf(req), req.body);
    return asXlsxDownload(reply, filename).send(buffer);
  });

  app.post('/api/analysis/drill', {
    config: read,
    schema: { tags, summary: '单元格明细去向 / which list holds the records behind a cell', body: S.DrillBody, response: { 200: S.DrillResult } },
  }, async (req) => s.analysis.drill(actorOf(req), req.body));

  app.get('/api/analysis/profile', {
    config: read,
    schema: { tags, summary: '民情分析 / resident profile of a jurisdiction and its children', querystring: S.NodeQuery, response: { 200: S.Profile } },
  }, async (req) => s.analysis.profile(actorOf(req), req.query));

  app.get('/api/analysis/cockpit', {
    config: read,
    schema: { tags, summary: '驾驶舱数据 / the cockpit figures now', querystring: S.NodeQuery.pick({ jurisdictionId: true }), response: { 200: S.Cockpit } },
  }, async (req) => s.analysis.cockpit(actorOf(req), req.query.jurisdictionId));

  // Server-sent events: the cockpit's figures at once, then again after each committed change.
  app.get('/api/analysis/cockpit/stream', {
    config: read,
    schema: { tags, summary: '驾驶舱实时推送（SSE）/ the cockpit figures pushed on every change', querystring: S.NodeQuery.pick({ jurisdictionId: true }) },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const first = await s.analysis.cockpit(actor, req.query.jurisdictionId);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (data: unknown) => res.write(`event: cockpit\ndata: ${JSON.stringify(data)}\n\n`);
    send(first);
    let busy = false;
    let again = false;
    const push = () => {
      if (busy) { again = true; return; }
      busy = true;
      void s.analysis.cockpit(actor, req.query.jurisdictionId)
        .then(send, (e: unknown) => req.log.warn({ err: e }, 'cockpit push failed'))
        .finally(() => { busy = false; if (again) { again = false; push(); } });
    };
    const unsubscribe = s.analysis.subscribe(push);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    const end = () => { clearInterval(keepalive); unsubscribe(); streams.delete(end); res.end(); };
    streams.add(end);
    req.raw.on('close', end);
  });
}
