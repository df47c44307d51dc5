import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { UserCreateBody, UserPatchBody, UserQuery } from '../../../api/types';

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserQuery) => ['users', 'list', query] as const,
};

/** One keyset page of users; the previous page stays on screen while the next loads. */
export function useUserList(query: UserQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => unwrap(api.GET('/api/roles')).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userKeys.all });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: UserCreateBody) => unwrap(api.POST('/api/users', { body })),
    onSuccess: invalidate,
  });
}

/** Any change to a user carries the `version` it was read at; a 409 means someone changed it since. */
export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserPatchBody }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    // Refresh on a conflict too, so the table shows what the other person saved.
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { newPassword } })),
  });
}

/** 解锁: clears the lock after too many failed sign-ins; the security page's list depends on it too. */
export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/users/{id}/unlock', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: userKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['security'] }),
      ]),
  });
}
