import type { Queryable } from '../../db/database.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { maskCitizenId, maskPhone } from '../../shared/mask.js';
import { GENDERS, HOUSE_OWNERSHIPS, HOUSE_USES, ORG_TYPES } from '../../standards/codes.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { CITIZEN_ID_COLUMN, PHONE_COLUMN, type PeopleService, nameColumns } from '../registry/people.service.js';
import { findByCitizenIdHash, findByCitizenIdHashes } from '../registry/people.repository.js';
import { districtOf } from '../registry/placement.js';
import { hasActiveRelation } from '../registry/relations.repository.js';
import { insertRow, updateRow } from '../registry/registry.repository.js';
import { parseAddress } from './address.js';
import type { ImportKind, Mapping } from './fields.js';
import * as repo from './imports.repository.js';
import {
  type Cell, type Normal, isBlank, normalizeArea, normalizeCitizenIdCell, normalizeCreditCode, normalizeDate, normalizeEthnicity,
  normalizeGender, normalizeInt, normalizePhone, normalizeRelation, normalizeTags, normalizeText, cellText,
} from './normalize.js';

/** A message about one row, naming the field (null for the whole row). */
export interface RowMessage { field: string | null; zh: string; en: string }

/** What staging one row yields (the service adds the row number and the encrypted source cells). */
export interface Staged {
  path: string;
  class: 'new' | 'update' | 'unchanged' | 'duplicate' | 'conflict' | 'error';
  values: Record<string, unknown>;
  secret: Record<string, string> | null;
  /** The registry's stored form of the row's person columns not in `values` (ID and phone encrypted, the phone's hash, pinyin keys), for the set-based commit. */
  sealed?: Record<string, string> | null;
  idHash: string | null;
  messages: RowMessage[];
  changes: string[];
  matchId: string | null;
}

/** Where a job places rows by default, and what staging remembers across rows of one file. */
export interface StageEnv {
  node: { id: string; path: string; name: string };
  /** Paths the importer may place rows under (their scope, within the job's node). */
  under: string;
  cipher: FieldCipher;
  seen: Map<string, number>;
  rowNo: number;
  /** Registered holders of the chunk's citizen IDs (by keyed hash) and the briefs of those in scope, when prefetched. */
  holders?: Map<string, { id: string; name: string; visible: boolean }>;
  briefs?: Map<string, repo.PersonBrief>;
  /** The chunk's citizen IDs with their keyed hashes, computed once by the prefetch. */
  idHashes?: Map<string, string>;
}

/** Who a job writes as. */
export interface Writer { userId: string; username: string; ip: string }

export interface ApplyEnv {
  people: PeopleService;
  jurisdiction: JurisdictionService;
  cipher: FieldCipher;
  writer: Writer;
}

export const SECRET_COLUMN = 'import_row.secret';

const pick = (cells: readonly Cell[], mapping: Mapping) => {
  const out: Record<string, Cell> = {};
  for (const [col, field] of Object.entries(mapping)) out[field] = cells[Number(col)];
  return out;
};

/** Collects normalised values and messages for one row. */
function collector() {
  const messages: RowMessage[] = [];
  return {
    messages,
    take<T>(field: string, cell: Cell, fn: (c: Cell) => Normal<T>): T | undefined {
      if (isBlank(cell)) return undefined;
      const r = fn(cell);
      if (r.ok) return r.value;
      messages.push({ field, zh: r.problem.zh, en: r.problem.en });
      return undefined;
    },
    fail(field: string | null, zh: string, en: string) {
      messages.push({ field, zh, en });
    },
  };
}

async function placeRow(tx: Queryable, env: StageEnv, cell: Cell, c: ReturnType<typeof collector>) {
  if (isBlank(cell)) return { ...env.node, explicit: false };
  const text = cellText(cell);
  const hits = await repo.nodeByCodeOrName(tx, text, env.under);
  if (hits.length === 1) return { id: hits[0]!.id, path: hits[0]!.path, name: hits[0]!.name, explicit: true };
  if (hits.length > 1) c.fail('jurisdiction', `所属辖区“${text}”有重名，请填写区划代码`, `Jurisdiction "${text}" is ambiguous; give its code`);
  else c.fail('jurisdiction', `所属辖区“${text}”不存在或不在您的管辖范围内`, `Jurisdiction "${text}" does not exist or is outside yours`);
  return null;
}

