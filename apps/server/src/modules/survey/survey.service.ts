import crypto from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { AppError, commonError } from '../../shared/errors.js';
import { maskPhone } from '../../shared/mask.js';
import { today } from '../../shared/dates.js';
import type { AuditService } from '../audit/audit.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import * as housing from '../registry/housing.repository.js';
import * as people from '../registry/people.repository.js';
import type { PeopleService, PersonInput } from '../registry/people.service.js';
import { districtOf, filterPath } from '../registry/placement.js';
import type { RelationsService } from '../registry/relations.service.js';
import * as repo from './survey.repository.js';
import { surveyError } from './survey.errors.js';
import { type FieldChange, type FieldValue, mergeFields } from './survey.merge.js';
import { PERSON_FIELD_VALUES, type SurveyChangeInput, type SurveyField, type SyncResultDto } from './survey.schema.js';

/** A slice bigger than this is not a day's work on a phone: choose a grid. */
export const SLICE_HOUSE_LIMIT = 5000;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_CHUNK_MAX = 256 * 1024;

/** The district of a path; a change rejected before it found its record is filed at the worker's node (a city node files under its own code). */
const districtCode = (path: string) => (/^\d+\.\d{6}/.test(path) ? districtOf(path) : path.split('.')[0]!.padEnd(6, '0').slice(0, 6));

type ChangeResult = SyncResultDto['changes'][number];
type Problem = { code: string; message: string; messageEn: string };

/** The server's current value of each surveyable field, in the form the phone holds it. */
function personFields(p: people.PersonRow): Record<SurveyField, FieldValue> {
  return {
    name: p.name, gender: p.gender, birthDate: p.birth_date, ethnicity: p.ethnicity, phone: p.phone_masked,
    residenceAddress: p.residence_address, tags: p.tags, notes: p.notes, status: p.status,
  };
}

/** The worker's value in the form the server compares it in: a phone number by its mask. */
const shown = (field: string, v: FieldValue) => (field === 'phone' && typeof v === 'string' ? maskPhone(v) : v);

const problemOf = (e: AppError): Problem => ({ code: e.code, message: e.messageZh, messageEn: e.messageEn });

