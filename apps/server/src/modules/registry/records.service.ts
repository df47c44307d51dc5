import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { EVENT_STATES, EVENT_TRANSITIONS } from '../../standards/codes.js';
import type { UsersService } from '../accounts/users.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import * as housing from './housing.repository.js';
import * as people from './people.repository.js';
import { filterPath, found, placeAt } from './placement.js';
import { registryError } from './registry.errors.js';
import { decodeCursor, encodeCursor, insertRow, selectById, updateRow } from './registry.repository.js';
import * as repo from './records.repository.js';

const toOrg = (r: repo.OrgRow) => ({
  id: r.id, name: r.name, creditCode: r.credit_code, type: r.type, address: r.address, houseId: r.house_id, phone: r.phone,
  jurisdictionId: r.node_id, jurisdictionName: r.node_name, peopleCount: r.people_count, version: r.version,
});
const toThing = (r: repo.ThingRow) => ({
  id: r.id, kind: r.kind, name: r.name, serialNo: r.serial_no, lon: r.lon, lat: r.lat, status: r.status, buildingId: r.building_id,
  lastSeenAt: r.last_seen_at, battery: r.battery, firmware: r.firmware, attributes: r.attributes, jurisdictionId: r.node_id, jurisdictionName: r.node_name, version: r.version,
});
const CLOSED = new Set(['resolved', 'closed', 'cancelled']);
const toEvent = (r: repo.EventRow) => ({
  id: r.id, kind: r.kind, category: r.category, title: r.title, description: r.description, state: r.state, priority: r.priority,
  reporterId: r.reporter_id, reporterName: r.reporter_name, assigneeId: r.assignee_id, assigneeName: r.assignee_name, slaDueAt: r.sla_due_at,
  overdue: !!r.sla_due_at && r.sla_due_at.getTime() < Date.now() && !CLOSED.has(r.state),
  resolvedAt: r.resolved_at, personId: r.person_id, houseId: r.house_id, thingId: r.thing_id, lon: r.lon, lat: r.lat,
  jurisdictionId: r.node_id, jurisdictionName: r.node_name, createdAt: r.created_at, version: r.version,
});

export type RecordsService = ReturnType<typeof createRecordsService>;

/** 单位、物、事 — organisations, things (facilities and devices) and events (work items with a state machine). */
/** Who may be assigned an event: a colleague who may change the registry. */
const ASSIGNEE_PERMISSION = 'registry.write';

