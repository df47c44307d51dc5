import crypto from 'node:crypto';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database, Queryable } from '../db/database.js';
import { systemScope, withScope } from '../db/scope.js';
import { distanceBreach, type ExceptionKind, missingPhotos, reusedFrom, tooShort } from '../modules/care/care.evv.js';
import { FIX_COLUMNS, sealFix, sealNeeds } from '../modules/care/care.sealed.js';
import { generatedPhoto, phashOf } from '../modules/care/care.photos.js';
import * as accounts from '../modules/accounts/accounts.repository.js';
import * as care from '../modules/care/care.repository.js';
import { cstInstant, planDates } from '../modules/care/care.schedule.js';
import * as jurisdictionRepo from '../modules/jurisdiction/jurisdiction.repository.js';
import { insertRow } from '../modules/registry/registry.repository.js';
import type { Services } from '../services.js';
import { today } from '../shared/dates.js';
import { DEMO_PASSWORD } from './demo.js';

/** Demo accounts of the care providers (demo mode only, password DEMO_PASSWORD); `caregiver` is a foundation demo account. */
export const CARE_DEMO_ACCOUNTS = [
  { username: 'provider', displayName: '黄建华（颐康养老调度员）', role: 'care_provider', node: '510903', kind: 'dispatcher', provider: 0 },
  { username: 'caregiver2', displayName: '杨秀兰（护理员）', role: 'caregiver', node: '510903', kind: 'caregiver', provider: 0 },
  { username: 'caregiver3', displayName: '何春梅（护理员）', role: 'caregiver', node: '510904', kind: 'caregiver', provider: 1 },
] as const;

const PROVIDERS = [
  { name: '遂宁市船山区颐康居家养老服务中心', district: '510903', community: '510903001001' },
  { name: '遂宁市安居区康乐居家养老服务中心', district: '510904', community: '510904001001' },
];
const ELDERS_PER_DISTRICT = 30;
const DAYS_BACK = 28;
const DAYS_AHEAD = 7;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A point `m` metres from another in a direction. */
const offset = (p: { lat: number; lon: number }, m: number, angle: number) => ({
  lat: p.lat + (m * Math.sin(angle)) / 111_195, lon: p.lon + (m * Math.cos(angle)) / (111_195 * Math.cos((p.lat * Math.PI) / 180)),
});

/**
 * 居家养老服务 demo: two providers (registered organisations) with a dispatcher and caregivers, plans
 * for elders of the pilot districts, and their orders from four weeks ago to a week ahead: past
 * visits carried out (positions, small generated photos, ratings) and checked by the EVV rules —
 * some too far, too short, without a photo or with a reused one — older exceptions resolved;
 * today's visits dispatched to the `caregiver` demo account. Positions are sealed with the field
 * cipher, as the service stores them. Runs once.
 */
