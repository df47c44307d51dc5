import net from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerHandle, startBroker } from '../src/devices/broker.js';
import { type IngestHandle, startIngestion } from '../src/modules/devices/devices.ingest.js';
import { encodeFrame, reportContent } from '../src/modules/devices/watch-protocol.js';
import { type Agent, buildPerson, buildUser, login } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Ingestion end to end: a real MQTT client against the embedded broker and a real TCP socket
 * speaking the 3G protocol, into the database.
 */
const GRID = '510903001001001';
const HOME = { lat: 30.513, lng: 105.593 };

let ctx: TestContext;
let worker: Agent;
let broker: BrokerHandle;
let ingest: IngestHandle;
let client: mqtt.MqttClient;

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const count = (sql: string, args: unknown[]) => ctx.asOwner(async (db) => Number((await db.query<{ n: number }>(sql, args)).rows[0]!.n));

async function watch(serial: string) {
  const p = await buildPerson(ctx, worker, { node: GRID, name: '测试老人', birthDate: '1938-08-08' });
  const r = await worker.post('/api/devices', { kind: 'watch', serialNo: serial, maker: '3G', personId: p.id });
  expect(r.status).toBe(200);
  return { personId: p.id, deviceId: r.body.id as string };
}

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker'], nodes: [GRID] });
  worker = await login(ctx, u.username);
  broker = await startBroker({ ...ctx.config, mqtt: { external: false, port: 0 } });
  ingest = await startIngestion(ctx.services.devices, { brokerUrl: broker.url, tcpPort: 0, host: '127.0.0.1', log: () => undefined });
  client = await mqtt.connectAsync(broker.url, { clientId: `test-${Date.now()}` });
});
afterAll(async () => {
  await client?.endAsync();
  await ingest?.stop();
  await broker?.close();
  await ctx?.close();
});

describe('MQTT', () => {
  it('stores positions published by a watch, once per fix, and raises an SOS published as an event', async () => {
    const serial = '861234567000001';
    const { deviceId, personId } = await watch(serial);
    const alerts: unknown[] = [];
    await client.subscribeAsync('linli/out/alert/#');
    client.on('message', (topic, payload) => { if (topic.startsWith('linli/out/alert/')) alerts.push(JSON.parse(payload.toString())); });
    const fixes = [0, 1, 2].map((i) => ({ time: new Date(Date.UTC(2026, 10, 28, 2, i)).toISOString(), lat: HOME.lat + i * 0.0001, lng: HOME.lng, accuracy: 12, battery: 70 }));
    await client.publishAsync(`linli/watch/${serial}/position`, JSON.stringify(fixes), { qos: 1 });
    await client.publishAsync(`linli/watch/${serial}/position`, JSON.stringify(fixes[1]), { qos: 1 }); // a duplicate
    await client.publishAsync(`linli/watch/${serial}/position`, '{not json', { qos: 1 });
    await client.publishAsync(`linli/watch/${serial}/event`, JSON.stringify({ type: 'sos', time: '2026-11-28T02:05:00Z', lat: HOME.lat, lng: HOME.lng }), { qos: 1 });
    await until('the SOS alert', async () => (await count(`SELECT count(*) AS n FROM device_alert WHERE device_id = $1 AND kind = 'sos'`, [deviceId])) === 1);
    // three fixes, the duplicate stored once, and the position the SOS carried
    expect(await count('SELECT count(*) AS n FROM device_position WHERE device_id = $1', [deviceId])).toBe(4);
    expect(ctx.services.devices.stats.malformed).toBeGreaterThanOrEqual(1);
    const a = await until('the alert on the outbound topic', async () => alerts.find((x) => (x as { personId: string }).personId === personId));
    expect(a).toMatchObject({ kind: 'sos', state: 'open' });
  });
});

describe('3G watch protocol over TCP', () => {
  it('answers LK and AL, reads UD cut into pieces and glued together, survives garbage, stores once', async () => {
    const id = '8800000099';
    const { deviceId } = await watch(id);
    const socket = net.connect(ingest.tcpPort, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let received = '';
    socket.on('data', (d) => { received += d.toString('latin1'); });
    socket.write(encodeFrame('3G', id, 'LK,100,0,88'));
    await until('the LK reply', async () => received.includes(`[3G*${id}*0002*LK]`));
    const ud = (min: number) => encodeFrame('3G', id, reportContent('UD', { at: new Date(Date.UTC(2026, 10, 28, 3, min)), valid: true, lat: HOME.lat, lng: HOME.lng + min * 0.0001, battery: 80 }));
    const glued = `garbage!${ud(0)}${ud(1)}[3G*12*0002*LK]${ud(2)}${ud(1)}`;
    for (let i = 0; i < glued.length; i += 7) socket.write(glued.slice(i, i + 7)); // TCP may cut anywhere
    const al = encodeFrame('3G', id, reportContent('AL', { at: new Date(Date.UTC(2026, 10, 28, 3, 5)), valid: true, lat: HOME.lat, lng: HOME.lng, battery: 80, status: { fall: true } }));
    socket.write(al);
    await until('the AL reply', async () => received.includes(`[3G*${id}*0002*AL]`));
    await until('the fall alert', async () => (await count(`SELECT count(*) AS n FROM device_alert WHERE device_id = $1 AND kind = 'fall'`, [deviceId])) === 1);
    await until('three positions and the alarm’s', async () => (await count('SELECT count(*) AS n FROM device_position WHERE device_id = $1', [deviceId])) === 4);
    socket.write(al); // the watch resends an alarm: answered again, stored once
    await until('the second AL reply', async () => received.split(`[3G*${id}*0002*AL]`).length === 3);
    socket.end();
    expect(await count(`SELECT count(*) AS n FROM device_alert WHERE device_id = $1`, [deviceId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM device_position WHERE device_id = $1', [deviceId])).toBe(4);
    const d = (await worker.get(`/api/devices/${deviceId}`)).body;
    expect(d.online).toBe(true);
    expect(d.battery).toBe(80);
  });
});
