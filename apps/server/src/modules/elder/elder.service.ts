import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { type Scope, withScope } from '../../db/scope.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { today } from '../../shared/dates.js';
import type { AuditService } from '../audit/audit.service.js';
import * as jurisdictionRepo from '../jurisdiction/jurisdiction.repository.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { filterPath } from '../registry/placement.js';
import { decodeCursor, encodeCursor } from '../registry/registry.repository.js';
import { ageOn, phoneColumns } from '../registry/people.service.js';
import type { PersonPanel } from '../registry/relations.service.js';
import {
  AGE_BANDS, type AssessmentReason, LIVING_SITUATIONS, PROPOSAL_KINDS, PROPOSAL_THRESHOLD, PROPOSAL_WINDOW_DAYS,
  RISK_EVENT_KINDS, type RiskEventKind, SUBSIDIES,
} from './elder.codes.js';
import { elderError } from './elder.errors.js';
import { diagnosisFacts, type ScaleDefinition, scaleDefinition, scoreAssessment } from './elder.scoring.js';
import * as repo from './elder.repository.js';
import { type ArchiveHealth, EMPTY_HEALTH, elderSeal } from './elder.sealed.js';

/** Who calls: a signed-in user, or a scope of its own (`systemScope('…')` for devices and jobs). */
export type Caller = Actor | Scope;
const isActor = (c: Caller): c is Actor => 'userId' in c && 'permissions' in c;
const scopeOf = (c: Caller): Scope => (isActor(c) ? c.scope : c);

export interface RiskEventInput {
  personId: string;
  kind: RiskEventKind;
  occurredAt: Date;
  source: 'manual' | 'device';
  /** Unique per event at its source (e.g. `device:<imei>:<frame id>`): a replay stores nothing twice. */
  sourceKey: string;
  note?: string | null;
}

export interface ContactInput {
  contactPersonId?: string;
  name?: string;
  phone?: string;
  relation: string;
  isGuardian: boolean;
  isEmergency: boolean;
}

export interface ArchiveInput {
  livingSituation: keyof typeof LIVING_SITUATIONS;
  subsidies: (keyof typeof SUBSIDIES)[];
  chronicConditions: string[];
  diagnosisCodes: string[];
  medications: { name: string; dosage?: string }[];
  allergies: string[];
  notes?: string | null;
  contacts: ContactInput[];
  /** The archive's version when it exists (optimistic concurrency); absent to create it. */
  version?: number;
}

export interface AssessmentInput {
  scaleVersion: string;
  reason: AssessmentReason;
  answers: Record<string, number>;
  flags?: { dementia?: boolean; psychiatric?: boolean; coma?: boolean };
  proposalId?: string;
  notes?: string;
}

export type ElderService = ReturnType<typeof createElderService>;

const DAY_MS = 86_400_000;
const COUNT_CAP = 10_000;

/** The filters of the elder list (screen and export). */
export interface ElderQuery { q?: string; level?: number; unassessed?: boolean; ageBand?: string; gender?: number; living?: string; jurisdictionId?: string }
type ElderFilter = Omit<repo.ElderListFilter, 'sort' | 'order' | 'offset' | 'limit'>;

