/**
 * The fields of a form that differ from the record as it was read, for a PATCH that carries only
 * what the user changed (with the record's `version`). Values are compared as stored: an emptied
 * text field is sent as '' so the change is kept; `undefined` (a field not on the form, or an
 * optional picker left empty) is never sent, since the API has no way to clear those.
 */
export function changedFields<T extends Record<string, unknown>>(before: { [K in keyof T]?: unknown }, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const next = after[key];
    if (next === undefined) continue;
    if (!sameValue(before[key], next)) out[key] = next;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === '')) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** A trimmed text input, or undefined when left blank (for create bodies, where blank means "not given"). */
export function optionalText(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
