import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { AuditQuery } from '../../../api/types';

export const auditKeys = {
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
  actions: ['audit', 'actions'] as const,
};

export function useAuditList(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The action catalogue (code → 中文/English name) for the filter and the table. */
export function useAuditActions() {
  return useQuery({
    queryKey: auditKeys.actions,
    queryFn: () => unwrap(api.GET('/api/audit/actions')).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

/** 校验审计链: the server recomputes the hash chain and names the first record that does not fit. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/audit/verify')) });
}