/** The list's filters as the repository's conditions (name or pinyin prefix, level, age band by birth date, jurisdiction path). */
async function elderFilter(tx: Queryable, jurisdiction: JurisdictionService, q: ElderQuery): Promise<ElderFilter> {
  const f: ElderFilter = { living: q.living, gender: q.gender };
  if (q.q) {
    const text = q.q.replace(/\s+/g, '');
    if (/^[a-zA-Z]+$/.test(text)) f.pinyinPrefix = text.toLowerCase();
    else f.namePrefix = text;
  }
  if (q.unassessed) f.level = null;
  else if (q.level !== undefined) f.level = q.level;
  if (q.ageBand) {
    const i = AGE_BANDS.findIndex((b) => b.code === q.ageBand);
    const now = today();
    const minus = (years: number) => `${Number(now.slice(0, 4)) - years}${now.slice(4)}`;
    const band = AGE_BANDS[i]!;
    // born on or before today − from years, and after today − (next from) years
    f.bornBefore = minus(band.from);
    const next = AGE_BANDS[i + 1];
    if (next) {
      const d = new Date(`${minus(next.from)}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      f.bornAfter = d.toISOString().slice(0, 10);
    }
  }
  if (q.jurisdictionId) f.underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
  return f;
}

/** A list row as the page shows it (masked ID and phone only). */
const toListItem = (r: repo.ElderListRow) => ({
  personId: r.person_id, name: r.name, gender: r.gender, age: ageOn(r.birth_date), citizenIdMasked: r.citizen_id_masked, phoneMasked: r.phone_masked,
  livingSituation: r.living_situation, subsidies: r.subsidies, currentLevel: r.current_level, currentScaleVersion: r.current_scale_version,
  currentAssessedAt: r.current_assessed_at, jurisdictionName: r.node_name, openProposal: r.open_proposal,
});
export type ElderListItem = ReturnType<typeof toListItem>;

/** Every read of the list is audited: which kind of search, which filters, how many rows (never the search text). */
const auditList = (audit: AuditService, tx: Queryable, actor: Actor, q: ElderQuery, f: ElderFilter, returned: number, exported = false) =>
  audit.recordIn(tx, {
    actor: auditActor(actor), ip: actor.ip, action: 'elder.list', objectType: 'elder_archive',
    detail: {
      searchKind: f.pinyinPrefix ? 'pinyin' : f.namePrefix ? 'name' : 'none',
      filters: Object.keys(q).filter((k) => !['q', 'page', 'pageSize', 'sort', 'order'].includes(k) && q[k as keyof ElderQuery] !== undefined),
      returned, ...(exported ? { export: true } : {}),
    },
  });

/** The orders of the elder list (screen and export alike). */
type ElderSort = repo.ElderListFilter['sort'];

/** What the 360° card opens, as its audit row names it (the archive's sealed health part among them). */
const PANEL_FIELDS = ['level', 'livingSituation', 'subsidies', 'health.chronicConditions', 'health.medications', 'health.allergies', 'contacts', 'riskEvents'];

/**
 * 养老档案与能力评估 — elder archives, ability assessments, care-risk events and the proposals of an
 * immediate re-assessment, and the pre-aggregated statistics. Other modules (care, devices) use
 * `levelOf` and `recordRiskEvent`; the person 360° page shows `personPanel`.
 */
export function createElderService(deps: { db: Database; audit: AuditService; cipher: FieldCipher; jurisdiction: JurisdictionService }) {
  const { db, audit, cipher, jurisdiction } = deps;
  const sealed = elderSeal(cipher);
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const who = (actor: Actor, objectId: string, objectType = 'person') => ({ actor: auditActor(actor), ip: actor.ip, objectType, objectId });

  async function mustPerson(tx: Queryable, personId: string) {
    const p = await repo.personPlace(tx, personId);
    if (!p) throw commonError('NOT_FOUND');
    return p;
  }

  async function scaleOf(tx: Queryable, version: string, field = 'scaleVersion') {
    const row = await repo.scaleByVersion(tx, version);
    if (!row) throw elderError('SCALE_UNKNOWN', { version }, field);
    return { row, def: scaleDefinition.parse(row.definition) };
  }

  /** Care-risk events of the scale's kinds in its window before `at`. */
  async function riskEventCount(tx: Queryable, def: ScaleDefinition, personId: string, at: Date) {
    const rule = def.adjustments.riskEvents;
    if (!rule) return 0;
    return (await repo.riskEventsBetween(tx, personId, sealed.kindHashes(rule.kinds), new Date(at.getTime() - rule.days * DAY_MS), at)).length;
  }

  async function score(tx: Queryable, personId: string, input: Pick<AssessmentInput, 'scaleVersion' | 'answers' | 'flags'>, at: Date) {
    const { row, def } = await scaleOf(tx, input.scaleVersion);
    const archive = await repo.archiveOf(tx, personId);
    const fromArchive = diagnosisFacts(archive ? sealed.openHealth(archive.health_enc).diagnosisCodes : []);
    const facts = {
      dementia: input.flags?.dementia ?? fromArchive.dementia,
      psychiatric: input.flags?.psychiatric ?? fromArchive.psychiatric,
      coma: input.flags?.coma ?? false,
      riskEvents: await riskEventCount(tx, def, personId, at),
    };
    const settings = await repo.settings(tx);
    return { scale: row, def, facts, result: scoreAssessment(def, input.answers, facts, { raisesStack: settings.raises_stack }) };
  }

  /**
   * Stores a risk event (once per source key) and, when it is the second fall or wandering within
   * 30 days, proposes an immediate re-assessment (or adds it to the proposal already open).
   */
  async function recordRiskEventIn(tx: Queryable, recordedBy: string | null, e: RiskEventInput) {
    // the kind is sealed, so the database no longer checks it: the vocabulary does
    if (!Object.hasOwn(RISK_EVENT_KINDS, e.kind)) throw elderError('RISK_KIND_UNKNOWN', { kind: String(e.kind) }, 'kind');
    const p = await repo.personPlace(tx, e.personId);
    if (!p) throw elderError('PERSON_NOT_FOUND', {}, 'personId');
    const stored = await repo.insertRiskEvent(tx, {
      personId: p.id, path: p.path, districtCode: p.district_code, kind: sealed.kind(e.kind), occurredAt: e.occurredAt,
      source: e.source, sourceKey: e.sourceKey, noteEnc: sealed.note(e.note ?? null), recordedBy,
    });
    let proposalId: string | null = null;
    if (stored.created && PROPOSAL_KINDS.includes(e.kind)) {
      const at = e.occurredAt.getTime();
      const window = PROPOSAL_WINDOW_DAYS * DAY_MS;
      // the events within 30 days of this one, on either side (entries arrive late and out of order)
      const near = await repo.riskEventsBetween(tx, p.id, sealed.kindHashes(PROPOSAL_KINDS), new Date(at - window - 1), new Date(at + window));
      if (near.length >= PROPOSAL_THRESHOLD) {
        proposalId = (await repo.upsertOpenProposal(tx, { personId: p.id, path: p.path, districtCode: p.district_code, eventIds: near.map((x) => x.id) })).id;
      }
    }
    return { id: stored.id, created: stored.created, proposalId };
  }

  const levelName = (def: ScaleDefinition | null, level: number | null) => (level === null ? null : def?.levels.find((l) => l.level === level) ?? null);

  const toContact = (c: repo.ContactRow) => ({
    id: c.id, contactPersonId: c.contact_person_id, name: c.contact_name ?? c.name ?? '', phoneMasked: c.contact_person_id ? c.contact_phone_masked : c.phone_masked,
    relation: c.relation, isGuardian: c.is_guardian, isEmergency: c.is_emergency,
  });

  const toAssessment = (a: repo.AssessmentRow) => {
    const h = sealed.openAssessment(a.health_enc);
    return {
      id: a.id, personId: a.person_id, personName: a.person_name, scaleVersion: a.scale_version, reason: a.reason, answers: h.answers,
      flags: h.flags, subtotals: h.subtotals, total: a.total, preliminaryLevel: a.preliminary_level, finalLevel: a.final_level, adjustments: h.adjustments,
      riskEvents30d: h.riskEvents30d, status: a.status as 'awaiting_second' | 'signed' | 'voided',
      assessor1: { id: a.assessor1_id, name: a.assessor1_name, signedAt: a.assessor1_signed_at },
      assessor2: a.assessor2_id ? { id: a.assessor2_id, name: a.assessor2_name, signedAt: a.assessor2_signed_at } : null,
      proposalId: a.proposal_id, notes: h.notes, assessedAt: a.assessed_at, jurisdictionName: a.node_name,
    };
  };

  const toProposal = (p: repo.ProposalRow) => ({
    id: p.id, personId: p.person_id, personName: p.person_name, status: p.status, eventCount: p.event_ids.length, createdAt: p.created_at,
    decidedByName: p.decided_by_name, decidedAt: p.decided_at, dismissReason: p.dismiss_reason, assessmentId: p.assessment_id,
    jurisdictionName: p.node_name, currentLevel: p.current_level,
  });

  const toEvent = (e: repo.RiskEventRow) => ({
    id: e.id, kind: sealed.openKind(e.kind_enc), occurredAt: e.occurred_at, source: e.source as 'manual' | 'device', note: sealed.openNote(e.note_enc),
    recordedByName: e.recorded_by_name,
  });

  async function contactRows(tx: Queryable, p: repo.PersonPlace, contacts: ContactInput[]) {
    await repo.deleteContacts(tx, p.id);
    let i = 0;
    for (const c of contacts) {
      if (c.contactPersonId && !(await repo.personPlace(tx, c.contactPersonId))) throw elderError('PERSON_NOT_FOUND', {}, `contacts.${i}.contactPersonId`);
      await repo.insertContact(tx, {
        personId: p.id, path: p.path, contactPersonId: c.contactPersonId ?? null, name: c.contactPersonId ? null : (c.name ?? null),
        phone: !c.contactPersonId && c.phone ? phoneColumns(cipher, c.phone) : null, relation: c.relation, isGuardian: c.isGuardian, isEmergency: c.isEmergency, sortOrder: i,
      });
      i += 1;
    }
  }

  /**
   * The 360° card: level, living situation, subsidies, the health archive (sealed), contacts and
   * the last 30 days' risk events. Opening it is an audited read of its own (`elder.read`, purpose
   * `overview`), naming the fields shown, like `GET` of the elder.
   */
  async function personPanel(tx: Queryable, personId: string, reader: Actor): Promise<PersonPanel | null> {
    const a = await repo.archiveOf(tx, personId);
    if (!a) return null;
    const health = sealed.openHealth(a.health_enc);
    const def = a.current_scale_version ? scaleDefinition.parse((await repo.scaleByVersion(tx, a.current_scale_version))?.definition) : null;
    const lvl = levelName(def, a.current_level);
    const contacts = (await repo.contactsOf(tx, personId)).map(toContact);
    const events = await repo.riskEventsBetween(tx, personId, sealed.kindHashes(Object.keys(RISK_EVENT_KINDS)), new Date(Date.now() - PROPOSAL_WINDOW_DAYS * DAY_MS), new Date());
    const byKind = new Map<string, number>();
    for (const e of events) {
      const kind = sealed.openKind(e.kind_enc);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    const eventText = (en: boolean) =>
      [...byKind].map(([k, n]) => `${en ? RISK_EVENT_KINDS[k as RiskEventKind].nameEn : RISK_EVENT_KINDS[k as RiskEventKind].name} ×${n}`).join(en ? ', ' : '，');
    const items: PersonPanel['items'] = [
      {
        label: '能力等级', labelEn: 'Ability level',
        value: lvl ? `${a.current_level}级 ${lvl.name}（${a.current_scale_version}，${a.current_assessed_at ? a.current_assessed_at.toISOString().slice(0, 10) : ''}）` : '未评估（或评估待第二评估员签字）',
      },
      { label: '居住情况', labelEn: 'Living situation', value: LIVING_SITUATIONS[a.living_situation as keyof typeof LIVING_SITUATIONS]?.name ?? a.living_situation },
      { label: '补贴', labelEn: 'Subsidies', value: a.subsidies.map((s) => SUBSIDIES[s as keyof typeof SUBSIDIES]?.name ?? s).join('、') || '无' },
      { label: '慢性病', labelEn: 'Chronic conditions', value: health.chronicConditions.join('、') || '无' },
      { label: '用药', labelEn: 'Medications', value: health.medications.map((m) => (m.dosage ? `${m.name}（${m.dosage}）` : m.name)).join('、') || '无' },
      { label: '过敏', labelEn: 'Allergies', value: health.allergies.join('、') || '无' },
      {
        label: '联系人/监护人', labelEn: 'Contacts / guardians',
        value: contacts.map((c) => `${c.name}${c.relation ? `（${c.relation}${c.isGuardian ? '，监护人' : ''}）` : c.isGuardian ? '（监护人）' : ''}${c.phoneMasked ? ` ${c.phoneMasked}` : ''}`).join('；') || '无',
      },
      { label: '近30天风险事件', labelEn: 'Risk events, last 30 days', value: eventText(false) || '无' },
    ];
    await audit.recordIn(tx, {
      ...who(reader, personId), action: 'elder.read',
      detail: { purpose: 'overview', fields: PANEL_FIELDS, contacts: contacts.length, riskEvents: events.length },
    });
    return { key: 'elder', title: '养老档案', titleEn: 'Elder archive', items };
  }

  return {
    // ---- the contract other modules use (keep stable: add, do not rename)

    /** The elder's current ability level (0–4, from the latest assessment both assessors signed), or null. */
    levelOf: (caller: Caller, personId: string): Promise<number | null> =>
      withScope(db, scopeOf(caller), (tx) => repo.currentLevel(tx, personId)),

    /** Records a care-risk event for a person in the caller's scope (idempotent by `sourceKey`). */
    recordRiskEvent: (caller: Caller, e: RiskEventInput) =>
      withScope(db, scopeOf(caller), (tx) => recordRiskEventIn(tx, isActor(caller) ? caller.userId : null, e)),

    /** The same inside a transaction the caller already holds. */
    recordRiskEventIn,

    personPanel,

    // ---- scales and settings

    scales: (actor: Actor) =>
      run(actor, async (tx) => (await repo.listScales(tx)).map((r) => ({
        version: r.version, name: r.name, nameEn: r.name_en, inUse: r.in_use, effectiveFrom: r.effective_from, definition: scaleDefinition.parse(r.definition),
      }))),

    settings: (actor: Actor) => run(actor, async (tx) => {
      const s = await repo.settings(tx);
      return { raisesStack: s.raises_stack, updatedAt: s.updated_at, version: s.version };
    }),

    updateSettings: (actor: Actor, input: { raisesStack: boolean; version: number }) =>
      run(actor, async (tx) => {
        const before = await repo.settings(tx);
        if (!(await repo.updateSettings(tx, input.raisesStack, input.version, actor.userId))) throw commonError('VERSION_CONFLICT');
        await audit.recordIn(tx, { ...who(actor, 'settings', 'elder_setting'), action: 'elder.setting_update', detail: { raisesStack: { from: before.raises_stack, to: input.raisesStack } } });
        const s = await repo.settings(tx);
        return { raisesStack: s.raises_stack, updatedAt: s.updated_at, version: s.version };
      }),

    // ---- archives

    /** Elders in scope (search by name or pinyin, filter by level, age band, living situation, jurisdiction). */
    list: (actor: Actor, q: ElderQuery & { sort: ElderSort; order: 'asc' | 'desc'; page: number; pageSize: number }) =>
      run(actor, async (tx) => {
        const f: repo.ElderListFilter = { ...(await elderFilter(tx, jurisdiction, q)), sort: q.sort, order: q.order, offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
        const { rows, total } = await repo.listElders(tx, f, COUNT_CAP);
        await auditList(audit, tx, actor, q, f, rows.length);
        return { items: rows.map(toListItem), total, totalCapped: total >= COUNT_CAP };
      }),

    /**
     * The same list a keyset page at a time in the order on screen (`sort`, `order`; default by
     * name), for the export (`nextCursor` leads on).
     */
    exportPage: (actor: Actor, q: ElderQuery & { sort?: ElderSort; order?: 'asc' | 'desc' }, cursor: string | undefined, limit: number) =>
      run(actor, async (tx) => {
        const f = { ...(await elderFilter(tx, jurisdiction, q)), sort: q.sort ?? 'name', order: q.order ?? 'asc' };
        const after = decodeCursor(cursor) as [string, string, string] | undefined;
        const { rows, more } = await repo.elderKeysetPage(tx, f, after?.length === 3 ? after : undefined, limit);
        await auditList(audit, tx, actor, q, f, rows.length, true);
        const last = rows.at(-1);
        return { items: rows.map(toListItem), nextCursor: more && last ? encodeCursor([last.sort_key, last.name_pinyin, last.person_id]) : null };
      }),

    /** One elder: the registry summary, the archive (null before one is made), contacts, assessments, recent risk events. */
    get: (actor: Actor, personId: string) =>
      run(actor, async (tx) => {
        await mustPerson(tx, personId);
        const person = await repo.personSummary(tx, personId);
        const a = await repo.archiveOf(tx, personId);
        const contacts = (await repo.contactsOf(tx, personId)).map(toContact);
        const assessments = (await repo.assessmentsOf(tx, personId)).map(toAssessment);
        const events = (await repo.riskEventsOf(tx, personId, 50)).map(toEvent);
        const open = await repo.openProposalOf(tx, personId, false);
        const since = Date.now() - PROPOSAL_WINDOW_DAYS * DAY_MS;
        const health = a ? sealed.openHealth(a.health_enc) : null;
        // one row for the whole read, naming what it showed (the archive's health part, the assessments' answers, the risk events)
        await audit.recordIn(tx, {
          ...who(actor, personId), action: 'elder.read',
          detail: { fields: [...(a ? ['health'] : []), ...(assessments.length ? ['assessments'] : []), ...(events.length ? ['riskEvents'] : [])], archive: Boolean(a), assessments: assessments.length, riskEvents: events.length },
        });
        return {
          person: {
            id: personId, name: person!.name, gender: person!.gender, age: ageOn(person!.birth_date), birthDate: person!.birth_date,
            citizenIdMasked: person!.citizen_id_masked, phoneMasked: person!.phone_masked, residenceAddress: person!.residence_address, jurisdictionName: person!.node_name,
          },
          archive: a ? {
            livingSituation: a.living_situation, subsidies: a.subsidies, chronicConditions: health!.chronicConditions, diagnosisCodes: health!.diagnosisCodes,
            medications: health!.medications, allergies: health!.allergies, notes: health!.notes, currentLevel: a.current_level, currentScaleVersion: a.current_scale_version,
            currentAssessmentId: a.current_assessment_id, currentAssessedAt: a.current_assessed_at, version: a.version, diagnoses: diagnosisFacts(health!.diagnosisCodes),
          } : null,
          contacts,
          assessments,
          riskEvents: events,
          riskEvents30d: events.filter((e) => e.occurredAt.getTime() > since).length,
          openProposalId: open?.id ?? null,
        };
      }),

    /** Creates or updates an elder's archive (contacts are replaced with the list given). */
    saveArchive: (actor: Actor, personId: string, input: ArchiveInput) =>
      run(actor, async (tx) => {
        const p = await mustPerson(tx, personId);
        const health: ArchiveHealth = {
          chronicConditions: input.chronicConditions, diagnosisCodes: input.diagnosisCodes.map((c) => c.toUpperCase()), medications: input.medications,
          allergies: input.allergies, notes: input.notes ?? null,
        };
        const fields: repo.ArchiveFields = { living_situation: input.livingSituation, subsidies: input.subsidies, health_enc: sealed.health(health) };
        const current = await repo.archiveOf(tx, personId, true);
        if (!current) await repo.insertArchive(tx, p, fields, actor.userId);
        else if (input.version === undefined || !(await repo.updateArchive(tx, personId, input.version, fields))) throw commonError('VERSION_CONFLICT');
        await contactRows(tx, p, input.contacts);
        await audit.recordIn(tx, { ...who(actor, personId), action: 'elder.archive_update', detail: { created: !current, contacts: input.contacts.length } });
        const a = (await repo.archiveOf(tx, personId))!;
        return { personId, version: a.version };
      }),

    // ---- assessments

    /** The running total, indicator subtotals and resulting level of (possibly partial) answers. */
    preview: (actor: Actor, personId: string, input: Pick<AssessmentInput, 'scaleVersion' | 'answers' | 'flags'>) =>
      run(actor, async (tx) => {
        await mustPerson(tx, personId);
        const s = await score(tx, personId, input, new Date());
        return { ...s.result, riskEvents30d: s.facts.riskEvents, dementia: s.facts.dementia, psychiatric: s.facts.psychiatric };
      }),

    /**
     * Submits an assessment signed by its first assessor (the caller). It changes the elder's level
     * only once a second assessor confirms it (`sign`).
     */
    createAssessment: (actor: Actor, personId: string, input: AssessmentInput) =>
      run(actor, async (tx) => {
        const p = await mustPerson(tx, personId);
        const at = new Date();
        const s = await score(tx, personId, input, at);
        if (!s.scale.in_use) throw elderError('SCALE_RETIRED', { version: s.scale.version }, 'scaleVersion');
        const r = s.result;
        if (!r.complete) {
          const bad = [...r.missing, ...r.invalid];
          throw elderError('ANSWERS_INCOMPLETE', { items: bad.join('、') }, bad.map((code) => {
            const it = s.def.items.find((i) => i.code === code);
            return { field: `answers.${code}`, message: `${it ? `${code} ${it.name}` : code}：${r.missing.includes(code) ? '未填写' : '选项无效'}`, messageEn: `${code}: ${r.missing.includes(code) ? 'not answered' : 'invalid option'}` };
          }));
        }
        if (input.proposalId) {
          const pr = await repo.proposalById(tx, input.proposalId, true);
          if (!pr) throw elderError('PROPOSAL_UNKNOWN', {}, 'proposalId');
          if (pr.person_id !== personId) throw elderError('PROPOSAL_OTHER_PERSON', {}, 'proposalId');
          if (pr.status === 'dismissed' || pr.status === 'done') throw elderError('PROPOSAL_DECIDED', {}, 'proposalId');
        }
        if (!(await repo.archiveOf(tx, personId))) {
          await repo.insertArchive(tx, p, { living_situation: 'other', subsidies: [], health_enc: sealed.health(EMPTY_HEALTH) }, actor.userId);
        }
        const flags = { dementia: s.facts.dementia, psychiatric: s.facts.psychiatric, coma: s.facts.coma };
        const id = await repo.insertAssessment(tx, {
          personId, path: p.path, districtCode: p.district_code, scaleVersion: s.scale.version, reason: input.reason,
          healthEnc: sealed.assessment({ answers: input.answers, flags, subtotals: r.subtotals, adjustments: r.adjustments, riskEvents30d: s.facts.riskEvents, notes: input.notes ?? null }),
          total: r.total, preliminaryLevel: r.preliminaryLevel!, finalLevel: r.finalLevel!, assessor1: actor.userId, proposalId: input.proposalId ?? null, assessedAt: at,
        });
        if (input.proposalId) await repo.decideProposal(tx, input.proposalId, { status: 'started', by: actor.userId, assessmentId: id });
        await audit.recordIn(tx, { ...who(actor, personId), action: 'elder.assessment_create', detail: { assessmentId: id, scale: s.scale.version, reason: input.reason, finalLevel: r.finalLevel } });
        return toAssessment((await repo.assessmentById(tx, id))!);
      }),

    /** The second assessor confirms an assessment on their own session; the elder's level follows it. */
    sign: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const a = await repo.assessmentById(tx, id, true);
        if (!a) throw commonError('NOT_FOUND');
        if (a.status !== 'awaiting_second') throw elderError('ALREADY_SIGNED');
        if (a.assessor1_id === actor.userId) throw elderError('SAME_ASSESSOR');
        await repo.signSecond(tx, id, actor.userId);
        await repo.setCurrentLevel(tx, a.person_id, { level: a.final_level, scaleVersion: a.scale_version, assessmentId: a.id, assessedAt: a.assessed_at });
        if (a.proposal_id) await repo.decideProposal(tx, a.proposal_id, { status: 'done', by: null });
        await audit.recordIn(tx, { ...who(actor, a.person_id), action: 'elder.assessment_sign', detail: { assessmentId: id, finalLevel: a.final_level } });
        return toAssessment((await repo.assessmentById(tx, id))!);
      }),

    /** One assessment with every answer and its scale (for the report). */
    getAssessment: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        const a = await repo.assessmentById(tx, id);
        if (!a) throw commonError('NOT_FOUND');
        const { row, def } = await scaleOf(tx, a.scale_version);
        await audit.recordIn(tx, { ...who(actor, a.person_id), action: 'elder.assessment_read', detail: { assessmentId: id, fields: ['answers', 'flags', 'subtotals', 'adjustments', 'notes'] } });
        return { ...toAssessment(a), scale: { version: row.version, name: row.name, nameEn: row.name_en, inUse: row.in_use, effectiveFrom: row.effective_from, definition: def } };
      }),

    /** Assessments waiting for a second assessor, in scope (the caller's own are marked). */
    awaitingSecond: (actor: Actor, limit: number) =>
      run(actor, async (tx) => {
        const rows = (await repo.awaitingSecond(tx, limit)).map(toAssessment);
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'elder.list', objectType: 'elder_assessment', detail: { awaitingSecond: true, returned: rows.length } });
        return rows.map((r) => ({ ...r, mine: r.assessor1.id === actor.userId }));
      }),

    // ---- risk events and proposals

    /** A risk event entered by staff; `sourceKey` (optional) makes a retried submission store it once. */
    addRiskEvent: (actor: Actor, personId: string, input: { kind: RiskEventKind; occurredAt: string; note?: string; sourceKey?: string }) =>
      run(actor, async (tx) => {
        await mustPerson(tx, personId);
        const r = await recordRiskEventIn(tx, actor.userId, {
          personId, kind: input.kind, occurredAt: new Date(input.occurredAt), source: 'manual', sourceKey: `manual:${input.sourceKey ?? randomUUID()}`, note: input.note ?? null,
        });
        // not the kind: the audit log is plaintext, and a suicide attempt is health data
        await audit.recordIn(tx, { ...who(actor, personId), action: 'elder.risk_event', detail: { eventId: r.id, created: r.created, proposalId: r.proposalId } });
        return r;
      }),

    proposals: (actor: Actor, q: { status: 'open' | 'started' | 'dismissed' | 'done'; page: number; pageSize: number }) =>
      run(actor, async (tx) => {
        const { rows, total } = await repo.listProposals(tx, q.status, (q.page - 1) * q.pageSize, q.pageSize);
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'elder.list', objectType: 'elder_proposal', detail: { status: q.status, returned: rows.length } });
        return { items: rows.map(toProposal), total };
      }),

    /** Starts (the staff member will assess now) or dismisses (with a reason) an open proposal. */
    decideProposal: (actor: Actor, id: string, input: { action: 'start' | 'dismiss'; reason?: string }) =>
      run(actor, async (tx) => {
        const p = await repo.proposalById(tx, id, true);
        if (!p) throw commonError('NOT_FOUND');
        if (p.status !== 'open') throw elderError('PROPOSAL_DECIDED');
        await repo.decideProposal(tx, id, { status: input.action === 'start' ? 'started' : 'dismissed', by: actor.userId, reason: input.reason ?? null });
        await audit.recordIn(tx, { ...who(actor, p.person_id), action: 'elder.proposal_decide', reason: input.reason ?? null, detail: { proposalId: id, action: input.action } });
        return toProposal((await repo.proposalById(tx, id))!);
      }),

    // ---- statistics

    /** Elders by level, age band and living situation under a node, and per child node (pre-aggregated). */
    stats: (actor: Actor, q: { jurisdictionId?: string }) =>
      run(actor, async (tx) => {
        const id = q.jurisdictionId ?? actor.nodes[0]?.id;
        const node = id ? await jurisdictionRepo.byId(tx, id, today()) : undefined;
        if (!node) throw commonError('NOT_FOUND');
        // one after another: a transaction is one connection
        const byLevel = await repo.statsBy(tx, node.path, 'level');
        const byAge = await repo.statsBy(tx, node.path, 'age_band');
        const byLiving = await repo.statsBy(tx, node.path, 'living');
        const byChild = await repo.statsBy(tx, node.path, 'child');
        const kids = await jurisdictionRepo.children(tx, node.id, today());
        const sum = (rows: repo.StatRow[], key: string) => rows.filter((r) => r.key === key).reduce((s, r) => s + r.n, 0);
        const levels = (rows: repo.StatRow[], key: string) => {
          const out: Record<string, number> = {};
          for (const r of rows) if (r.key === key) out[String(r.level)] = (out[String(r.level)] ?? 0) + r.n;
          return out;
        };
        return {
          node: { id: node.id, name: node.name, level: node.level, pathNames: node.path_names, parentId: node.parent_id },
          total: byLevel.reduce((s, r) => s + r.n, 0),
          byLevel: [-1, 0, 1, 2, 3, 4].map((l) => ({ level: l, n: byLevel.filter((r) => r.level === l).reduce((s, r) => s + r.n, 0) })),
          byAgeBand: [...AGE_BANDS.map((b) => b.code), 'unknown'].map((code) => ({ code, n: sum(byAge, code), byLevel: levels(byAge, code) })),
          byLiving: Object.keys(LIVING_SITUATIONS).map((code) => ({ code, n: sum(byLiving, code), byLevel: levels(byLiving, code) })),
          children: kids.map((k) => ({ id: k.id, name: k.name, level: k.level, n: sum(byChild, k.path), byLevel: levels(byChild, k.path) })),
          atNode: sum(byChild, ''),
        };
      }),

    /** Brings the statistics' age bands to today (the jobs role, hourly; does the work once a day). */
    ageStats: () => db.transaction((tx) => repo.ageStats(tx)),

    /** The module's sealing with the service's key, for seeds that write archives and assessments directly. */
    sealed,
  };
}
