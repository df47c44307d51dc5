import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { FAMILY_RELATIONS } from '../../standards/codes.js';
import type { AuditService } from '../audit/audit.service.js';
import { today } from '../../shared/dates.js';
import * as jurisdictionRepo from '../jurisdiction/jurisdiction.repository.js';
import * as housing from './housing.repository.js';
import * as people from './people.repository.js';
import { ageOn, toPerson } from './people.service.js';
import { found } from './placement.js';
import { registryError } from './registry.errors.js';
import { decodeCursor, encodeCursor, insertRow, selectById, updateRow } from './registry.repository.js';
import * as repo from './relations.repository.js';

/** A card another subsystem adds to the person 360° page (elder care, services, estates …). */
export interface PersonPanel {
  key: string;
  title: string;
  titleEn: string;
  items: { label: string; labelEn: string; value: string }[];
}
/** Fills one panel for a person inside the reader's scope, or returns null when it has nothing. */
export type PersonPanelProvider = (tx: Queryable, personId: string) => Promise<PersonPanel | null>;

const relationName = (code: string) => FAMILY_RELATIONS[code] ?? code;

export type RelationsService = ReturnType<typeof createRelationsService>;

/**
 * Relationships with validity dates (person–house, person–person, person–organisation,
 * household membership), the person 360° view and the relationship graph.
 */
