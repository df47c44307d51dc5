import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { QueryOf } from '../../../api/types';

type GraphKind = QueryOf<'/api/graph', 'get'>['kind'];

/** 关系图 one hop around a record (current relationships only); a house gives its residents. */
export function useRecordGraph(kind: GraphKind, id: string | undefined) {
  return useQuery({
    queryKey: ['registry', 'graph', kind, id],
    queryFn: () => unwrap(api.GET('/api/graph', { params: { query: { kind, id: id! } } })),
    enabled: Boolean(id),
  });
}
