import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { BodyOf, JurisdictionListItem } from '../../../api/types';

export { isRetired } from '../utils/validity';

export const jurisdictionKeys = {
  all: ['jurisdictions'] as const,
  children: (parentId: string | null, asOf?: string) => ['jurisdictions', 'children', parentId, asOf ?? null] as const,
  search: (q: string, asOf?: string) => ['jurisdictions', 'search', q, asOf ?? null] as const,
  detail: (id: string) => ['jurisdictions', 'detail', id] as const,
};

/**
 * Children of a node in force on `asOf` (YYYY-MM-DD; today when omitted); with no parent, the
 * user's own top nodes. A past day shows the tree as it was drawn then.
 */
export function childrenQuery(parentId: string | null, asOf?: string) {
  return queryOptions({
    queryKey: jurisdictionKeys.children(parentId, asOf),
    queryFn: () =>
      unwrap(
        api.GET('/api/jurisdictions', {
          params: { query: { ...(parentId ? { parentId } : {}), ...(asOf ? { asOf } : {}) } },
        }),
      ).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useJurisdictionSearch(q: string, asOf?: string) {
  return useQuery({
    queryKey: jurisdictionKeys.search(q, asOf),
    queryFn: () =>
      unwrap(api.GET('/api/jurisdictions', { params: { query: { q, ...(asOf ? { asOf } : {}) } } })).then((r) => r.items),
    enabled: q.length > 0,
  });
}

export function useJurisdiction(id: string | undefined) {
  return useQuery({
    queryKey: jurisdictionKeys.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/jurisdictions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/**
 * A tree that loads children when a node is opened. Each opened node is a query of its own, so
 * after a change one invalidation refreshes every open level at once.
 */
export function useLazyJurisdictionTree(asOf?: string) {
  const queryClient = useQueryClient();
  const roots = useQuery(childrenQuery(null, asOf));
  // Opened nodes are remembered per day, so switching the day starts from a closed tree.
  const day = asOf ?? '';
  const [openedByDay, setOpenedByDay] = useState<Record<string, string[]>>({});
  const opened = openedByDay[day] ?? [];
  const results = useQueries({ queries: opened.map((id) => childrenQuery(id, asOf)) });

  const childrenById = new Map<string, JurisdictionListItem[]>();
  opened.forEach((id, i) => {
    const data = results[i]?.data;
    if (data) childrenById.set(id, data);
  });

  const load = useCallback(
    async (id: string) => {
      await queryClient.fetchQuery(childrenQuery(id, asOf));
      setOpenedByDay((m) => {
        const ids = m[day] ?? [];
        return ids.includes(id) ? m : { ...m, [day]: [...ids, id] };
      });
    },
    [queryClient, asOf, day],
  );

  return { roots, childrenById, load };
}

/** Turns roots + loaded children into the nested shape antd's Tree and TreeSelect take. */
export function buildTree<T>(
  nodes: readonly JurisdictionListItem[],
  childrenById: ReadonlyMap<string, readonly JurisdictionListItem[]>,
  toNode: (n: JurisdictionListItem) => T,
): (T & { children?: T[] })[] {
  return nodes.map((n) => {
    const kids = childrenById.get(n.id);
    return { ...toNode(n), ...(kids ? { children: buildTree(kids, childrenById, toNode) } : {}) };
  });
}

function useInvalidateJurisdictions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: jurisdictionKeys.all });
}

/** 新增网格 under a community. */
export function useAddGrid() {
  const invalidate = useInvalidateJurisdictions();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/jurisdictions', 'post'>) => unwrap(api.POST('/api/jurisdictions', { body })),
    onSuccess: invalidate,
  });
}

/** 撤销 a node from a date on; its history stays. */
export function useRetireJurisdiction() {
  const invalidate = useInvalidateJurisdictions();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/jurisdictions/{id}/retire', 'post'>) =>
      unwrap(api.POST('/api/jurisdictions/{id}/retire', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

