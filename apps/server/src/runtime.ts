import type { Config } from './config/env.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open.js';
import { type FieldCipher, fieldCipherFor } from './crypto/field-cipher.js';
import { seedRegistryDemo } from './seed/registry-demo.js';
import { seedElderDemo } from './seed/elder-demo.js';
import { seedDevicesDemo } from './seed/devices-demo.js';
import { systemScope, withScope } from './db/scope.js';
import { type BrokerHandle, startBroker } from './devices/broker.js';
import { type App, buildApp } from './http/app.js';
import * as jurisdictionRepo from './modules/jurisdiction/jurisdiction.repository.js';
import { seedDemoAccounts, seedDemoGrids } from './seed/demo.js';
import { loadDivisions } from './seed/divisions.js';
import { createServices, type Services } from './services.js';
import { today } from './shared/dates.js';
import { startImportWorker } from './modules/imports/imports.jobs.js';
import { type IngestHandle, startIngestion } from './modules/devices/devices.ingest.js';
import { seedCareDemo } from './seed/care-demo.js';

export const CITY_CODE = '5109';

/** How often committed audit rows are linked into the hash chain. */
const AUDIT_LINK_EVERY_MS = 500;
/** How often the map's 60+ figures are checked for a new day. */
const AGE_STATS_EVERY_MS = 60 * 60 * 1000;
/** How often data-quality findings are brought up to the registry's changes. */
const QUALITY_EVERY_MS = 5000;
/** How often unacknowledged device alerts are checked for escalation, and silent watches for going offline. */
const ALERT_ESCALATION_EVERY_MS = 5000;
const DEVICE_OFFLINE_EVERY_MS = 60_000;
/** How often expired location tracks and kiosk readings are purged (retention). */
const DEVICE_PURGE_EVERY_MS = 60 * 60 * 1000;
/** How often the analysis ledgers fold the deltas the registry's triggers append (reads add what is not folded yet). */
const ANALYSIS_FOLD_EVERY_MS = 2000;

/** Brings the registry's ground in: the division tree always, the demo grids and accounts in demo mode. */
export async function ensureBaseData(db: Database, services: Services, config: Config, cipher: FieldCipher, log: (m: string) => void = () => undefined) {
  const counts = await withScope(db, systemScope('startup check'), (tx) => jurisdictionRepo.countInForce(tx, today()));
  if (counts.city === 0) {
    const r = await loadDivisions(db, CITY_CODE);
    log(`行政区划已导入 / division tree loaded: ${r.inserted} nodes`);
  }
  if (config.mode === 'demo' && (await services.users.count()) === 0) {
    await seedDemoGrids(db);
    const created = await seedDemoAccounts(db, services);
    log(`演示账号已创建 / demo accounts created: ${created.join(', ')}`);
    const counts = await seedRegistryDemo(db, cipher);
    if (counts) log(`试点数据已生成 / pilot registry generated: ${JSON.stringify(counts)}`);
    const [first, second] = [await services.users.idOf('eldercare'), await services.users.idOf('assessor')];
    const elders = first && second ? await seedElderDemo(db, services, { first, second }) : null;
    if (elders) log(`养老演示数据已生成 / elder demo data generated: ${JSON.stringify(elders)}`);
    const devices = await seedDevicesDemo(db, services);
    if (devices) log(`智能设备演示数据已生成 / device demo data generated: ${JSON.stringify(devices)}`);
    const care = await seedCareDemo(db, services, cipher);
    if (care) log(`居家养老服务演示数据已生成 / care demo generated: ${JSON.stringify(care)}`);
  }
}

export interface Running {
  db: Database;
  services: Services;
  app?: App;
  broker?: BrokerHandle;
  /** Device ingestion (MQTT subscriber and the 3G watch TCP server), when this process runs the devices role. */
  ingest?: IngestHandle;
  url?: string;
  stop(): Promise<void>;
}

/**
 * Runs `fn` every `ms` (never two rounds at once), and at once when `now`; a failed round is logged
 * and retried next time. The first quality round waits: on PGlite its catch-up after the demo seed
 * holds the one connection for seconds, which the first pages after start should not wait behind.
 */
