/**
 * List queries: a filter left empty is not sent at all, so the query key and the URL of an
 * unfiltered list stay the same however the filter was cleared (never chosen, or cleared again).
 */

/** Page sizes a keyset list offers (上一页 / 下一页 with N 条/页). */
export const PAGE_SIZES = [10, 20, 50];
export const DEFAULT_PAGE_SIZE = 20;

/** A query parameter that carries no filter: left unset, cleared, or a blank text. */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export type CompactQuery<P> = { [K in keyof P]?: Exclude<P[K], undefined | null> };

/**
 * The parameters that are set, in the order given (so the URL reads as written). `false` and `0`
 * are values and are kept; a parameter that means "only when on" is written `on ? 'true' : undefined`.
 */
export function compactQuery<P extends Record<string, unknown>>(params: P): CompactQuery<P> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (!isUnset(value)) out[key] = value;
  return out as CompactQuery<P>;
}

/** Whether any filter is on, to tell "nothing registered yet" from "nothing matches the filters". */
export function hasActiveFilter(filters: object): boolean {
  return Object.values(filters).some((v) => !isUnset(v) && v !== false);
}
