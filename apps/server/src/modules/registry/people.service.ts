import type { Database, Queryable } from '../../db/database.js';
import { withScope } from '../../db/scope.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { type Actor, auditActor } from '../../shared/actor.js';
import { commonError } from '../../shared/errors.js';
import { maskCitizenId, maskPhone } from '../../shared/mask.js';
import { namePinyin } from '../../shared/pinyin.js';
import { monthRange, today } from '../../shared/dates.js';
import { CITIZEN_ID_MESSAGES, normalizeCitizenId, parseCitizenId } from '../../standards/citizen-id.js';
import { GENDERS } from '../../standards/codes.js';
import type { AuditService } from '../audit/audit.service.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { toChange } from './history.js';
import * as people from './people.repository.js';
import type { PersonDto } from './people.schema.js';
import { filterPath, placeAt } from './placement.js';
import { registryError } from './registry.errors.js';
import { decodeCursor, encodeCursor, historyOf, insertRow, updateRow } from './registry.repository.js';

export const CITIZEN_ID_COLUMN = 'person.citizen_id';
export const PHONE_COLUMN = 'person.phone';
/**
 * A list counts its matches up to here and says "1000+" beyond: counting further cost a district
 * list 160 ms of its 200 at city scale, and how many there are beyond is the analysis pages' job.
 */
export const COUNT_CAP = 1_000;

export interface PersonInput {
  name?: string;
  citizenId?: string;
  gender?: 0 | 1 | 2 | 9;
  birthDate?: string;
  ethnicity?: string;
  phone?: string;
  hukouDivision?: string;
  hukouAddress?: string;
  residenceAddress?: string;
  tags?: string[];
  notes?: string;
  jurisdictionId?: string;
}

export function ageOn(birthDate: string | null, on = today()): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** The stored, encrypted form of a (valid) citizen ID: ciphertext, lookup hash, masked display. */
export function citizenIdColumns(cipher: FieldCipher, number: string) {
  return {
    citizen_id_enc: cipher.encrypt(number, CITIZEN_ID_COLUMN),
    citizen_id_hash: cipher.lookupHash(number, CITIZEN_ID_COLUMN),
    citizen_id_masked: maskCitizenId(number),
  };
}

/** The stored, encrypted form of a phone number. */
export function phoneColumns(cipher: FieldCipher, phone: string) {
  return { phone_enc: cipher.encrypt(phone, PHONE_COLUMN), phone_hash: cipher.lookupHash(phone, PHONE_COLUMN), phone_masked: maskPhone(phone) };
}

/** Name with its pinyin search keys. */
export function nameColumns(name: string) {
  const py = namePinyin(name);
  return { name, name_pinyin: py.full, name_initials: py.initials };
}

