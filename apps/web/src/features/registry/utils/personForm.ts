/**
 * The person form (登记 / 编辑) as plain values, and the request bodies made from them. Field
 * names are the request body's, so a 422's `fields` land on the right inputs.
 */
export type GenderCode = 0 | 1 | 2 | 9;
export type PersonStatus = 'active' | 'deceased' | 'moved_out';

export interface PersonFields {
  name: string;
  citizenId?: string;
  gender?: GenderCode;
  /** YYYY-MM-DD */
  birthDate?: string;
  ethnicity?: string;
  phone?: string;
  hukouDivision?: string;
  hukouAddress?: string;
  residenceAddress?: string;
  jurisdictionId?: string;
  tags?: string[];
  notes?: string;
  status?: PersonStatus;
}

/** A request body: the same fields, each only when sent. */
export type PersonBody = Partial<PersonFields>;

const trim = (s: string | undefined) => (s ?? '').trim();

/** 登记: every filled field, trimmed; empty ones left out. */
export function createBody(v: PersonFields): PersonBody & { name: string; jurisdictionId: string } {
  const body: PersonBody & { name: string; jurisdictionId: string } = { name: trim(v.name), jurisdictionId: v.jurisdictionId ?? '' };
  for (const k of ['citizenId', 'phone', 'ethnicity', 'hukouDivision', 'hukouAddress', 'residenceAddress', 'notes', 'birthDate'] as const) {
    const s = trim(v[k]);
    if (s) body[k] = s;
  }
  if (v.gender !== undefined) body.gender = v.gender;
  if (v.tags?.length) body.tags = v.tags;
  return body;
}

const sameTags = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * 编辑: only what changed, so the change log and the audit name exactly what the worker did.
 * The citizen ID and phone are shown masked and never prefilled: only a newly typed value goes.
 * Free-text fields can be cleared (sent as ""); coded fields (民族, 户籍地区划) can be changed but
 * not emptied, as the server takes no empty code.
 */
export function patchBody(initial: PersonFields, v: PersonFields): PersonBody {
  const body: PersonBody = {};
  if (trim(v.name) !== trim(initial.name)) body.name = trim(v.name);
  for (const k of ['citizenId', 'phone'] as const) {
    const s = trim(v[k]);
    if (s) body[k] = s;
  }
  for (const k of ['hukouAddress', 'residenceAddress', 'notes'] as const) {
    if (trim(v[k]) !== trim(initial[k])) body[k] = trim(v[k]);
  }
  for (const k of ['ethnicity', 'hukouDivision', 'birthDate', 'jurisdictionId'] as const) {
    const s = trim(v[k]);
    if (s && s !== trim(initial[k])) body[k] = s;
  }
  if (v.gender !== undefined && v.gender !== initial.gender) body.gender = v.gender;
  if (v.status !== undefined && v.status !== initial.status) body.status = v.status;
  if (!sameTags(v.tags, initial.tags)) body.tags = v.tags ?? [];
  return body;
}
