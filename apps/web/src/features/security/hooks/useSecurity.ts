import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const securityKeys = {
  all: ['security'] as const,
  sessions: ['security', 'sessions'] as const,
  locked: ['security', 'locked-users'] as const,
};

/** Sessions that are signed in right now; refreshed every half minute while the page is open. */
export function useSessions() {
  return useQuery({
    queryKey: securityKeys.sessions,
    queryFn: () => unwrap(api.GET('/api/security/sessions')).then((r) => r.items),
    refetchInterval: 30_000,
  });
}

export function useLockedUsers() {
  return useQuery({
    queryKey: securityKeys.locked,
    queryFn: () => unwrap(api.GET('/api/security/locked-users')).then((r) => r.items),
    refetchInterval: 30_000,
  });
}

/** 强制下线: ends one session on the server. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/security/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: securityKeys.sessions }),
  });
}