export function toPerson(r: people.PersonRow): PersonDto {
  return {
    id: r.id,
    name: r.name,
    namePinyin: r.name_pinyin,
    citizenIdMasked: r.citizen_id_masked,
    gender: r.gender,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date),
    ethnicity: r.ethnicity,
    phoneMasked: r.phone_masked,
    hukouDivision: r.hukou_division,
    hukouAddress: r.hukou_address,
    residenceAddress: r.residence_address,
    tags: r.tags,
    notes: r.notes,
    status: r.status,
    mergedInto: r.merged_into,
    jurisdiction: { id: r.node_id, name: r.node_name, level: r.node_level, pathNames: r.path_names ?? [] },
    verifiedAt: r.verified_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
export type PersonUpdate = PersonInput & { status?: 'active' | 'deceased' | 'moved_out'; verified?: true; version: number };
/** Who writes: a signed-in user, or a background job acting for one. */
type Writer = Pick<Actor, 'userId' | 'username' | 'ip'>;

/**
 * 人口 — the actual population. Citizen IDs are checked against GB 11643, cross-checked with
 * gender and birth date, stored encrypted with a keyed hash, and shown masked; every read of a
 * person is audited, and unmasking needs a permission and a reason.
 */
export function createPeopleService(deps: { db: Database; audit: AuditService; jurisdiction: JurisdictionService; cipher: FieldCipher }) {
  const { db, audit, jurisdiction, cipher } = deps;
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>) => withScope(db, actor.scope, fn);

  /** The stored columns for the given input: validation, cross-checks, encryption and derived keys. */
  async function columnsFor(tx: Queryable, input: PersonInput, current?: people.PersonRow) {
    const cols: Record<string, unknown> = {};
    if (input.name !== undefined) Object.assign(cols, nameColumns(input.name));
    let gender = input.gender ?? current?.gender;
    let birthDate = input.birthDate ?? current?.birth_date ?? undefined;
    if (input.citizenId !== undefined) {
      const parsed = parseCitizenId(input.citizenId);
      if (!parsed.ok) {
        const m = CITIZEN_ID_MESSAGES[parsed.problem];
        throw registryError('CITIZEN_ID_INVALID', { reason: m.zh, reasonEn: m.en }, 'citizenId');
      }
      const id = parsed.value;
      const idCols = citizenIdColumns(cipher, id.number);
      const holder = await people.findByCitizenIdHash(tx, idCols.citizen_id_hash);
      if (holder && holder.id !== current?.id) throw registryError('CITIZEN_ID_DUPLICATE', { name: holder.name }, 'citizenId');
      if (input.gender !== undefined && input.gender !== id.gender && input.gender !== 0 && input.gender !== 9) {
        throw registryError('GENDER_MISMATCH', { expected: GENDERS[id.gender].zh, expectedEn: GENDERS[id.gender].en }, 'gender');
      }
      if (input.birthDate !== undefined && input.birthDate !== id.birthDate) {
        throw registryError('BIRTH_DATE_MISMATCH', { expected: id.birthDate }, 'birthDate');
      }
      gender = input.gender ?? id.gender;
      birthDate = id.birthDate;
      Object.assign(cols, idCols, { gender, birth_date: birthDate });
    } else {
      if (input.gender !== undefined) cols.gender = input.gender;
      if (input.birthDate !== undefined) cols.birth_date = input.birthDate;
    }
    if (input.phone !== undefined) Object.assign(cols, phoneColumns(cipher, input.phone));
    if (input.jurisdictionId !== undefined) Object.assign(cols, await placeAt(tx, jurisdiction, input.jurisdictionId));
    for (const [k, c] of [['ethnicity', 'ethnicity'], ['hukouDivision', 'hukou_division'], ['hukouAddress', 'hukou_address'], ['residenceAddress', 'residence_address'], ['tags', 'tags'], ['notes', 'notes']] as const) {
      if (input[k] !== undefined) cols[c] = input[k];
    }
    return cols;
  }

  async function mustGet(tx: Queryable, id: string) {
    const row = await people.personById(tx, id);
    if (!row) throw commonError('NOT_FOUND');
    return row;
  }

  const who = (actor: Writer, id: string) => ({ actor: auditActor(actor), ip: actor.ip, objectType: 'person', objectId: id });

  async function createIn(tx: Queryable, actor: Writer, input: PersonInput & { name: string; jurisdictionId: string }) {
    const id = await insertRow(tx, 'person', await columnsFor(tx, input));
    await audit.recordIn(tx, { ...who(actor, id), action: 'person.create' });
    return id;
  }

  async function updateIn(tx: Queryable, actor: Writer, id: string, patch: PersonUpdate) {
    const current = await mustGet(tx, id);
    const cols = await columnsFor(tx, patch, current);
    if (patch.status) cols.status = patch.status;
    if (patch.verified) cols.verified_at = new Date();
    if (!(await updateRow(tx, 'person', id, patch.version, cols))) throw commonError('VERSION_CONFLICT');
    await audit.recordIn(tx, { ...who(actor, id), action: 'person.update', detail: { fields: Object.keys(patch).filter((k) => k !== 'version') } });
  }

  return {
    /**
     * The person holding a citizen ID, by its keyed hash (the number itself is never stored or
     * compared): for devices that identify a resident by an ID-card swipe (health kiosks).
     */
    idByCitizenIdIn: async (tx: Queryable, citizenId: string): Promise<string | null> => {
      const parsed = parseCitizenId(citizenId);
      if (!parsed.ok) return null;
      const holder = await people.findByCitizenIdHash(tx, citizenIdColumns(cipher, parsed.value.number).citizen_id_hash);
      return holder?.id ?? null;
    },
    create: (actor: Actor, input: PersonInput & { name: string; jurisdictionId: string }) =>
      run(actor, async (tx) => toPerson(await mustGet(tx, await createIn(tx, actor, input)))),

    update: (actor: Actor, id: string, patch: PersonUpdate) =>
      run(actor, async (tx) => {
        await updateIn(tx, actor, id, patch);
        return toPerson(await mustGet(tx, id));
      }),

    /** `create` inside the caller's transaction (an import batch): same checks, encryption and audit. */
    createIn,
    /** `update` inside the caller's transaction (an import batch): same checks, encryption and audit. */
    updateIn,

    /** One person, masked; the read is audited. */
    get: (actor: Actor, id: string, purpose = 'view') =>
      run(actor, async (tx) => {
        const row = await mustGet(tx, id);
        await audit.recordIn(tx, { ...who(actor, id), action: 'person.read', detail: { purpose } });
        return toPerson(row);
      }),

    /**
     * Search as Chinese users search: a full citizen ID or mobile number finds exactly; letters
     * match pinyin initials or full pinyin; Chinese matches the start of the name.
     */
    list: (actor: Actor, q: { q?: string; address?: string; jurisdictionId?: string; tag?: string; gender?: number; ageMin?: number; ageMax?: number; birthYearMin?: number; birthYearMax?: number; ethnicity?: string; status?: string; houseJurisdictionId?: string; living?: string; movedIn?: string; movedOut?: string; cursor?: string; limit: number },
      /** false when the caller audits the read itself (an export records one row for the whole file). */
      audited = true) =>
      run(actor, async (tx) => {
        const filter: people.PersonFilter = { address: q.address, tag: q.tag, gender: q.gender, ethnicity: q.ethnicity, status: q.status, limit: q.limit };
        let searchKind = 'none';
        if (q.q) {
          const text = q.q.replace(/\s+/g, '');
          const id = normalizeCitizenId(text);
          if (/^\d{17}[\dX]$/.test(id)) {
            filter.citizenIdHash = cipher.lookupHash(id, CITIZEN_ID_COLUMN);
            searchKind = 'citizen_id';
          } else if (/^(\+?86)?1[3-9]\d{9}$/.test(text)) {
            filter.phoneHash = cipher.lookupHash(text.replace(/^\+?86/, ''), PHONE_COLUMN);
            searchKind = 'phone';
          } else if (/^[a-zA-Z]+$/.test(text)) {
            filter.pinyinPrefix = text.toLowerCase();
            searchKind = 'pinyin';
          } else {
            filter.namePrefix = text;
            searchKind = 'name';
          }
        }
        if (q.jurisdictionId) filter.underPath = await filterPath(tx, jurisdiction, q.jurisdictionId);
        const now = today();
        const year = Number(now.slice(0, 4));
        if (q.ageMin !== undefined) filter.bornBefore = `${year - q.ageMin}${now.slice(4)}`;
        if (q.ageMax !== undefined) {
          const d = new Date(`${year - q.ageMax - 1}${now.slice(4)}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() + 1);
          filter.bornAfter = d.toISOString().slice(0, 10);
        }
        if (q.birthYearMin !== undefined) filter.bornAfter = [filter.bornAfter, `${q.birthYearMin}-01-01`].filter(Boolean).sort().at(-1);
        if (q.birthYearMax !== undefined) filter.bornBefore = [filter.bornBefore, `${q.birthYearMax}-12-31`].filter(Boolean).sort()[0];
        if (q.houseJurisdictionId || q.living || q.movedIn || q.movedOut) {
          const range = (m: string | undefined) => (m ? monthRange(`${m}-01`) : undefined);
          const living = range(q.living);
          filter.link = {
            underPath: await filterPath(tx, jurisdiction, q.houseJurisdictionId),
            livingOn: living?.to, inFrom: range(q.movedIn)?.from, inTo: range(q.movedIn)?.to, outFrom: range(q.movedOut)?.from, outTo: range(q.movedOut)?.to,
          };
        }
        filter.after = decodeCursor(q.cursor);
        const page = await people.searchPeople(tx, filter);
        const total = await people.countPeople(tx, filter, COUNT_CAP);
        if (audited) await audit.recordIn(tx, {
          actor: auditActor(actor), ip: actor.ip, action: 'person.search', objectType: 'person',
          detail: { searchKind, filters: Object.keys(q).filter((k) => !['q', 'cursor', 'limit'].includes(k) && q[k as keyof typeof q] !== undefined), returned: page.rows.length },
        });
        const last = page.rows.at(-1);
        return {
          items: page.rows.map(toPerson),
          nextCursor: page.more && last ? encodeCursor([last.name_pinyin, last.id]) : null,
          total,
          totalCapped: total >= COUNT_CAP,
        };
      }),

    history: (actor: Actor, id: string) =>
      run(actor, async (tx) => {
        await mustGet(tx, id);
        return (await historyOf(tx, 'person', id)).map(toChange);
      }),

    /** The full citizen ID or phone, for a stated reason; needs `registry.unmask`; audited. */
    unmask: (actor: Actor, id: string, fields: ('citizenId' | 'phone')[], reason: string) =>
      run(actor, async (tx) => {
        const row = await mustGet(tx, id);
        const out: { citizenId?: string | null; phone?: string | null } = {};
        if (fields.includes('citizenId')) out.citizenId = row.citizen_id_enc ? cipher.decrypt(row.citizen_id_enc, CITIZEN_ID_COLUMN) : null;
        if (fields.includes('phone')) out.phone = row.phone_enc ? cipher.decrypt(row.phone_enc, PHONE_COLUMN) : null;
        await audit.recordIn(tx, { ...who(actor, id), action: 'person.unmask', reason, detail: { fields } });
        return out;
      }),
  };
}