const label = (zh: string, en: string) => ({ zh, en });
const codeOf = (table: Record<string, string>, text: string) => (text in table ? text : Object.entries(table).find(([, v]) => v === text)?.[0]);

// ---------------------------------------------------------------- people

/**
 * A name's pinyin search keys as the registry stores them, remembered for the names met last (a
 * file of a community repeats many names; pinyin was a sixth of staging's time per row).
 */
const PINYIN_CACHE = 20_000;
const pinyinCache = new Map<string, Readonly<ReturnType<typeof nameColumns>>>();
export function pinyinOf(name: string): Readonly<ReturnType<typeof nameColumns>> {
  let c = pinyinCache.get(name);
  if (!c) {
    if (pinyinCache.size >= PINYIN_CACHE) pinyinCache.clear();
    c = Object.freeze(nameColumns(name));
    pinyinCache.set(name, c);
  }
  return c;
}

/** The registered holders of a chunk's citizen IDs in one look-up, and the briefs of those in scope in another. */
async function prefetchPeople(tx: Queryable, env: StageEnv, rows: readonly (readonly Cell[])[], mapping: Mapping) {
  const col = Object.entries(mapping).find(([, f]) => f === 'citizenId')?.[0];
  const hashes = new Map<string, string>();
  if (col !== undefined) {
    for (const cells of rows) {
      const cell = cells[Number(col)];
      if (isBlank(cell)) continue;
      const id = normalizeCitizenIdCell(cell);
      if (id.ok) hashes.set(id.value.number, env.cipher.lookupHash(id.value.number, CITIZEN_ID_COLUMN));
    }
  }
  env.idHashes = hashes;
  env.holders = await findByCitizenIdHashes(tx, [...hashes.values()]);
  const visible = [...env.holders.values()].filter((h) => h.visible).map((h) => h.id);
  env.briefs = new Map((await repo.personBriefs(tx, visible)).map((p) => [p.id, p]));
}

