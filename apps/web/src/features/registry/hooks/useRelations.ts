import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { PersonHouseBody, PersonOrgBody, PersonRelativeBody } from '../types';
import { useInvalidateRegistry } from './usePeople';

export type PersonHouseKind = PersonHouseBody['kind'];
export type PersonOrgKind = PersonOrgBody['kind'];

/** 关联房屋: the person lives in, owns, rents or runs a house from a day on. */
export function useLinkHouse() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ personId, ...body }: { personId: string } & PersonHouseBody) =>
      unwrap(api.POST('/api/people/{id}/houses', { params: { path: { id: personId } }, body })),
    onSuccess: invalidate,
  });
}

/** 添加亲属: a family relation (GB/T 4761) to another registered person. */
export function useAddRelative() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ personId, ...body }: { personId: string } & PersonRelativeBody) =>
      unwrap(api.POST('/api/people/{id}/relatives', { params: { path: { id: personId } }, body })),
    onSuccess: invalidate,
  });
}

/** 关联单位: works at, represents, or is the contact of an organisation. */
export function useAddOrganization() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ personId, ...body }: { personId: string } & PersonOrgBody) =>
      unwrap(api.POST('/api/people/{id}/organizations', { params: { path: { id: personId } }, body })),
    onSuccess: invalidate,
  });
}

/** The relationships that end (迁出 / 结束) rather than being deleted, each by its own route. */
export type EndableRelation = 'personHouse' | 'personRelation' | 'personOrg' | 'householdMember';

function endCall(relation: EndableRelation, id: string, validTo: string) {
  const init = { params: { path: { id } }, body: { validTo } };
  switch (relation) {
    case 'personHouse':
      return api.POST('/api/person-houses/{id}/end', init);
    case 'personRelation':
      return api.POST('/api/person-relations/{id}/end', init);
    case 'personOrg':
      return api.POST('/api/person-orgs/{id}/end', init);
    case 'householdMember':
      return api.POST('/api/household-members/{id}/end', init);
  }
}

/** Ends a relationship on a day; it stays in the history. */
export function useEndRelation(relation: EndableRelation) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, validTo }: { id: string; validTo: string }) => unwrap(endCall(relation, id, validTo)),
    onSuccess: invalidate,
  });
}
