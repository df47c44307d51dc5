import net from 'node:net';
import mqtt from 'mqtt';
import { z } from 'zod';
import type { DevicesService, WatchReportIn } from './devices.service.js';
import { READING_KINDS } from './health.js';
import { ContentError, FrameDecoder, parseContent, replyTo, type WatchReport } from './watch-protocol.js';

/**
 * The devices role: watches and kiosks reach Linli over MQTT (topics below) and watches also over
 * the "3G" TCP text protocol. Reports are gathered into batches (one multi-row INSERT each);
 * anything unreadable is counted and logged, never thrown out of the handler.
 *
 *   linli/watch/{serial}/position   {time, lat, lng, accuracy?, valid?, source?, speed?, course?, altitude?, satellites?, battery?, status?}
 *   linli/watch/{serial}/event      {id?, type: sos|fall|removed|low_battery, time, lat?, lng?, accuracy?, battery?}
 *   linli/watch/{serial}/status     {battery?, firmware?, time?}
 *   linli/kiosk/{serial}/reading    {key, readings: [...]}  (as POST /api/devices/kiosk/readings)
 *   linli/out/alert/{district}      ← Linli publishes each new or changed alert (QoS 1)
 */
export const TOPICS = {
  position: 'linli/watch/+/position',
  event: 'linli/watch/+/event',
  status: 'linli/watch/+/status',
  reading: 'linli/kiosk/+/reading',
  alertOut: (district: string) => `linli/out/alert/${district}`,
};

const Flags = z.object({ sos: z.boolean().optional(), fall: z.boolean().optional(), removed: z.boolean().optional(), lowBattery: z.boolean().optional() });
const PositionMsg = z.object({
  time: z.coerce.date(), lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracy: z.number().min(0).max(100_000).nullish(),
  valid: z.boolean().default(true), source: z.enum(['gps', 'wifi', 'cell']).default('gps'), speed: z.number().nullish(), course: z.number().nullish(),
  altitude: z.number().nullish(), satellites: z.number().int().nullish(), battery: z.number().int().min(0).max(100).nullish(), status: Flags.optional(),
});
const EventMsg = z.object({
  id: z.string().max(64).optional(), type: z.enum(['sos', 'fall', 'removed', 'low_battery']), time: z.coerce.date(),
  lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional(), accuracy: z.number().nullish(), battery: z.number().int().min(0).max(100).nullish(),
});
const StatusMsg = z.object({ battery: z.number().int().min(0).max(100).nullish(), firmware: z.string().max(60).nullish(), time: z.coerce.date().optional() });
const ReadingMsg = z.object({
  key: z.string().min(1).max(200),
  readings: z.array(z.object({
    id: z.string().min(1).max(64), citizenId: z.string().max(18).optional(), qr: z.string().max(100).optional(), kind: z.enum(READING_KINDS),
    measuredAt: z.coerce.date(), values: z.record(z.string(), z.union([z.number(), z.boolean()])),
  })).min(1).max(200),
});

/** Accuracy a 3G report implies (the protocol carries none): GPS by satellites, else a cell fix. */
function accuracyOf(r: WatchReport): { accuracy: number; source: 'gps' | 'wifi' | 'cell' } {
  if (r.valid) return { accuracy: r.satellites >= 6 ? 10 : r.satellites >= 4 ? 25 : 50, source: 'gps' };
  if (r.wifis > 0) return { accuracy: 80, source: 'wifi' };
  return { accuracy: 800, source: 'cell' };
}

export function reportFrom3G(serial: string, r: WatchReport): WatchReportIn {
  const a = accuracyOf(r);
  const noFix = !r.valid && r.lat === 0 && r.lng === 0;
  return {
    serial, fixedAt: r.fixedAt, valid: r.valid, source: a.source, lat: r.lat, lng: r.lng, accuracy: a.accuracy, speed: r.speedKmh, course: r.course,
    altitude: r.altitude, satellites: r.satellites, battery: r.battery, hasFix: !noFix,
    flags: { sos: r.status.sos, fall: r.status.fall, removed: r.status.removed, lowBattery: r.status.lowBattery },
  };
}

/** Gathers reports and hands them to the service in batches (size or time, whichever first), one batch at a time. */
export class ReportBatcher {
  private queue: WatchReportIn[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly devices: DevicesService, private readonly log: (m: string) => void, private readonly maxSize = 500, private readonly maxWaitMs = 50) {}

  add(r: WatchReportIn) {
    this.queue.push(r);
    if (this.queue.length >= this.maxSize) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.maxWaitMs);
  }

  async flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (this.flushing) { await this.flushing; if (this.queue.length) return this.flush(); return; }
    const batch = this.queue.splice(0, this.maxSize);
    if (!batch.length) return;
    this.flushing = this.devices.ingestReports(batch).then(() => undefined, (e: unknown) => {
      // The batch is put back once so a passing database error loses nothing.
      this.log(`定位入库失败，稍后重试 / storing positions failed, will retry: ${e instanceof Error ? e.message : String(e)}`);
      if (!batch.some((b) => (b as { retried?: boolean }).retried)) this.queue.unshift(...batch.map((b) => Object.assign(b, { retried: true })));
    });
    await this.flushing;
    this.flushing = null;
    if (this.queue.length) await this.flush();
  }
}

