import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Config } from '../../config/env.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database, Queryable } from '../../db/database.js';
import { type Scope, systemScope, withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { today } from '../../shared/dates.js';
import { commonError } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ElderService } from '../elder/elder.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import type { PeopleService } from '../registry/people.service.js';
import { filterPath, placeAt } from '../registry/placement.js';
import type { RecordsService } from '../registry/records.service.js';
import type { RelationsService } from '../registry/relations.service.js';
import { devicesError } from './devices.errors.js';
import * as repo from './devices.repository.js';
import { type DevicesSeal, devicesSeal } from './devices.sealed.js';
import { type Fix, step, type ZoneShape } from './geofence.js';
import { type Limit, type Metric, metricsOf, missingValues, outOfRange, type ReadingKind, READING_UNITS, type ReadingValues } from './health.js';

/** One position of an elder, as other modules see it (care visits check "elsewhere during a visit"). */
export interface Whereabout {
  time: Date;
  lat: number;
  lng: number;
  /** metres; null when the watch did not say */
  accuracy: number | null;
  /** a GPS fix the watch marked valid (A); cell and Wi-Fi positions are not */
  valid: boolean;
}

/** The alarms a watch can flag with a report (3G status word bits, or an MQTT event). */
export interface WatchFlags { sos?: boolean; fall?: boolean; removed?: boolean; lowBattery?: boolean }

/** One report of a watch as ingestion hands it over (from a 3G frame or an MQTT message). */
export interface WatchReportIn {
  serial: string;
  fixedAt: Date;
  valid: boolean;
  source: 'gps' | 'wifi' | 'cell';
  lat: number;
  lng: number;
  accuracy: number | null;
  speed?: number | null;
  course?: number | null;
  altitude?: number | null;
  satellites?: number | null;
  battery?: number | null;
  flags?: WatchFlags;
  /** The report carries a position (an AL with V and no fix, or an MQTT event without one, does not). */
  hasFix?: boolean;
}

/** One kiosk reading as it arrives (HTTP or MQTT). */
export interface ReadingIn {
  id: string;
  citizenId?: string;
  qr?: string;
  kind: ReadingKind;
  measuredAt: Date;
  values: ReadingValues;
}

export type AlertKind = 'sos' | 'fall' | 'zone_exit' | 'low_battery' | 'removed' | 'offline';
export const ALERT_TARGETS = ['family', 'grid_worker', 'emergency'] as const;

/** What the live page and the outbound topic receive. */
export type LiveEvent =
  | { type: 'alert'; path: string; alert: ReturnType<typeof toAlert> }
  | { type: 'position'; path: string; deviceId: string; personId: string | null; lat: number; lng: number; accuracy: number | null; at: string; valid: boolean };

/** An alert as the API shows it, its position opened (a location: the caller audits the read). */
const toAlert = (r: repo.AlertRow, seal: DevicesSeal) => {
  const pos = seal.openAlertPosition(r.position_enc);
  return {
    id: r.id, deviceId: r.device_id, personId: r.person_id, personName: r.person_name ?? null, serialNo: r.serial_no ?? null, kind: r.kind as AlertKind,
    raisedAt: r.raised_at, lat: pos?.lat ?? null, lng: pos?.lng ?? null, detail: r.detail, state: r.state, level: r.level, target: ALERT_TARGETS[r.level] ?? 'emergency',
    escalateAt: r.escalate_at, acknowledgedAt: r.acknowledged_at, closedAt: r.closed_at, note: r.note, jurisdictionName: r.node_name ?? null, version: r.version,
  };
};

/** A device as the API shows it, its last fix opened (a location: the caller audits the read). */
const toDevice = (r: repo.DeviceRow, seal: DevicesSeal) => {
  const last = r.last_fix_at ? seal.openLastFix(r.last_fix_enc) : null;
  return {
    id: r.id, thingId: r.thing_id, kind: r.kind, name: r.name, serialNo: r.serial_no, maker: r.maker, model: r.model, personId: r.person_id, personName: r.person_name,
    firmware: r.firmware, battery: r.battery, lastSeenAt: r.last_seen_at, online: r.online, worn: r.worn,
    lastFix: r.last_fix_at && last ? { at: r.last_fix_at, lat: last.lat, lng: last.lng, accuracy: last.accuracy } : null,
    jurisdictionName: r.node_name, hasKey: !!r.key_hash, createdAt: r.created_at, version: r.version,
  };
};

const toZone = (z: repo.ZoneRow) => ({
  id: z.id, personId: z.person_id, name: z.name, shape: z.shape,
  center: z.center_lat !== null && z.center_lng !== null ? { lat: z.center_lat, lng: z.center_lng } : null,
  radiusM: z.radius_m, polygon: z.polygon, fromMinute: z.from_minute, toMinute: z.to_minute, enabled: z.enabled, exited: z.exited, version: z.version,
});

const shapeOf = (z: repo.ZoneRow): ZoneShape =>
  z.shape === 'circle' ? { kind: 'circle', center: { lat: z.center_lat!, lng: z.center_lng! }, radiusM: z.radius_m! } : { kind: 'polygon', points: z.polygon ?? [] };

/** A change of a zone as the route accepts it (devices.schema.ts `ZonePatch`). */
export interface ZonePatch {
  name?: string; center?: { lat: number; lng: number }; radiusM?: number; polygon?: { lat: number; lng: number }[];
  fromMinute?: number | null; toMinute?: number | null; enabled?: boolean; version: number;
}

/** A kiosk's key is random and long: a SHA-256 of it is what is stored and compared. */
export const hashDeviceKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');


/** Ingestion counters, for the log and the devices page. */
export interface IngestStats { frames: number; malformed: number; unknownDevice: number; positions: number; duplicates: number; alerts: number; readings: number }

export type DevicesService = ReturnType<typeof createDevicesService>;

