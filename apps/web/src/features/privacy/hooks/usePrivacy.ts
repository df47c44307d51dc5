import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { toApiError } from '../../../api/errors';
import type { BodyOf, QueryOf, ResponseOf } from '../../../api/types';
import { fileNameFrom, saveBlob } from '../../../shared/utils/download';

export type PrivacyRequest = ResponseOf<'/api/privacy/requests/{id}', 'get'>;
export type PrivacyRequestQuery = QueryOf<'/api/privacy/requests', 'get'>;
export type PrivacyRequestBody = BodyOf<'/api/privacy/requests', 'post'>;
export type PrivacyCloseBody = BodyOf<'/api/privacy/requests/{id}/close', 'post'>;

const keys = { all: ['privacy'] as const, list: (q: PrivacyRequestQuery) => ['privacy', 'list', q] as const };

/** Requests of one's jurisdiction (open first, by deadline), with the open and overdue counts. */
export function usePrivacyRequests(q: PrivacyRequestQuery) {
  return useQuery({
    queryKey: keys.list(q),
    queryFn: () => unwrap(api.GET('/api/privacy/requests', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePrivacyRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PrivacyRequestBody) => unwrap(api.POST('/api/privacy/requests', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useClosePrivacyRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & PrivacyCloseBody) =>
      unwrap(api.POST('/api/privacy/requests/{id}/close', { params: { path: { id: v.id } }, body: { status: v.status, outcome: v.outcome, version: v.version } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Produces the resident's copy (every record about them, as a workbook) and saves it. */
export function usePrivacyCopy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { data, error, response } = await api.POST('/api/privacy/requests/{id}/copy', { params: { path: { id } }, parseAs: 'blob' });
      if (!response.ok || !data) throw toApiError(response.status, error);
      const name = fileNameFrom(response.headers.get('content-disposition'), 'copy.xlsx');
      saveBlob(data as Blob, name);
      return name;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