export function createRelationsService(deps: { db: Database; audit: AuditService }) {
  const { db, audit } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);
  const panels: PersonPanelProvider[] = [];

  async function person(tx: Queryable, id: string, field = 'personId') {
    const p = await people.personById(tx, id);
    if (!p) throw registryError('REFERENCE_NOT_FOUND', { what: '人员', whatEn: 'The person' }, field);
    return p;
  }
  async function mustPerson(tx: Queryable, id: string) {
    const p = await people.personById(tx, id);
    if (!p) throw commonError('NOT_FOUND');
    return p;
  }

  async function end(actor: Actor, table: repo.RelationTable, id: string, validTo: string) {
    return run(actor, async (tx) => {
      const r = await repo.relationById(tx, table, id);
      if (!r) throw commonError('NOT_FOUND');
      if (r.valid_to) throw registryError('RELATION_ALREADY_ENDED', { validTo: r.valid_to });
      if (validTo < r.valid_from) throw registryError('END_BEFORE_START', { validFrom: r.valid_from }, 'validTo');
      await repo.endRelation(tx, table, id, validTo);
      return { ok: true as const };
    });
  }

  async function householdDto(tx: Queryable, id: string) {
    const h = await repo.householdById(tx, id);
    if (!h) throw commonError('NOT_FOUND');
    const members = await repo.membersOf(tx, id);
    return {
      ...summary(h),
      members: members.map((m) => ({
        memberId: m.member_id, personId: m.person_id, name: m.name, gender: m.gender, age: ageOn(m.birth_date),
        relationCode: m.relation_code, relationName: relationName(m.relation_code), validFrom: m.valid_from, validTo: m.valid_to,
      })),
    };
  }
  /**
   * Entered once, used everywhere: a member of a household registered at a house lives there,
   * and is the head's relative (the head's view of the relation; 夫/妻 are 配偶 between them).
   */
  async function settleMember(tx: Queryable, h: { house_id: string | null; path: string; district_code: string; head_person_id: string | null }, personId: string, relationCode: string, validFrom: string) {
    if (h.house_id && !(await repo.hasActiveResidence(tx, personId, h.house_id))) {
      const house = await housing.houseById(tx, h.house_id);
      if (house) await insertRow(tx, 'person_house', { person_id: personId, house_id: house.id, kind: 'resident', path: house.path, district_code: house.district_code, valid_from: validFrom });
    }
    if (h.head_person_id && h.head_person_id !== personId && !['01', '02', '99'].includes(relationCode) && !(await repo.hasActiveRelation(tx, h.head_person_id, personId))) {
      const code = relationCode === '11' || relationCode === '12' ? '10' : relationCode;
      await insertRow(tx, 'person_relation', { person_id: h.head_person_id, related_person_id: personId, relation_code: code, path: h.path, valid_from: validFrom });
    }
  }

  const summary = (h: repo.HouseholdRow) => ({
    id: h.id, householdNo: h.household_no, kind: h.kind, headId: h.head_person_id, headName: h.head_name,
    houseId: h.house_id, houseLabel: h.house_label, memberCount: h.member_count, version: h.version,
  });

  return {
    /** Lets another subsystem add a card to the person 360° page without editing it. */
    registerPersonPanel(provider: PersonPanelProvider) {
      panels.push(provider);
    },

    // ---- person–house (owner / tenant / resident / operator of a shop)
    addHouse: (actor: Actor, personId: string, input: { houseId: string; kind: string; validFrom: string }) =>
      run(actor, async (tx) => {
        await mustPerson(tx, personId);
        const house = await housing.houseById(tx, input.houseId);
        if (!house) throw registryError('REFERENCE_NOT_FOUND', { what: '房屋', whatEn: 'The house' }, 'houseId');
        const id = await insertRow(tx, 'person_house', {
          person_id: personId, house_id: house.id, kind: input.kind, path: house.path, district_code: house.district_code, valid_from: input.validFrom,
        });
        return { id };
      }),
    endHouse: (actor: Actor, id: string, validTo: string) => end(actor, 'person_house', id, validTo),

    // ---- person–person (family)
    addRelative: (actor: Actor, personId: string, input: { relatedPersonId: string; relationCode: string; validFrom: string }) =>
      run(actor, async (tx) => {
        const p = await mustPerson(tx, personId);
        await person(tx, input.relatedPersonId, 'relatedPersonId');
        if (input.relatedPersonId === personId) throw registryError('MERGE_SELF', {}, 'relatedPersonId');
        const id = await insertRow(tx, 'person_relation', {
          person_id: personId, related_person_id: input.relatedPersonId, relation_code: input.relationCode, path: p.path, valid_from: input.validFrom,
        });
        return { id };
      }),
    endRelative: (actor: Actor, id: string, validTo: string) => end(actor, 'person_relation', id, validTo),

    // ---- person–organisation
    addOrganization: (actor: Actor, personId: string, input: { orgId: string; kind: string; validFrom: string }) =>
      run(actor, async (tx) => {
        await mustPerson(tx, personId);
        const org = await selectById<{ id: string; path: string }>(tx, 'organization', input.orgId, 't.id, t.path::text AS path');
        if (!org) throw registryError('REFERENCE_NOT_FOUND', { what: '单位', whatEn: 'The organisation' }, 'orgId');
        const id = await insertRow(tx, 'person_org', { person_id: personId, org_id: org.id, kind: input.kind, path: org.path, valid_from: input.validFrom });
        return { id };
      }),
    endOrganization: (actor: Actor, id: string, validTo: string) => end(actor, 'person_org', id, validTo),

    // ---- households (户)
    listHouseholds: (actor: Actor, q: { q?: string; jurisdictionId?: string; cursor?: string; limit: number }) =>
      run(actor, async (tx) => {
        let underPath: string | undefined;
        if (q.jurisdictionId) underPath = found((await jurisdictionRepo.byIds(tx, [q.jurisdictionId], today()))[0]).path;
        const p = await repo.listHouseholds(tx, { q: q.q, underPath, after: decodeCursor(q.cursor), limit: q.limit });
        const last = p.rows.at(-1);
        return { items: p.rows.map(summary), nextCursor: p.more && last ? encodeCursor([last.created_at, last.id]) : null };
      }),
    getHousehold: (actor: Actor, id: string) => run(actor, (tx) => householdDto(tx, id)),

    /** Registers a household: the head (户主, relation 02) and members with GB/T 4761 relations. */
    createHousehold: (actor: Actor, input: { householdNo?: string; kind: string; houseId?: string; headPersonId: string; members: { personId: string; relationCode: string }[]; validFrom?: string }) =>
      run(actor, async (tx) => {
        const head = await person(tx, input.headPersonId, 'headPersonId');
        let place = { path: head.path, district_code: head.district_code };
        if (input.houseId) {
          const house = await housing.houseById(tx, input.houseId);
          if (!house) throw registryError('REFERENCE_NOT_FOUND', { what: '房屋', whatEn: 'The house' }, 'houseId');
          place = { path: house.path, district_code: house.district_code };
        }
        for (const [i, m] of input.members.entries()) await person(tx, m.personId, `members.${i}.personId`);
        const validFrom = input.validFrom ?? new Date().toISOString().slice(0, 10);
        const id = await insertRow(tx, 'household', { ...place, household_no: input.householdNo, kind: input.kind, head_person_id: head.id, house_id: input.houseId });
        const members = [{ personId: head.id, relationCode: '02' }, ...input.members.filter((m) => m.personId !== head.id)];
        for (const m of members) {
          await insertRow(tx, 'household_member', { household_id: id, person_id: m.personId, relation_code: m.relationCode, path: place.path, valid_from: validFrom });
          await settleMember(tx, { house_id: input.houseId ?? null, head_person_id: head.id, ...place }, m.personId, m.relationCode, validFrom);
        }
        return householdDto(tx, id);
      }),
    updateHousehold: (actor: Actor, id: string, p: { householdNo?: string; houseId?: string; headPersonId?: string; version: number }) =>
      run(actor, async (tx) => {
        await householdDto(tx, id);
        if (p.headPersonId) await person(tx, p.headPersonId, 'headPersonId');
        if (p.houseId && !(await housing.houseById(tx, p.houseId))) throw registryError('REFERENCE_NOT_FOUND', { what: '房屋', whatEn: 'The house' }, 'houseId');
        if (!(await updateRow(tx, 'household', id, p.version, { household_no: p.householdNo, house_id: p.houseId, head_person_id: p.headPersonId }))) throw commonError('VERSION_CONFLICT');
        return householdDto(tx, id);
      }),
    addMember: (actor: Actor, householdId: string, input: { personId: string; relationCode: string; validFrom: string }) =>
      run(actor, async (tx) => {
        const h = await repo.householdById(tx, householdId);
        if (!h) throw commonError('NOT_FOUND');
        await person(tx, input.personId);
        if (!(await repo.activeMembership(tx, householdId, input.personId))) {
          await insertRow(tx, 'household_member', { household_id: householdId, person_id: input.personId, relation_code: input.relationCode, path: h.path, valid_from: input.validFrom });
          await settleMember(tx, h, input.personId, input.relationCode, input.validFrom);
        }
        return householdDto(tx, householdId);
      }),
    endMember: (actor: Actor, id: string, validTo: string) => end(actor, 'household_member', id, validTo),

    /** Everything the registry knows about one person, for the 360° page; one audited read. */
    overview: (actor: Actor, personId: string) =>
      run(actor, async (tx) => {
        const p = await mustPerson(tx, personId);
        await audit.recordIn(tx, { actor: auditActor(actor), ip: actor.ip, action: 'person.read', objectType: 'person', objectId: personId, detail: { purpose: 'overview' } });
        const [houses, households, relatives, orgs, events] = [
          await repo.housesOf(tx, personId), await repo.householdsOf(tx, personId), await repo.relativesOf(tx, personId),
          await repo.orgsOf(tx, personId), await repo.eventsOf(tx, personId),
        ];
        const householdCards = [];
        for (const h of households) {
          const members = await repo.membersOf(tx, h.household_id);
          householdCards.push({
            householdId: h.household_id, relationCode: h.relation_code, relationName: relationName(h.relation_code), validFrom: h.valid_from, validTo: h.valid_to,
            headId: h.head_id, headName: h.head_name,
            members: members.filter((m) => !m.valid_to).map((m) => ({ memberId: m.member_id, personId: m.person_id, name: m.name, relationCode: m.relation_code, relationName: relationName(m.relation_code) })),
          });
        }
        const filled: PersonPanel[] = [];
        for (const provider of panels) {
          const panel = await provider(tx, personId);
          if (panel) filled.push(panel);
        }
        return {
          person: toPerson(p),
          houses: houses.map((h) => ({ relationId: h.relation_id, kind: h.kind, validFrom: h.valid_from, validTo: h.valid_to, house: { id: h.house_id, label: h.label, use: h.use, buildingId: h.building_id } })),
          households: householdCards,
          relatives: relatives.map((r) => ({
            relationId: r.relation_id, relationCode: r.relation_code, relationName: relationName(r.relation_code), validFrom: r.valid_from, validTo: r.valid_to,
            direction: r.direction,
            person: { id: r.person_id, name: r.name, gender: r.gender, age: ageOn(r.birth_date) },
          })),
          organizations: orgs.map((o) => ({ relationId: o.relation_id, kind: o.kind, validFrom: o.valid_from, validTo: o.valid_to, org: { id: o.org_id, name: o.name, type: o.type } })),
          events: events.map((e) => ({ id: e.id, kind: e.kind, title: e.title, state: e.state, createdAt: e.created_at })),
          panels: filled,
        };
      }),
  };
}