function every(ms: number, what: string, fn: () => Promise<unknown>, log: (m: string) => void, now = false): () => void {
  let busy = false;
  const round = () => {
    if (busy) return;
    busy = true;
    void fn()
      .catch((e: unknown) => log(`${what}失败 / ${what} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => { busy = false; });
  };
  if (now) round();
  const timer = setInterval(round, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/** Starts the roles of the program this process runs (api, jobs, devices). */
export async function startLinli(config: Config, log: (m: string) => void = console.log): Promise<Running> {
  const db = await openDatabase(config);
  const cipher = fieldCipherFor(config);
  const services = createServices(db, config, cipher);
  await ensureBaseData(db, services, config, cipher, log);
  // Every process that writes audit rows links them (the chain's lock makes processes take turns).
  const stopChainer = services.audit.startChainer(AUDIT_LINK_EVERY_MS, (e) => log(`审计链接失败 / audit linking failed: ${e instanceof Error ? e.message : String(e)}`));
  let app: App | undefined;
  let broker: BrokerHandle | undefined;
  let url: string | undefined;
  let ingest: IngestHandle | undefined;
  if (config.roles.has('devices')) {
    broker = await startBroker(config);
    ingest = await startIngestion(services.devices, { brokerUrl: broker.url, tcpPort: config.devices.watchTcpPort, log });
    log(`设备接入已启动 / device ingestion: MQTT ${broker.url}, 3G watch TCP port ${ingest.tcpPort}`);
  }
  // jobs: data-quality findings follow the registry's changes and queued evaluations run; the
  // map's 60+ figures take in the people who turned 60; old exports are removed; imports commit.
  const jobs = config.roles.has('jobs');
  const stopQuality = jobs ? every(QUALITY_EVERY_MS, '数据质量任务 quality job', () => Promise.all([services.quality.drainChanges(), services.quality.idle()]), log) : undefined;
  const stopAging = jobs ? every(AGE_STATS_EVERY_MS, '楼栋统计更新 building figures update', () => services.map.ageStats(), log, true) : undefined;
  const stopElderAging = jobs ? every(AGE_STATS_EVERY_MS, '老人统计年龄段更新 elder age bands update', () => services.elder.ageStats(), log, true) : undefined;
  const stopExportHousekeeping = jobs ? services.exports.startHousekeeping() : undefined;
  const stopEscalation = jobs ? every(ALERT_ESCALATION_EVERY_MS, '告警升级 alert escalation', () => services.devices.escalateDue(), log) : undefined;
  const stopOffline = jobs ? every(DEVICE_OFFLINE_EVERY_MS, '设备离线检查 device offline check', () => services.devices.markOffline(), log) : undefined;
  const stopPurge = jobs ? every(DEVICE_PURGE_EVERY_MS, '过期定位与健康数据清除 retention purge', () => services.devices.purgeExpired(), log, true) : undefined;
  const stopFold = jobs ? every(ANALYSIS_FOLD_EVERY_MS, '分析台账归并 analysis ledger fold', () => services.analysis.fold(), log) : undefined;
  const importWorker = jobs ? startImportWorker(services.imports, { log: (m, e) => log(`${m} ${e instanceof Error ? e.message : ''}`) }) : undefined;
  if (config.roles.has('api')) {
    app = await buildApp({ config, db, services, logger: { level: config.logLevel } });
    await app.listen({ port: config.http.port, host: config.http.host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.http.port;
    url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}/`;
  }
  return {
    db, services, app, broker, ingest, url,
    async stop() {
      stopEscalation?.();
      stopOffline?.();
      stopPurge?.();
      stopQuality?.();
      stopFold?.();
      await services.analysis.stop();
      await services.devices.stop();
      stopAging?.();
      stopElderAging?.();
      stopExportHousekeeping?.();
      await app?.close();
      await importWorker?.stop();
      await ingest?.stop();
      await broker?.close();
      await stopChainer();
      await db.close();
    },
  };
}
