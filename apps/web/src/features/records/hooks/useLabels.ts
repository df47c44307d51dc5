import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** The label (小区 楼栋 单元 房号) of a house a record points to by id only. */
export function useHouseLabel(houseId: string | null | undefined): string | undefined {
  const house = useQuery({
    queryKey: ['registry', 'houses', 'detail', houseId],
    queryFn: () => unwrap(api.GET('/api/houses/{id}', { params: { path: { id: houseId! } } })),
    enabled: Boolean(houseId),
    staleTime: 60_000,
  });
  return house.data?.label;
}

/** The name (小区 楼栋) of a building a record points to by id only. */
export function useBuildingLabel(buildingId: string | null | undefined): string | undefined {
  const building = useQuery({
    queryKey: ['registry', 'buildings', 'detail', buildingId],
    queryFn: () => unwrap(api.GET('/api/buildings/{id}', { params: { path: { id: buildingId! } } })),
    enabled: Boolean(buildingId),
    staleTime: 60_000,
  });
  const b = building.data;
  return b ? [b.estateName, b.name].filter(Boolean).join(' ') : undefined;
}