export async function seedCareDemo(db: Database, services: Services, cipher: FieldCipher): Promise<{ providers: number; plans: number; orders: number; photos: number; exceptions: number } | null> {
  if (await withScope(db, systemScope('care demo seed'), (tx) => care.anyProvider(tx))) return null;
  const users = new Map<string, string>();
  for (const a of CARE_DEMO_ACCOUNTS) {
    const node = await withScope(db, systemScope('care demo seed'), (tx) => jurisdictionRepo.byCode(tx, a.node, today()));
    if (!node) return null;
    const u = await services.users.createAsSystem({ username: a.username, displayName: a.displayName, password: DEMO_PASSWORD, roleCodes: [a.role], jurisdictionIds: [node.id] }, { mustChangePassword: false });
    users.set(a.username, u.id);
  }
  const account = (username: string) => withScope(db, systemScope('care demo seed'), async (tx) => (await accounts.findLoginByUsername(tx, username))?.id);
  const caregiver = await account('caregiver');
  const staff = (await account('eldercare')) ?? users.get('provider')!;
  const r = rng(5109_2026);
  const counts = { providers: 0, plans: 0, orders: 0, photos: 0, exceptions: 0 };
  const services_ = await withScope(db, systemScope('care demo seed'), (tx) => care.services(tx));
  const byCode = new Map(services_.map((s) => [s.code, s]));

  await withScope(db, systemScope('care demo seed'), async (tx) => {
    const hashes: { orderId: string; photoId: string; phash: string; seed: number }[] = [];
    for (const [pi, p] of PROVIDERS.entries()) {
      const community = await jurisdictionRepo.byCode(tx, p.community, today());
      const district = await jurisdictionRepo.byCode(tx, p.district, today());
      if (!community || !district) continue;
      const org = await insertRow(tx, 'organization', { path: community.path, district_code: p.district, name: p.name, type: 'social_org', address: `${community.name}社区服务中心二楼` });
      const providerId = await care.insertProvider(tx, { path: community.path, district_code: p.district, organization_id: org, service_area: [district.path], tolerance_m: 300, min_duration_share: 0.5 });
      counts.providers++;
      const team = [
        ...(pi === 0 && caregiver ? [caregiver] : []),
        ...CARE_DEMO_ACCOUNTS.filter((a) => a.provider === pi && a.kind === 'caregiver').map((a) => users.get(a.username)!),
      ];
      for (const a of CARE_DEMO_ACCOUNTS.filter((x) => x.provider === pi)) await care.insertStaff(tx, { provider_id: providerId, user_id: users.get(a.username)!, kind: a.kind, path: community.path });
      if (pi === 0 && caregiver) await care.insertStaff(tx, { provider_id: providerId, user_id: caregiver, kind: 'caregiver', path: community.path });

      const elders = await care.eldersWithHome(tx, district.path, ELDERS_PER_DISTRICT);
      for (const [ei, e] of elders.entries()) {
        const codes = r.chance(0.5) ? [r.pick(['meal', 'cleaning', 'daily_care', 'company'])] : ['meal', r.pick(['bath', 'cleaning', 'medical', 'rehab', 'company'])];
        const from = addDays(today(), -DAYS_BACK);
        const to = addDays(today(), DAYS_AHEAD);
        const planId = await care.insertPlan(tx, {
          path: e.path, district_code: e.district_code, person_id: e.id, provider_id: providerId, level: r.int(1, 4), needs_enc: sealNeeds(cipher, codes.includes('meal') ? ['meals'] : ['housework']),
          period_from: from, period_to: to, notes: null, created_by: users.get('provider')!,
        });
        for (const code of codes) {
          const days = [1, 2, 3, 4, 5, 6, 7].filter(() => r.chance(0.4));
          await care.insertPlanItem(tx, { plan_id: planId, path: e.path, service_code: code, weekdays: days.length ? days : [r.int(1, 7)], start_time: `${String(r.int(8, 16)).padStart(2, '0')}:${r.pick(['00', '30'])}` });
        }
        counts.plans++;
        const plan = (await care.planById(tx, planId))!;
        // today's visits of the first elders go to the `caregiver` demo account (its phone page is not empty)
        const worker = pi === 0 && ei < 6 && caregiver ? caregiver : team[ei % team.length]!;
        const home = { lat: e.lat, lon: e.lon };
        const rows: (care.NewOrder & Record<string, unknown>)[] = [];
        const plannedPhotos: { key: string; stage: 'check_in' | 'check_out'; seed: number; at: Date; lat: number; lon: number }[] = [];
        const found = new Map<string, { kind: ExceptionKind; detail: Record<string, unknown> }[]>();
        for (const item of plan.items) {
          const s = byCode.get(item.serviceCode)!;
          for (const date of planDates(from, to, item.weekdays)) {
            const scheduledAt = cstInstant(date, item.startTime);
            const base = {
              path: e.path, district_code: e.district_code, plan_id: planId, plan_item_id: item.id, person_id: e.id, provider_id: providerId,
              service_code: s.code, scheduled_date: date, scheduled_at: scheduledAt, duration_min: s.duration_min,
            };
            const key = `${item.id}:${date}`;
            if (date > today()) { rows.push({ ...base, ...(r.chance(0.5) ? { caregiver_id: worker, status: 'dispatched' } : {}) }); continue; }
            if (date === today()) { rows.push({ ...base, caregiver_id: worker, status: 'dispatched' }); continue; }
            if (r.chance(0.03)) { rows.push({ ...base, caregiver_id: worker, status: 'cancelled', cancel_reason: r.pick(['老人住院', '老人外出探亲', '家属临时取消']) }); continue; }
            const checkIn = new Date(scheduledAt.getTime() + r.int(-10, 15) * 60_000);
            const share = r.chance(0.04) ? 0.2 + r.next() * 0.2 : 0.9 + r.next() * 0.4;
            const checkOut = new Date(checkIn.getTime() + Math.round(s.duration_min * share) * 60_000);
            const inAt = r.chance(0.07) ? offset(home, r.int(450, 900), r.next() * 6.28) : offset(home, r.int(0, 60), r.next() * 6.28);
            const outAt = offset(home, r.int(0, 60), r.next() * 6.28);
            const rated = r.chance(0.85);
            rows.push({
              ...base, caregiver_id: worker, status: 'completed', check_in_at: checkIn, check_in_fix_enc: sealFix(cipher, FIX_COLUMNS.checkIn, { ...inAt, accuracy: r.int(5, 30) }),
              check_out_at: checkOut, check_out_fix_enc: sealFix(cipher, FIX_COLUMNS.checkOut, { ...outAt, accuracy: r.int(5, 30) }),
              tasks_done: s.tasks.filter(() => r.chance(0.9)),
              ...(rated ? { rating: r.pick([3, 4, 4, 5, 5, 5]), rating_comment: r.chance(0.3) ? r.pick(['服务很细心', '准时到达', '态度很好', '希望多陪老人聊聊天']) : null, confirmed_by: r.chance(0.7) ? 'elder' : 'family', confirmed_at: checkOut } : {}),
            });
            const stages: string[] = [];
            for (const stage of ['check_in', 'check_out'] as const) {
              if (stage === 'check_out' && r.chance(0.03)) continue;
              stages.push(stage);
              plannedPhotos.push({ key, stage, seed: r.int(1, 2 ** 30), at: stage === 'check_in' ? checkIn : checkOut, ...(stage === 'check_in' ? inAt : outAt) });
            }
            const f: { kind: ExceptionKind; detail: Record<string, unknown> }[] = [];
            const far = distanceBreach(inAt, home, 300);
            if (far) f.push({ kind: 'check_in_distance', detail: far });
            const short = tooShort(checkIn, checkOut, s.duration_min, 0.5);
            if (short) f.push({ kind: 'too_short', detail: short });
            const missing = missingPhotos(stages);
            if (missing.length) f.push({ kind: 'missing_photo', detail: { stages: missing } });
            if (f.length) found.set(key, f);
          }
        }
        const inserted = await care.insertOrdersAsDone(tx, rows.map((o) => (found.has(`${o.plan_item_id}:${o.scheduled_date}`) ? { ...o, evv_status: 'exception' } : o.status === 'completed' ? { ...o, evv_status: 'verified' } : o)));
        counts.orders += inserted.length;
        const orderOf = new Map(inserted.map((o) => [`${o.plan_item_id}:${o.scheduled_date}`, o.id]));
        const made: { ph: (typeof plannedPhotos)[number]; orderId: string; bytes: Buffer; phash: string; reuse: (typeof hashes)[number] | null }[] = [];
        for (const ph of plannedPhotos) {
          // now and then a picture of an earlier visit is sent again
          let reuse = hashes.length > 20 && r.chance(0.01) ? r.pick(hashes) : null;
          let bytes = await generatedPhoto(reuse ? reuse.seed : ph.seed, { width: 96, height: 72, quality: reuse ? 55 : 70 });
          if (made.some((m) => m.bytes.equals(bytes))) {
            reuse = null;
            bytes = await generatedPhoto(ph.seed, { width: 96, height: 72, quality: 70 });
          }
          made.push({ ph, orderId: orderOf.get(ph.key)!, bytes, phash: await phashOf(bytes), reuse });
        }
        const ids = await services.survey.storeWholeIn(tx, { userId: worker }, made.map((m) => ({ bytes: m.bytes, mime: 'image/jpeg', path: e.path, districtCode: e.district_code })));
        const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
        await care.insertPhotos(tx, made.map((m) => ({
          id: ids.get(sha(m.bytes))!, path: e.path, district_code: e.district_code, order_id: m.orderId, stage: m.ph.stage, sha256: sha(m.bytes),
          taken_at: m.ph.at.toISOString(), fix_enc: sealFix(cipher, FIX_COLUMNS.photo, m.ph), phash: m.phash,
        })));
        for (const m of made) {
          const photoId = ids.get(sha(m.bytes))!;
          counts.photos++;
          if (m.reuse) {
            const list = found.get(m.ph.key) ?? [];
            list.push({ kind: 'photo_reused', detail: { photoId, matches: reusedFrom(m.phash, [m.reuse]) } });
            found.set(m.ph.key, list);
          }
          hashes.push({ orderId: m.orderId, photoId, phash: m.phash, seed: m.ph.seed });
        }
        for (const [key, list] of found) {
          const orderId = orderOf.get(key)!;
          const o = rows.find((x) => `${x.plan_item_id}:${x.scheduled_date}` === key)!;
          for (const x of list) {
            const id = await care.raiseException(tx, { path: e.path, district_code: e.district_code, order_id: orderId, provider_id: providerId, day: o.scheduled_date, kind: x.kind, detail: x.detail });
            counts.exceptions++;
            if (id && o.scheduled_date < addDays(today(), -7) && r.chance(0.7)) await resolveDemo(tx, id, staff, x.kind, r.next());
          }
          await care.updateOrder(tx, orderId, 1, { evv_status: 'exception' });
        }
      }
    }
  });
  return counts;
}

/** An older exception resolved as staff would: a reason, a resolution and a note. */
async function resolveDemo(tx: Queryable, id: string, by: string, kind: ExceptionKind, x: number) {
  const [reason, resolution, note] =
    kind === 'check_in_distance' ? (x < 0.6 ? ['gps_drift', 'accepted', '电话回访老人，确认护理员已上门，定位漂移'] : ['elder_outside', 'accepted', '老人在小区花园接受服务，已核实'])
      : kind === 'too_short' ? ['staff_error', 'revisit', '服务时长不足，已安排补服务并约谈护理员']
        : kind === 'missing_photo' ? ['network', 'accepted', '现场网络不佳照片未上传，老人电话确认已服务']
          : ['fraud_suspected', 'not_billed', '照片与其他服务重复，本次服务不予结算'];
  await care.resolveException(tx, id, 1, { reason_code: reason, resolution_code: resolution, note, resolved_by: by });
}
