/** The lists that can be exported (the server's `resource`: the registry's, then the modules' own). */
export const EXPORT_RESOURCES = [
  'people', 'households', 'estates', 'buildings', 'houses', 'organizations', 'things', 'events', 'care_orders', 'care_exceptions', 'elders',
] as const;
export type ExportResource = (typeof EXPORT_RESOURCES)[number];

/** Which list a page shows, by its route: the shared list card finds its export from here. */
const BY_ROUTE: Record<string, ExportResource> = {
  '/registry/people': 'people',
  '/registry/households': 'households',
  '/registry/organizations': 'organizations',
  '/registry/things': 'things',
  '/registry/events': 'events',
};

export function resourceForRoute(pathname: string): ExportResource | undefined {
  return BY_ROUTE[pathname.replace(/\/+$/, '') || '/'];
}

/** People and elders carry masked fields (citizen ID, phone); the other lists are exported as shown. */
export const hasMaskedFields = (r: ExportResource) => r === 'people' || r === 'elders';

/** The paging (and order) of the offset-paged care lists: not filters, the export pages itself (the elder list keeps its order). */
export const PAGE_PARAMS = ['page', 'pageSize', 'sort', 'order'];

/**
 * The list's filters as the export sends them: the list query without its paging (`drop` more
 * keys for an offset-paged list), and without values that filter nothing.
 */
export function exportFilters(query: object, drop: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k === 'cursor' || k === 'limit' || drop.includes(k)) continue;
    if (v === undefined || v === null || v === '') continue;
    out[k] = v;
  }
  return out;
}

/** How many of the expected rows are written, as a whole percentage (unknown total: undefined). */
export function progressPercent(written: number, expected: number | null | undefined): number | undefined {
  if (!expected) return undefined;
  return Math.min(100, Math.floor((written / expected) * 100));
}

/** The file name the server gives in Content-Disposition (RFC 5987 `filename*`), or a fallback. */
