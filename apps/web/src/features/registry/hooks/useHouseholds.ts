import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { HouseholdCreateBody, HouseholdMemberBody, HouseholdQuery } from '../types';
import { registryKeys, useInvalidateRegistry } from './usePeople';

/** 家庭户 list, one keyset page at a time. */
export function useHouseholdList(query: HouseholdQuery) {
  return useQuery({
    queryKey: [...registryKeys.households, 'list', query],
    queryFn: () => unwrap(api.GET('/api/households', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: string | undefined) {
  return useQuery({
    queryKey: [...registryKeys.households, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/households/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** 登记家庭: the head (the server adds them as 户主, 02) and the members with their relation to the head. */
export function useCreateHousehold() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (body: HouseholdCreateBody) => unwrap(api.POST('/api/households', { body })),
    onSuccess: invalidate,
  });
}

/** 添加成员 from a day on. */
export function useAddHouseholdMember() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ householdId, ...body }: { householdId: string } & HouseholdMemberBody) =>
      unwrap(api.POST('/api/households/{id}/members', { params: { path: { id: householdId } }, body })),
    onSuccess: invalidate,
  });
}