/** 智能设备 — GPS watches, positions, safe zones, alerts and health kiosks. */
export function createDevicesService(deps: {
  db: Database; audit: AuditService; config: Config; jurisdiction: JurisdictionService; people: PeopleService; records: RecordsService;
  relations: RelationsService; elder: ElderService; cipher: FieldCipher;
}) {
  const { db, audit, config, jurisdiction, people, records, elder } = deps;
  const seal = devicesSeal(deps.cipher);
  const settings = config.devices;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const ingestScope = systemScope('device ingestion');
  const live = new EventEmitter();
  live.setMaxListeners(0);
  const stats: IngestStats = { frames: 0, malformed: 0, unknownDevice: 0, positions: 0, duplicates: 0, alerts: 0, readings: 0 };
  // every live event goes to 'event' (the SSE stream) and to its own type ('alert': the MQTT outbound topic)
  const emit = (e: LiveEvent) => { live.emit('event', e); live.emit(e.type, e); };

  // ---- device cache for ingestion (serial → identity); a miss asks the database
  const cache = new Map<string, { key: repo.DeviceKey; at: number }>();
  const CACHE_MS = 30_000;
  const touched = new Map<string, { at: number; battery: number | null; worn: boolean | null }>();
  const TOUCH_MS = 15_000;
  async function deviceFor(tx: Queryable, serial: string) {
    const hit = cache.get(serial);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.key;
    const key = await repo.deviceBySerial(tx, serial);
    if (key) cache.set(serial, { key, at: Date.now() });
    return key;
  }

  /** Stores an alert once (device + key) with its first escalation step; returns it when new. */
  async function raiseIn(tx: Queryable, dev: repo.DeviceKey, kind: AlertKind, key: string, at: Date, pos: { lat: number; lng: number } | null, detail: Record<string, unknown> = {}) {
    const row = await repo.insertAlert(tx, {
      device_id: dev.id, person_id: dev.person_id, district_code: dev.district_code, path: dev.path, kind, alert_key: `${kind}:${key}`, raised_at: at,
      position_enc: seal.alertPosition(pos), detail, escalate_at: new Date(Date.now() + settings.escalateMs),
    });
    if (!row) return null;
    const family = (await repo.contactsOf(tx, dev.id)).filter((c) => c.role === 'family').map((c) => ({ personId: c.person_id, name: c.name }));
    await repo.insertStep(tx, { alert_id: row.id, path: dev.path, district_code: dev.district_code, level: 0, target: 'family', recipients: family });
    if (dev.person_id && (kind === 'fall' || kind === 'zone_exit')) {
      await elder.recordRiskEventIn(tx, null, {
        personId: dev.person_id, kind: kind === 'fall' ? 'fall' : 'wandering', occurredAt: at, source: 'device', sourceKey: `device:${row.id}`,
        note: kind === 'fall' ? '定位手表跌倒告警' : '走出安全区域（定位手表）',
      });
    }
    stats.alerts++;
    return row;
  }

  /** The alarms a report's flags raise (SOS, fall, removed from the wrist, low battery). */
  async function flagAlertsIn(tx: Queryable, dev: repo.DeviceKey, r: WatchReportIn, raised: repo.AlertRow[]) {
    const f = r.flags ?? {};
    const at = r.fixedAt;
    const pos = r.hasFix === false ? null : { lat: r.lat, lng: r.lng };
    const push = (a: repo.AlertRow | null) => { if (a) raised.push(a); };
    if (f.sos) push(await raiseIn(tx, dev, 'sos', at.toISOString(), at, pos));
    if (f.fall) push(await raiseIn(tx, dev, 'fall', at.toISOString(), at, pos));
    if (f.removed && dev.worn !== false) push(await raiseIn(tx, dev, 'removed', at.toISOString(), at, pos));
    const battery = r.battery ?? null;
    if (f.lowBattery || (battery !== null && battery <= settings.lowBattery)) {
      push(await raiseIn(tx, dev, 'low_battery', today(at), at, pos, { battery }));
    }
  }

  /**
   * Takes a batch of watch reports in one transaction: positions in one multi-row INSERT (a
   * replayed report is stored once), devices marked seen, new fixes through their elder's safe
   * zones, and the alarms they flag. Alerts and positions go to the live page after commit.
   */
  async function ingestReports(reports: WatchReportIn[]): Promise<{ stored: number; duplicates: number; alerts: number }> {
    if (!reports.length) return { stored: 0, duplicates: 0, alerts: 0 };
    const raised: repo.AlertRow[] = [];
    const result = await withScope(db, ingestScope, async (tx) => {
      const devices = new Map<string, repo.DeviceKey>();
      const rows: repo.PositionIn[] = [];
      const seen = new Set<string>();
      const known: { r: WatchReportIn; dev: repo.DeviceKey }[] = [];
      for (const r of reports) {
        const dev = await deviceFor(tx, r.serial);
        if (!dev || dev.kind !== 'watch') { stats.unknownDevice++; continue; }
        devices.set(dev.id, dev);
        known.push({ r, dev });
        if (r.hasFix === false) continue;
        if (!fixInRange(r)) { stats.malformed++; r.hasFix = false; continue; }
        const k = `${dev.id}|${r.fixedAt.getTime()}`;
        if (seen.has(k)) continue;
        seen.add(k);
        rows.push({
          device_id: dev.id, person_id: dev.person_id, district_code: dev.district_code, path: dev.path, fixed_at: r.fixedAt, valid: r.valid, source: r.source,
          // sealed here, in the batch: the database never sees the coordinates
          fix_enc: seal.fix({ lat: r.lat, lng: r.lng, accuracy: r.accuracy, altitude: r.altitude, speed: r.speed, course: r.course }),
          satellites: r.satellites ?? null, battery: r.battery ?? null,
        });
      }
      const fresh = await repo.insertPositions(tx, rows);
      const isNew = new Set(fresh.map((f) => `${f.device_id}|${new Date(f.fixed_at).getTime()}`));
      // devices seen: latest fix, battery and worn state per device
      type Touch = { id: string; seen_at: Date; battery: number | null; fix: { at: Date; lat: number; lng: number; accuracy: number | null } | null; worn: boolean | null; firmware: null };
      const touch = new Map<string, Touch>();
      for (const { r, dev } of known) {
        const prev = touch.get(dev.id);
        const fix = r.hasFix === false ? null : { at: r.fixedAt, lat: r.lat, lng: r.lng, accuracy: r.accuracy };
        const worn = r.flags?.removed ? false : r.flags ? true : null;
        const later = !prev?.fix || (fix && fix.at > prev.fix.at);
        touch.set(dev.id, { id: dev.id, seen_at: new Date(), battery: r.battery ?? prev?.battery ?? null, fix: later ? fix : prev!.fix, worn: worn ?? prev?.worn ?? null, firmware: null });
      }
      // "last seen" is kept to TOUCH_MS: a device reporting every second is not rewritten every second
      const now = Date.now();
      const due = [...touch.values()].filter((u) => {
        const prev = touched.get(u.id);
        const keep = !prev || now - prev.at >= TOUCH_MS || prev.battery !== u.battery || prev.worn !== u.worn || u.worn === false;
        if (keep) touched.set(u.id, { at: now, battery: u.battery, worn: u.worn });
        return keep;
      });
      // the latest fix of each device due is sealed once (not every report's)
      await repo.touchDevices(tx, due.map((u) => ({ ...u, fix: u.fix ? { at: u.fix.at, enc: seal.lastFix({ lat: u.fix.lat, lng: u.fix.lng, accuracy: u.fix.accuracy }) } : null })));
      // safe zones: new valid fixes, per person in time order
      const newFixes = known.filter(({ r, dev }) => r.hasFix !== false && dev.person_id && isNew.has(`${dev.id}|${r.fixedAt.getTime()}`));
      const zones = await repo.zonesOf(tx, [...new Set(newFixes.map(({ dev }) => dev.person_id!))]);
      const changed = new Map<string, repo.ZoneRow>();
      newFixes.sort((a, b) => a.r.fixedAt.getTime() - b.r.fixedAt.getTime());
      for (const { r, dev } of newFixes) {
        const fix: Fix = { lat: r.lat, lng: r.lng, at: r.fixedAt, accuracy: r.accuracy, valid: r.valid, source: r.source };
        for (const z of zones) {
          if (z.person_id !== dev.person_id) continue;
          const hours = z.from_minute !== null && z.to_minute !== null ? { fromMinute: z.from_minute, toMinute: z.to_minute } : null;
          const s = step({ outsideSince: z.outside_since, outsideFixes: z.outside_fixes, exited: z.exited }, shapeOf(z), hours, fix, { fixes: settings.zoneExitFixes, minutes: settings.zoneExitMinutes });
          if (s.state.outsideFixes !== z.outside_fixes || s.state.exited !== z.exited || s.state.outsideSince?.getTime() !== z.outside_since?.getTime()) {
            z.outside_since = s.state.outsideSince; z.outside_fixes = s.state.outsideFixes; z.exited = s.state.exited;
            changed.set(z.id, z);
          }
          if (s.event === 'exit') {
            const a = await raiseIn(tx, dev, 'zone_exit', `${z.id}:${r.fixedAt.toISOString()}`, r.fixedAt, fix, { zoneId: z.id, zoneName: z.name, outsideByM: Math.round(s.outsideByM) });
            if (a) raised.push(a);
          }
        }
      }
      // the live map of every process (api roles elsewhere too) learns of the new fixes at commit
      await repo.notifyPositions(tx, newFixes.map(({ r, dev }) => ({ device_id: dev.id, fixed_at: r.fixedAt })));
      await repo.saveZoneStates(tx, [...changed.values()].map((z) => ({ id: z.id, version: z.version, outside_since: z.outside_since, outside_fixes: z.outside_fixes, exited: z.exited })));
      for (const { r, dev } of known) await flagAlertsIn(tx, dev, r, raised);
      for (const { r, dev } of known) if (r.flags) dev.worn = !r.flags.removed;
      return { stored: fresh.length, duplicates: rows.length - fresh.length, alerts: raised.length };
    });
    stats.positions += result.stored;
    stats.duplicates += result.duplicates;
    return result;
  }

  // Alerts reach the live page and the outbound topic through the database: the repository
  // NOTIFYs `linli_alerts` at commit, whichever process wrote; every process with a listener on
  // `live` reads the alerts named (one query per burst) and emits them. Api and devices roles may
  // so run apart. Listening starts with the first listener.
  let unlisten: Promise<() => Promise<void>> | undefined;
  const pending = new Set<string>();
  let flushing: Promise<void> | undefined;
  const flush = async () => {
    while (pending.size) {
      const ids = [...pending];
      pending.clear();
      const rows = await withScope(db, ingestScope, (tx) => repo.alertsByIds(tx, ids));
      for (const a of rows) emit({ type: 'alert', path: a.path, alert: toAlert(a, seal) });
    }
  };
  const onNotify = (id: string) => {
    pending.add(id);
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush).catch(() => undefined).finally(() => { flushing = undefined; });
  };
  // Positions the same way: ingestion (any process) NOTIFYs `linli_positions` with the new fixes'
  // keys at commit; a process with a position listener reads those fixes once per burst, opens
  // them and emits them. Only listeners of 'event' or 'position' (the live map) start it.
  let unlistenPositions: Promise<() => Promise<void>> | undefined;
  const pendingFixes = new Map<string, { device_id: string; fixed_at: Date }>();
  let flushingFixes: Promise<void> | undefined;
  const flushFixes = async () => {
    while (pendingFixes.size) {
      const keys = [...pendingFixes.values()];
      pendingFixes.clear();
      const rows = await withScope(db, ingestScope, (tx) => repo.positionsByKeys(tx, keys));
      for (const r of rows) {
        const f = seal.openFix(r.fix_enc);
        emit({ type: 'position', path: r.path, deviceId: r.device_id, personId: r.person_id, lat: f.lat, lng: f.lng, accuracy: f.accuracy, at: r.fixed_at.toISOString(), valid: r.valid });
      }
    }
  };
  const onPositions = (payload: string) => {
    for (const key of payload.split(',')) {
      const [device, ms] = key.split('|');
      if (device && ms && Number.isFinite(Number(ms))) pendingFixes.set(key, { device_id: device, fixed_at: new Date(Number(ms)) });
    }
    flushingFixes ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flushFixes).catch(() => undefined).finally(() => { flushingFixes = undefined; });
  };
  live.on('newListener', (name) => {
    if (name === 'event' || name === 'alert') unlisten ??= db.listen(repo.ALERTS_CHANNEL, onNotify);
    if (name === 'event' || name === 'position') unlistenPositions ??= db.listen(repo.POSITIONS_CHANNEL, onPositions);
  });
  /** Resolves once the alert and position feeds listen (a test or the SSE route may wait for it). */
  const alertFeedReady = async () => {
    unlisten ??= db.listen(repo.ALERTS_CHANNEL, onNotify);
    unlistenPositions ??= db.listen(repo.POSITIONS_CHANNEL, onPositions);
    await Promise.all([unlisten, unlistenPositions]);
  };

  /** A heartbeat: the device is seen (battery, firmware); nothing stored per beat. */
  async function heartbeat(serial: string, h: { battery?: number | null; firmware?: string | null; at?: Date }) {
    const raised: repo.AlertRow[] = [];
    const ok = await withScope(db, ingestScope, async (tx) => {
      const dev = await deviceFor(tx, serial);
      if (!dev) { stats.unknownDevice++; return false; }
      const at = h.at ?? new Date();
      await repo.touchDevices(tx, [{ id: dev.id, seen_at: at, battery: h.battery ?? null, fix: null, worn: null, firmware: h.firmware ?? null }]);
      if (dev.kind === 'watch' && h.battery !== undefined && h.battery !== null && h.battery <= settings.lowBattery) {
        const a = await raiseIn(tx, dev, 'low_battery', today(at), at, null, { battery: h.battery });
        if (a) raised.push(a);
      }
      return true;
    });
    return ok;
  }

  /** Resolves the resident of a kiosk reading: citizen ID by its keyed hash, or a Linli QR code. */
  async function residentOf(tx: Queryable, r: ReadingIn): Promise<string | null> {
    if (r.citizenId) return people.idByCitizenIdIn(tx, r.citizenId);
    const m = r.qr ? /^LINLI:P:([0-9a-f-]{36})$/i.exec(r.qr) : null;
    if (m && (await repo.personPlace(tx, m[1]!))) return m[1]!;
    return null;
  }

  async function authKiosk(tx: Queryable, serial: string, key: string): Promise<repo.DeviceKey> {
    const dev = await deviceFor(tx, serial);
    const given = Buffer.from(hashDeviceKey(key));
    if (!dev || dev.kind !== 'kiosk' || !dev.key_hash || !crypto.timingSafeEqual(Buffer.from(dev.key_hash), given)) throw devicesError('DEVICE_UNAUTHENTICATED');
    return dev;
  }

  /**
   * Stores kiosk readings (once per kiosk and reading id) against the residents they identify;
   * a measure beyond the elder's limits raises a follow-up event (事) in the registry.
   */
  async function ingestReadings(serial: string, key: string, readings: ReadingIn[]) {
    return withScope(db, ingestScope, async (tx) => {
      const dev = await authKiosk(tx, serial, key);
      await repo.touchDevices(tx, [{ id: dev.id, seen_at: new Date(), battery: null, fix: null, worn: null, firmware: null }]);
      const out: { id: string; status: 'stored' | 'duplicate'; personId: string; abnormal: string[]; eventId: string | null }[] = [];
      for (const [i, r] of readings.entries()) {
        const missing = missingValues(r.kind, r.values);
        if (missing.length) throw devicesError('READING_INCOMPLETE', { fields: missing.join(', ') }, `readings.${i}.values`);
        const personId = await residentOf(tx, r);
        if (!personId) throw devicesError('RESIDENT_UNKNOWN', {}, `readings.${i}`);
        const person = (await repo.personPlace(tx, personId))!;
        const own = Object.fromEntries((await repo.thresholdsOf(tx, personId)).map((t) => [t.metric, seal.openLimits(t.limits_enc)])) as Partial<Record<Metric, Limit>>;
        const metrics = metricsOf(r.kind, r.values);
        const bad = outOfRange(metrics, own);
        const stored = await repo.insertReading(tx, {
          device_id: dev.id, person_id: personId, path: person.path, district_code: person.district_code, reading_key: r.id, kind: r.kind,
          measured_at: r.measuredAt, measures_enc: seal.measures({ ...r.values, ...metrics } as Record<string, number | boolean>), unit: READING_UNITS[r.kind],
          abnormal_enc: seal.abnormal(bad.map((b) => b.metric)),
        });
        if (!stored) { out.push({ id: r.id, status: 'duplicate', personId, abnormal: [], eventId: null }); continue; }
        stats.readings++;
        let eventId: string | null = null;
        if (bad.length) {
          // the event (事) is not sealed: it names no value and no finding, only where to look (the
          // readings, whose read is audited)
          eventId = await records.insertEventIn(tx, { path: person.path, district_code: person.district_code }, {
            kind: 'device_alarm', category: 'health_followup', title: `健康随访：${person.name}（健康小屋测量超出预警值）`.slice(0, 120),
            description: `健康小屋 ${serial} 于 ${r.measuredAt.toISOString()} 的测量超出本人预警值，具体数值请在该居民的健康监测数据中查看。请上门或电话随访。`, priority: 'high', slaHours: 48,
            personId, thingId: dev.thing_id,
          });
          await repo.setReadingEvent(tx, stored.id, eventId);
        }
        out.push({ id: r.id, status: 'stored', personId, abnormal: bad.map((b) => b.metric), eventId });
      }
      return { items: out };
    });
  }

  /** Moves open alerts past their time up one level (family → grid worker → emergency). */
  async function escalateDue(now = new Date()) {
    const moved = await withScope(db, systemScope('alert escalation'), async (tx) => {
      const due = await repo.dueAlerts(tx, now, 200);
      for (const a of due) {
        const level = Math.min(2, a.level + 1);
        const target = ALERT_TARGETS[level]!;
        const recipients = target === 'emergency'
          ? (await repo.contactsOf(tx, a.device_id)).filter((c) => c.role === 'emergency').map((c) => ({ personId: c.person_id, name: c.name }))
          : [];
        await repo.insertStep(tx, { alert_id: a.id, path: a.path, district_code: a.district_code, level, target, recipients });
        await repo.setEscalation(tx, a.id, level, level < 2 ? new Date(now.getTime() + settings.escalateMs) : null);
      }
      return due;
    });
    return moved.length;
  }

  /** Watches silent past the offline time go offline, with an alert (once per silence). */
  async function markOffline(now = new Date()) {
    const raised: repo.AlertRow[] = [];
    await withScope(db, systemScope('device offline check'), async (tx) => {
      for (const d of await repo.markOffline(tx, new Date(now.getTime() - settings.offlineMs))) {
        const dev = await repo.deviceBySerial(tx, (await repo.deviceById(tx, d.id))!.serial_no);
        const last = seal.openLastFix(d.last_fix_enc);
        const pos = last ? { lat: last.lat, lng: last.lng } : null;
        const a = dev ? await raiseIn(tx, dev, 'offline', d.last_seen_at.toISOString(), now, pos, { lastSeenAt: d.last_seen_at }) : null;
        if (a) raised.push(a);
      }
    });
    return raised.length;
  }

  /**
   * Retention (SECURITY.md): deletes raw fixes and kiosk readings older than their settings, in
   * batches of short transactions; alerts, with the position they were raised at, stay. Each
   * round that deleted anything is audited with its counts.
   */
  async function purgeExpired(now = new Date(), batch = 10_000) {
    const day = 86_400_000;
    const positionsBefore = new Date(now.getTime() - settings.positionRetentionDays * day);
    const readingsBefore = new Date(now.getTime() - settings.readingRetentionDays * day);
    const scope = systemScope('retention purge');
    let positions = 0;
    let readings = 0;
    for (let n = batch; n === batch;) positions += n = await withScope(db, scope, (tx) => repo.purgePositions(tx, positionsBefore, batch));
    for (let n = batch; n === batch;) readings += n = await withScope(db, scope, (tx) => repo.purgeReadings(tx, readingsBefore, batch));
    if (positions || readings) {
      await withScope(db, scope, (tx) => audit.recordIn(tx, {
        actor: null, action: 'device.purge', objectType: 'device_position',
        detail: { positions, readings, positionsBefore: positionsBefore.toISOString(), readingsBefore: readingsBefore.toISOString() },
      }));
    }
    return { positions, readings };
  }

  async function mustElder(tx: Queryable, personId: string, field: string) {
    const p = await repo.personPlace(tx, personId);
    if (!p) throw devicesError('PERSON_NOT_FOUND', { what: '老人', whatEn: 'The elder' }, field);
    const age = p.birth_date ? ageYears(p.birth_date) : null;
    if (age === null || age < 60) throw devicesError('NOT_AN_ELDER', {}, field);
    return p;
  }

  async function mustContacts(tx: Queryable, contacts: { role: string; personId: string }[]) {
    for (const [i, c] of contacts.entries()) {
      if (!(await repo.personPlace(tx, c.personId))) throw devicesError('PERSON_NOT_FOUND', { what: '联系人', whatEn: 'The contact' }, `contacts.${i}.personId`);
    }
  }

  async function deviceDetail(tx: Queryable, id: string, readBy?: Actor) {
    const d = await repo.deviceById(tx, id);
    if (!d) throw commonError('NOT_FOUND');
    const contacts = await repo.contactsOf(tx, id);
    // a watch's detail shows where its elder last was: one audit row per read, naming the elder
    if (readBy && d.person_id) {
      await audit.recordIn(tx, {
        actor: auditActor(readBy), action: 'device.position_read', ip: readBy.ip, objectType: 'person', objectId: d.person_id,
        detail: { deviceId: d.id, fields: ['lastFix'] },
      });
    }
    return { ...toDevice(d, seal), contacts: contacts.map((c) => ({ id: c.id, role: c.role, personId: c.person_id, name: c.name })) };
  }

  /** People whose data a list shows (ids only), for the one audit row of the read. */
  const personIdsOf = (rows: { person_id: string | null }[]) => [...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])))];

  const service = {
    live,
    stats,
    ingestReports,
    heartbeat,
    ingestReadings,
    escalateDue,
    markOffline,
    alertFeedReady,
    /**
     * A user opens the live feed (alerts and positions of the jurisdiction as they happen): one
     * audit row for the stream, since each event it carries is a location of someone.
     */
    async openLiveFeed(actor: Actor) {
      await run(actor, (tx) => audit.recordIn(tx, {
        actor: auditActor(actor), action: 'device.live_read', ip: actor.ip, objectType: 'device', detail: { fields: ['position', 'alert.position'] },
      }));
      await alertFeedReady();
    },
    purgeExpired,
    /** Stops the alert and position feeds (process shutdown). */
    async stop() {
      for (const off of [unlisten, unlistenPositions]) if (off) await (await off)();
      unlisten = undefined;
      unlistenPositions = undefined;
      await flushing;
      await flushingFixes;
    },
    /** Forgets cached device identities (a device was bound to another elder, or re-keyed). */
    forgetDevice: (serial: string) => cache.delete(serial),

    /**
     * The elder's fixes between `from` and `to` (oldest first) within `scope`; a person outside it
     * has none. A read of a location track: audited for a user's scope.
     */
    whereabouts: (scope: Scope, personId: string, from: Date, to: Date): Promise<Whereabout[]> =>
      withScope(db, scope, async (tx) => {
        const rows = await repo.fixesOf(tx, personId, from, to);
        if (scope.kind === 'user') {
          await audit.recordIn(tx, {
            actor: { id: scope.userId, name: null }, action: 'device.track_read', objectType: 'person', objectId: personId,
            detail: { from: from.toISOString(), to: to.toISOString(), fixes: rows.length, fields: ['track'] },
          });
        }
        return rows.map((r) => {
          const f = seal.openFix(r.fix_enc);
          return { time: r.fixed_at, lat: f.lat, lng: f.lng, accuracy: f.accuracy, valid: r.valid && r.source === 'gps' };
        });
      }),

    // ---- devices (things)
    list: (actor: Actor, q: { q?: string; kind?: string; status?: 'online' | 'offline'; jurisdictionId?: string; page: number; pageSize: number; sort: 'serial' | 'last_seen' | 'battery'; order: 'asc' | 'desc' }) =>
      run(actor, async (tx) => {
        const underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const r = await repo.listDevices(tx, { q: q.q, kind: q.kind, status: q.status, underPath, offset: (q.page - 1) * q.pageSize, limit: q.pageSize, sort: q.sort, order: q.order });
        // the list shows each watch's last fix: one audit row for the page, naming its elders
        const located = r.rows.filter((d) => d.person_id && d.last_fix_enc);
        if (located.length) {
          await audit.recordIn(tx, {
            actor: auditActor(actor), action: 'device.position_read', ip: actor.ip, objectType: 'device',
            detail: { fields: ['lastFix'], count: located.length, personIds: personIdsOf(located) },
          });
        }
        return { items: r.rows.map((d) => toDevice(d, seal)), total: r.total };
      }),
    get: (actor: Actor, id: string) => run(actor, (tx) => deviceDetail(tx, id, actor)),
    /** Registers a watch (bound to an elder, placed where the elder is) or a kiosk (placed at a node; its key is returned once). */
    create: (actor: Actor, i: { kind: 'watch' | 'kiosk'; serialNo: string; maker?: string; model?: string; name?: string; personId?: string; jurisdictionId?: string; lat?: number; lng?: number; contacts?: { role: 'family' | 'emergency'; personId: string }[] }) =>
      run(actor, async (tx) => {
        if (await repo.serialTaken(tx, i.serialNo)) throw devicesError('SERIAL_TAKEN', { serial: i.serialNo }, 'serialNo');
        let place: { path: string; district_code: string };
        let name = i.name;
        if (i.kind === 'watch') {
          if (!i.personId) throw devicesError('WATCH_NEEDS_ELDER', {}, 'personId');
          const p = await mustElder(tx, i.personId, 'personId');
          place = { path: p.path, district_code: p.district_code };
          name ??= `${p.name}的定位手表`;
        } else {
          if (!i.jurisdictionId) throw devicesError('KIOSK_NEEDS_PLACE', {}, 'jurisdictionId');
          place = await placeAt(tx, jurisdiction, i.jurisdictionId);
          name ??= '健康小屋';
        }
        await mustContacts(tx, i.contacts ?? []);
        const thingId = await records.insertThingIn(tx, place, { kind: i.kind, name: name.slice(0, 80), serialNo: i.serialNo, lat: i.lat, lon: i.lng });
        const key = i.kind === 'kiosk' ? crypto.randomBytes(24).toString('base64url') : null;
        const id = await repo.insertDevice(tx, {
          thing_id: thingId, ...place, kind: i.kind, serial_no: i.serialNo, maker: i.maker, model: i.model, person_id: i.kind === 'watch' ? i.personId : null,
          key_hash: key ? hashDeviceKey(key) : null,
        });
        await repo.replaceContacts(tx, { id, ...place }, i.contacts ?? []);
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'device.create', ip: actor.ip, objectType: 'device', objectId: id, detail: { kind: i.kind, serialNo: i.serialNo } });
        return { ...(await deviceDetail(tx, id)), deviceKey: key };
      }),
    update: (actor: Actor, id: string, p: { personId?: string; model?: string | null; contacts?: { role: 'family' | 'emergency'; personId: string }[]; rotateKey?: boolean; version: number }) =>
      run(actor, async (tx) => {
        const d = await repo.deviceById(tx, id);
        if (!d) throw commonError('NOT_FOUND');
        if (p.personId && d.kind === 'watch') await mustElder(tx, p.personId, 'personId');
        if (p.contacts) await mustContacts(tx, p.contacts);
        const key = p.rotateKey && d.kind === 'kiosk' ? crypto.randomBytes(24).toString('base64url') : null;
        const ok = await repo.updateDevice(tx, id, p.version, { person_id: d.kind === 'watch' ? p.personId : undefined, model: p.model, key_hash: key ? hashDeviceKey(key) : undefined });
        if (!ok) throw commonError('VERSION_CONFLICT');
        if (p.contacts) await repo.replaceContacts(tx, { id, path: d.path, district_code: d.district_code }, p.contacts);
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'device.update', ip: actor.ip, objectType: 'device', objectId: id, detail: { rotateKey: !!key } });
        cache.delete(d.serial_no);
        return { ...(await deviceDetail(tx, id)), deviceKey: key };
      }),

    // ---- an elder's position, track and safe zones
    /** The live map's data for one elder: watches with their last fix, zones, and the track of the window (audited). */
    elderMap: (actor: Actor, personId: string, from: Date, to: Date) =>
      run(actor, async (tx) => {
        const p = await repo.personPlace(tx, personId);
        if (!p) throw commonError('NOT_FOUND');
        const devices = (await repo.listDevices(tx, { personId, offset: 0, limit: 10, sort: 'last_seen', order: 'desc' })).rows;
        const zones = await repo.zonesOf(tx, [personId], false);
        const track = await repo.fixesOf(tx, personId, from, to, 5000);
        await audit.recordIn(tx, {
          actor: auditActor(actor), action: 'device.track_read', ip: actor.ip, objectType: 'person', objectId: personId,
          detail: { from: from.toISOString(), to: to.toISOString(), fixes: track.length, fields: ['track', 'lastFix'] },
        });
        return {
          person: { id: p.id, name: p.name },
          devices: devices.map((d) => toDevice(d, seal)),
          zones: zones.map(toZone),
          track: track.map((r) => {
            const f = seal.openFix(r.fix_enc);
            return { at: r.fixed_at, lat: f.lat, lng: f.lng, accuracy: f.accuracy, valid: r.valid, source: r.source };
          }),
        };
      }),
    addZone: (actor: Actor, i: { personId: string; name: string; shape: 'circle' | 'polygon'; center?: { lat: number; lng: number }; radiusM?: number; polygon?: { lat: number; lng: number }[]; fromMinute?: number; toMinute?: number }) =>
      run(actor, async (tx) => {
        const p = await repo.personPlace(tx, i.personId);
        if (!p) throw devicesError('PERSON_NOT_FOUND', { what: '老人', whatEn: 'The elder' }, 'personId');
        if (i.shape === 'circle' && (!i.center || !i.radiusM)) throw devicesError('ZONE_INVALID', { reason: '圆形区域须有圆心和半径', reasonEn: 'a circle needs a centre and a radius' }, 'center');
        if (i.shape === 'polygon' && (!i.polygon || i.polygon.length < 3)) throw devicesError('ZONE_INVALID', { reason: '多边形至少 3 个点', reasonEn: 'a polygon needs at least 3 points' }, 'polygon');
        if ((i.fromMinute === undefined) !== (i.toMinute === undefined)) throw devicesError('ZONE_INVALID', { reason: '时段须同时给出开始和结束', reasonEn: 'hours need both a start and an end' }, 'toMinute');
        const id = await repo.insertZone(tx, {
          person_id: p.id, path: p.path, district_code: p.district_code, name: i.name, shape: i.shape, center_lat: i.center?.lat, center_lng: i.center?.lng,
          radius_m: i.radiusM, polygon: i.shape === 'polygon' ? i.polygon : null, from_minute: i.fromMinute, to_minute: i.toMinute,
        });
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'device.zone_change', ip: actor.ip, objectType: 'safe_zone', objectId: id, detail: { personId: p.id, op: 'create' } });
        return toZone((await repo.zoneById(tx, id))!);
      }),
    /**
     * Changes a zone in place (name, hours, on/off, a circle's centre and radius, a polygon's
     * corners; not its shape) when `version` is still the stored one. A new outline or new hours
     * restart the exit debounce; ingestion reads the zone afresh with every batch, so the next
     * fix is weighed against the edited zone.
     */
    updateZone: (actor: Actor, id: string, p: ZonePatch) =>
      run(actor, async (tx) => {
        const z = await repo.zoneById(tx, id);
        if (!z) throw commonError('NOT_FOUND');
        const invalid = (reason: string, reasonEn: string, field: string) => devicesError('ZONE_INVALID', { reason, reasonEn }, field);
        if (z.shape === 'circle' && p.polygon) throw invalid('圆形区域不能设置顶点', 'a circle has no corners', 'polygon');
        if (z.shape === 'polygon' && p.center) throw invalid('多边形区域没有圆心，请拖动顶点', 'a polygon has no centre; move its corners', 'center');
        if (z.shape === 'polygon' && p.radiusM !== undefined) throw invalid('多边形区域没有半径', 'a polygon has no radius', 'radiusM');
        if ((p.fromMinute === undefined) !== (p.toMinute === undefined) || (p.fromMinute === null) !== (p.toMinute === null)) {
          throw invalid('时段须同时给出开始和结束（或同时清空为全天）', 'hours need both a start and an end (or neither, for all day)', p.fromMinute === undefined || p.fromMinute === null ? 'fromMinute' : 'toMinute');
        }
        const change: repo.ZoneChange = {
          name: p.name, center_lat: p.center?.lat, center_lng: p.center?.lng, radius_m: p.radiusM, polygon: p.polygon,
          from_minute: p.fromMinute, to_minute: p.toMinute, enabled: p.enabled,
        };
        const fields = Object.entries({ name: p.name, center: p.center, radiusM: p.radiusM, polygon: p.polygon, hours: p.fromMinute, enabled: p.enabled })
          .filter(([, v]) => v !== undefined).map(([k]) => k);
        const reset = fields.some((f) => f === 'center' || f === 'radiusM' || f === 'polygon' || f === 'hours');
        if (!(await repo.updateZone(tx, id, p.version, change, reset))) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, {
          actor: auditActor(actor), action: 'device.zone_change', ip: actor.ip, objectType: 'safe_zone', objectId: id,
          detail: { personId: z.person_id, op: 'update', fields, version: p.version, debounceReset: reset },
        });
        return toZone((await repo.zoneById(tx, id))!);
      }),
    /** Deletes a zone; with `version`, only if nobody changed it since it was read (409). */
    deleteZone: (actor: Actor, id: string, version?: number) =>
      run(actor, async (tx) => {
        const z = await repo.zoneById(tx, id);
        if (!z) throw commonError('NOT_FOUND');
        if (!(await repo.deleteZone(tx, id, version))) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'device.zone_change', ip: actor.ip, objectType: 'safe_zone', objectId: id, detail: { personId: z.person_id, op: 'delete', name: z.name } });
        return { ok: true as const };
      }),

    // ---- alerts
    alerts: (actor: Actor, q: { state?: string; kind?: string; personId?: string; jurisdictionId?: string; page: number; pageSize: number; order: 'asc' | 'desc' }) =>
      run(actor, async (tx) => {
        const underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const r = await repo.listAlerts(tx, { state: q.state, kind: q.kind, personId: q.personId, underPath, offset: (q.page - 1) * q.pageSize, limit: q.pageSize, order: q.order });
        await audit.recordIn(tx, {
          actor: auditActor(actor), action: 'device.alerts_read', ip: actor.ip, objectType: 'device_alert',
          detail: { count: r.rows.length, fields: ['position'], personIds: personIdsOf(r.rows) },
        });
        const counts = await repo.alertCounts(tx);
        return { items: r.rows.map((a) => toAlert(a, seal)), total: r.total, open: counts.filter((c) => c.state === 'open').reduce((n, c) => n + c.n, 0) };
      }),
    alert: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const a = await repo.alertById(tx, id);
        if (!a) throw commonError('NOT_FOUND');
        await audit.recordIn(tx, {
          actor: auditActor(actor), action: 'device.alerts_read', ip: actor.ip, objectType: 'device_alert', objectId: id,
          detail: { fields: ['position'], personIds: personIdsOf([a]) },
        });
        const steps = await repo.stepsOf(tx, id);
        return { ...toAlert(a, seal), steps: steps.map((s) => ({ level: s.level, target: s.target, recipients: s.recipients.map((x) => x.name), at: s.at })) };
      }),
    /** Acknowledges (stops escalation) or closes an alert with a note. */
    handleAlert: async (actor: Actor, id: string, state: 'acknowledged' | 'closed', p: { note?: string; version: number }) => {
      const row = await run(actor, async (tx) => {
        const a = await repo.alertById(tx, id);
        if (!a) throw commonError('NOT_FOUND');
        if (!(await repo.setAlertState(tx, id, p.version, state, actor.userId, p.note ?? null))) throw devicesError('ALERT_NOT_OPEN');
        // the answer shows the alert's position: this row (the change) also records that read
        await audit.recordIn(tx, {
          actor: auditActor(actor), action: state === 'closed' ? 'device.alert_close' : 'device.alert_ack', ip: actor.ip, objectType: 'device_alert', objectId: id,
          detail: { fields: ['position'], personIds: personIdsOf([a]) },
        });
        return (await repo.alertById(tx, id))!;
      });
      return toAlert(row, seal);
    },

    // ---- health readings
    readings: (actor: Actor, personId: string, days: number) =>
      run(actor, async (tx) => {
        if (!(await repo.personPlace(tx, personId))) throw commonError('NOT_FOUND');
        const rows = await repo.readingsOf(tx, personId, new Date(Date.now() - days * 86_400_000), 500);
        await audit.recordIn(tx, {
          actor: auditActor(actor), action: 'device.readings_read', ip: actor.ip, objectType: 'person', objectId: personId,
          detail: { count: rows.length, fields: ['values', 'abnormal', 'thresholds'] },
        });
        const own = await repo.thresholdsOf(tx, personId);
        return {
          items: rows.map((r) => ({
            id: r.id, kind: r.kind, measuredAt: r.measured_at, values: seal.openMeasures(r.measures_enc), unit: r.unit, abnormal: seal.openAbnormal(r.abnormal_enc), eventId: r.event_id,
          })),
          thresholds: own.map((t) => ({ metric: t.metric, ...seal.openLimits(t.limits_enc) })),
        };
      }),
    setThreshold: (actor: Actor, personId: string, t: { metric: Metric; low: number | null; high: number | null }) =>
      run(actor, async (tx) => {
        const p = await repo.personPlace(tx, personId);
        if (!p) throw commonError('NOT_FOUND');
        await repo.upsertThreshold(tx, { person_id: personId, metric: t.metric, path: p.path, district_code: p.district_code, limits_enc: seal.limits(t) });
        await audit.recordIn(tx, { actor: auditActor(actor), action: 'device.threshold_change', ip: actor.ip, objectType: 'person', objectId: personId, detail: { metric: t.metric } });
        return { metric: t.metric, low: t.low, high: t.high };
      }),

    /** The person 360° card: watch and zone status, latest readings (registered by the registry's panel slot). */
    personPanel: async (tx: Queryable, personId: string, reader: Actor) => {
      const watch = (await repo.listDevices(tx, { personId, kind: 'watch', offset: 0, limit: 1, sort: 'last_seen', order: 'desc' })).rows[0];
      const readings = await repo.readingsOf(tx, personId, new Date(Date.now() - 90 * 86_400_000), 50);
      if (!watch && !readings.length) return null;
      const zones = await repo.zonesOf(tx, [personId]);
      const items: { label: string; labelEn: string; value: string }[] = [];
      if (watch) {
        items.push({ label: '定位手表', labelEn: 'GPS watch', value: `${watch.serial_no} · ${watch.online ? '在线 online' : '离线 offline'}${watch.battery !== null ? ` · ${watch.battery}%` : ''}` });
        items.push({ label: '最近定位', labelEn: 'Last fix', value: watch.last_fix_at ? watch.last_fix_at.toISOString() : '—' });
        items.push({ label: '安全区域', labelEn: 'Safe zones', value: zones.length ? zones.map((z) => `${z.name}${z.exited ? '（已离开 outside）' : '（在内 inside）'}`).join('，') : '—' });
      }
      const latest = new Map<string, repo.ReadingRow>();
      for (const r of readings) if (!latest.has(r.kind)) latest.set(r.kind, r);
      const show: Record<string, (m: Record<string, number | boolean>) => string> = {
        blood_pressure: (m) => `${m.systolic}/${m.diastolic} mmHg`, glucose: (m) => `${m.glucose} mmol/L${m.fasting ? '（空腹 fasting）' : ''}`,
        weight: (m) => `${m.weightKg} kg${m.bmi !== undefined ? ` · BMI ${m.bmi}` : ''}`, temperature: (m) => `${m.temperature} ℃`, spo2: (m) => `${m.spo2} %`,
      };
      const names: Record<string, [string, string]> = { blood_pressure: ['血压', 'Blood pressure'], glucose: ['血糖', 'Glucose'], weight: ['体重', 'Weight'], temperature: ['体温', 'Temperature'], spo2: ['血氧', 'SpO2'] };
      // the card opens the latest readings (health data): one audit row of its own names them
      if (latest.size) {
        await audit.recordIn(tx, {
          actor: auditActor(reader), action: 'device.readings_read', ip: reader.ip, objectType: 'person', objectId: personId,
          detail: { purpose: 'overview', count: latest.size, kinds: [...latest.keys()], fields: ['values', 'abnormal'] },
        });
      }
      for (const [kind, r] of latest) {
        const abnormal = seal.openAbnormal(r.abnormal_enc);
        items.push({ label: names[kind]![0], labelEn: names[kind]![1], value: `${show[kind]!(seal.openMeasures(r.measures_enc))}${abnormal.length ? ' ⚠' : ''} · ${r.measured_at.toISOString().slice(0, 10)}` });
      }
      return { key: 'devices', title: '智能设备与健康监测', titleEn: 'Devices and health readings', items };
    },
  };
  deps.relations.registerPersonPanel((tx, personId, reader) => service.personPanel(tx, personId, reader));
  return service;
}

/**
 * A fix the schema can no longer check (its coordinates are sealed): latitude and longitude on
 * the globe, a non-negative accuracy. Ingestion checks it before sealing; one that fails is counted
 * as malformed and kept only as a sign of life.
 */
export function fixInRange(r: { lat: number; lng: number; accuracy: number | null }): boolean {
  return Number.isFinite(r.lat) && Number.isFinite(r.lng) && Math.abs(r.lat) <= 90 && Math.abs(r.lng) <= 180 && (r.accuracy === null || (Number.isFinite(r.accuracy) && r.accuracy >= 0));
}

function ageYears(birth: string): number {
  const [y, m, d] = today().split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