export function createRecordsService(deps: { db: Database; audit: AuditService; jurisdiction: JurisdictionService; users: UsersService }) {
  const { db, audit, jurisdiction, users } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const underPath = (tx: Queryable, nodeId?: string) => filterPath(tx, jurisdiction, nodeId);
  const next = <R>(p: { rows: R[]; more: boolean }, key: (r: R) => unknown[]) => (p.more && p.rows.length ? encodeCursor(key(p.rows.at(-1)!)) : null);
  async function mustRef(tx: Queryable, table: 'house' | 'person' | 'thing' | 'building', id: string | null | undefined, field: string, what: string, whatEn: string) {
    if (id && !(await selectById(tx, table, id, 't.id'))) throw registryError('REFERENCE_NOT_FOUND', { what, whatEn }, field);
  }

  return {
    // ---- organisations
    listOrgs: (actor: Actor, q: { q?: string; type?: string; jurisdictionId?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const p = await repo.listOrgs(tx, { q: q.q, type: q.type, underPath: await underPath(tx, q.jurisdictionId), after: decodeCursor(q.cursor), limit: q.limit });
        return { items: p.rows.map(toOrg), nextCursor: next(p, (r) => [r.name, r.id]) };
      }),
    getOrg: (actor: Actor, id: string) => run(actor, async (tx) => toOrg(found(await repo.orgById(tx, id)))),
    createOrg: (actor: Actor, i: { name: string; creditCode?: string; type: string; address?: string; houseId?: string; phone?: string; jurisdictionId: string }) =>
      run(actor, async (tx) => {
        const place = await placeAt(tx, jurisdiction, i.jurisdictionId);
        if (i.creditCode && (await repo.creditCodeTaken(tx, i.creditCode))) throw registryError('CREDIT_CODE_DUPLICATE', {}, 'creditCode');
        await mustRef(tx, 'house', i.houseId, 'houseId', '房屋', 'The house');
        const id = await insertRow(tx, 'organization', { ...place, name: i.name, credit_code: i.creditCode, type: i.type, address: i.address, house_id: i.houseId, phone: i.phone });
        return toOrg(found(await repo.orgById(tx, id)));
      }),
    updateOrg: (actor: Actor, id: string, p: { name?: string; creditCode?: string; type?: string; address?: string; houseId?: string | null; phone?: string; jurisdictionId?: string; version: number }) =>
      run(actor, async (tx) => {
        found(await repo.orgById(tx, id));
        if (p.creditCode && (await repo.creditCodeTaken(tx, p.creditCode, id))) throw registryError('CREDIT_CODE_DUPLICATE', {}, 'creditCode');
        await mustRef(tx, 'house', p.houseId, 'houseId', '房屋', 'The house');
        const place = p.jurisdictionId ? await placeAt(tx, jurisdiction, p.jurisdictionId) : {};
        const ok = await updateRow(tx, 'organization', id, p.version, { ...place, name: p.name, credit_code: p.creditCode, type: p.type, address: p.address, house_id: p.houseId, phone: p.phone });
        if (!ok) throw commonError('VERSION_CONFLICT');
        return toOrg(found(await repo.orgById(tx, id)));
      }),

    /**
     * A thing or an event raised by a device or a job rather than a user, inside the caller's
     * transaction (devices register watches and kiosks as things; kiosk readings raise follow-ups).
     */
    insertThingIn: (tx: Queryable, place: { path: string; district_code: string }, i: { kind: string; name: string; serialNo?: string; lon?: number | null; lat?: number | null; firmware?: string | null }) =>
      insertRow(tx, 'thing', { ...place, kind: i.kind, name: i.name, serial_no: i.serialNo, lon: i.lon ?? undefined, lat: i.lat ?? undefined, firmware: i.firmware ?? undefined }),
    insertEventIn: (tx: Queryable, place: { path: string; district_code: string }, i: { kind: string; category?: string; title: string; description?: string; priority: string; slaHours?: number; personId?: string; thingId?: string; lon?: number; lat?: number }) =>
      insertRow(tx, 'work_item', {
        ...place, kind: i.kind, category: i.category, title: i.title, description: i.description, priority: i.priority,
        sla_due_at: i.slaHours ? new Date(Date.now() + i.slaHours * 3_600_000) : undefined,
        person_id: i.personId, thing_id: i.thingId, lon: i.lon, lat: i.lat,
      }),

    // ---- things
    listThings: (actor: Actor, q: { q?: string; kind?: string; status?: string; jurisdictionId?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const p = await repo.listThings(tx, { q: q.q, kind: q.kind, status: q.status, underPath: await underPath(tx, q.jurisdictionId), after: decodeCursor(q.cursor), limit: q.limit });
        return { items: p.rows.map(toThing), nextCursor: next(p, (r) => [r.kind, r.name, r.id]) };
      }),
    getThing: (actor: Actor, id: string) => run(actor, async (tx) => toThing(found(await repo.thingById(tx, id)))),
    createThing: (actor: Actor, i: { kind: string; name: string; serialNo?: string; lon: number; lat: number; status: string; buildingId?: string; firmware?: string; attributes?: Record<string, unknown>; jurisdictionId: string }) =>
      run(actor, async (tx) => {
        const place = await placeAt(tx, jurisdiction, i.jurisdictionId);
        await mustRef(tx, 'building', i.buildingId, 'buildingId', '楼栋', 'The building');
        const id = await insertRow(tx, 'thing', {
          ...place, kind: i.kind, name: i.name, serial_no: i.serialNo, lon: i.lon, lat: i.lat, status: i.status, building_id: i.buildingId,
          firmware: i.firmware, attributes: i.attributes ? JSON.stringify(i.attributes) : undefined,
        });
        return toThing(found(await repo.thingById(tx, id)));
      }),
    updateThing: (actor: Actor, id: string, p: { kind?: string; name?: string; serialNo?: string; lon?: number; lat?: number; status?: string; buildingId?: string | null; firmware?: string; attributes?: Record<string, unknown>; jurisdictionId?: string; version: number }) =>
      run(actor, async (tx) => {
        found(await repo.thingById(tx, id));
        await mustRef(tx, 'building', p.buildingId, 'buildingId', '楼栋', 'The building');
        const place = p.jurisdictionId ? await placeAt(tx, jurisdiction, p.jurisdictionId) : {};
        const ok = await updateRow(tx, 'thing', id, p.version, {
          ...place, kind: p.kind, name: p.name, serial_no: p.serialNo, lon: p.lon, lat: p.lat, status: p.status, building_id: p.buildingId,
          firmware: p.firmware, attributes: p.attributes ? JSON.stringify(p.attributes) : undefined,
        });
        if (!ok) throw commonError('VERSION_CONFLICT');
        return toThing(found(await repo.thingById(tx, id)));
      }),

    // ---- events
    listEvents: (actor: Actor, q: { q?: string; kind?: string; state?: string; overdue?: 'true' | 'false'; open?: 'true' | 'false'; reportedFrom?: string; reportedTo?: string; jurisdictionId?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        const p = await repo.listEvents(tx, { q: q.q, kind: q.kind, state: q.state, overdue: q.overdue === 'true', open: q.open === undefined ? undefined : q.open === 'true', reportedFrom: q.reportedFrom, reportedTo: q.reportedTo, underPath: await underPath(tx, q.jurisdictionId), after: decodeCursor(q.cursor), limit: q.limit });
        return { items: p.rows.map(toEvent), nextCursor: next(p, (r) => [r.created_at, r.id]) };
      }),
    getEvent: (actor: Actor, id: string) => run(actor, async (tx) => toEvent(found(await repo.eventById(tx, id)))),
    createEvent: (actor: Actor, i: { kind: string; category?: string; title: string; description?: string; priority: string; slaHours?: number; personId?: string; houseId?: string; thingId?: string; lon?: number; lat?: number; jurisdictionId: string }) =>
      run(actor, async (tx) => {
        const place = await placeAt(tx, jurisdiction, i.jurisdictionId);
        if (i.personId && !(await people.personById(tx, i.personId))) throw registryError('REFERENCE_NOT_FOUND', { what: '人员', whatEn: 'The person' }, 'personId');
        if (i.houseId && !(await housing.houseById(tx, i.houseId))) throw registryError('REFERENCE_NOT_FOUND', { what: '房屋', whatEn: 'The house' }, 'houseId');
        await mustRef(tx, 'thing', i.thingId, 'thingId', '设施设备', 'The thing');
        const id = await insertRow(tx, 'work_item', {
          ...place, kind: i.kind, category: i.category, title: i.title, description: i.description, priority: i.priority,
          reporter_id: actor.userId, sla_due_at: i.slaHours ? new Date(Date.now() + i.slaHours * 3_600_000) : undefined,
          person_id: i.personId, house_id: i.houseId, thing_id: i.thingId, lon: i.lon, lat: i.lat,
        });
        return toEvent(found(await repo.eventById(tx, id)));
      }),
    updateEvent: async (actor: Actor, id: string, p: { title?: string; description?: string; category?: string; priority?: string; assigneeId?: string | null; version: number }) => {
      // Asked of the accounts module before the event's transaction (PGlite runs one at a time).
      if (p.assigneeId && !(await users.isHolder(actor, ASSIGNEE_PERMISSION, p.assigneeId))) throw registryError('REFERENCE_NOT_FOUND', { what: '承办人', whatEn: 'The assignee' }, 'assigneeId');
      return run(actor, async (tx) => {
        found(await repo.eventById(tx, id));
        const ok = await updateRow(tx, 'work_item', id, p.version, { title: p.title, description: p.description, category: p.category, priority: p.priority, assignee_id: p.assigneeId });
        if (!ok) throw commonError('VERSION_CONFLICT');
        return toEvent(found(await repo.eventById(tx, id)));
      });
    },
    /** Who the caller may assign an event to (colleagues within their jurisdiction who may change the registry). */
    assignees: (actor: Actor, q: { q?: string; limit: number }) =>
      users.holders(actor, ASSIGNEE_PERMISSION, q).then((items) => ({ items })),
    /** Moves an event along its state machine (待处理 → 已派单 → 处理中 → 已办结 → 已归档). */
    transitionEvent: (actor: Actor, id: string, t: { to: keyof typeof EVENT_STATES; note?: string; version: number }) =>
      run(actor, async (tx) => {
        const e = found(await repo.eventById(tx, id));
        const from = e.state as keyof typeof EVENT_STATES;
        if (!EVENT_TRANSITIONS[from].includes(t.to)) {
          throw registryError('EVENT_TRANSITION_INVALID', { from: EVENT_STATES[from], to: EVENT_STATES[t.to] }, 'to');
        }
        const ok = await updateRow(tx, 'work_item', id, t.version, { state: t.to, resolved_at: t.to === 'resolved' ? new Date() : undefined });
        if (!ok) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'event.transition', objectType: 'work_item', objectId: id, detail: { from, to: t.to, note: t.note } });
        return toEvent(found(await repo.eventById(tx, id)));
      }),
  };
}