async function stagePerson(tx: Queryable, env: StageEnv, cells: readonly Cell[], mapping: Mapping): Promise<Staged> {
  const v = pick(cells, mapping);
  const c = collector();
  const name = c.take('name', v.name, (x) => normalizeText(x, 50, label('姓名', 'Name')));
  if (!name) c.fail('name', '姓名不能为空', 'Name is required');
  const id = c.take('citizenId', v.citizenId, (x) => normalizeCitizenIdCell(x));
  const gender = c.take('gender', v.gender, normalizeGender);
  const birthDate = c.take('birthDate', v.birthDate, (x) => normalizeDate(x));
  const ethnicity = c.take('ethnicity', v.ethnicity, normalizeEthnicity);
  const phone = c.take('phone', v.phone, normalizePhone);
  const tags = c.take('tags', v.tags, normalizeTags);
  const relation = c.take('relation', v.relation, normalizeRelation);
  const householdNo = c.take('householdNo', v.householdNo, (x) => normalizeText(x, 30, label('户号', 'Household number')));
  const residenceAddress = c.take('residenceAddress', v.residenceAddress, (x) => normalizeText(x, 200, label('现住址', 'Residence address')));
  const hukouAddress = c.take('hukouAddress', v.hukouAddress, (x) => normalizeText(x, 200, label('户籍地址', 'Registration address')));
  const notes = c.take('notes', v.notes, (x) => normalizeText(x, 2000, label('备注', 'Notes')));
  if (id && gender !== undefined && gender !== id.gender && gender !== 0 && gender !== 9) {
    c.fail('gender', `性别与身份证号不符（身份证号显示为${GENDERS[id.gender].zh}）`, `Gender does not match the citizen ID (which says ${GENDERS[id.gender].en})`);
  }
  if (id && birthDate && birthDate !== id.birthDate) c.fail('birthDate', `出生日期与身份证号不符（身份证号显示为${id.birthDate}）`, `Birth date does not match the citizen ID (which says ${id.birthDate})`);
  if (householdNo && !relation && !c.messages.some((m) => m.field === 'relation')) c.fail('relation', '填写了户号时须填写与户主关系', 'A household number needs the relation to the head');
  if (relation && !householdNo) c.fail('householdNo', '填写了与户主关系时须填写户号', 'A relation to the head needs a household number');
  const node = await placeRow(tx, env, v.jurisdiction, c);
  const idHash = id ? (env.idHashes?.get(id.number) ?? env.cipher.lookupHash(id.number, CITIZEN_ID_COLUMN)) : null;
  if (idHash) {
    const first = env.seen.get(idHash);
    if (first !== undefined) c.fail('citizenId', `与第 ${first} 行的身份证号重复`, `Same citizen ID as row ${first}`);
    else env.seen.set(idHash, env.rowNo);
  }
  const values = {
    name: name ?? cellText(v.name), citizenIdMasked: id ? maskCitizenId(id.number) : null, gender: gender ?? id?.gender ?? null,
    birthDate: id?.birthDate ?? birthDate ?? null, ethnicity: ethnicity ?? null, phoneMasked: phone ? maskPhone(phone) : null,
    residenceAddress: residenceAddress ?? null, hukouAddress: hukouAddress ?? null, householdNo: householdNo ?? null, relation: relation ?? null,
    tags: tags ?? [], notes: notes ?? null, nodeId: node?.id ?? null, nodeName: node?.name ?? null, nodeExplicit: node?.explicit ?? false,
    genderGiven: gender !== undefined, birthGiven: birthDate !== undefined,
  };
  const base: Omit<Staged, 'class'> = { path: node?.path ?? env.node.path, values, secret: null, idHash, messages: c.messages, changes: [], matchId: null };
  if (c.messages.length || !node || !name) return { ...base, class: 'error' };

  const phoneHash = phone ? env.cipher.lookupHash(phone, PHONE_COLUMN) : null;
  // the person columns as the registry stores them, computed once here (the commit copies them)
  // (what the row has already — name, the ID's hash, the masks — is not stored twice: the commit takes it from there)
  const { name_pinyin, name_initials } = pinyinOf(name);
  const sealed: Record<string, string> = { name_pinyin, name_initials };
  if (id) sealed.citizen_id_enc = env.cipher.encrypt(id.number, CITIZEN_ID_COLUMN);
  if (phone) Object.assign(sealed, { phone_enc: env.cipher.encrypt(phone, PHONE_COLUMN), phone_hash: phoneHash! });
  base.sealed = sealed;
  if (idHash) {
    const holder = env.holders ? env.holders.get(idHash) : await findByCitizenIdHash(tx, idHash);
    if (holder && !holder.visible) {
      return { ...base, class: 'conflict', messages: [{ field: 'citizenId', zh: '该身份证号已在其他辖区登记，请联系对方辖区核实', en: 'This citizen ID is registered in another jurisdiction; check with them' }] };
    }
    if (holder) {
      const p = (env.briefs?.get(holder.id) ?? (await repo.personBrief(tx, holder.id)))!;
      if (p.name !== name) {
        return { ...base, class: 'conflict', matchId: p.id, messages: [{ field: 'name', zh: `该身份证号已登记为“${p.name}”，与本行姓名不同`, en: `This citizen ID is registered as "${p.name}", not this row's name` }] };
      }
      const changes = await personChanges(tx, p, values, phoneHash, node);
      return { ...base, class: changes.length ? 'update' : 'unchanged', matchId: p.id, changes };
    }
    return { ...base, class: 'new' };
  }
  const candidates = await repo.personCandidates(tx, { pinyin: pinyinOf(name).name_pinyin, birthDate: values.birthDate, phoneHash, name, address: values.residenceAddress });
  for (const p of candidates) {
    if (p.name === name && !p.citizen_id_hash && (await personChanges(tx, p, values, phoneHash, node)).length === 0) return { ...base, class: 'unchanged', matchId: p.id };
  }
  if (candidates.length) {
    const reasons: Record<string, [string, string]> = {
      same_pinyin_birth: ['姓名拼音与出生日期相同', 'same name (pinyin) and birth date'], same_phone: ['联系电话相同', 'same phone'], same_name_address: ['同名且住址相同', 'same name and address'],
    };
    const first = candidates[0]!;
    const why = first.reasons.map((r) => reasons[r] ?? [r, r]);
    return {
      ...base, class: 'duplicate', matchId: first.id,
      messages: [{ field: null, zh: `疑似与已登记的“${first.name}”为同一人（${why.map((w) => w[0]).join('、')}）`, en: `May be the registered "${first.name}" (${why.map((w) => w[1]).join(', ')})` }],
    };
  }
  return { ...base, class: 'new' };
}

