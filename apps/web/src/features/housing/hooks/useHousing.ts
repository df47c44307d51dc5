import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type {
  BuildingCreateBody,
  BuildingPatchBody,
  BuildingQuery,
  EstateCreateBody,
  EstatePatchBody,
  EstateQuery,
  HouseCreateBody,
  HousePatchBody,
  HouseQuery,
} from '../types';

/**
 * Query keys of the housing registry. Estates, buildings and houses count one another (an estate
 * shows its buildings and houses, a building its residents), so a change refreshes all three,
 * the 楼盘表 and the map.
 */
export const housingKeys = {
  estates: ['registry', 'estates'] as const,
  buildings: ['registry', 'buildings'] as const,
  houses: ['registry', 'houses'] as const,
  floorPlan: (id: string) => ['registry', 'buildings', 'floor-plan', id] as const,
};

function useInvalidateHousing() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: housingKeys.estates }),
      queryClient.invalidateQueries({ queryKey: housingKeys.buildings }),
      queryClient.invalidateQueries({ queryKey: housingKeys.houses }),
      queryClient.invalidateQueries({ queryKey: ['registry', 'map'] }),
    ]);
}

// ---- 小区

export function useEstateList(query: EstateQuery) {
  return useQuery({
    queryKey: [...housingKeys.estates, 'list', query],
    queryFn: () => unwrap(api.GET('/api/estates', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEstate(id: string | undefined) {
  return useQuery({
    queryKey: [...housingKeys.estates, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/estates/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateEstate() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: (body: EstateCreateBody) => unwrap(api.POST('/api/estates', { body })),
    onSuccess: invalidate,
  });
}

/** Changes carry the `version` they were read at; a 409 means someone saved in between. */
export function useUpdateEstate() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EstatePatchBody }) =>
      unwrap(api.PATCH('/api/estates/{id}', { params: { path: { id } }, body })),
    onSettled: invalidate,
  });
}

// ---- 楼栋

export function useBuildingList(query: BuildingQuery) {
  return useQuery({
    queryKey: [...housingKeys.buildings, 'list', query],
    queryFn: () => unwrap(api.GET('/api/buildings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useBuilding(id: string | undefined) {
  return useQuery({
    queryKey: [...housingKeys.buildings, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/buildings/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateBuilding() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: (body: BuildingCreateBody) => unwrap(api.POST('/api/buildings', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateBuilding() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BuildingPatchBody }) =>
      unwrap(api.PATCH('/api/buildings/{id}', { params: { path: { id } }, body })),
    onSettled: invalidate,
  });
}

/** 楼盘表 of one building: every house with its occupancy and the tag counts of its residents. */
export function useFloorPlan(id: string | undefined) {
  return useQuery({
    queryKey: housingKeys.floorPlan(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/buildings/{id}/floor-plan', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

// ---- 房屋

export function useHouseList(query: HouseQuery, enabled = true) {
  return useQuery({
    queryKey: [...housingKeys.houses, 'list', query],
    queryFn: () => unwrap(api.GET('/api/houses', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHouse(id: string | undefined) {
  return useQuery({
    queryKey: [...housingKeys.houses, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/houses/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateHouse() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: (body: HouseCreateBody) => unwrap(api.POST('/api/houses', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateHouse() {
  const invalidate = useInvalidateHousing();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: HousePatchBody }) =>
      unwrap(api.PATCH('/api/houses/{id}', { params: { path: { id } }, body })),
    onSettled: invalidate,
  });
}
