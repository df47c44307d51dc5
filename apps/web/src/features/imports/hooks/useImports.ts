import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveBlob } from '../../../shared/utils/download';
import { api, unwrap } from '../../../api/client';
import type { ImportDecisions, ImportJob, ImportKind, ImportMapping, ImportRowsQuery } from '../types';
import { isRunning } from '../utils/importView';

const keys = { all: ['imports'] as const, job: (id: string) => ['imports', 'job', id] as const };

/** The importable kinds and their fields (the mapping screen's choices). */
export function useImportKinds() {
  return useQuery({ queryKey: [...keys.all, 'kinds'], queryFn: () => unwrap(api.GET('/api/imports/kinds')), staleTime: Infinity });
}

/** One job; polled every second while the commit runs in the background. */
export function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: keys.job(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/imports/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data) ? 1000 : false),
  });
}

/** Recent jobs in one's jurisdiction. */
export function useImportJobs() {
  return useQuery({
    queryKey: [...keys.all, 'list'],
    queryFn: () => unwrap(api.GET('/api/imports', { params: { query: { limit: 10 } } })),
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 2000 : false),
  });
}

export function useImportRows(id: string | undefined, query: ImportRowsQuery) {
  return useQuery({
    queryKey: [...keys.job(id ?? ''), 'rows', query],
    queryFn: () => unwrap(api.GET('/api/imports/{id}/rows', { params: { path: { id: id! }, query } })),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
}

function useSetJob() {
  const qc = useQueryClient();
  return (job: ImportJob) => {
    qc.setQueryData(keys.job(job.id), job);
    void qc.invalidateQueries({ queryKey: [...keys.all, 'list'] });
    void qc.invalidateQueries({ queryKey: [...keys.job(job.id), 'rows'] });
  };
}

/** Sends the file as the raw request body; the server recognises it by content and maps its columns. */
export function useUploadImport() {
  const setJob = useSetJob();
  return useMutation({
    mutationFn: ({ file, kind, jurisdictionId }: { file: File; kind: ImportKind; jurisdictionId: string }) =>
      unwrap(
        api.POST('/api/imports', {
          params: { query: { kind, jurisdictionId, fileName: file.name } },
          body: file as never,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { 'content-type': 'application/octet-stream' },
        }),
      ),
    onSuccess: setJob,
  });
}

export function useSetMapping() {
  const setJob = useSetJob();
  return useMutation({
    mutationFn: ({ id, mapping }: { id: string; mapping: ImportMapping }) => unwrap(api.POST('/api/imports/{id}/mapping', { params: { path: { id } }, body: { mapping } })),
    onSuccess: setJob,
  });
}

export function useCommitImport() {
  const setJob = useSetJob();
  return useMutation({
    mutationFn: ({ id, decisions }: { id: string; decisions: ImportDecisions }) => unwrap(api.POST('/api/imports/{id}/commit', { params: { path: { id } }, body: decisions })),
    onSuccess: setJob,
  });
}

export function useCancelImport() {
  const setJob = useSetJob();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/imports/{id}/cancel', { params: { path: { id } } })),
    onSuccess: setJob,
  });
}


export async function downloadTemplate(kind: ImportKind, name: string) {
  saveBlob(await unwrap(api.GET('/api/imports/templates/{kind}', { params: { path: { kind } }, parseAs: 'blob' })) as Blob, name);
}

export async function downloadErrors(id: string, name: string) {
  saveBlob(await unwrap(api.GET('/api/imports/{id}/errors', { params: { path: { id } }, parseAs: 'blob' })) as Blob, name);
}