/** The fields a row would change on a registered person (only fields the row fills in). */
async function personChanges(tx: Queryable, p: repo.PersonBrief, v: Record<string, any>, phoneHash: string | null, node: { path: string; explicit: boolean }) {
  const out: string[] = [];
  if (v.genderGiven && v.gender !== p.gender) out.push('gender');
  if (v.birthDate && v.birthDate !== p.birth_date) out.push('birthDate');
  if (v.ethnicity && v.ethnicity !== p.ethnicity) out.push('ethnicity');
  if (phoneHash && phoneHash !== p.phone_hash) out.push('phone');
  if (v.residenceAddress && v.residenceAddress !== p.residence_address) out.push('residenceAddress');
  if (v.hukouAddress && v.hukouAddress !== p.hukou_address) out.push('hukouAddress');
  if (v.notes && v.notes !== p.notes) out.push('notes');
  if ((v.tags as string[]).some((t) => !p.tags.includes(t))) out.push('tags');
  if (node.explicit && node.path !== p.path) out.push('jurisdiction');
  if (v.householdNo && !(await repo.isMemberOfHouseholdNo(tx, p.id, v.householdNo))) out.push('household');
  return out;
}

/** A staged row's citizen ID and phone in plain text (for the registry's services, which encrypt them again). */
function secretOf(env: { cipher: FieldCipher }, row: repo.RowRecord): Record<string, string> {
  const sealed = row.sealed as Record<string, string> | null;
  if (sealed) {
    return {
      ...(sealed.citizen_id_enc ? { citizenId: env.cipher.decrypt(sealed.citizen_id_enc, CITIZEN_ID_COLUMN) } : {}),
      ...(sealed.phone_enc ? { phone: env.cipher.decrypt(sealed.phone_enc, PHONE_COLUMN) } : {}),
    };
  }
  return row.secret_enc ? (JSON.parse(env.cipher.decrypt(row.secret_enc, SECRET_COLUMN)) as Record<string, string>) : {};
}

/** What registering a staged row's person gives the registry (only the fields the row fills in). */
function newPersonInput(v: Record<string, any>, secret: Record<string, string>) {
  return {
    name: v.name as string, jurisdictionId: v.nodeId as string,
    ...(secret.citizenId ? { citizenId: secret.citizenId } : {}),
    ...(v.genderGiven ? { gender: v.gender } : {}),
    ...(v.birthGiven ? { birthDate: v.birthDate } : {}),
    ...(v.ethnicity ? { ethnicity: v.ethnicity } : {}),
    ...(secret.phone ? { phone: secret.phone } : {}),
    ...(v.residenceAddress ? { residenceAddress: v.residenceAddress } : {}),
    ...(v.hukouAddress ? { hukouAddress: v.hukouAddress } : {}),
    ...(v.tags.length ? { tags: v.tags } : {}),
    ...(v.notes ? { notes: v.notes } : {}),
  };
}

/** Rows the set-based path registers: new people (or duplicate candidates the user chose to create) with no household to join, staged with their sealed columns. */
const personManyOk = (row: repo.PendingRow) => (row.class === 'new' || row.class === 'duplicate') && row.sealed && !row.household_no;

