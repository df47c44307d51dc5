import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { FindingQuery, RulePatchBody } from '../types';

export const qualityKeys = {
  all: ['quality'] as const,
  rules: ['quality', 'rules'] as const,
  runs: ['quality', 'runs'] as const,
};

/** Scores and counts of a node (the user's own when none is given) and its children. */
export function useQualitySummary(jurisdictionId: string | undefined) {
  return useQuery({
    queryKey: [...qualityKeys.all, 'summary', jurisdictionId ?? 'mine'],
    queryFn: () => unwrap(api.GET('/api/quality/summary', { params: { query: jurisdictionId ? { jurisdictionId } : {} } })),
    placeholderData: keepPreviousData,
  });
}

export function useFindings(query: FindingQuery) {
  return useQuery({
    queryKey: [...qualityKeys.all, 'findings', query],
    queryFn: () => unwrap(api.GET('/api/quality/findings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useTodo() {
  return useQuery({
    queryKey: [...qualityKeys.all, 'todo'],
    queryFn: () => unwrap(api.GET('/api/quality/todo', { params: { query: { limit: 200 } } })),
  });
}

export function useRules() {
  return useQuery({ queryKey: qualityKeys.rules, queryFn: () => unwrap(api.GET('/api/quality/rules')) });
}

export function useUpdateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: RulePatchBody }) =>
      unwrap(api.PATCH('/api/quality/rules/{code}', { params: { path: { code } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualityKeys.all }),
  });
}

/** Recent evaluations; polls while one is queued or running, then refreshes the figures. */
export function useRuns() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: qualityKeys.runs,
    queryFn: async () => {
      const r = await unwrap(api.GET('/api/quality/runs', { params: { query: { limit: 5 } } }));
      return r;
    },
    refetchInterval: (q) => {
      const active = q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running');
      if (!active && q.state.data) void queryClient.invalidateQueries({ queryKey: [...qualityKeys.all, 'summary'] });
      return active ? 1000 : false;
    },
  });
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jurisdictionId: string | undefined) => unwrap(api.POST('/api/quality/runs', { body: jurisdictionId ? { jurisdictionId } : {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualityKeys.runs }),
  });
}
