import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../../api/client';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import type { ArchiveBody, AssessmentBody, ElderListQuery, RiskEventBody } from '../types';

export const elderKeys = {
  all: ['elder'] as const,
  list: (q: ElderListQuery) => ['elder', 'list', q] as const,
  one: (id: string) => ['elder', 'one', id] as const,
};

export function useElderList(q: ElderListQuery) {
  return useQuery({
    queryKey: elderKeys.list(q),
    queryFn: () => unwrap(api.GET('/api/elder/elders', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useElder(id: string) {
  return useQuery({ queryKey: elderKeys.one(id), queryFn: () => unwrap(api.GET('/api/elder/elders/{id}', { params: { path: { id } } })) });
}

export function useScales() {
  return useQuery({ queryKey: ['elder', 'scales'], queryFn: () => unwrap(api.GET('/api/elder/scales')), staleTime: 10 * 60_000 });
}

export function useVocabulary() {
  const { lang } = useI18n();
  const q = useQuery({ queryKey: ['elder', 'vocabulary'], queryFn: () => unwrap(api.GET('/api/elder/vocabulary')), staleTime: Infinity });
  /** The name of a code in one of the lists, in the reader's language (the code itself when unknown). */
  const name = useCallback(
    (list: keyof NonNullable<typeof q.data>, code: string) => {
      const hit = q.data?.[list].find((x) => x.code === code);
      return hit ? localName(hit, lang) : code;
    },
    [q.data, lang],
  );
  return { ...q, name };
}

export function useSaveArchive(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ArchiveBody) => unwrap(api.PUT('/api/elder/elders/{id}/archive', { params: { path: { id: personId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

export function useAddRiskEvent(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RiskEventBody) => unwrap(api.POST('/api/elder/elders/{id}/risk-events', { params: { path: { id: personId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

export function useCreateAssessment(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentBody) => unwrap(api.POST('/api/elder/elders/{id}/assessments', { params: { path: { id: personId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

/** The running total, subtotals and level of the answers so far (scored by the server, the one place the rules live). */
export function usePreview(personId: string, body: Pick<AssessmentBody, 'scaleVersion' | 'answers' | 'flags'> | null) {
  return useQuery({
    queryKey: ['elder', 'preview', personId, body],
    queryFn: () => unwrap(api.POST('/api/elder/elders/{id}/assessments/preview', { params: { path: { id: personId } }, body: body! })),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: string) {
  return useQuery({ queryKey: ['elder', 'assessment', id], queryFn: () => unwrap(api.GET('/api/elder/assessments/{id}', { params: { path: { id } } })) });
}

export function useSign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/elder/assessments/{id}/sign', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

export function useAwaiting() {
  return useQuery({ queryKey: ['elder', 'awaiting'], queryFn: () => unwrap(api.GET('/api/elder/assessments/awaiting', { params: { query: { limit: 100 } } })) });
}

export function useProposals(status: 'open' | 'started' | 'dismissed' | 'done', page: number, pageSize: number) {
  return useQuery({
    queryKey: ['elder', 'proposals', status, page, pageSize],
    queryFn: () => unwrap(api.GET('/api/elder/proposals', { params: { query: { status, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

export function useDecideProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { action: 'start' } | { action: 'dismiss'; reason: string } }) =>
      unwrap(api.POST('/api/elder/proposals/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

export function useElderStats(jurisdictionId: string | undefined) {
  return useQuery({
    queryKey: ['elder', 'stats', jurisdictionId ?? 'mine'],
    queryFn: () => unwrap(api.GET('/api/elder/stats', { params: { query: jurisdictionId ? { jurisdictionId } : {} } })),
    placeholderData: keepPreviousData,
  });
}

export function useElderSettings() {
  return useQuery({ queryKey: ['elder', 'settings'], queryFn: () => unwrap(api.GET('/api/elder/settings')) });
}

export function useUpdateElderSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { raisesStack: boolean; version: number }) => unwrap(api.PUT('/api/elder/settings', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}
