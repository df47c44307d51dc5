import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { ZodApp } from '../../http/app.js';
import type { Services } from '../../services.js';
import { devicesError } from './devices.errors.js';
import type { LiveEvent } from './devices.service.js';
import * as S from './devices.schema.js';

/** Whether a row at `path` lies in one of the subtrees `paths` (a user's jurisdiction). */
const within = (path: string, paths: string[]) => paths.some((p) => path === p || path.startsWith(`${p}.`));

/** 智能设备 — devices, an elder's map and zones, alerts (with a live stream), kiosk ingestion and readings. */
export function devicesRoutes(app: ZodApp, s: Services) {
  const tags = ['devices'];
  const read = { access: { permission: 'devices.read' } } as const;
  const manage = { access: { permission: 'devices.manage' } } as const;
  const alerts = { access: { permission: 'devices.alerts' } } as const;

  app.get('/api/devices', {
    config: read,
    schema: { tags, summary: '设备列表 / devices', querystring: S.DeviceQuery, response: { 200: S.DeviceList } },
  }, async (req) => s.devices.list(actorOf(req), req.query));

  app.post('/api/devices', {
    config: manage,
    schema: { tags, summary: '登记设备（手表绑定老人，健康小屋返回一次性密钥）/ register a device', body: S.DeviceCreate, response: { 200: S.DeviceDetail } },
  }, async (req) => s.devices.create(actorOf(req), req.body));

  app.get('/api/devices/:id', {
    config: read,
    schema: { tags, summary: '设备详情 / a device', params: S.IdParams, response: { 200: S.DeviceDetail } },
  }, async (req) => s.devices.get(actorOf(req), req.params.id));

  app.patch('/api/devices/:id', {
    config: manage,
    schema: { tags, summary: '修改设备（绑定、联系人、更换密钥）/ change a device', params: S.IdParams, body: S.DevicePatch, response: { 200: S.DeviceDetail } },
  }, async (req) => s.devices.update(actorOf(req), req.params.id, req.body));

  app.get('/api/devices/elders/:id/map', {
    config: read,
    schema: { tags, summary: '老人定位、安全区域与轨迹 / an elder’s position, zones and track', params: S.IdParams, querystring: S.MapQuery, response: { 200: S.ElderMap } },
  }, async (req) => s.devices.elderMap(actorOf(req), req.params.id, req.query.from, req.query.to));

  app.post('/api/devices/zones', {
    config: manage,
    schema: { tags, summary: '新建安全区域 / add a safe zone', body: S.ZoneCreate, response: { 200: S.Zone } },
  }, async (req) => s.devices.addZone(actorOf(req), req.body));

  app.patch('/api/devices/zones/:id', {
    config: manage,
    schema: { tags, summary: '修改安全区域（名称、时段、圆心半径或顶点；版本不符返回 409）/ change a safe zone in place', params: S.IdParams, body: S.ZonePatch, response: { 200: S.Zone } },
  }, async (req) => s.devices.updateZone(actorOf(req), req.params.id, req.body));

  app.delete('/api/devices/zones/:id', {
    config: manage,
    schema: { tags, summary: '删除安全区域（可带版本号，版本不符返回 409）/ delete a safe zone', params: S.IdParams, querystring: S.ZoneVersion, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => s.devices.deleteZone(actorOf(req), req.params.id, req.query.version));

  app.get('/api/devices/alerts', {
    config: read,
    schema: { tags, summary: '告警列表 / alerts', querystring: S.AlertQuery, response: { 200: S.AlertList } },
  }, async (req) => s.devices.alerts(actorOf(req), req.query));

  app.get('/api/devices/alerts/:id', {
    config: read,
    schema: { tags, summary: '告警详情与升级记录 / an alert and its escalation', params: S.IdParams, response: { 200: S.AlertDetail } },
  }, async (req) => s.devices.alert(actorOf(req), req.params.id));

  app.post('/api/devices/alerts/:id/acknowledge', {
    config: alerts,
    schema: { tags, summary: '确认告警（停止升级）/ acknowledge an alert', params: S.IdParams, body: S.AlertAction, response: { 200: S.Alert } },
  }, async (req) => s.devices.handleAlert(actorOf(req), req.params.id, 'acknowledged', req.body));

  app.post('/api/devices/alerts/:id/close', {
    config: alerts,
    schema: { tags, summary: '关闭告警 / close an alert with a note', params: S.IdParams, body: S.AlertAction, response: { 200: S.Alert } },
  }, async (req) => s.devices.handleAlert(actorOf(req), req.params.id, 'closed', req.body));

  // Server-sent events: alerts and positions within the user's jurisdiction, as they happen.
  app.get('/api/devices/stream', {
    config: read,
    schema: { tags, summary: '实时告警与定位（SSE）/ live alerts and positions (server-sent events)', hide: false },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const paths = actor.scope.kind === 'system' ? null : actor.scope.paths;
    await s.devices.openLiveFeed(actor);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': linli devices stream\n\n');
    const send = (e: LiveEvent) => {
      if (paths && !within(e.path, paths)) return;
      const { path: _path, ...body } = e;
      res.write(`event: ${e.type}\ndata: ${JSON.stringify(body)}\n\n`);
    };
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    s.devices.live.on('event', send);
    req.raw.on('close', () => {
      clearInterval(ping);
      s.devices.live.off('event', send);
    });
  });

  // Health kiosks (健康小屋): authenticated by their serial and key, not by a session.
  app.post('/api/devices/kiosk/readings', {
    config: { access: { public: true } },
    schema: {
      tags, summary: '健康小屋上传测量数据（设备认证：x-device-serial / x-device-key）/ kiosk readings (device-authenticated)',
      headers: z.object({ 'x-device-serial': z.string().min(1).max(32), 'x-device-key': z.string().min(1).max(200) }).loose(),
      body: S.KioskBody, response: { 200: S.KioskResult },
    },
  }, async (req) => {
    const serial = req.headers['x-device-serial'];
    const key = req.headers['x-device-key'];
    if (typeof serial !== 'string' || typeof key !== 'string') throw devicesError('DEVICE_UNAUTHENTICATED');
    return s.devices.ingestReadings(serial, key, req.body.readings);
  });

  app.get('/api/devices/people/:id/readings', {
    config: read,
    schema: { tags, summary: '健康监测数据 / a person’s kiosk readings', params: S.IdParams, querystring: S.ReadingsQuery, response: { 200: S.Readings } },
  }, async (req) => s.devices.readings(actorOf(req), req.params.id, req.query.days));

  app.put('/api/devices/people/:id/thresholds', {
    config: manage,
    schema: { tags, summary: '设置个人预警阈值 / set a person’s limit for a measure', params: S.IdParams, body: S.ThresholdBody, response: { 200: S.Threshold } },
  }, async (req) => s.devices.setThreshold(actorOf(req), req.params.id, req.body));
}
