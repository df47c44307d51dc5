import type { ChangeRow } from './registry.repository.js';

/** Columns never shown in a change history: ciphertexts, lookup hashes, derived search keys. */
const HIDDEN = new Set([
  'id', 'citizen_id_enc', 'citizen_id_hash', 'phone_enc', 'phone_hash', 'name_pinyin', 'name_initials',
  'district_code', 'created_at', 'updated_at', 'version',
]);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A change-log row as a person reads it: which fields went from what to what. */
export function toChange(r: ChangeRow) {
  const keys = new Set([...Object.keys(r.old_values ?? {}), ...Object.keys(r.new_values ?? {})]);
  const fields = [...keys]
    .filter((k) => !HIDDEN.has(k))
    .sort()
    .map((k) => ({ field: camel(k), from: r.old_values?.[k] ?? null, to: r.new_values?.[k] ?? null }));
  return { id: r.id, op: r.op, changedAt: r.changed_at, changedBy: r.changed_by, changedByName: r.changed_by_name, fields };
}
