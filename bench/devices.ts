/**
 * GPS ingestion (issue 5): watches publish positions over MQTT at a sustained rate (default 1,000
 * positions a second for the five minutes; `--seconds 20` for a quick look) through the broker
 * into a Linli started in this process (all roles, PostgreSQL). Reported:
 *  - nothing lost: positions stored = positions sent;
 *  - position → alert delivery p99 (1 % of the positions carry an SOS flag; timed from publish to
 *    the alert arriving on `linli/out/alert/#`), as a ratio to the broker's own publish →
 *    subscribe p99 of a probe topic measured in the same run under the same load (target ≤ 20×);
 *  - every stored fix sealed (`fix_enc`, SECURITY.md), a sample opened back to what was sent, and
 *    what sealing costs a fix in this process (AES-256-GCM in Node, inside the ingestion batch).
 *
 * Database: BENCH_DEVICES_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/linli_bench_devices),
 * dropped and made anew each run. Options: --seconds N, --rate N (positions/s), --watches N.
 */
import mqtt from 'mqtt';
import { loadConfig } from '../apps/server/src/config/env.js';
import { fieldCipherFor } from '../apps/server/src/crypto/field-cipher.js';
import { openPostgres } from '../apps/server/src/db/database.js';
import { systemScope, withScope } from '../apps/server/src/db/scope.js';
import * as repo from '../apps/server/src/modules/devices/devices.repository.js';
import { devicesSeal } from '../apps/server/src/modules/devices/devices.sealed.js';
import { startLinli } from '../apps/server/src/runtime.js';
import { today } from '../apps/server/src/shared/dates.js';
import { benchDatabase } from './lib.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 300);
const RATE = arg('rate', 1000);
const WATCHES = arg('watches', 1000);
const ALERT_EVERY = 100;
const URL_ = process.env.BENCH_DEVICES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench_devices';

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : NaN);

