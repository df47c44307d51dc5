import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { BodyOf, QueryOf } from '../../../api/types';
import type { Alert } from '../types';

export const deviceKeys = {
  all: ['devices'] as const,
  list: (q: unknown) => ['devices', 'list', q] as const,
  alerts: ['devices', 'alerts'] as const,
  map: (personId: string, from: string, to: string) => ['devices', 'map', personId, from, to] as const,
};

export function useDeviceList(query: QueryOf<'/api/devices', 'get'>) {
  return useQuery({
    queryKey: deviceKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/devices', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/devices', 'post'>) => unwrap(api.POST('/api/devices', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: deviceKeys.all }),
  });
}

export function useAlerts(query: QueryOf<'/api/devices/alerts', 'get'>) {
  return useQuery({
    queryKey: [...deviceKeys.alerts, query],
    queryFn: () => unwrap(api.GET('/api/devices/alerts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useAlertDetail(id: string | null) {
  return useQuery({
    queryKey: [...deviceKeys.alerts, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/devices/alerts/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useAlertAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note, version }: { id: string; action: 'acknowledge' | 'close'; note?: string; version: number }) =>
      action === 'acknowledge'
        ? unwrap(api.POST('/api/devices/alerts/{id}/acknowledge', { params: { path: { id } }, body: { note, version } }))
        : unwrap(api.POST('/api/devices/alerts/{id}/close', { params: { path: { id } }, body: { note, version } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: deviceKeys.alerts }),
  });
}

export function useElderMap(personId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: deviceKeys.map(personId ?? '', from, to),
    queryFn: () => unwrap(api.GET('/api/devices/elders/{id}/map', { params: { path: { id: personId! }, query: { from, to } } })),
    enabled: Boolean(personId),
    placeholderData: keepPreviousData,
  });
}

export function useReadings(personId: string | undefined) {
  return useQuery({
    queryKey: ['devices', 'readings', personId],
    queryFn: () => unwrap(api.GET('/api/devices/people/{id}/readings', { params: { path: { id: personId! }, query: { days: 90 } } })),
    enabled: Boolean(personId),
  });
}

export function useAddZone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/devices/zones', 'post'>) => unwrap(api.POST('/api/devices/zones', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['devices', 'map'] }),
  });
}

/** Changes a zone in place; a stale `version` is refused (409) and the map reloads either way. */
export function useUpdateZone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/devices/zones/{id}', 'patch'> }) =>
      unwrap(api.PATCH('/api/devices/zones/{id}', { params: { path: { id } }, body })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['devices', 'map'] }),
  });
}

/** Deletes a zone as it was read (its `version`: someone else's change meanwhile is a 409). */
export function useDeleteZone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/api/devices/zones/{id}', { params: { path: { id }, query: { version } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['devices', 'map'] }),
  });
}

export type LivePosition = { deviceId: string; personId: string | null; lat: number; lng: number; accuracy: number | null; at: string; valid: boolean };

/**
 * The server's live stream (server-sent events, no polling): new and changed alerts refresh the
 * alert lists; positions go to `onPosition`. Reports whether the stream is connected.
 */
export function useDeviceStream(handlers: { onAlert?: (a: Alert) => void; onPosition?: (p: LivePosition) => void } = {}) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const es = new EventSource('/api/devices/stream', { withCredentials: true });
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    es.addEventListener('alert', (e) => {
      const body = JSON.parse((e as MessageEvent<string>).data) as { alert: Alert };
      void qc.invalidateQueries({ queryKey: deviceKeys.alerts });
      ref.current.onAlert?.(body.alert);
    });
    es.addEventListener('position', (e) => {
      ref.current.onPosition?.(JSON.parse((e as MessageEvent<string>).data) as LivePosition);
    });
    return () => es.close();
  }, [qc]);
  return connected;
}
