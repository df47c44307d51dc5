import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import { systemScope, withScope } from '../db/scope.js';
import * as repo from '../modules/devices/devices.repository.js';
import { hashDeviceKey, type WatchReportIn } from '../modules/devices/devices.service.js';
import type { Services } from '../services.js';
import { today } from '../shared/dates.js';

/** 电江路社区, where the demo worker and grid accounts work. */
const DEMO_COMMUNITY = '510903001001';
const FALLBACK = { lat: 30.5128, lng: 105.5936 };
const WATCHES = 20;

/**
 * Demo devices: 20 watches bound to the community's elders, each with a 300 m safe zone around
 * home and the last hour's track (sent through the real ingestion, so two who wandered off and one
 * SOS show as alerts), and one health kiosk with two weeks of readings for five of them.
 */
export async function seedDevicesDemo(db: Database, services: Services): Promise<{ watches: number; kiosks: number; positions: number; readings: number } | null> {
  const scope = systemScope('devices demo seed');
  const kioskKey = crypto.randomBytes(24).toString('base64url');
  const placed = await withScope(db, scope, async (tx) => {
    if ((await repo.countDevices(tx)) > 0) return null;
    const path = await repo.pathOfCode(tx, DEMO_COMMUNITY);
    if (!path) return null;
    const year = Number(today().slice(0, 4));
    const elders = await repo.eldersWithoutWatch(tx, path, `${year - 62}-01-01`, WATCHES);
    const watches: { serial: string; personId: string; home: { lat: number; lng: number } }[] = [];
    for (const [i, e] of elders.entries()) {
      const p = (await repo.personPlace(tx, e.id))!;
      const place = { path: p.path, district_code: p.district_code };
      const serial = `86${String(100000000 + i * 7919).padStart(13, '0')}`;
      const home = e.lat !== null && e.lng !== null ? { lat: e.lat, lng: e.lng } : { lat: FALLBACK.lat + (i % 5) * 0.0012, lng: FALLBACK.lng + Math.floor(i / 5) * 0.0012 };
      const thingId = await services.records.insertThingIn(tx, place, { kind: 'watch', name: `${e.name}的定位手表`, serialNo: serial, lat: home.lat, lon: home.lng });
      await repo.insertDevice(tx, { thing_id: thingId, ...place, kind: 'watch', serial_no: serial, maker: '3G', model: 'Q50 老人定位手表', person_id: e.id, firmware: 'G36_V1.3' });
      await repo.insertZone(tx, { person_id: e.id, ...place, name: '家附近', shape: 'circle', center_lat: home.lat, center_lng: home.lng, radius_m: 300 });
      if (i === 0) await repo.insertZone(tx, { person_id: e.id, ...place, name: '夜间在家', shape: 'circle', center_lat: home.lat, center_lng: home.lng, radius_m: 80, from_minute: 21 * 60, to_minute: 6 * 60 });
      watches.push({ serial, personId: e.id, home });
    }
    const kioskSerial = 'JKXW-DJL-001';
    const thingId = await services.records.insertThingIn(tx, { path, district_code: path.split('.')[1]! }, { kind: 'kiosk', name: '电江路社区健康小屋', serialNo: kioskSerial, lat: FALLBACK.lat, lon: FALLBACK.lng });
    await repo.insertDevice(tx, { thing_id: thingId, path, district_code: path.split('.')[1]!, kind: 'kiosk', serial_no: kioskSerial, model: '健康一体机 HC-6', key_hash: hashDeviceKey(kioskKey) });
    return { watches, kioskSerial };
  });
  if (!placed) return null;
  // the last hour's track of each watch: most stay near home, two wander off, one presses SOS
  const now = Date.now();
  const reports: WatchReportIn[] = [];
  const M = 1 / 111_195;
  for (const [i, w] of placed.watches.entries()) {
    const wander = i === 3 || i === 11;
    for (let k = 0; k < 12; k++) {
      const out = wander ? Math.max(0, k - 4) * 90 : 0;
      const angle = (i * 37 + k * 23) * (Math.PI / 180);
      const r = (wander ? out : 40 + ((i * 13 + k * 7) % 120)) * M;
      reports.push({
        serial: w.serial, fixedAt: new Date(now - (60 - k * 5) * 60_000), valid: k % 6 !== 5, source: k % 6 === 5 ? 'cell' : 'gps',
        lat: w.home.lat + r * Math.sin(angle), lng: w.home.lng + (r * Math.cos(angle)) / Math.cos((w.home.lat * Math.PI) / 180),
        accuracy: k % 6 === 5 ? 600 : 12, battery: i === 7 ? 12 : 90 - k, satellites: 8,
        flags: i === 15 && k === 11 ? { sos: true } : undefined,
      });
    }
  }
  const stored = await services.devices.ingestReports(reports);
  // two weeks of kiosk readings for five elders (one blood pressure high enough for a follow-up)
  const readings = placed.watches.slice(0, 5).flatMap((w, i) =>
    Array.from({ length: 6 }, (_, d) => {
      const at = new Date(now - (14 - d * 2.5) * 86_400_000);
      const systolic = 128 + i * 6 + ((d * 7) % 11) + (i === 2 && d === 5 ? 40 : 0);
      return [
        { id: `demo-${i}-${d}-bp`, qr: `LINLI:P:${w.personId}`, kind: 'blood_pressure' as const, measuredAt: at, values: { systolic, diastolic: 78 + ((d * 3) % 9), pulse: 72 + d } },
        { id: `demo-${i}-${d}-glu`, qr: `LINLI:P:${w.personId}`, kind: 'glucose' as const, measuredAt: new Date(at.getTime() + 120_000), values: { glucose: 5.2 + ((i + d) % 5) * 0.3, fasting: true } },
      ];
    }).flat(),
  );
  const r = await services.devices.ingestReadings(placed.kioskSerial, kioskKey, readings);
  return { watches: placed.watches.length, kiosks: 1, positions: stored.stored, readings: r.items.length };
}