async function main() {
  await benchDatabase(URL_, { fresh: true });

  const config = loadConfig({
    ...process.env, DATABASE_URL: URL_, LINLI_MODE: 'demo', LOG_LEVEL: 'silent', LINLI_DATA_DIR: process.env.LINLI_DATA_DIR ?? '.tmp/bench-devices',
    PORT: '0', MQTT_PORT: '0', WATCH_TCP_PORT: '0', LINLI_ROLES: 'api,jobs,devices',
  });
  console.log('devices bench: starting Linli (PostgreSQL, demo data) …');
  // what Linli logs during the run (a failed batch says why), summarised at the end
  const logged = new Map<string, number>();
  const linli = await startLinli(config, (m) => { const k = m.slice(0, 160); logged.set(k, (logged.get(k) ?? 0) + 1); });
  const brokerUrl = linli.broker!.url;
  // batches the ingestion took, and how long each took (printed at the end)
  const batches: { n: number; ms: number }[] = [];
  const ingest = linli.services.devices.ingestReports;
  linli.services.devices.ingestReports = async (b) => {
    const t = performance.now();
    try { return await ingest(b); } finally { batches.push({ n: b.length, ms: performance.now() - t }); }
  };

  // WATCHES watches over the demo elders (round robin), registered as ingestion sees them
  const serials = await withScope(linli.db, systemScope('bench'), async (tx) => {
    const path = (await repo.pathOfCode(tx, '510903'))!;
    const elders = await repo.eldersWithoutWatch(tx, path, `${Number(today().slice(0, 4)) - 61}-01-01`, 500);
    const out: string[] = [];
    for (let i = 0; i < WATCHES; i++) {
      const e = elders[i % elders.length]!;
      const p = (await repo.personPlace(tx, e.id))!;
      const serial = `87${String(i).padStart(13, '0')}`;
      const thing = await linli.services.records.insertThingIn(tx, { path: p.path, district_code: p.district_code }, { kind: 'watch', name: 'bench', serialNo: serial });
      await repo.insertDevice(tx, { thing_id: thing, path: p.path, district_code: p.district_code, kind: 'watch', serial_no: serial, person_id: e.id });
      out.push(serial);
    }
    return out;
  });

  const pub = await mqtt.connectAsync(brokerUrl, { clientId: 'bench-pub' });
  const sub = await mqtt.connectAsync(brokerUrl, { clientId: 'bench-sub' });
  const probeLat: number[] = [];
  const alertLat: number[] = [];
  const alertSent = new Map<string, number>(); // serial|time → publish time
  const deviceSerial = new Map<string, string>();
  await withScope(linli.db, systemScope('bench'), async (tx) => {
    for (const s of serials) deviceSerial.set((await repo.deviceBySerial(tx, s))!.id, s);
  });
  await sub.subscribeAsync(['bench/probe', 'linli/out/alert/#'], { qos: 1 });
  sub.on('message', (topic, payload) => {
    const now = performance.now();
    if (topic === 'bench/probe') probeLat.push(now - Number(payload.toString()));
    else {
      const a = JSON.parse(payload.toString()) as { deviceId: string; raisedAt: string; level: number; state: string };
      if (a.level !== 0 || a.state !== 'open') return;
      const key = `${deviceSerial.get(a.deviceId)}|${new Date(a.raisedAt).getTime()}`;
      const t = alertSent.get(key);
      if (t !== undefined) { alertLat.push(now - t); alertSent.delete(key); }
    }
  });

  const t0 = Date.now() - SECONDS * 1000 - 60_000; // fix times: unique per watch and second
  const raw = await openPostgres(URL_, { asAppRole: false, max: 1 });
  const count = async () => (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM device_position WHERE device_id IN (SELECT id FROM device WHERE serial_no LIKE '87%')`)).rows[0]!.n;
  // warm-up: one fix per watch (ingestion learns its devices), not counted in the figures
  for (const [w, serial] of serials.entries()) {
    pub.publish(`linli/watch/${serial}/position`, JSON.stringify({ time: new Date(t0 - 10_000 - w).toISOString(), lat: 30.51, lng: 105.59, accuracy: 10, battery: 80 }), { qos: 1 });
  }
  while ((await count()) < WATCHES) await new Promise((r) => setTimeout(r, 200));
  batches.length = 0;
  console.log(`devices bench: ${WATCHES} watches, ${RATE} positions/s for ${SECONDS} s …`);
  const start = performance.now();
  let sent = 0;
  let alerts = 0;
  const total = RATE * SECONDS;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
    while (sent < due) {
      const w = sent % WATCHES;
      const serial = serials[w]!;
      const fixAt = t0 + Math.floor(sent / WATCHES) * 1000 + (w % 1000);
      const sos = sent % ALERT_EVERY === 50;
      const body = JSON.stringify({ time: new Date(fixAt).toISOString(), lat: 30.51 + (w % 100) * 0.0001, lng: 105.59 + Math.floor(w / 100) * 0.0001, accuracy: 10, battery: 80, ...(sos ? { status: { sos: true } } : {}) });
      if (sos) { alertSent.set(`${serial}|${fixAt}`, performance.now()); alerts++; }
      pub.publish(`linli/watch/${serial}/position`, body, { qos: 1 });
      if (sent % 100 === 0) pub.publish('bench/probe', String(performance.now()), { qos: 1 });
      sent++;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const elapsed = (performance.now() - start) / 1000;
  // drain: everything sent must be stored
  const deadline = Date.now() + 120_000;
  let stored = (await count()) - WATCHES;
  while (stored < sent && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 500)); stored = (await count()) - WATCHES; }
  const drained = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  const p99a = pct(alertLat, 0.99);
  const p99b = pct(probeLat, 0.99);
  console.log(`devices bench: sent ${sent} positions in ${elapsed.toFixed(1)} s (${(sent / elapsed).toFixed(0)}/s); stored ${stored} (lost ${sent - stored}) — all stored ${drained.toFixed(1)} s after start`);
  console.log(`devices bench: alerts ${alertLat.length}/${alerts} delivered; position → alert p50 ${pct(alertLat, 0.5).toFixed(1)} ms, p99 ${p99a.toFixed(1)} ms`);
  console.log(`devices bench: broker publish → subscribe p50 ${pct(probeLat, 0.5).toFixed(2)} ms, p99 ${p99b.toFixed(2)} ms (${probeLat.length} probes)`);
  console.log(`devices bench: ${batches.length} batches, mean ${(batches.reduce((a, b) => a + b.n, 0) / batches.length).toFixed(0)} reports, p50 ${pct(batches.map((b) => b.ms), 0.5).toFixed(0)} ms, p99 ${pct(batches.map((b) => b.ms), 0.99).toFixed(0)} ms`);
  for (const [m, n] of logged) if (!/^(行政区划|演示|试点|养老|智能设备|居家)/.test(m)) console.log(`devices bench: logged ${n}× ${m}`);
  console.log(`devices bench: ingestion stats ${JSON.stringify(linli.services.devices.stats)}`);
  console.log(`devices bench: position → alert p99 / broker p99 = ${(p99a / p99b).toFixed(1)}× (target ≤ 20×); lost = ${sent - stored}`);
  // sealed at rest: no fix in plaintext, and a sample opens (with the deployment's key) to what was sent
  const seal = devicesSeal(fieldCipherFor(config));
  const plain = (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM device_position WHERE fix_enc NOT LIKE 'v1:%'`)).rows[0]!.n;
  const sample = (await raw.query<{ fix_enc: string; serial_no: string }>(
    `SELECT p.fix_enc, d.serial_no FROM device_position p JOIN device d ON d.id = p.device_id WHERE d.serial_no LIKE '87%' ORDER BY random() LIMIT 200`)).rows;
  const wrong = sample.filter((r) => {
    const w = serials.indexOf(r.serial_no);
    const f = seal.openFix(r.fix_enc);
    return !(Math.abs(f.lat - (w === -1 ? NaN : 30.51 + (w % 100) * 0.0001)) < 1e-9 || Math.abs(f.lat - 30.51) < 1e-9) || f.accuracy !== 10;
  }).length;
  const N = 20_000;
  const ts = performance.now();
  for (let i = 0; i < N; i++) seal.fix({ lat: 30.51 + i * 1e-7, lng: 105.59, accuracy: 10 });
  const usPerFix = ((performance.now() - ts) * 1000) / N;
  const meanBatch = batches.reduce((a, b) => a + b.ms, 0) / Math.max(1, batches.reduce((a, b) => a + b.n, 0));
  console.log(`devices bench: sealed at rest — ${plain} fixes in plaintext; ${sample.length - wrong}/${sample.length} sampled fixes open to what was sent; sealing ${usPerFix.toFixed(1)} µs a fix (${((usPerFix / 1000 / meanBatch) * 100).toFixed(1)} % of ingestion's ${(meanBatch * 1000).toFixed(0)} µs a report)`);
  await pub.endAsync();
  await sub.endAsync();
  await raw.close();
  await linli.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
