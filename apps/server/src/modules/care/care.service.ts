import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database, Queryable } from '../../db/database.js';
import { type Scope, withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { today } from '../../shared/dates.js';
import { AppError, commonError } from '../../shared/errors.js';
import type { AuditAction } from '../audit/audit.actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UsersService } from '../accounts/users.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import * as people from '../registry/people.repository.js';
import { filterPath } from '../registry/placement.js';
import * as records from '../registry/records.repository.js';
import { decodeCursor, encodeCursor } from '../registry/registry.repository.js';
import type { RelationsService } from '../registry/relations.service.js';
import type { SurveyService } from '../survey/survey.service.js';
import { careError } from './care.errors.js';
import { distanceBreach, EXCEPTION_KINDS, elsewhere, type ExceptionKind, type Fix, impossibleTravel, missingPhotos, overlapping, reusedFrom, tooShort } from './care.evv.js';
import { FIX_COLUMNS, NEEDS_COLUMN, openFix, openNeeds, sealFix, sealNeeds } from './care.sealed.js';
import { phashOf } from './care.photos.js';
import * as repo from './care.repository.js';
import { cstInstant, planDates } from './care.schedule.js';
import type { OrderStatus, StepInput } from './care.schema.js';

/**
 * What care needs from the modules beside it, as functions: the elder's ability level (elder
 * module, GB/T 42195) and the elder's watch fixes (devices module). Passed in by `services.ts`.
 */
export interface CarePorts {
  /** 能力等级 0–4 of the elder's latest assessment, or null when never assessed. */
  levelOf(scope: Scope, personId: string): Promise<number | null>;
  /** The elder's watch positions between two instants (none without a watch). */
  whereabouts(scope: Scope, personId: string, from: Date, to: Date): Promise<Fix[]>;
}

const STATE_NAMES: Record<OrderStatus, [string, string]> = {
  pending: ['待派单', 'pending'], dispatched: ['已派单', 'dispatched'], in_progress: ['服务中', 'in progress'], completed: ['已完成', 'completed'], cancelled: ['已取消', 'cancelled'],
};
const stateError = (state: OrderStatus, action: string, actionEn: string) =>
  careError('ORDER_STATE', { state: STATE_NAMES[state][0], stateEn: STATE_NAMES[state][1], action, actionEn });

/** A path lies in an area: the node itself or below it. */
const inArea = (path: string, area: readonly string[]) => area.some((a) => path === a || path.startsWith(`${a}.`));

const ageOn = (birth: string, day: string) => {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

export type CareService = ReturnType<typeof createCareService>;

/**
 * 居家养老服务 — providers, the catalogue, care plans and the orders generated from them,
 * dispatch, the caregiver's visit steps and photos, the EVV checks that raise exceptions, their
 * resolution, and the supervision figures.
 */
export function createCareService(deps: {
  db: Database; audit: AuditService; jurisdiction: JurisdictionService; users: UsersService; relations: RelationsService; survey: SurveyService; ports: CarePorts;
  /** Seals and opens the visit's positions (`care.sealed.ts`). */
  cipher: FieldCipher;
}) {
  const { db, audit, jurisdiction, survey, ports, cipher } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const record = (tx: Queryable, actor: Actor, action: AuditAction, objectType: string, objectId: string | null, detail?: Record<string, unknown>) =>
    audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action, objectType, objectId, ...(detail ? { detail } : {}) });

  /** Whose orders the caller sees in their jurisdiction: staff and officials all, a dispatcher their providers', a caregiver their own. */
  async function viewOf(tx: Queryable, actor: Actor): Promise<repo.OrderView> {
    if (actor.permissions.has('care.manage')) return { providerIds: null, caregiverId: null };
    if (actor.permissions.has('care.dispatch')) return { providerIds: await repo.membership(tx, actor.userId, 'dispatcher'), caregiverId: null };
    if (actor.permissions.has('care.read')) return { providerIds: null, caregiverId: null };
    return { providerIds: null, caregiverId: actor.userId };
  }
  /** The caller's own visits only (the phone's calls, whatever else the caller may do). */
  const ownVisits = (actor: Actor): repo.OrderView => ({ providerIds: null, caregiverId: actor.userId });

  const toService = (s: repo.ServiceRow) => ({
    code: s.code, name: s.name, nameEn: s.name_en, durationMin: s.duration_min, tasks: s.tasks, priceCents: s.price_cents, active: s.active, version: s.version,
  });

  async function toProvider(tx: Queryable, p: repo.ProviderRow) {
    const area = await areaNodes(tx, p.service_area);
    return {
      id: p.id, organizationId: p.organization_id, name: p.name, creditCode: p.credit_code, serviceArea: area,
      toleranceM: p.tolerance_m, minDurationShare: Number(p.min_duration_share), active: p.active, caregivers: p.caregivers, version: p.version,
    };
  }

  /** The service area's nodes by path, with their names (a node out of the reader's sight shows its path). */
  async function areaNodes(tx: Queryable, paths: string[]) {
    const named = await repo.nodesAt(tx, paths);
    return paths.map((path) => ({ id: named.get(path)?.id ?? '', name: named.get(path)?.name ?? path, path }));
  }

  const toPlan = (p: repo.PlanRow) => ({
    id: p.id, personId: p.person_id, personName: p.person_name, providerId: p.provider_id, providerName: p.provider_name, level: p.level, needs: openNeeds(cipher, p.needs_enc),
    periodFrom: p.period_from, periodTo: p.period_to, status: p.status, notes: p.notes, items: p.items, orders: p.orders, version: p.version, createdAt: p.created_at,
    endedOn: p.ended_on, endReason: p.end_reason, endedAt: p.ended_at, endedByName: p.ended_by_name,
  });

  const toSummary = (o: repo.OrderRow) => ({
    id: o.id, personId: o.person_id, personName: o.person_name, providerId: o.provider_id, providerName: o.provider_name ?? '',
    serviceCode: o.service_code, serviceName: o.service_name, scheduledAt: o.scheduled_at, durationMin: o.duration_min,
    caregiverId: o.caregiver_id, caregiverName: o.caregiver_name, status: o.status, evvStatus: o.evv_status, rating: o.rating, exceptions: o.exceptions, version: o.version,
  });

  const toException = (x: repo.ExceptionRow) => ({
    id: x.id, orderId: x.order_id, kind: x.kind as ExceptionKind, detail: x.detail, status: x.status, reasonCode: x.reason_code, resolutionCode: x.resolution_code,
    note: x.note, resolvedByName: x.resolved_by_name, resolvedAt: x.resolved_at, createdAt: x.created_at, version: x.version, day: x.day,
    providerId: x.provider_id, providerName: x.provider_name ?? '', personName: x.person_name, serviceName: x.service_name, caregiverName: x.caregiver_name,
  });

  /** Stores what the checks found; each kind once per visit. The visit is marked as having an exception. */
  async function raise(tx: Queryable, o: repo.OrderRow, found: { kind: ExceptionKind; detail: Record<string, unknown> }[]) {
    for (const f of found) {
      await repo.raiseException(tx, { path: o.path, district_code: o.district_code, order_id: o.id, provider_id: o.provider_id, day: o.scheduled_date, kind: f.kind, detail: f.detail });
    }
  }

  async function orderOr404(tx: Queryable, id: string, view: repo.OrderView, lock = false) {
    const o = await repo.orderById(tx, id, view, lock);
    if (!o) throw commonError('NOT_FOUND');
    return o;
  }

  /**
   * The caregiver's last recorded position before a time at another visit — its check-out if
   * made by then, else its check-in — opened here (the fixes are sealed), for the travel rule.
   */
  async function lastPositionBefore(tx: Queryable, caregiverId: string, orderId: string, at: Date) {
    const v = await repo.lastVisitBefore(tx, caregiverId, orderId, at);
    if (!v) return null;
    const out = v.check_out_at && v.check_out_at <= at ? openFix(cipher, FIX_COLUMNS.checkOut, v.check_out_fix_enc) : null;
    const fix = out ?? openFix(cipher, FIX_COLUMNS.checkIn, v.check_in_fix_enc)!;
    return { orderId: v.order_id, at: out ? v.check_out_at! : v.check_in_at, lat: fix.lat, lon: fix.lon, column: out ? FIX_COLUMNS.checkOut : FIX_COLUMNS.checkIn };
  }

  /** The visit's state after a step, with the kinds of exception it carries. */
  async function stepResult(tx: Queryable, orderId: string, kind: string, replayed: boolean) {
    const o = await repo.orderById(tx, orderId, { providerIds: null, caregiverId: null });
    const kinds = (await repo.exceptionsOfOrder(tx, orderId)).map((x) => x.kind as ExceptionKind);
    return { orderId, kind, replayed, status: o!.status, version: o!.version, exceptions: EXCEPTION_KINDS.filter((k) => kinds.includes(k)) };
  }

  /** Sets the visit's EVV status from its exceptions (called after the checks of a step). */
  async function settleEvv(tx: Queryable, o: repo.OrderRow, completed: boolean) {
    const any = (await repo.exceptionsOfOrder(tx, o.id)).length > 0;
    const evv = any ? 'exception' : completed ? 'verified' : 'pending';
    const current = await repo.orderById(tx, o.id, { providerIds: null, caregiverId: null });
    if (current && current.evv_status !== evv) await repo.updateOrder(tx, o.id, current.version, { evv_status: evv });
  }

  // the person 360° page: the elder's care at a glance
  deps.relations.registerPersonPanel(async (tx, personId) => {
    const c = await repo.personCare(tx, personId);
    if (!c) return null;
    return {
      key: 'care', title: '居家养老服务', titleEn: 'Home care',
      items: [
        { label: '服务机构', labelEn: 'Provider', value: c.provider_name ?? '' },
        { label: '服务项目', labelEn: 'Services', value: c.services ?? '' },
        { label: '计划截止', labelEn: 'Plan until', value: c.period_to },
        { label: '近30天完成服务', labelEn: 'Visits done (30 days)', value: String(c.done30) },
        { label: '下次服务', labelEn: 'Next visit', value: c.next_at ? c.next_at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—' },
        { label: '平均评价', labelEn: 'Average rating', value: c.avg_rating ?? '—' },
        { label: '待处理核查异常', labelEn: 'Open exceptions', value: String(c.open_exceptions) },
      ],
    };
  });

  return {
    // ---- catalogue

    services: (actor: Actor) => run(actor, async (tx) => ({ items: (await repo.services(tx)).map(toService) })),

    upsertService: (actor: Actor, s: { code: string; name: string; nameEn: string; durationMin: number; tasks: string[]; priceCents: number; active: boolean }) =>
      run(actor, async (tx) => {
        const row = await repo.upsertService(tx, { code: s.code, name: s.name, name_en: s.nameEn, duration_min: s.durationMin, tasks: s.tasks, price_cents: s.priceCents, active: s.active });
        await record(tx, actor, 'care.service_update', 'care_service', null, { code: s.code });
        return toService(row);
      }),

    // ---- providers and their staff

    providers: (actor: Actor) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const rows = await repo.providers(tx, view.providerIds);
        return { items: await Promise.all(rows.map((p) => toProvider(tx, p))) };
      }),

    createProvider: (actor: Actor, b: { organizationId: string; serviceAreaIds: string[]; toleranceM: number; minDurationShare: number }) =>
      run(actor, async (tx) => {
        const org = await records.orgById(tx, b.organizationId);
        if (!org) throw careError('ORG_UNKNOWN', {}, 'organizationId');
        if (await repo.providerOfOrganization(tx, org.id)) throw careError('PROVIDER_EXISTS', {}, 'organizationId');
        const nodes = await jurisdiction.resolveIn(tx, b.serviceAreaIds);
        if (nodes.length !== new Set(b.serviceAreaIds).size) throw careError('AREA_UNKNOWN', {}, 'serviceAreaIds');
        const id = await repo.insertProvider(tx, {
          path: org.path, district_code: org.district_code, organization_id: org.id, service_area: nodes.map((n) => n.path), tolerance_m: b.toleranceM, min_duration_share: b.minDurationShare,
        });
        await record(tx, actor, 'care.provider_create', 'care_provider', id, { organizationId: org.id });
        return toProvider(tx, (await repo.providerById(tx, id))!);
      }),

    updateProvider: (actor: Actor, id: string, b: { version: number; serviceAreaIds?: string[]; toleranceM?: number; minDurationShare?: number; active?: boolean }) =>
      run(actor, async (tx) => {
        if (!(await repo.providerById(tx, id))) throw commonError('NOT_FOUND');
        let area: string[] | undefined;
        if (b.serviceAreaIds) {
          const nodes = await jurisdiction.resolveIn(tx, b.serviceAreaIds);
          if (nodes.length !== new Set(b.serviceAreaIds).size) throw careError('AREA_UNKNOWN', {}, 'serviceAreaIds');
          area = nodes.map((n) => n.path);
        }
        if (!(await repo.updateProvider(tx, id, b.version, { service_area: area, tolerance_m: b.toleranceM, min_duration_share: b.minDurationShare, active: b.active }))) {
          throw commonError('VERSION_CONFLICT');
        }
        await record(tx, actor, 'care.provider_update', 'care_provider', id, { fields: Object.keys(b).filter((k) => k !== 'version') });
        return toProvider(tx, (await repo.providerById(tx, id))!);
      }),

    staff: (actor: Actor, providerId: string) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        if (!(await repo.providerById(tx, providerId)) || (view.providerIds && !view.providerIds.includes(providerId))) throw commonError('NOT_FOUND');
        return {
          items: (await repo.staffOf(tx, providerId)).map((s) => ({ id: s.id, userId: s.user_id, displayName: s.display_name, kind: s.kind, active: s.active })),
        };
      }),

    /** Accounts that may join a provider in a capacity: holders of the caregiver's or the dispatcher's right, in the caller's jurisdiction. */
    staffCandidates: async (actor: Actor, q: { kind: 'caregiver' | 'dispatcher'; q?: string }) => ({
      items: await deps.users.holders(actor, q.kind === 'caregiver' ? 'care.visit' : 'care.dispatch', { q: q.q, limit: 20 }),
    }),

    async addStaff(actor: Actor, providerId: string, b: { userId: string; kind: 'caregiver' | 'dispatcher' }) {
      const right = b.kind === 'caregiver' ? 'care.visit' : 'care.dispatch';
      if (!(await deps.users.isHolder(actor, right, b.userId))) {
        throw careError('STAFF_ROLE', { role: b.kind === 'caregiver' ? '护理员' : '养老服务机构调度员', roleEn: b.kind === 'caregiver' ? 'caregiver' : 'care provider dispatcher' }, 'userId');
      }
      return run(actor, async (tx) => {
        const p = await repo.providerById(tx, providerId);
        if (!p) throw commonError('NOT_FOUND');
        const id = await repo.insertStaff(tx, { provider_id: p.id, user_id: b.userId, kind: b.kind, path: p.path });
        if (!id) throw careError('ALREADY_STAFF', {}, 'userId');
        await record(tx, actor, 'care.staff_add', 'care_provider', p.id, { userId: b.userId, kind: b.kind });
        return { id, userId: b.userId, displayName: (await repo.staffOf(tx, p.id)).find((s) => s.id === id)?.display_name ?? '', kind: b.kind, active: true };
      });
    },

    // ---- plans

    async createPlan(actor: Actor, b: { personId: string; providerId: string; needs: string[]; periodFrom: string; periodTo: string; items: { serviceCode: string; weekdays: number[]; startTime: string }[]; notes?: string }) {
      // the level comes from the elder module's latest assessment, read with the caller's eyes
      const level = await ports.levelOf(actor.scope, b.personId);
      return run(actor, async (tx) => {
        const person = await people.personById(tx, b.personId);
        if (!person || person.status !== 'active') throw careError('PERSON_UNKNOWN', {}, 'personId');
        if (!person.birth_date || ageOn(person.birth_date, today()) < 60) throw careError('NOT_AN_ELDER', {}, 'personId');
        const provider = await repo.providerById(tx, b.providerId);
        if (!provider) throw careError('PROVIDER_UNKNOWN', {}, 'providerId');
        if (!provider.active) throw careError('PROVIDER_INACTIVE', {}, 'providerId');
        if (!inArea(person.path, provider.service_area)) throw careError('OUT_OF_AREA', {}, 'providerId');
        const home = await repo.homeOf(tx, person.id);
        if (home?.lat == null || home.lon == null) throw careError('NO_HOME', {}, 'personId');
        for (const [i, item] of b.items.entries()) {
          const s = await repo.serviceByCode(tx, item.serviceCode);
          if (!s?.active) throw careError('SERVICE_UNKNOWN', { code: item.serviceCode }, `items.${i}.serviceCode`);
        }
        if (new Set(b.items.map((i) => i.serviceCode)).size !== b.items.length) throw careError('SERVICE_TWICE', {}, 'items');
        if (await repo.overlappingPlan(tx, person.id, provider.id, b.periodFrom, b.periodTo)) throw careError('PLAN_OVERLAPS', {}, 'periodFrom');
        const id = await repo.insertPlan(tx, {
          path: person.path, district_code: person.district_code, person_id: person.id, provider_id: provider.id, level, needs_enc: sealNeeds(cipher, b.needs),
          period_from: b.periodFrom, period_to: b.periodTo, notes: b.notes ?? null, created_by: actor.userId,
        });
        for (const item of b.items) {
          await repo.insertPlanItem(tx, { plan_id: id, path: person.path, service_code: item.serviceCode, weekdays: [...new Set(item.weekdays)].sort(), start_time: item.startTime });
        }
        await record(tx, actor, 'care.plan_create', 'person', person.id, { planId: id, level, services: b.items.map((i) => i.serviceCode) });
        return toPlan((await repo.planById(tx, id))!);
      });
    },

    plans: (actor: Actor, q: { page: number; pageSize: number; q?: string; providerId?: string; personId?: string; status?: string }) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const { rows, total } = await repo.listPlans(tx, { ...q, providerIds: view.providerIds, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
        await record(tx, actor, 'care.plans_read', 'person', null, { returned: rows.length, fields: [NEEDS_COLUMN] });
        return { items: rows.map(toPlan), total };
      }),

    plan: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const p = await repo.planById(tx, id);
        if (!p || (view.providerIds && !view.providerIds.includes(p.provider_id))) throw commonError('NOT_FOUND');
        await record(tx, actor, 'care.plan_read', 'person', p.person_id, { planId: id, fields: [NEEDS_COLUMN] });
        return toPlan(p);
      }),

    /**
     * Ends a plan on a date with a reason: the plan stays (status ended, its period as planned),
     * orders on or before the date stay as they are, and the ones after it not yet started are
     * cancelled with the plan's reason — in one transaction.
     */
    endPlan: (actor: Actor, id: string, b: { version: number; endOn: string; reason: string }) =>
      run(actor, async (tx) => {
        const p = await repo.planById(tx, id);
        if (!p) throw commonError('NOT_FOUND');
        if (p.status !== 'active') throw careError('PLAN_ENDED');
        if (b.endOn < p.period_from || b.endOn > p.period_to) throw careError('END_OUTSIDE_PERIOD', { from: p.period_from, to: p.period_to }, 'endOn');
        if (!(await repo.endPlan(tx, id, b.version, { ended_on: b.endOn, end_reason: b.reason, ended_by: actor.userId }))) throw commonError('VERSION_CONFLICT');
        const cancelled = await repo.cancelPlanOrdersAfter(tx, id, b.endOn, `计划结束：${b.reason}`);
        await record(tx, actor, 'care.plan_end', 'person', p.person_id, { planId: id, endOn: b.endOn, cancelled });
        return { plan: toPlan((await repo.planById(tx, id))!), cancelled };
      }),

    /** Makes the plan's orders from today (or its start) to its end; dates already made are kept as they are. */
    generate: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const p = await repo.planById(tx, id);
        if (!p) throw commonError('NOT_FOUND');
        if (p.status !== 'active') throw careError('PLAN_ENDED');
        const from = p.period_from > today() ? p.period_from : today();
        const orders: repo.NewOrder[] = [];
        for (const item of p.items) {
          const s = (await repo.serviceByCode(tx, item.serviceCode))!;
          for (const date of planDates(from, p.period_to, item.weekdays)) {
            orders.push({
              path: p.path, district_code: p.district_code, plan_id: p.id, plan_item_id: item.id, person_id: p.person_id, provider_id: p.provider_id,
              service_code: item.serviceCode, scheduled_date: date, scheduled_at: cstInstant(date, item.startTime), duration_min: s.duration_min,
            });
          }
        }
        const created = await repo.insertOrders(tx, orders);
        await record(tx, actor, 'care.orders_generate', 'person', p.person_id, { planId: id, created });
        return { created, existing: orders.length - created };
      }),

    // ---- orders and dispatch

    orders: (actor: Actor, q: { page: number; pageSize: number; status?: string; providerId?: string; caregiverId?: string; personId?: string; jurisdictionId?: string; from?: string; to?: string; evv?: string; visited?: 'true' | 'false'; q?: string; sort: 'scheduledAt' | '-scheduledAt' }) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const { rows, total, totalCapped } = await repo.listOrders(tx, view, { ...q, underPath, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
        await record(tx, actor, 'care.orders_read', 'person', null, { returned: rows.length });
        return { items: rows.map(toSummary), total, totalCapped };
      }),

    /** The same list a keyset page at a time in scheduled order, for the export (`nextCursor` leads on). */
    orderPage: (actor: Actor, q: Omit<repo.OrderFilter, 'sort' | 'limit' | 'offset' | 'underPath'> & { jurisdictionId?: string }, cursor: string | undefined, limit: number) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const { rows, more } = await repo.orderKeysetPage(tx, view, { ...q, underPath }, decodeCursor(cursor) as [string, string] | undefined, limit);
        await record(tx, actor, 'care.orders_read', 'person', null, { returned: rows.length, export: true });
        const last = rows.at(-1);
        return { items: rows.map(toSummary), nextCursor: more && last ? encodeCursor([last.cursor_at, last.id]) : null };
      }),

    /**
     * One visit with its positions, photos and exceptions. The positions are opened here; the
     * read is audited once, naming the sealed fields it opened and the caregiver whose track
     * they are (the elder is the row's object).
     */
    order: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const o = await orderOr404(tx, id, await viewOf(tx, actor));
        const [home, photos, exceptions] = [await repo.homeOf(tx, o.person_id), await repo.photosOfOrder(tx, o.id), await repo.exceptionsOfOrder(tx, o.id)];
        const checkIn = openFix(cipher, FIX_COLUMNS.checkIn, o.check_in_fix_enc);
        const checkOut = openFix(cipher, FIX_COLUMNS.checkOut, o.check_out_fix_enc);
        const photoFixes = photos.map((p) => openFix(cipher, FIX_COLUMNS.photo, p.fix_enc));
        const fields = [
          ...(checkIn ? [FIX_COLUMNS.checkIn] : []), ...(checkOut ? [FIX_COLUMNS.checkOut] : []), ...(photoFixes.some(Boolean) ? [FIX_COLUMNS.photo] : []),
        ];
        await record(tx, actor, 'care.order_read', 'person', o.person_id, { orderId: o.id, fields, caregiverId: o.caregiver_id, photoFixes: photoFixes.filter(Boolean).length });
        return {
          ...toSummary(o),
          home: { label: home?.label ?? null, lat: home?.lat ?? null, lon: home?.lon ?? null },
          tasks: o.tasks, tasksDone: o.tasks_done,
          checkInAt: o.check_in_at, checkIn, checkOutAt: o.check_out_at, checkOut,
          ratingComment: o.rating_comment, confirmedBy: o.confirmed_by, confirmedAt: o.confirmed_at, cancelReason: o.cancel_reason, toleranceM: o.tolerance_m,
          photos: photos.map((p, i) => ({
            id: p.id, stage: p.stage, takenAt: p.taken_at, lat: photoFixes[i]?.lat ?? null, lon: photoFixes[i]?.lon ?? null, complete: p.complete, received: p.received, size: p.size, sha256: p.sha256,
          })),
          exceptionList: exceptions.map(toException),
        };
      }),

    /** Assigns (or reassigns) a caregiver of the order's provider, and the time. */
    async dispatch(actor: Actor, id: string, b: { version: number; caregiverId: string; scheduledAt?: string }) {
      return run(actor, async (tx) => {
        const o = await orderOr404(tx, id, await viewOf(tx, actor), true);
        if (o.status !== 'pending' && o.status !== 'dispatched') throw stateError(o.status, '派单', 'dispatched');
        if (!(await repo.membership(tx, b.caregiverId, 'caregiver')).includes(o.provider_id)) throw careError('NOT_CAREGIVER', {}, 'caregiverId');
        const set: Record<string, unknown> = { caregiver_id: b.caregiverId, status: 'dispatched' };
        if (b.scheduledAt) set.scheduled_at = new Date(b.scheduledAt);
        const version = await repo.updateOrder(tx, o.id, b.version, set);
        if (!version) throw commonError('VERSION_CONFLICT');
        await record(tx, actor, 'care.dispatch', 'person', o.person_id, { orderId: o.id, caregiverId: b.caregiverId, reassigned: o.caregiver_id !== null && o.caregiver_id !== b.caregiverId });
        return toSummary((await repo.orderById(tx, o.id, { providerIds: null, caregiverId: null }))!);
      });
    },

    cancel: (actor: Actor, id: string, b: { version: number; reason: string }) =>
      run(actor, async (tx) => {
        const o = await orderOr404(tx, id, await viewOf(tx, actor), true);
        if (o.status !== 'pending' && o.status !== 'dispatched') throw stateError(o.status, '取消', 'cancelled');
        const version = await repo.updateOrder(tx, o.id, b.version, { status: 'cancelled', cancel_reason: b.reason });
        if (!version) throw commonError('VERSION_CONFLICT');
        await record(tx, actor, 'care.cancel', 'person', o.person_id, { orderId: o.id, reason: b.reason });
        return toSummary((await repo.orderById(tx, o.id, { providerIds: null, caregiverId: null }))!);
      }),

    // ---- the caregiver's phone

    /** The caregiver's visits of a day (today by default, China Standard Time), with the homes to go to. */
    myVisits: (actor: Actor, date = today()) =>
      run(actor, async (tx) => {
        const rows = await repo.visitsOfDay(tx, actor.userId, date);
        await record(tx, actor, 'care.visits_read', 'person', null, { date, returned: rows.length });
        return {
          date,
          items: rows.map((o) => ({
            id: o.id, personName: o.person_name, serviceCode: o.service_code, serviceName: o.service_name, scheduledAt: o.scheduled_at, durationMin: o.duration_min,
            status: o.status, address: o.label, lat: o.lat, lon: o.lon, version: o.version,
          })),
        };
      }),

    /**
     * One step of a visit from the phone, idempotent by its key: check-in (position, checked
     * against the home), check-out (position, tasks; then every rule of the visit is checked), the
     * elder's or family's evaluation. A replay returns the visit as it stands and changes nothing.
     */
    async step(actor: Actor, orderId: string, s: StepInput) {
      const replay = await run(actor, async (tx) => {
        const done = await repo.stepByKey(tx, actor.userId, s.key);
        return done ? stepResult(tx, done.order_id, done.kind, true) : null;
      });
      if (replay) return replay;
      // the watch is asked before the transaction: it is another module's read
      let fixes: Fix[] = [];
      if (s.kind === 'check_out') {
        const o = await run(actor, (tx) => orderOr404(tx, orderId, ownVisits(actor)));
        if (o.check_in_at) fixes = await ports.whereabouts(actor.scope, o.person_id, o.check_in_at, new Date(s.at));
      }
      return run(actor, async (tx) => {
        const o = await orderOr404(tx, orderId, ownVisits(actor), true);
        const stepId = await repo.insertStep(tx, {
          path: o.path, district_code: o.district_code, order_id: o.id, caregiver_id: actor.userId, client_key: s.key, kind: s.kind, at: s.at,
          payload: s.kind === 'evaluate' ? { rating: s.rating, confirmedBy: s.confirmedBy } : {},
          fix_enc: s.kind === 'evaluate' ? null : sealFix(cipher, FIX_COLUMNS.step, s.position),
        });
        if (!stepId) {
          const twin = await repo.stepByKey(tx, actor.userId, s.key);
          if (twin) return stepResult(tx, twin.order_id, twin.kind, true);
          throw stateError(o.status, s.kind === 'check_in' ? '重复签到' : s.kind === 'check_out' ? '重复签出' : '重复评价', `${s.kind.replace('_', ' ')} twice`);
        }
        const at = new Date(s.at);
        const home = await repo.homeOf(tx, o.person_id);
        const homePoint = home?.lat != null && home.lon != null ? { lat: home.lat, lon: home.lon } : null;
        const found: { kind: ExceptionKind; detail: Record<string, unknown> }[] = [];
        // a sealed position of another visit opened for a rule (the caregiver's previous one), for the audit row
        let opened: { orderId: string; field: string } | null = null;
        if (s.kind === 'check_in') {
          if (o.status !== 'dispatched') throw stateError(o.status, '签到', 'checked in');
          const far = homePoint && distanceBreach(s.position, homePoint, o.tolerance_m);
          // the distance only: the position itself is the order's, sealed
          if (far) found.push({ kind: 'check_in_distance', detail: far });
          const prev = await lastPositionBefore(tx, actor.userId, o.id, at);
          if (prev) opened = { orderId: prev.orderId, field: prev.column };
          const travel = impossibleTravel(prev, { ...s.position, at });
          if (travel) found.push({ kind: 'impossible_travel', detail: travel });
          if (!(await repo.updateOrder(tx, o.id, o.version, {
            status: 'in_progress', check_in_at: at, check_in_fix_enc: sealFix(cipher, FIX_COLUMNS.checkIn, s.position),
          }))) throw commonError('VERSION_CONFLICT');
        } else if (s.kind === 'check_out') {
          if (o.status !== 'in_progress' || !o.check_in_at) throw careError('STEP_ORDER', { first: '签到', firstEn: 'check in' });
          const far = homePoint && distanceBreach(s.position, homePoint, o.tolerance_m);
          if (far) found.push({ kind: 'check_out_distance', detail: far });
          const short = tooShort(o.check_in_at, at, o.duration_min, Number(o.min_duration_share));
          if (short) found.push({ kind: 'too_short', detail: short });
          const others = await repo.caregiverVisitsAround(tx, actor.userId, o.check_in_at, at);
          const overlaps = overlapping({ id: o.id, start: o.check_in_at, end: at }, others.map((x) => ({ id: x.id, start: x.check_in_at, end: x.check_out_at ?? x.check_in_at })));
          if (overlaps.length) found.push({ kind: 'overlap', detail: { orders: overlaps } });
          const stages = (await repo.photosOfOrder(tx, o.id)).map((p) => p.stage);
          const missing = missingPhotos(stages);
          if (missing.length) found.push({ kind: 'missing_photo', detail: { stages: missing } });
          const away = homePoint && elsewhere(fixes, homePoint, o.check_in_at, at, o.tolerance_m);
          if (away) found.push({ kind: 'elsewhere', detail: away });
          if (!(await repo.updateOrder(tx, o.id, o.version, {
            status: 'completed', check_out_at: at, check_out_fix_enc: sealFix(cipher, FIX_COLUMNS.checkOut, s.position),
            tasks_done: s.tasksDone.filter((t) => o.tasks.includes(t)),
          }))) throw commonError('VERSION_CONFLICT');
        } else {
          if (o.status !== 'completed') throw careError('STEP_ORDER', { first: '签出', firstEn: 'check out' });
          if (!(await repo.updateOrder(tx, o.id, o.version, { rating: s.rating, rating_comment: s.comment ?? null, confirmed_by: s.confirmedBy, confirmed_at: at }))) {
            throw commonError('VERSION_CONFLICT');
          }
        }
        await raise(tx, o, found);
        await settleEvv(tx, o, s.kind !== 'check_in');
        await record(tx, actor, 'care.step', 'person', o.person_id, { orderId: o.id, kind: s.kind, exceptions: found.map((f) => f.kind), ...(opened ? { opened } : {}) });
        return stepResult(tx, o.id, s.kind, false);
      });
    },

    /** Starts (or resumes) the upload of a visit photo, kept in the survey's photo store. */
    startPhoto: (actor: Actor, orderId: string, p: { stage: 'check_in' | 'during' | 'check_out'; sha256: string; size: number; mime: string; takenAt?: string; position?: { lat: number; lon: number } }) =>
      run(actor, async (tx) => {
        const o = await orderOr404(tx, orderId, ownVisits(actor));
        if (o.status === 'cancelled' || o.status === 'pending') throw stateError(o.status, '上传照片', 'photographed');
        const known = await repo.photoOfOrder(tx, o.id, p.sha256);
        if (known) {
          const state = (await survey.uploadStateIn(tx, known.id))!;
          return { id: state.id, received: state.received, size: state.size, complete: state.complete };
        }
        if (o.status === 'completed' && p.stage === 'during') throw careError('PHOTO_STAGE_CLOSED', {}, 'stage');
        const state = await survey.startUploadIn(tx, actor, { sha256: p.sha256, size: p.size, mime: p.mime, path: o.path, districtCode: o.district_code });
        await repo.insertPhoto(tx, {
          id: state.id, path: o.path, district_code: o.district_code, order_id: o.id, stage: p.stage, sha256: p.sha256,
          taken_at: p.takenAt ?? null, fix_enc: sealFix(cipher, FIX_COLUMNS.photo, p.position),
        });
        return state;
      }),

    /** A chunk of a visit photo; when the photo is complete its perceptual hash is compared with the provider's other visits' photos. */
    async putChunk(actor: Actor, photoId: string, offset: number, data: Buffer) {
      const photo = await run(actor, async (tx) => {
        const p = await repo.photoById(tx, photoId);
        if (!p) throw commonError('NOT_FOUND');
        await orderOr404(tx, p.order_id, ownVisits(actor));
        return p;
      });
      const state = await survey.putChunk(actor, photoId, offset, data, 'other');
      if (!state.complete || photo.phash) return state;
      const bytes = await run(actor, (tx) => survey.photoBytesIn(tx, photoId));
      let hash: string;
      try {
        hash = await phashOf(bytes);
      } catch {
        return state; // not decodable as an image after all: the photo stays, without a hash (staff see it)
      }
      await run(actor, async (tx) => {
        await repo.setPhash(tx, photoId, hash);
        const o = (await repo.orderById(tx, photo.order_id, { providerIds: null, caregiverId: null }))!;
        const matches = reusedFrom(hash, await repo.otherHashes(tx, o.id, o.provider_id));
        if (matches.length) {
          await raise(tx, o, [{ kind: 'photo_reused', detail: { photoId, matches: matches.slice(0, 5) } }]);
          await settleEvv(tx, o, o.status === 'completed');
        }
      });
      return state;
    },

    /** The bytes of a visit photo anyone who may see the visit may see; viewing it is audited. */
    photo: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const p = await repo.photoById(tx, id);
        if (!p) throw commonError('NOT_FOUND');
        const view = actor.permissions.has('care.visit') && !actor.permissions.has('care.read') && !actor.permissions.has('care.dispatch') ? ownVisits(actor) : await viewOf(tx, actor);
        const o = await orderOr404(tx, p.order_id, view);
        const state = await survey.uploadStateIn(tx, id);
        if (!state?.complete) throw careError('PHOTO_INCOMPLETE');
        await record(tx, actor, 'care.photo_read', 'person', o.person_id, { photoId: id, orderId: o.id });
        return { mime: state.mime, bytes: await survey.photoBytesIn(tx, id) };
      }),

    // ---- exceptions

    exceptions: (actor: Actor, q: { page: number; pageSize: number; status?: string; kind?: string; providerId?: string; jurisdictionId?: string; from?: string; to?: string }) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const { rows, total, totalCapped } = await repo.listExceptions(tx, view, { ...q, underPath, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
        await record(tx, actor, 'care.exceptions_read', 'person', null, { returned: rows.length });
        return { items: rows.map(toException), total, totalCapped };
      }),

    /** The same list a keyset page at a time, newest first, for the export. */
    exceptionPage: (actor: Actor, q: { status?: string; kind?: string; providerId?: string; jurisdictionId?: string; from?: string; to?: string }, cursor: string | undefined, limit: number) =>
      run(actor, async (tx) => {
        const view = await viewOf(tx, actor);
        const underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const { rows, more } = await repo.exceptionKeysetPage(tx, view, { ...q, underPath }, decodeCursor(cursor) as [string, string] | undefined, limit);
        await record(tx, actor, 'care.exceptions_read', 'person', null, { returned: rows.length, export: true });
        const last = rows.at(-1);
        return { items: rows.map(toException), nextCursor: more && last ? encodeCursor([last.cursor_at, last.id]) : null };
      }),

    /** Staff's decision on an exception: a reason code, a resolution code and a note, kept with who and when. */
    resolve: (actor: Actor, id: string, b: { version: number; reasonCode: string; resolutionCode: string; note: string }) =>
      run(actor, async (tx) => {
        const x = await repo.exceptionById(tx, id, await viewOf(tx, actor));
        if (!x) throw commonError('NOT_FOUND');
        if (x.status === 'resolved') throw careError('EXCEPTION_RESOLVED');
        if (!(await repo.resolveException(tx, id, b.version, { reason_code: b.reasonCode, resolution_code: b.resolutionCode, note: b.note, resolved_by: actor.userId }))) {
          throw commonError('VERSION_CONFLICT');
        }
        await record(tx, actor, 'care.exception_resolve', 'care_exception', id, { orderId: x.order_id, kind: x.kind, reasonCode: b.reasonCode, resolutionCode: b.resolutionCode });
        return toException((await repo.exceptionById(tx, id, { providerIds: null, caregiverId: null }))!);
      }),

    // ---- supervision

    /** 监管: the figures of a jurisdiction and period from the pre-aggregated tables (default: the last 30 days). */
    supervision: (actor: Actor, q: { jurisdictionId?: string; from?: string; to?: string }) =>
      run(actor, async (tx) => {
        const to = q.to ?? today();
        const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
        if (from > to) throw new AppError('VALIDATION_FAILED', 422, '开始日期不能晚于结束日期', 'The start cannot be after the end', [{ field: 'from', message: '开始日期不能晚于结束日期', messageEn: 'The start cannot be after the end' }]);
        return supervisionOf(tx, await repo.supervisionFigures(tx, await figureNodes(tx, actor, q.jurisdictionId), from, to), from, to);
      }),

    /** The same figures counted live over the visits (tests compare the two; the bench times both). */
    supervisionLive: (actor: Actor, q: { jurisdictionId?: string; from: string; to: string }) =>
      run(actor, async (tx) => {
        return supervisionOf(tx, await repo.supervisionLive(tx, await figureNodes(tx, actor, q.jurisdictionId), q.from, q.to), q.from, q.to);
      }),
  };

  /** The nodes whose figures are read: the chosen one, or the caller's own (none under another). */
  async function figureNodes(tx: Queryable, actor: Pick<Actor, 'scope'>, jurisdictionId?: string): Promise<string[]> {
    const chosen = await filterPath(tx, jurisdiction, jurisdictionId);
    if (chosen) return [chosen];
    const own = actor.scope.kind === 'user' ? actor.scope.paths : ['5109'];
    return own.filter((p) => !own.some((q) => q !== p && p.startsWith(`${q}.`)));
  }

  async function supervisionOf(tx: Queryable, f: Awaited<ReturnType<typeof repo.supervisionFigures>>, from: string, to: string) {
    const names = await repo.providerNames(tx, [...new Set([...f.providers.map((p) => p.provider_id), ...f.kinds.map((k) => k.provider_id)])]);
    const figures = (r: repo.FigureRow) => ({
      scheduled: r.scheduled, completed: r.completed, cancelled: r.cancelled, withException: r.with_exception, rated: r.rated,
      avgRating: r.rated ? Math.round((r.rating_sum / r.rated) * 100) / 100 : null, minutes: Number(r.minutes),
    });
    const exOf = (providerId?: string) => f.kinds.filter((k) => !providerId || k.provider_id === providerId);
    const sum = (xs: { raised: number; open: number }[]) => xs.reduce((a, x) => ({ raised: a.raised + x.raised, open: a.open + x.open }), { raised: 0, open: 0 });
    const zero: repo.FigureRow = { scheduled: 0, completed: 0, cancelled: 0, with_exception: 0, rated: 0, rating_sum: 0, minutes: 0 };
    const total = f.providers.reduce((a, p) => ({
      scheduled: a.scheduled + p.scheduled, completed: a.completed + p.completed, cancelled: a.cancelled + p.cancelled, with_exception: a.with_exception + p.with_exception,
      rated: a.rated + p.rated, rating_sum: a.rating_sum + p.rating_sum, minutes: Number(a.minutes) + Number(p.minutes),
    }), zero);
    const exByDay = new Map<string, number>();
    for (const k of f.kinds) exByDay.set(k.day, (exByDay.get(k.day) ?? 0) + k.raised);
    const all = sum(exOf());
    return {
      from, to,
      totals: { ...figures(total), exceptions: all.raised, openExceptions: all.open },
      providers: f.providers
        .map((p) => { const e = sum(exOf(p.provider_id)); return { providerId: p.provider_id, name: names.get(p.provider_id) ?? '', ...figures(p), exceptions: e.raised, openExceptions: e.open }; })
        .sort((a, b) => b.scheduled - a.scheduled || a.name.localeCompare(b.name)),
      byKind: EXCEPTION_KINDS.map((kind) => ({ kind, ...sum(f.kinds.filter((k) => k.kind === kind)) })),
      trend: f.days.map((d) => ({ day: d.day, scheduled: d.scheduled, completed: d.completed, exceptions: exByDay.get(d.day) ?? 0, avgRating: d.rated ? Math.round((d.rating_sum / d.rated) * 100) / 100 : null })),
    };
  }
}
