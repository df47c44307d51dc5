import type { LocalPerson, PersonUpdateChange, SurveyField } from '../types';

type Value = string | number | string[] | null;
export type FieldPairs = Partial<Record<SurveyField, { base: unknown; value: Value }>>;
/** What the worker entered in the person form (phone is a new number, or empty to leave it). */
export interface PersonEdit {
  name?: string;
  gender?: 0 | 1 | 2 | 9;
  birthDate?: string | null;
  ethnicity?: string | null;
  phone?: string;
  residenceAddress?: string | null;
  tags?: string[];
  notes?: string | null;
  status?: 'active' | 'deceased' | 'moved_out';
}

const norm = (v: unknown) => (v === undefined || v === '' ? null : Array.isArray(v) ? [...v].sort().join(',') : v);

/** The value the phone shows for a field (the phone number only masked). */
export function shownValue(p: LocalPerson, field: SurveyField): Value {
  if (field === 'phone') return p.phoneMasked;
  return (p as unknown as Record<string, Value>)[field] ?? null;
}

/** The fields the worker changed, each with the value they saw, ready for a `person.update`. */
export function changedFields(before: LocalPerson, edit: PersonEdit): FieldPairs {
  const out: FieldPairs = {};
  for (const [field, value] of Object.entries(edit) as [SurveyField, Value | undefined][]) {
    if (value === undefined) continue;
    if (field === 'phone') {
      if (value) out.phone = { base: before.phoneMasked, value };
      continue;
    }
    const base = shownValue(before, field);
    if (norm(base) !== norm(value)) out[field] = { base, value: value === '' ? null : value };
  }
  return out;
}

/**
 * Folds a new edit into a change still waiting in the queue: each field keeps the value the
 * worker first saw (what the server must still hold for it to apply) and takes the newest value.
 */
export function coalesce(queued: PersonUpdateChange, fields: FieldPairs): PersonUpdateChange {
  const merged: FieldPairs = { ...(queued.fields as FieldPairs) };
  for (const [f, pair] of Object.entries(fields) as [SurveyField, { base: unknown; value: Value }][]) {
    merged[f] = { base: merged[f] ? merged[f]!.base : pair.base, value: pair.value };
  }
  return { ...queued, fields: merged as PersonUpdateChange['fields'] };
}

/** The person as the phone shows it after the edit (a new phone number shown masked). */
export function applyEdit(p: LocalPerson, fields: FieldPairs): LocalPerson {
  const next: LocalPerson = { ...p, edited: true };
  for (const [f, pair] of Object.entries(fields) as [SurveyField, { value: Value }][]) {
    if (f === 'phone') next.phoneMasked = maskPhone(String(pair.value));
    else (next as unknown as Record<string, Value>)[f] = pair.value;
  }
  return next;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return digits.length >= 11 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : digits.replace(/\d(?=\d{2})/g, '*');
}