export interface IngestHandle {
  tcpPort: number;
  mqtt: mqtt.MqttClient;
  stop(): Promise<void>;
}

/** Starts ingestion: an MQTT client on the broker and the 3G TCP server. */
export async function startIngestion(devices: DevicesService, opts: { brokerUrl: string; tcpPort: number; host?: string; log: (m: string) => void }): Promise<IngestHandle> {
  const { log } = opts;
  const batcher = new ReportBatcher(devices, log);
  let lastLog = 0;
  const bad = (what: string, detail: string) => {
    devices.stats.malformed++;
    // logged, rate-limited: a flood of bad frames must not flood the log
    if (Date.now() - lastLog > 1000) {
      lastLog = Date.now();
      log(`设备数据无法解析 / unreadable device data (${what}): ${detail.slice(0, 120)} [malformed so far: ${devices.stats.malformed}]`);
    }
  };

  // ---- MQTT
  const client = mqtt.connect(opts.brokerUrl, { clientId: `linli-ingest-${process.pid}-${Math.random().toString(16).slice(2, 8)}`, clean: false, reconnectPeriod: 1000 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync([TOPICS.position, TOPICS.event, TOPICS.status, TOPICS.reading], { qos: 1 });
  client.on('message', (topic, payload) => {
    const [, kind, serial, what] = topic.split('/');
    if (!serial) return;
    devices.stats.frames++;
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return bad(topic, 'not JSON');
    }
    if (kind === 'watch' && what === 'position') {
      for (const item of Array.isArray(json) ? json : [json]) {
        const p = PositionMsg.safeParse(item);
        if (!p.success) { bad(topic, p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')); continue; }
        const m = p.data;
        batcher.add({ serial, fixedAt: m.time, valid: m.valid, source: m.source, lat: m.lat, lng: m.lng, accuracy: m.accuracy ?? null, speed: m.speed, course: m.course, altitude: m.altitude, satellites: m.satellites, battery: m.battery, flags: m.status });
      }
    } else if (kind === 'watch' && what === 'event') {
      const p = EventMsg.safeParse(json);
      if (!p.success) return bad(topic, p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const m = p.data;
      const hasFix = m.lat !== undefined && m.lng !== undefined;
      batcher.add({
        serial, fixedAt: m.time, valid: hasFix, source: 'gps', lat: m.lat ?? 0, lng: m.lng ?? 0, accuracy: m.accuracy ?? null, battery: m.battery, hasFix,
        flags: { sos: m.type === 'sos', fall: m.type === 'fall', removed: m.type === 'removed', lowBattery: m.type === 'low_battery' },
      });
    } else if (kind === 'watch' && what === 'status') {
      const p = StatusMsg.safeParse(json);
      if (!p.success) return bad(topic, 'status');
      void devices.heartbeat(serial, { battery: p.data.battery, firmware: p.data.firmware, at: p.data.time }).catch((e: unknown) => log(`心跳处理失败 / heartbeat failed: ${String(e)}`));
    } else if (kind === 'kiosk' && what === 'reading') {
      const p = ReadingMsg.safeParse(json);
      if (!p.success) return bad(topic, 'reading');
      void devices.ingestReadings(serial, p.data.key, p.data.readings as never).catch((e: unknown) => bad(topic, e instanceof Error ? e.message : String(e)));
    }
  });
  const unsubscribe = (() => {
    const publish = (e: Parameters<Parameters<DevicesService['live']['on']>[1]>[0]) => {
      if (e?.type !== 'alert') return;
      const district = String(e.path).split('.')[1] ?? 'unknown';
      client.publish(TOPICS.alertOut(district), JSON.stringify(e.alert), { qos: 1 });
    };
    // alerts only: listening to 'alert' (not 'event') keeps this process from reading every fix back
    devices.live.on('alert', publish);
    return () => devices.live.off('alert', publish);
  })();

  // ---- 3G TCP
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const decoder = new FrameDecoder();
    socket.setTimeout(10 * 60_000, () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      const { frames, malformed } = decoder.push(chunk);
      for (const m of malformed) bad('3G', `${m.reason}: ${m.sample}`);
      if (decoder.pending > 8192) { bad('3G', 'oversized pending data'); socket.destroy(); return; }
      for (const f of frames) {
        devices.stats.frames++;
        try {
          const msg = parseContent(f.content);
          const reply = replyTo(f, msg);
          if (msg.kind === 'LK') {
            void devices.heartbeat(f.deviceId, { battery: msg.battery ?? null }).catch((e: unknown) => log(`心跳处理失败 / heartbeat failed: ${String(e)}`));
          } else if (msg.kind === 'UD' || msg.kind === 'UD2' || msg.kind === 'AL') {
            batcher.add(reportFrom3G(f.deviceId, msg));
          }
          if (reply) socket.write(reply);
        } catch (e) {
          if (e instanceof ContentError) bad('3G', `${f.content.slice(0, 4)}: ${e.message}`);
          else bad('3G', String(e));
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.tcpPort, opts.host ?? '0.0.0.0', () => resolve());
  });
  const tcpPort = (server.address() as net.AddressInfo).port;
  return {
    tcpPort,
    mqtt: client,
    async stop() {
      unsubscribe();
      await new Promise<void>((r) => { server.close(() => r()); for (const s of sockets) s.destroy(); });
      await batcher.flush();
      await client.endAsync();
    },
  };
}
