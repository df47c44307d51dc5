import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { AllBuildingsQuery, MapQuery } from '../types';

/** Start view and basemap; the same for everyone, so read once. */
export function useMapConfig() {
  return useQuery({
    queryKey: ['registry', 'map', 'config'],
    queryFn: () => unwrap(api.GET('/api/map/config')),
    staleTime: Infinity,
  });
}

/**
 * Buildings, areas and things within the user's jurisdiction (optionally under one node or in a
 * box). The map keeps showing the previous layers while a new measure loads.
 */
export function useMapLayers(query: MapQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry', 'map', 'layers', query],
    // The signal lets React Query abort a request nobody waits for any more (the map moved on).
    queryFn: ({ signal }) => unwrap(api.GET('/api/map/layers', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every building of a large jurisdiction at once, packed by column; the page expands it (utils/compact). */
export function useAllBuildings(query: AllBuildingsQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['registry', 'map', 'buildings', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/map/buildings', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