/**
 * Registers the rows' people with one INSERT … SELECT from their staged rows, each placed at a
 * node resolved once in the importer's scope (as `placeAt` does); returns the rows applied. A row
 * it could not apply (its node gone or out of scope, its citizen ID registered meanwhile) is left
 * to the per-row path, which says why.
 */
async function applyPeopleMany(tx: Queryable, env: ApplyEnv, jobId: string, rows: repo.PendingRow[]): Promise<Set<number>> {
  const nodeIds = [...new Set(rows.map((r) => r.node_id).filter((id): id is string => !!id))];
  const nodes = (await env.jurisdiction.resolveIn(tx, nodeIds)).filter((n) => n.level === 'community' || n.level === 'grid');
  if (!nodes.length) return new Set();
  return repo.createPeopleFromRows(tx, jobId, rows.map((r) => r.row_no), nodes.map((n) => ({ id: n.id, path: n.path })));
}

async function applyPerson(tx: Queryable, env: ApplyEnv, row: repo.RowRecord): Promise<{ result: 'created' | 'updated'; id: string }> {
  const v = row.values as Record<string, any>;
  const secret = secretOf(env, row);
  let id: string;
  let result: 'created' | 'updated';
  if (row.class === 'update') {
    const p = await repo.personBrief(tx, row.match_id!);
    if (!p) throw new Error('matched person is gone');
    const ch = new Set(row.changes);
    await env.people.updateIn(tx, env.writer, p.id, {
      version: p.version,
      ...(ch.has('gender') ? { gender: v.gender } : {}),
      ...(ch.has('birthDate') && !secret.citizenId ? { birthDate: v.birthDate } : {}),
      ...(ch.has('ethnicity') ? { ethnicity: v.ethnicity } : {}),
      ...(ch.has('phone') ? { phone: secret.phone } : {}),
      ...(ch.has('residenceAddress') ? { residenceAddress: v.residenceAddress } : {}),
      ...(ch.has('hukouAddress') ? { hukouAddress: v.hukouAddress } : {}),
      ...(ch.has('notes') ? { notes: v.notes } : {}),
      ...(ch.has('tags') ? { tags: [...new Set([...p.tags, ...v.tags])] } : {}),
      ...(ch.has('jurisdiction') ? { jurisdictionId: v.nodeId } : {}),
    });
    id = p.id;
    result = 'updated';
  } else {
    id = await env.people.createIn(tx, env.writer, newPersonInput(v, secret));
    result = 'created';
  }
  if (v.householdNo) await joinHousehold(tx, id, v.householdNo, v.relation);
  return { result, id };
}

/**
 * 户: the household of that number (created at the person's place when new), with the person as
 * a member under their GB/T 4761 relation, and the head's family relation to each member —
 * whichever order the head and members come in the file.
 */
