import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { BodyOf, Me } from '../../../api/types';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user; the shell and every permission check read it from this one query. */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: () => unwrap(api.GET('/api/auth/me')),
  staleTime: 5 * 60_000,
});

export function useMeQuery() {
  return useQuery(meQuery);
}

/** The signed-in user inside the authenticated part of the app (RequireAuth has loaded it). */
export function useCurrentUser(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useCurrentUser used outside <RequireAuth>');
  return data;
}

export type LoginBody = BodyOf<'/api/auth/login', 'post'>;

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: ({ user }) => queryClient.setQueryData(meKey, user),
  });
}

export function useLogout() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/auth/logout')) });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/auth/password', 'post'>) => unwrap(api.POST('/api/auth/password', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/auth/totp/setup')) });
}

export function useTotpEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/totp/enable', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
