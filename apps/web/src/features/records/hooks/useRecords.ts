import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type {
  EventCreateBody,
  EventPatchBody,
  EventQuery,
  EventTransitionBody,
  OrganizationCreateBody,
  OrganizationPatchBody,
  OrganizationQuery,
  ThingCreateBody,
  ThingPatchBody,
  ThingQuery,
} from '../types';

/** Query keys of 单位 / 物 / 事; everything of a resource sits under `['registry', resource]`. */
export const recordKeys = {
  organizations: ['registry', 'organizations'] as const,
  things: ['registry', 'things'] as const,
  events: ['registry', 'events'] as const,
};

function useInvalidate(key: readonly string[]) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key });
}

// ---- 单位

/** One keyset page of organisations; the previous page stays on screen while the next loads. */
export function useOrganizationList(query: OrganizationQuery) {
  return useQuery({
    queryKey: [...recordKeys.organizations, 'list', query],
    queryFn: () => unwrap(api.GET('/api/organizations', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: [...recordKeys.organizations, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/organizations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateOrganization() {
  const invalidate = useInvalidate(recordKeys.organizations);
  return useMutation({
    mutationFn: (body: OrganizationCreateBody) => unwrap(api.POST('/api/organizations', { body })),
    onSuccess: invalidate,
  });
}

/** Changes carry the `version` they were read at; a 409 means someone saved in between. */
export function useUpdateOrganization() {
  const invalidate = useInvalidate(recordKeys.organizations);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: OrganizationPatchBody }) =>
      unwrap(api.PATCH('/api/organizations/{id}', { params: { path: { id } }, body })),
    // Refresh on a conflict too, so the page shows what the other person saved.
    onSettled: invalidate,
  });
}

// ---- 物

export function useThingList(query: ThingQuery, enabled = true) {
  return useQuery({
    queryKey: [...recordKeys.things, 'list', query],
    queryFn: () => unwrap(api.GET('/api/things', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useThing(id: string | undefined) {
  return useQuery({
    queryKey: [...recordKeys.things, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/things/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateThing() {
  const invalidate = useInvalidate(recordKeys.things);
  return useMutation({
    mutationFn: (body: ThingCreateBody) => unwrap(api.POST('/api/things', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateThing() {
  const invalidate = useInvalidate(recordKeys.things);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ThingPatchBody }) =>
      unwrap(api.PATCH('/api/things/{id}', { params: { path: { id } }, body })),
    onSettled: invalidate,
  });
}

// ---- 事

export function useEventList(query: EventQuery) {
  return useQuery({
    queryKey: [...recordKeys.events, 'list', query],
    queryFn: () => unwrap(api.GET('/api/events', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: [...recordKeys.events, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/events/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateEvent() {
  const invalidate = useInvalidate(recordKeys.events);
  return useMutation({
    mutationFn: (body: EventCreateBody) => unwrap(api.POST('/api/events', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateEvent() {
  const invalidate = useInvalidate(recordKeys.events);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EventPatchBody }) =>
      unwrap(api.PATCH('/api/events/{id}', { params: { path: { id } }, body })),
    onSettled: invalidate,
  });
}

/** Moves an event along its state machine (派单, 开始处理, 办结, 归档, 撤销 …). */
export function useTransitionEvent() {
  const invalidate = useInvalidate(recordKeys.events);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EventTransitionBody }) =>
      unwrap(api.POST('/api/events/{id}/transition', { params: { path: { id } }, body })),
    onSettled: invalidate,
  });
}

// ---- look-ups for pickers

/** People matching typed text, to link an event to a resident. */
export function usePersonLookup(q: string) {
  return useQuery({
    queryKey: ['registry', 'people', 'lookup', q],
    queryFn: () => unwrap(api.GET('/api/people', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** Houses matching typed text (小区 / 楼栋 / 房号). */
export function useHouseLookup(q: string) {
  return useQuery({
    queryKey: ['registry', 'houses', 'lookup', q],
    queryFn: () => unwrap(api.GET('/api/houses', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** Buildings matching typed text, to say which building a device belongs to. */
export function useBuildingLookup(q: string) {
  return useQuery({
    queryKey: ['registry', 'buildings', 'lookup', q],
    queryFn: () => unwrap(api.GET('/api/buildings', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** Things matching typed text, to link an event to a device or facility. */
/** Colleagues an event can be assigned to, by name. */
export function useAssigneeLookup(q: string) {
  return useQuery({
    queryKey: ['registry', 'events', 'assignees', q],
    queryFn: () => unwrap(api.GET('/api/events/assignees', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

export function useThingLookup(q: string) {
  return useQuery({
    queryKey: ['registry', 'things', 'lookup', q],
    queryFn: () => unwrap(api.GET('/api/things', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}