/** Image types by their first bytes, never by the name or the declared type alone. */
export function sniffImage(head: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export type SurveyService = ReturnType<typeof createSurveyService>;

/**
 * 入户调查 — the grid worker's offline survey. The slice is what the phone needs for a day without
 * signal; sync takes the queued visits and changes, applies each change field by field through
 * the registry's own services, keeps what someone else changed meanwhile as a conflict for the
 * worker to decide, and answers a replayed key with the stored outcome.
 */
export function createSurveyService(deps: { db: Database; audit: AuditService; jurisdiction: JurisdictionService; people: PeopleService; relations: RelationsService }) {
  const { db, audit, jurisdiction } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const who = (actor: Actor) => ({ actor: auditActor(actor), ip: actor.ip });

  const fromRow = (c: repo.ChangeRow, replayed: boolean): ChangeResult => ({
    key: c.client_key, changeId: c.id, status: c.status, replayed, recordId: c.record_id, version: null,
    applied: c.applied, conflicts: c.conflicts, error: c.error,
  });

  /** Stores the outcome of a change once; a twin that got there first wins and is returned. */
  async function journal(actor: Actor, c: SurveyChangeInput, out: Omit<ChangeResult, 'key' | 'changeId' | 'replayed'>, path: string | null, baseVersion: number | null) {
    const place = path ?? actor.nodes[0]?.path;
    return run(actor, async (tx) => {
      if (!place) return { ...out, key: c.key, changeId: null, replayed: false };
      const id = await repo.insertChange(tx, {
        path: place, district_code: districtCode(place), worker_id: actor.userId, client_key: c.key, kind: c.kind,
        record_id: out.recordId, visit_id: c.visitId ?? null, base_version: baseVersion, status: out.status, applied: out.applied, conflicts: out.conflicts, error: out.error,
      });
      if (!id) return fromRow((await repo.changeByKey(tx, actor.userId, c.key))!, true);
      await audit.recordIn(tx, {
        ...who(actor), action: 'survey.sync', objectType: c.kind === 'residence.end' ? 'person_house' : 'person', objectId: out.recordId,
        outcome: out.status === 'rejected' ? 'failure' : 'success',
        detail: { key: c.key, kind: c.kind, status: out.status, applied: out.applied, conflicts: out.conflicts.map((x) => x.field) },
      });
      return { ...out, key: c.key, changeId: id, replayed: false };
    });
  }

  const rejected = (e: unknown): Omit<ChangeResult, 'key' | 'changeId' | 'replayed'> => {
    if (!(e instanceof AppError)) throw e;
    return { status: 'rejected', recordId: null, version: null, applied: [], conflicts: [], error: problemOf(e) };
  };

  function toInput(values: Record<string, FieldValue>): PersonInput & { status?: 'active' | 'deceased' | 'moved_out' } {
    return values as PersonInput & { status?: 'active' | 'deceased' | 'moved_out' };
  }

  async function personUpdate(actor: Actor, c: Extract<SurveyChangeInput, { kind: 'person.update' }>) {
    for (let attempt = 0; ; attempt++) {
      const current = await run(actor, (tx) => people.personById(tx, c.personId));
      if (!current) return journal(actor, c, rejected(commonError('NOT_FOUND')), null, c.baseVersion);
      const fields = c.fields as Record<string, FieldChange>;
      // Unmoved record: every field applies. Moved on: each field is decided on its own.
      const m = current.version === c.baseVersion
        ? { apply: Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, v.value])), alreadyEqual: [], conflicts: [] }
        : mergeFields(fields, personFields(current), shown);
      let version = current.version;
      if (Object.keys(m.apply).length) {
        try {
          version = (await deps.people.update(actor, c.personId, { ...toInput(m.apply), version: current.version })).version;
        } catch (e) {
          // someone saved between the read and the write: decide again against their save
          if (e instanceof AppError && e.code === 'VERSION_CONFLICT' && attempt < 3) continue;
          return journal(actor, c, rejected(e), current.path, c.baseVersion);
        }
      }
      const status = m.conflicts.length ? (Object.keys(m.apply).length || m.alreadyEqual.length ? 'partial' : 'conflict') : 'applied';
      const out = await journal(actor, c, { status, recordId: c.personId, version, applied: Object.keys(m.apply), conflicts: m.conflicts, error: null }, current.path, c.baseVersion);
      return { ...out, version };
    }
  }

  async function personCreate(actor: Actor, c: Extract<SurveyChangeInput, { kind: 'person.create' }>) {
    const place = await run(actor, async (tx) => {
      const h = await housing.houseById(tx, c.houseId);
      return h ? { path: h.path, nodeId: await repo.nodeIdAt(tx, h.path) } : undefined;
    });
    if (!place?.nodeId) return journal(actor, c, rejected(commonError('NOT_FOUND')), null, null);
    try {
      const p = await deps.people.create(actor, { ...c.person, jurisdictionId: place.nodeId });
      await deps.relations.addHouse(actor, p.id, { houseId: c.houseId, kind: c.residenceKind, validFrom: today() });
      return { ...(await journal(actor, c, { status: 'applied', recordId: p.id, version: p.version, applied: Object.keys(c.person), conflicts: [], error: null }, place.path, null)), version: p.version };
    } catch (e) {
      return journal(actor, c, rejected(e), place.path, null);
    }
  }

  async function residenceEnd(actor: Actor, c: Extract<SurveyChangeInput, { kind: 'residence.end' }>) {
    try {
      await deps.relations.endHouse(actor, c.residenceId, c.validTo);
      return journal(actor, c, { status: 'applied', recordId: c.residenceId, version: null, applied: ['validTo'], conflicts: [], error: null }, null, null);
    } catch (e) {
      return journal(actor, c, rejected(e), null, null);
    }
  }

  /** Starts or finds an upload by its hash (within a survey visit, or owned by another module's record when `visitId` is null). */
  async function startUploadIn(tx: Queryable, actor: Pick<Actor, 'userId'>, p: { visitId: string | null; sha256: string; size: number; mime: string; path: string; districtCode: string }) {
    if (p.size > PHOTO_MAX_BYTES) throw surveyError('PHOTO_TOO_LARGE', { limitMb: PHOTO_MAX_BYTES / 1024 / 1024 }, 'size');
    const fields = { path: p.path, district_code: p.districtCode, sha256: p.sha256, size: p.size, mime: p.mime, uploaded_by: actor.userId };
    const row = p.visitId ? await repo.upsertPhoto(tx, { ...fields, visit_id: p.visitId }) : await repo.insertPhoto(tx, fields);
    return { id: row.id, received: row.received, size: row.size, complete: row.complete };
  }

  return {
    /** The grid's estates, buildings, houses and current residents (masked), each with its version. */
    slice: (actor: Actor, q: { jurisdictionId?: string }) =>
      run(actor, async (tx) => {
        const underPath = (await filterPath(tx, jurisdiction, q.jurisdictionId)) ?? null;
        const count = await repo.countHouses(tx, underPath);
        if (count > SLICE_HOUSE_LIMIT) throw surveyError('SLICE_TOO_LARGE', { houses: count, limit: SLICE_HOUSE_LIMIT }, 'jurisdictionId');
        const [buildings, houses, residences] = [await repo.sliceBuildings(tx, underPath), await repo.sliceHouses(tx, underPath), await repo.sliceResidences(tx, underPath)];
        const persons = await repo.slicePeople(tx, [...new Set(residences.map((r) => r.person_id))]);
        const estates = new Map(buildings.filter((b) => b.estate_id).map((b) => [b.estate_id!, b.estate_name ?? '']));
        await audit.recordIn(tx, {
          ...who(actor), action: 'survey.slice', objectType: 'person',
          detail: { jurisdictionId: q.jurisdictionId ?? null, houses: houses.length, people: persons.length },
        });
        const visible = new Set(persons.map((p) => p.id));
        return {
          generatedAt: new Date(),
          estates: [...estates].map(([id, name]) => ({ id, name })),
          buildings: buildings.map((b) => ({ id: b.id, name: b.name, estateId: b.estate_id, estateName: b.estate_name, floors: b.floors, unitCount: b.unit_count, version: b.version })),
          houses: houses.map((h) => ({
            id: h.id, buildingId: h.building_id, unitNo: h.unit_no, floor: h.floor, number: h.number, label: h.label, version: h.version,
            lastVisit: h.last_visited_at ? { visitedAt: h.last_visited_at, outcome: h.last_outcome! } : null,
          })),
          people: persons.map((p) => ({
            id: p.id, name: p.name, gender: p.gender, birthDate: p.birth_date, ethnicity: p.ethnicity, citizenIdMasked: p.citizen_id_masked,
            phoneMasked: p.phone_masked, residenceAddress: p.residence_address, tags: p.tags, notes: p.notes, status: p.status, version: p.version,
          })),
          residences: residences.filter((r) => visible.has(r.person_id)).map((r) => ({ id: r.id, personId: r.person_id, houseId: r.house_id, kind: r.kind, validFrom: r.valid_from })),
        };
      }),

    /** Takes a batch queued on a phone: visits first (changes and photos refer to them), then changes in order. */
    async sync(actor: Actor, body: { visits: { id: string; houseId: string; visitedAt: string; outcome: string; notes?: string }[]; changes: SurveyChangeInput[] }): Promise<SyncResultDto> {
      const visits: SyncResultDto['visits'] = [];
      for (const v of body.visits) {
        visits.push(await run(actor, async (tx) => {
          const h = await housing.houseById(tx, v.houseId);
          if (!h) return { id: v.id, status: 'rejected' as const, error: problemOf(commonError('NOT_FOUND')) };
          const stored = await repo.insertVisit(tx, {
            id: v.id, path: h.path, district_code: h.district_code, house_id: h.id, worker_id: actor.userId, visited_at: v.visitedAt, outcome: v.outcome, notes: v.notes ?? null,
          });
          return { id: v.id, status: stored ? ('stored' as const) : ('replayed' as const), error: null };
        }));
      }
      const changes: ChangeResult[] = [];
      for (const c of body.changes) {
        const stored = await run(actor, (tx) => repo.changeByKey(tx, actor.userId, c.key));
        if (stored) changes.push(fromRow(stored, true));
        else if (c.kind === 'person.update') changes.push(await personUpdate(actor, c));
        else if (c.kind === 'person.create') changes.push(await personCreate(actor, c));
        else changes.push(await residenceEnd(actor, c));
      }
      return { visits, changes };
    },

    /** The worker's changes still waiting for a decision on some field. */
    conflicts: (actor: Actor) =>
      run(actor, async (tx) => {
        const rows = await repo.openConflicts(tx, actor.userId);
        await audit.recordIn(tx, { ...who(actor), action: 'survey.conflicts_read', objectType: 'person', detail: { returned: rows.length } });
        return {
          items: rows.map((c) => ({
            id: c.id, key: c.client_key, personId: c.record_id, personName: c.person_name ?? null, receivedAt: c.received_at, version: c.version,
            applied: c.applied, conflicts: c.conflicts,
          })),
        };
      }),

    /**
     * The worker's decision per field: keep mine, keep theirs, or an edited value. Applied only if
     * nobody changed the field again meanwhile; otherwise the conflict shows the newest value.
     */
    async resolve(actor: Actor, id: string, body: { version: number; choices: { field: string; choice: 'mine' | 'theirs' | 'edit'; value?: unknown }[] }) {
      const change = await run(actor, (tx) => repo.changeById(tx, id));
      if (!change || change.worker_id !== actor.userId) throw commonError('NOT_FOUND');
      if (change.status === 'resolved') throw surveyError('CONFLICT_RESOLVED');
      if (change.version !== body.version) throw commonError('VERSION_CONFLICT');
      const byField = new Map(body.choices.map((c) => [c.field, c]));
      for (const c of body.choices) if (!change.conflicts.some((x) => x.field === c.field)) throw surveyError('CHOICE_UNKNOWN', { field: c.field }, `choices.${c.field}`);
      const values: Record<string, FieldValue> = {};
      for (const x of change.conflicts) {
        const choice = byField.get(x.field);
        if (!choice) throw surveyError('CHOICE_MISSING', { field: x.field }, `choices.${x.field}`);
        if (choice.choice === 'theirs') continue;
        const raw = choice.choice === 'mine' ? x.mine : choice.value;
        const parsed = PERSON_FIELD_VALUES[x.field as SurveyField].safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError('VALIDATION_FAILED', 422, issue?.message ?? '值无效', issue?.message ?? 'Invalid value', [{ field: `choices.${x.field}.value`, message: issue?.message ?? '值无效', messageEn: issue?.message ?? 'Invalid value' }]);
        }
        values[x.field] = parsed.data as FieldValue;
      }
      for (let attempt = 0; ; attempt++) {
        const current = await run(actor, (tx) => people.personById(tx, change.record_id!));
        if (!current) throw commonError('NOT_FOUND');
        const now = personFields(current);
        const moved = change.conflicts.filter((x) => JSON.stringify(now[x.field as SurveyField] ?? null) !== JSON.stringify(x.theirs ?? null));
        if (moved.length) {
          await run(actor, (tx) => repo.updateChange(tx, change.id, change.version, { conflicts: change.conflicts.map((x) => ({ ...x, theirs: now[x.field as SurveyField] ?? null })) }));
          throw surveyError('CONFLICT_MOVED');
        }
        let version = current.version;
        if (Object.keys(values).length) {
          try {
            version = (await deps.people.update(actor, current.id, { ...toInput(values), version: current.version })).version;
          } catch (e) {
            if (e instanceof AppError && e.code === 'VERSION_CONFLICT' && attempt < 3) continue;
            throw e;
          }
        }
        await run(actor, async (tx) => {
          if (!(await repo.updateChange(tx, change.id, change.version, { status: 'resolved', resolved: true }))) throw commonError('VERSION_CONFLICT');
          await audit.recordIn(tx, {
            ...who(actor), action: 'survey.resolve', objectType: 'person', objectId: current.id,
            detail: { change: change.id, choices: body.choices.map((c) => ({ field: c.field, choice: c.choice })) },
          });
        });
        return { status: 'resolved' as const, personId: current.id, version, applied: Object.keys(values) };
      }
    },

    /** The visits of a house with their photos; reading them is audited. */
    visits: (actor: Actor, houseId: string) =>
      run(actor, async (tx) => {
        if (!(await housing.houseById(tx, houseId))) throw commonError('NOT_FOUND');
        const rows = await repo.visitsOfHouse(tx, houseId);
        await audit.recordIn(tx, { ...who(actor), action: 'survey.visits_read', objectType: 'house', objectId: houseId, detail: { returned: rows.length } });
        return {
          items: rows.map((v) => ({ id: v.id, houseId: v.house_id, workerName: v.worker_name, visitedAt: v.visited_at, outcome: v.outcome, notes: v.notes, photos: v.photos })),
        };
      }),

    /** Starts (or finds) the upload of a photo of a visit by its hash; answers how much is stored. */
    startPhoto: (actor: Actor, p: { visitId: string; sha256: string; size: number; mime: string }) =>
      run(actor, async (tx) => {
        const visit = await repo.visitById(tx, p.visitId);
        if (!visit) throw surveyError('VISIT_UNKNOWN', {}, 'visitId');
        return startUploadIn(tx, actor, { ...p, path: visit.path, districtCode: visit.district_code, visitId: visit.id });
      }),

    /**
     * The photo store for other modules' evidence (care visits): a resumable upload of a photo
     * that belongs to no survey visit, in the caller's transaction; the caller keeps which record
     * it proves. Chunks then go through `putChunk`, bytes come back through `photoBytesIn`.
     */
    startUploadIn: (tx: Queryable, actor: Actor, p: { sha256: string; size: number; mime: string; path: string; districtCode: string }) =>
      startUploadIn(tx, actor, { ...p, visitId: null }),

    /** Whole photos stored at once, complete (demo data, where nothing needs resuming); their ids by SHA-256. */
    storeWholeIn: (tx: Queryable, actor: Pick<Actor, 'userId'>, photos: { bytes: Buffer; mime: string; path: string; districtCode: string }[]) =>
      repo.insertWholePhotos(tx, photos.map((p) => ({
        path: p.path, district_code: p.districtCode, sha256: crypto.createHash('sha256').update(p.bytes).digest('hex'), mime: p.mime, uploaded_by: actor.userId, bytes: p.bytes,
      }))),

    /** The state of an upload (how much is stored), in the caller's transaction. */
    uploadStateIn: async (tx: Queryable, id: string) => {
      const row = await repo.photoById(tx, id);
      return row ? { id: row.id, received: row.received, size: row.size, complete: row.complete, mime: row.mime } : undefined;
    },

    /** The bytes of a complete photo, in the caller's transaction (the caller audits the read). */
    photoBytesIn: (tx: Queryable, id: string) => repo.photoBytes(tx, id),

    /**
     * One chunk at the given offset; the last one is checked against the hash before the photo
     * counts. `owner` keeps each route to its own photos: the survey's (of a survey visit) or
     * another module's (which checks first that the photo is one of its records).
     */
    putChunk: (actor: Actor, id: string, offset: number, data: Buffer, owner: 'survey' | 'other' = 'survey') =>
      run(actor, async (tx) => {
        const photo = await repo.photoById(tx, id, true);
        if (!photo || (photo.visit_id !== null) !== (owner === 'survey')) throw commonError('NOT_FOUND');
        if (photo.complete) return { id, received: photo.received, size: photo.size, complete: true };
        if (offset !== photo.received) throw surveyError('PHOTO_OFFSET', { received: photo.received });
        if (offset + data.length > photo.size) throw surveyError('PHOTO_CHUNK_OVERRUN', { size: photo.size });
        if (offset === 0) {
          const type = sniffImage(data.subarray(0, 16));
          if (!type || type !== photo.mime) throw surveyError('PHOTO_TYPE');
        }
        if (!(await repo.appendChunk(tx, photo, offset, data))) throw surveyError('PHOTO_OFFSET', { received: photo.received });
        const received = offset + data.length;
        if (received < photo.size) return { id, received, size: photo.size, complete: false };
        const hash = crypto.createHash('sha256').update(await repo.photoBytes(tx, id)).digest('hex');
        if (hash !== photo.sha256) return { mismatch: true as const };
        await repo.completePhoto(tx, id);
        return { id, received, size: photo.size, complete: true };
      }).then(async (r) => {
        if ('mismatch' in r) {
          await run(actor, (tx) => repo.resetPhoto(tx, id));
          throw surveyError('PHOTO_HASH_MISMATCH');
        }
        return r;
      }),

    /** The bytes of a complete photo; viewing it is audited. */
    photo: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const photo = await repo.photoById(tx, id);
        if (!photo?.visit_id) throw commonError('NOT_FOUND');
        if (!photo.complete) throw surveyError('PHOTO_INCOMPLETE');
        await audit.recordIn(tx, { ...who(actor), action: 'survey.photo_read', objectType: 'survey_photo', objectId: id });
        return { mime: photo.mime, bytes: await repo.photoBytes(tx, id) };
      }),
  };
}
