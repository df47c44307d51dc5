/**
 * 统一社会信用代码 (GB 32100): 18 characters of digits and capitals without I, O, Z, S, V. Only the
 * shape is checked here, as the worker types; the check character is verified by the server,
 * whose 422 lands under the field.
 */
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The code as it is stored: trimmed, upper case, without inner spaces people type for grouping. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function hasCreditCodeShape(raw: string): boolean {
  return SHAPE.test(normalizeCreditCode(raw));
}
