import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { GraphQuery } from '../types';

/** Houses matching a search (小区 / 楼栋 / 房号), for 关联房屋 and 登记家庭. */
export function useHouseSearch(q: string) {
  return useQuery({
    queryKey: ['registry', 'houses', 'search', q],
    queryFn: () => unwrap(api.GET('/api/houses', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** Organisations matching a search (name or credit code), for 关联单位. */
export function useOrganizationSearch(q: string) {
  return useQuery({
    queryKey: ['registry', 'organizations', 'search', q],
    queryFn: () => unwrap(api.GET('/api/organizations', { params: { query: { q, limit: 20 } } })).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** 关系图 around one record. */
export function useGraph(kind: GraphQuery['kind'], id: string) {
  return useQuery({
    queryKey: ['registry', 'graph', kind, id],
    queryFn: () => unwrap(api.GET('/api/graph', { params: { query: { kind, id } } })),
  });
}
