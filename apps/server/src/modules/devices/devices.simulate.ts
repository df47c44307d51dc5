import crypto from 'node:crypto';
import net from 'node:net';
import mqtt from 'mqtt';
import { encodeFrame, reportContent } from './watch-protocol.js';

/**
 * `linli simulate`: watches and kiosks against a running Linli, for demos and load tests. Watches
 * wander around home (some leave their zone, some press SOS or fall) and report over MQTT or the
 * 3G TCP protocol; kiosks upload readings over HTTP. Devices are registered through the API as
 * the given user when there are not enough already.
 */
export interface SimulateOptions {
  url: string;
  mqtt: string;
  tcp: string;
  watches: number;
  kiosks: number;
  seconds: number;
  interval: number;
  user: string;
  password: string;
  log: (m: string) => void;
}

type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

async function signIn(base: string, user: string, password: string): Promise<Api> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
  if (!r.ok) throw new Error(`sign-in as ${user} failed: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('linli_csrf='))?.split('=')[1] ?? '';
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, { method, headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

interface SimWatch { serial: string; personId: string; home: { lat: number; lng: number }; pos: { lat: number; lng: number }; wanderer: boolean; battery: number; via: 'mqtt' | 'tcp' }

const M = 1 / 111_195;

export async function simulate(o: SimulateOptions): Promise<{ sent: number; alarms: number; readings: number }> {
  const base = o.url.replace(/\/$/, '');
  const api = await signIn(base, o.user, o.password);
  const me = (await api('GET', '/api/auth/me')).body;
  // watches: those already registered, then new ones for elders without one
  const have = (await api('GET', `/api/devices?kind=watch&pageSize=100&sort=serial&order=asc`)).body?.items ?? [];
  const watches: SimWatch[] = [];
  for (const d of have) if (d.personId && watches.length < o.watches) watches.push(await prepare(d.serialNo, d.personId, watches.length));
  if (watches.length < o.watches) {
    const elders = (await api('GET', `/api/people?ageMin=60&limit=100`)).body?.items ?? [];
    for (const e of elders) {
      if (watches.length >= o.watches) break;
      const serial = `869${String(crypto.randomInt(0, 1e12)).padStart(12, '0')}`;
      const r = await api('POST', '/api/devices', { kind: 'watch', serialNo: serial, maker: '3G', personId: e.id });
      if (r.status === 200) watches.push(await prepare(serial, e.id, watches.length));
    }
  }
  async function prepare(serial: string, personId: string, i: number): Promise<SimWatch> {
    const now = new Date();
    const map = (await api('GET', `/api/devices/elders/${personId}/map?from=${new Date(now.getTime() - 86_400_000).toISOString()}&to=${now.toISOString()}`)).body;
    let zone = map?.zones?.find((z: { center: unknown }) => z.center)?.center as { lat: number; lng: number } | undefined;
    if (!zone) {
      zone = { lat: 30.5128 + (i % 10) * 0.001, lng: 105.5936 + Math.floor(i / 10) * 0.001 };
      await api('POST', '/api/devices/zones', { personId, name: '家附近', shape: 'circle', center: zone, radiusM: 300 });
    }
    return { serial, personId, home: zone, pos: { ...zone }, wanderer: i % 10 === 3, battery: 60 + (i % 40), via: i % 2 ? 'tcp' : 'mqtt' };
  }
  // kiosks: new ones (their key is shown only at registration)
  const kiosks: { serial: string; key: string }[] = [];
  for (let k = 0; k < o.kiosks; k++) {
    const serial = `SIM-KIOSK-${crypto.randomBytes(3).toString('hex')}`;
    const r = await api('POST', '/api/devices', { kind: 'kiosk', serialNo: serial, jurisdictionId: me.jurisdictions[0]?.id });
    if (r.status === 200) kiosks.push({ serial, key: r.body.deviceKey });
    else o.log(`kiosk registration refused: ${r.status} ${JSON.stringify(r.body)}`);
  }
  o.log(`模拟 / simulating ${watches.length} watches (${watches.filter((w) => w.via === 'mqtt').length} MQTT, ${watches.filter((w) => w.via === 'tcp').length} 3G TCP) and ${kiosks.length} kiosks for ${o.seconds} s`);

  const client = await mqtt.connectAsync(o.mqtt, { clientId: `linli-sim-${process.pid}` });
  const [host, port] = o.tcp.split(':');
  const sockets = new Map<string, net.Socket>();
  const socketFor = (w: SimWatch) => {
    let s = sockets.get(w.serial);
    if (!s || s.destroyed) {
      s = net.connect(Number(port), host);
      s.on('error', (e) => o.log(`3G socket ${w.serial}: ${e.message}`));
      s.on('data', () => undefined); // replies (LK, AL) are read and dropped
      sockets.set(w.serial, s);
      s.write(encodeFrame('3G', w.serial, `LK,0,0,${w.battery}`));
    }
    return s;
  };
  let sent = 0, alarms = 0, readings = 0;
  const end = Date.now() + o.seconds * 1000;
  let tick = 0;
  while (Date.now() < end) {
    tick++;
    for (const w of watches) {
      // a random walk around home; wanderers drift away
      const step = (w.wanderer ? 60 : 25) * M;
      w.pos.lat += (Math.random() - (w.wanderer ? 0.2 : 0.5)) * step;
      w.pos.lng += (Math.random() - 0.5) * step;
      const dHome = Math.hypot(w.pos.lat - w.home.lat, w.pos.lng - w.home.lng) / M;
      if (!w.wanderer && dHome > 250) w.pos = { ...w.home };
      w.battery = Math.max(5, w.battery - (Math.random() < 0.05 ? 1 : 0));
      const status = { sos: Math.random() < 0.002, fall: Math.random() < 0.001 };
      if (status.sos || status.fall) alarms++;
      const at = new Date();
      if (w.via === 'mqtt') {
        client.publish(`linli/watch/${w.serial}/position`, JSON.stringify({ time: at.toISOString(), lat: w.pos.lat, lng: w.pos.lng, accuracy: 10 + Math.random() * 15, battery: w.battery, ...(status.sos || status.fall ? { status } : {}) }), { qos: 1 });
      } else {
        socketFor(w).write(encodeFrame('3G', w.serial, reportContent(status.sos || status.fall ? 'AL' : 'UD', { at, valid: true, lat: w.pos.lat, lng: w.pos.lng, battery: w.battery, satellites: 8, status })));
      }
      sent++;
    }
    if (kiosks.length && (tick - 1) % Math.max(1, Math.round(30 / o.interval)) === 0) {
      for (const k of kiosks) {
        const w = watches[Math.floor(Math.random() * watches.length)];
        if (!w) break;
        const r = await fetch(`${base}/api/devices/kiosk/readings`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-device-serial': k.serial, 'x-device-key': k.key },
          body: JSON.stringify({ readings: [{ id: crypto.randomUUID(), qr: `LINLI:P:${w.personId}`, kind: 'blood_pressure', measuredAt: new Date().toISOString(), values: { systolic: 110 + Math.round(Math.random() * 70), diastolic: 70 + Math.round(Math.random() * 25), pulse: 60 + Math.round(Math.random() * 30) } }] }),
        });
        if (r.ok) readings++;
      }
    }
    await new Promise((r) => setTimeout(r, o.interval * 1000));
  }
  for (const s of sockets.values()) s.end();
  await client.endAsync();
  o.log(`完成 / done: ${sent} reports, ${alarms} alarms, ${readings} kiosk readings`);
  return { sent, alarms, readings };
}
