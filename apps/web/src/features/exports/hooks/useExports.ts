import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { toApiError } from '../../../api/errors';
import type { BodyOf, ResponseOf } from '../../../api/types';
import { fileNameFrom, saveBlob } from '../../../shared/utils/download';

export type ExportJob = ResponseOf<'/api/exports/{id}', 'get'>;
export type ExportCreateBody = BodyOf<'/api/exports', 'post'>;

export const exportKeys = {
  all: ['exports'] as const,
  mine: (cursor?: string) => ['exports', 'mine', cursor ?? ''] as const,
  pending: (cursor?: string) => ['exports', 'pending', cursor ?? ''] as const,
  one: (id: string) => ['exports', 'one', id] as const,
};

const busy = (jobs: ExportJob[] | undefined) => jobs?.some((j) => j.status === 'running') ?? false;

/** My exports and requests, newest first; refreshed every 2 s while one is being written. */
export function useMyExports(cursor?: string) {
  return useQuery({
    queryKey: exportKeys.mine(cursor),
    queryFn: () => unwrap(api.GET('/api/exports', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (busy(q.state.data?.items) ? 2000 : false),
  });
}

/** Unmasked requests awaiting my decision (approvers only). */
export function usePendingExports(enabled: boolean, cursor?: string) {
  return useQuery({
    queryKey: exportKeys.pending(cursor),
    queryFn: () => unwrap(api.GET('/api/exports/pending', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One export, polled every second while its file is being written (the dialog's progress bar). */
export function useExportJob(id: string | undefined) {
  return useQuery({
    queryKey: exportKeys.one(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/exports/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
}

export function useCreateExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExportCreateBody) => unwrap(api.POST('/api/exports', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: exportKeys.all }),
  });
}

export function useDecideExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject'; note?: string; version: number }) =>
      unwrap(api.POST('/api/exports/{id}/decision', { params: { path: { id: v.id } }, body: { decision: v.decision, note: v.note, version: v.version } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: exportKeys.all }),
  });
}

/**
 * Downloads an export and hands it to the browser as a file. A POST (it counts against the
 * download limit, so it carries the CSRF token); the server's refusal comes back as an ApiError.
 */
export function useDownloadExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { data, error, response } = await api.POST('/api/exports/{id}/download', { params: { path: { id } }, parseAs: 'blob' });
      if (!response.ok || !data) throw toApiError(response.status, error);
      const name = fileNameFrom(response.headers.get('content-disposition'), 'export.xlsx');
      saveBlob(data as Blob, name);
      return name;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: exportKeys.all }),
  });
}