async function joinHousehold(tx: Queryable, personId: string, householdNo: string, relation: string) {
  const p = (await repo.personBrief(tx, personId))!;
  let h = await repo.householdByNo(tx, householdNo);
  const isHead = relation === '02';
  if (!h) {
    const hid = await insertRow(tx, 'household', { path: p.path, district_code: districtOf(p.path), household_no: householdNo, kind: 'family', head_person_id: isHead ? personId : undefined });
    h = { id: hid, head_person_id: isHead ? personId : null, house_id: null, path: p.path, district_code: districtOf(p.path) };
  } else if (isHead && !h.head_person_id) {
    await tx.query('UPDATE household SET head_person_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [h.id, personId]);
    h = { ...h, head_person_id: personId };
  }
  const members = await repo.activeMembersOf(tx, h.id);
  const validFrom = new Date().toISOString().slice(0, 10);
  if (!members.some((m) => m.person_id === personId)) {
    await insertRow(tx, 'household_member', { household_id: h.id, person_id: personId, relation_code: relation, path: h.path, valid_from: validFrom });
    members.push({ person_id: personId, relation_code: relation });
  }
  if (!h.head_person_id) return;
  for (const m of members) {
    if (m.person_id === h.head_person_id || ['01', '02', '99'].includes(m.relation_code)) continue;
    if (m.person_id !== personId && personId !== h.head_person_id) continue;
    if (await hasActiveRelation(tx, h.head_person_id, m.person_id)) continue;
    const code = m.relation_code === '11' || m.relation_code === '12' ? '10' : m.relation_code;
    await insertRow(tx, 'person_relation', { person_id: h.head_person_id, related_person_id: m.person_id, relation_code: code, path: h.path, valid_from: validFrom });
  }
}

// ---------------------------------------------------------------- houses

async function stageHouse(tx: Queryable, env: StageEnv, cells: readonly Cell[], mapping: Mapping): Promise<Staged> {
  const v = pick(cells, mapping);
  const c = collector();
  let place: { estate: string; building: string; unit: number; floor: number; number: string } | undefined;
  if (!isBlank(v.address)) {
    const parsed = parseAddress(cellText(v.address));
    if (parsed) place = parsed;
    else c.fail('address', `无法从地址“${cellText(v.address)}”识别出小区、楼栋和房号（如 XX小区3栋2单元501）`, `Cannot find the estate, building and house number in "${cellText(v.address)}" (e.g. XX小区3栋2单元501)`);
  } else if (!isBlank(v.estate) && !isBlank(v.building) && !isBlank(v.number)) {
    const building = cellText(v.building).replace(/^(\d+)(号楼|幢|栋|号)?$/, '$1栋');
    const unit = isBlank(v.unit) ? 1 : c.take('unit', v.unit, (x) => normalizeInt(x, label('单元', 'Unit'), 1, 30));
    const number = cellText(v.number).replace(/[室号]$/, '');
    const floor = isBlank(v.floor) ? (number.length >= 3 ? Number(number.slice(0, -2)) : undefined) : c.take('floor', v.floor, (x) => normalizeInt(x, label('楼层', 'Floor'), -5, 120));
    if (floor === undefined || Number.isNaN(floor)) c.fail('floor', '无法从房号推断楼层，请填写楼层', 'Cannot tell the floor from the house number; fill in the floor');
    else if (unit !== undefined) place = { estate: cellText(v.estate), building, unit, floor, number };
  } else c.fail('address', '缺少房屋地址（或小区、楼栋、房号）', 'The address (or estate, building and house number) is missing');
  const area = c.take('area', v.area, normalizeArea);
  const useText = cellText(v.use);
  const use = useText ? codeOf(HOUSE_USES, useText) : 'residential';
  if (!use) c.fail('use', `房屋用途“${useText}”应为 ${Object.values(HOUSE_USES).join('/')}`, `House use "${useText}" is not one of ${Object.keys(HOUSE_USES).join('/')}`);
  const ownText = cellText(v.ownership);
  const ownership = ownText ? codeOf(HOUSE_OWNERSHIPS, ownText) : 'commodity';
  if (!ownership) c.fail('ownership', `产权性质“${ownText}”应为 ${Object.values(HOUSE_OWNERSHIPS).join('/')}`, `Ownership "${ownText}" is not one of ${Object.keys(HOUSE_OWNERSHIPS).join('/')}`);
  const node = await placeRow(tx, env, v.jurisdiction, c);
  if (place) {
    const key = `${place.estate}|${place.building}|${place.unit}|${place.number}`;
    const first = env.seen.get(key);
    if (first !== undefined) c.fail('address', `与第 ${first} 行是同一房屋`, `Same house as row ${first}`);
    else env.seen.set(key, env.rowNo);
  }
  const values = { ...place, area: area ?? null, use: use ?? null, ownership: ownership ?? null, nodeId: node?.id ?? null, nodeName: node?.name ?? null,
    label: place ? `${place.estate}${place.building}${place.unit}单元${place.number}` : cellText(v.address), areaGiven: area !== undefined, useGiven: !!useText, ownershipGiven: !!ownText };
  const base = { path: node?.path ?? env.node.path, values, secret: null, idHash: null, messages: c.messages, changes: [] as string[], matchId: null as string | null };
  if (c.messages.length || !node || !place) return { ...base, class: 'error' };
  const estate = await repo.estateByName(tx, place.estate, env.under);
  const building = estate ? await repo.buildingByName(tx, estate.id, place.building) : undefined;
  const house = building ? await repo.houseAt(tx, building.id, place.unit, place.number) : undefined;
  if (!house) return { ...base, class: 'new' };
  const changes: string[] = [];
  if (values.areaGiven && Number(house.area) !== area) changes.push('area');
  if (values.useGiven && house.use !== use) changes.push('use');
  if (values.ownershipGiven && house.ownership !== ownership) changes.push('ownership');
  if (house.floor !== place.floor) changes.push('floor');
  return { ...base, class: changes.length ? 'update' : 'unchanged', matchId: house.id, changes };
}

async function applyHouse(tx: Queryable, _env: ApplyEnv, row: repo.RowRecord): Promise<{ result: 'created' | 'updated'; id: string }> {
  const v = row.values as Record<string, any>;
  if (row.class === 'update') {
    const h = (await tx.query<{ version: number }>('SELECT version FROM house WHERE id = $1', [row.match_id])).rows[0];
    if (!h) throw new Error('matched house is gone');
    const ch = new Set(row.changes);
    await updateRow(tx, 'house', row.match_id!, h.version, { area: ch.has('area') ? v.area : undefined, use: ch.has('use') ? v.use : undefined, ownership: ch.has('ownership') ? v.ownership : undefined, floor: ch.has('floor') ? v.floor : undefined });
    return { result: 'updated', id: row.match_id! };
  }
  const place = { path: row.path, district_code: districtOf(row.path) };
  const estate = (await repo.estateByName(tx, v.estate, row.path)) ?? { id: await insertRow(tx, 'estate', { ...place, name: v.estate }), ...place };
  let building = await repo.buildingByName(tx, estate.id, v.building);
  if (!building) {
    const id = await insertRow(tx, 'building', { ...place, estate_id: estate.id, name: v.building, floors: Math.max(1, v.floor), unit_count: Math.max(1, v.unit), use: 'residential' });
    building = { id, ...place, floors: Math.max(1, v.floor), unit_count: Math.max(1, v.unit), version: 1 };
  } else if (v.floor > building.floors || v.unit > building.unit_count) {
    await updateRow(tx, 'building', building.id, building.version, { floors: Math.max(building.floors, v.floor), unit_count: Math.max(building.unit_count, v.unit) });
  }
  const id = await insertRow(tx, 'house', { path: building.path, district_code: building.district_code, building_id: building.id, unit_no: v.unit, floor: v.floor, number: v.number, area: v.area ?? undefined, use: v.use, ownership: v.ownership });
  return { result: 'created', id };
}

// ---------------------------------------------------------------- organisations

async function stageOrg(tx: Queryable, env: StageEnv, cells: readonly Cell[], mapping: Mapping): Promise<Staged> {
  const v = pick(cells, mapping);
  const c = collector();
  const name = c.take('name', v.name, (x) => normalizeText(x, 120, label('单位名称', 'Name')));
  if (!name) c.fail('name', '单位名称不能为空', 'Name is required');
  const creditCode = c.take('creditCode', v.creditCode, normalizeCreditCode);
  const typeText = cellText(v.type);
  const type = typeText ? codeOf(ORG_TYPES, typeText) : 'enterprise';
  if (!type) c.fail('type', `单位类型“${typeText}”应为 ${Object.values(ORG_TYPES).join('/')}`, `Type "${typeText}" is not one of ${Object.keys(ORG_TYPES).join('/')}`);
  const address = c.take('address', v.address, (x) => normalizeText(x, 200, label('单位地址', 'Address')));
  const phone = c.take('phone', v.phone, normalizePhone);
  const node = await placeRow(tx, env, v.jurisdiction, c);
  if (creditCode) {
    const first = env.seen.get(creditCode);
    if (first !== undefined) c.fail('creditCode', `与第 ${first} 行的统一社会信用代码重复`, `Same credit code as row ${first}`);
    else env.seen.set(creditCode, env.rowNo);
  }
  const values = { name: name ?? cellText(v.name), creditCode: creditCode ?? null, type: type ?? null, address: address ?? null, phone: phone ?? null, nodeId: node?.id ?? null, nodeName: node?.name ?? null, typeGiven: !!typeText };
  const base = { path: node?.path ?? env.node.path, values, secret: null, idHash: null, messages: c.messages, changes: [] as string[], matchId: null as string | null };
  if (c.messages.length || !node || !name) return { ...base, class: 'error' };
  const hit = creditCode ? await repo.orgByCreditCode(tx, creditCode) : await repo.orgByName(tx, name, env.under);
  if (!hit) {
    if (creditCode && (await repo.creditCodeTaken(tx, creditCode))) {
      return { ...base, class: 'conflict', messages: [{ field: 'creditCode', zh: '该统一社会信用代码已在其他辖区登记', en: 'This credit code is registered in another jurisdiction' }] };
    }
    return { ...base, class: 'new' };
  }
  const changes: string[] = [];
  if (hit.name !== name) changes.push('name');
  if (values.typeGiven && hit.type !== type) changes.push('type');
  if (address && hit.address !== address) changes.push('address');
  if (phone && hit.phone !== phone) changes.push('phone');
  if (!creditCode && hit.credit_code === null && changes.length) return { ...base, class: 'duplicate', matchId: hit.id, messages: [{ field: 'name', zh: `已有同名单位“${hit.name}”`, en: `An organisation named "${hit.name}" exists` }] };
  return { ...base, class: changes.length ? 'update' : 'unchanged', matchId: hit.id, changes };
}

async function applyOrg(tx: Queryable, _env: ApplyEnv, row: repo.RowRecord): Promise<{ result: 'created' | 'updated'; id: string }> {
  const v = row.values as Record<string, any>;
  if (row.class === 'update') {
    const o = (await tx.query<{ version: number }>('SELECT version FROM organization WHERE id = $1', [row.match_id])).rows[0];
    if (!o) throw new Error('matched organisation is gone');
    const ch = new Set(row.changes);
    await updateRow(tx, 'organization', row.match_id!, o.version, { name: ch.has('name') ? v.name : undefined, type: ch.has('type') ? v.type : undefined, address: ch.has('address') ? v.address : undefined, phone: ch.has('phone') ? v.phone : undefined });
    return { result: 'updated', id: row.match_id! };
  }
  const id = await insertRow(tx, 'organization', { path: row.path, district_code: districtOf(row.path), name: v.name, credit_code: v.creditCode ?? undefined, type: v.type, address: v.address ?? undefined, phone: v.phone ?? undefined });
  return { result: 'created', id };
}

/** Staging and applying, per kind. */
export const KINDS: Record<ImportKind, {
  stage: (tx: Queryable, env: StageEnv, cells: readonly Cell[], mapping: Mapping) => Promise<Staged>;
  /** Looks up in a few statements what staging a chunk of rows will ask about each (kept in `env`). */
  prefetch?: (tx: Queryable, env: StageEnv, rows: readonly (readonly Cell[])[], mapping: Mapping) => Promise<void>;
  apply: (tx: Queryable, env: ApplyEnv, row: repo.RowRecord) => Promise<{ result: 'created' | 'updated'; id: string }>;
  /** The set-based path: which rows it takes, and applying them in a few statements. */
  many?: { accepts: (row: repo.PendingRow) => boolean; apply: (tx: Queryable, env: ApplyEnv, jobId: string, rows: repo.PendingRow[]) => Promise<Set<number>> };
}> = {
  people: { stage: stagePerson, prefetch: prefetchPeople, apply: applyPerson, many: { accepts: personManyOk, apply: applyPeopleMany } },
  houses: { stage: stageHouse, apply: applyHouse },
  organizations: { stage: stageOrg, apply: applyOrg },
};
