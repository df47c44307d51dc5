import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { PersonCreateBody, PersonPatchBody, PersonQuery, UnmaskBody } from '../types';

export const registryKeys = {
  all: ['registry'] as const,
  people: ['registry', 'people'] as const,
  peopleList: (query: PersonQuery) => ['registry', 'people', 'list', query] as const,
  peopleSearch: (q: string) => ['registry', 'people', 'search', q] as const,
  person: (id: string) => ['registry', 'person', id] as const,
  overview: (id: string) => ['registry', 'person', id, 'overview'] as const,
  history: (id: string) => ['registry', 'person', id, 'history'] as const,
  households: ['registry', 'households'] as const,
  graph: ['registry', 'graph'] as const,
};

/** One keyset page of people; the previous page stays on screen while the next loads. */
export function usePeopleList(query: PersonQuery) {
  return useQuery({
    queryKey: registryKeys.peopleList(query),
    queryFn: () => unwrap(api.GET('/api/people', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** People matching a search, for pickers (户主, 亲属); each search is audited by the server. */
export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: registryKeys.peopleSearch(q),
    queryFn: () => unwrap(api.GET('/api/people', { params: { query: { q, limit: 10 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** 人员360: the person and everything hung on them (houses, households, relatives, units, events, panels). */
export function usePersonOverview(id: string) {
  return useQuery({
    queryKey: registryKeys.overview(id),
    queryFn: () => unwrap(api.GET('/api/people/{id}/overview', { params: { path: { id } } })),
  });
}

export function usePersonHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.history(id),
    queryFn: () => unwrap(api.GET('/api/people/{id}/history', { params: { path: { id } } })).then((r) => r.items),
    enabled,
  });
}

/**
 * Names of jurisdiction nodes by division code, for the change history (which stores where a
 * record sat as a path of codes). A node no longer in force keeps showing as its code.
 */
export function useNodeNames(codes: readonly string[]): (code: string) => string {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['jurisdictions', 'byCode', code],
      queryFn: () =>
        unwrap(api.GET('/api/jurisdictions', { params: { query: { q: code } } })).then(
          (r) => r.items.find((n) => n.code === code)?.name ?? null,
        ),
      staleTime: 10 * 60_000,
    })),
  });
  const names = new Map(codes.map((code, i) => [code, results[i]?.data ?? null]));
  return (code) => names.get(code) ?? code;
}

/** After any registry change: lists, the 360 page, households and graphs may all show it. */
export function useInvalidateRegistry() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: registryKeys.all, predicate: (q) => q.queryKey[1] !== 'dictionaries' });
}

export function useCreatePerson() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (body: PersonCreateBody) => unwrap(api.POST('/api/people', { body })),
    onSuccess: invalidate,
  });
}

/** Changes carry the `version` they were read at; a 409 means someone saved first. */
export function useUpdatePerson() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PersonPatchBody }) =>
      unwrap(api.PATCH('/api/people/{id}', { params: { path: { id } }, body })),
    // Refresh on a conflict too, so the page shows what the other person saved.
    onSettled: invalidate,
  });
}

/** 查看完整号码: the full values for a stated reason; never cached, the server audits the read. */
export function useUnmask() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UnmaskBody }) =>
      unwrap(api.POST('/api/people/{id}/unmask', { params: { path: { id } }, body })),
  });
}
