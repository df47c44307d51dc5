import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, CSRF_COOKIE, CSRF_HEADER, readCookie, unwrap } from '../../../api/client';
import { fileNameFrom, saveBlob } from '../../../shared/utils/download';
import type { BodyOf, ResponseOf } from '../../../api/types';

export type CubeBody = BodyOf<'/api/analysis/cube', 'post'>;
export type CubeResult = ResponseOf<'/api/analysis/cube', 'post'>;
export type Cockpit = ResponseOf<'/api/analysis/cockpit', 'get'>;
export type Profile = ResponseOf<'/api/analysis/profile', 'get'>;
export type Catalogue = ResponseOf<'/api/analysis/catalogue', 'get'>;

const fetchCube = (body: CubeBody): Promise<CubeResult> => unwrap(api.POST('/api/analysis/cube', { body }));
const fetchProfile = (jurisdictionId?: string, month?: string) =>
  unwrap(api.GET('/api/analysis/profile', { params: { query: { ...(jurisdictionId ? { jurisdictionId } : {}), ...(month ? { month } : {}) } } }));
const fetchCatalogue = () => unwrap(api.GET('/api/analysis/catalogue'));

export function useCatalogue() {
  return useQuery({ queryKey: ['analysis', 'catalogue'], queryFn: fetchCatalogue, staleTime: 300_000 });
}

export function useCube(body: CubeBody | null) {
  return useQuery({ queryKey: ['analysis', 'cube', body], queryFn: () => fetchCube(body!), enabled: body !== null, placeholderData: keepPreviousData });
}

export function useProfile(jurisdictionId?: string, month?: string) {
  return useQuery({ queryKey: ['analysis', 'profile', jurisdictionId ?? 'mine', month ?? 'now'], queryFn: () => fetchProfile(jurisdictionId, month), placeholderData: keepPreviousData });
}

/**
 * The cockpit's figures, pushed by the server (server-sent events) at once and after every
 * committed change — never by reloading. `updates` counts the pushes received.
 */
export function useCockpitStream(jurisdictionId?: string) {
  const [data, setData] = useState<Cockpit | null>(null);
  const [updates, setUpdates] = useState(0);
  const [error, setError] = useState(false);
  useEffect(() => {
    const es = new EventSource(`/api/analysis/cockpit/stream${jurisdictionId ? `?jurisdictionId=${encodeURIComponent(jurisdictionId)}` : ''}`);
    es.addEventListener('cockpit', (e) => {
      setData(JSON.parse((e as MessageEvent<string>).data) as Cockpit);
      setUpdates((n) => n + 1);
      setError(false);
    });
    es.onerror = () => setError(true);
    return () => es.close();
  }, [jurisdictionId]);
  return { data, updates, error };
}

/** Downloads the cube's pivot as an Excel workbook. */
export async function downloadCube(body: CubeBody) {
  const csrf = readCookie(CSRF_COOKIE, document.cookie) ?? '';
  const res = await fetch('/api/analysis/cube/export', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`export failed: ${res.status}`);
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition'), 'cube.xlsx'));
}
