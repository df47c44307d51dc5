import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { HistoryResource } from '../types';

function fetchHistory(resource: HistoryResource, id: string) {
  const init = { params: { path: { id } } };
  switch (resource) {
    case 'estates':
      return unwrap(api.GET('/api/estates/{id}/history', init));
    case 'buildings':
      return unwrap(api.GET('/api/buildings/{id}/history', init));
    case 'houses':
      return unwrap(api.GET('/api/houses/{id}/history', init));
    case 'organizations':
      return unwrap(api.GET('/api/organizations/{id}/history', init));
    case 'things':
      return unwrap(api.GET('/api/things/{id}/history', init));
    case 'events':
      return unwrap(api.GET('/api/events/{id}/history', init));
  }
}

/**
 * 变更记录 of one registry record, newest first as the server keeps it. Keyed under the record's
 * own resource, so saving the record (which invalidates the resource) refreshes its history too.
 */
export function useRecordHistory(resource: HistoryResource, id: string | undefined) {
  return useQuery({
    queryKey: ['registry', resource, 'history', id],
    queryFn: () => fetchHistory(resource, id!).then((r) => r.items),
    enabled: Boolean(id),
  });
}
