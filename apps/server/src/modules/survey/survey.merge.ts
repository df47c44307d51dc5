/**
 * The per-field merge of a change queued offline. The phone sends, for each field it changed,
 * the value it saw (`base`) and the value the worker entered (`value`). Against what the server
 * holds now, each field is decided on its own:
 *   - nobody else changed it (server value = base): the worker's value applies;
 *   - someone else changed it to the very same value: nothing to do, no conflict;
 *   - someone else changed it to something else: a conflict, kept with both values and not applied.
 * Never last-write-wins.
 */
export type FieldValue = string | number | boolean | string[] | null;

export interface FieldChange {
  base: FieldValue;
  value: FieldValue;
}

export interface FieldConflict {
  field: string;
  base: FieldValue;
  mine: FieldValue;
  theirs: FieldValue;
}

export interface MergeResult {
  /** Fields to write, with the worker's value. */
  apply: Record<string, FieldValue>;
  /** Fields the server already holds with the worker's value. */
  alreadyEqual: string[];
  conflicts: FieldConflict[];
}

/** Two field values mean the same: blank text is no value, tag lists compare as sets. */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const norm = (v: FieldValue | undefined): FieldValue => {
    if (v === undefined || v === '') return null;
    if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
    if (Array.isArray(v)) return [...new Set(v)].sort();
    return v;
  };
  const x = norm(a);
  const y = norm(b);
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

/**
 * Decides every changed field against the server's current values. `shown` turns the worker's
 * value into the form the server's value is compared in (a phone number is held masked on the
 * phone, so the new number is compared by its mask).
 */
export function mergeFields(
  changes: Record<string, FieldChange>,
  current: Record<string, FieldValue>,
  shown: (field: string, value: FieldValue) => FieldValue = (_f, v) => v,
): MergeResult {
  const result: MergeResult = { apply: {}, alreadyEqual: [], conflicts: [] };
  for (const [field, change] of Object.entries(changes)) {
    const theirs = current[field] ?? null;
    if (sameValue(theirs, shown(field, change.value))) result.alreadyEqual.push(field);
    else if (sameValue(theirs, change.base)) result.apply[field] = change.value;
    else result.conflicts.push({ field, base: change.base, mine: change.value, theirs });
  }
  return result;
}
