import { api, unwrap } from '../../../api/client';
import { networkError, toApiError } from '../../../api/errors';
import type { SyncBody } from '../types';

/**
 * The survey's calls to the server; the offline engine (`offline/sync.ts`) is their only user.
 * Each throws an ApiError (a network error when offline) like every other call of the app.
 */
export const surveyApi = {
  me: () => unwrap(api.GET('/api/auth/me')),
  dictionaries: () => unwrap(api.GET('/api/registry/dictionaries')),

  /** The slice as a byte stream with its length, so the download can show real progress. */
  async sliceStream(): Promise<{ stream: ReadableStream<Uint8Array>; total: number }> {
    let r;
    try {
      r = await api.GET('/api/survey/slice', { parseAs: 'stream' });
    } catch {
      throw networkError();
    }
    if (!r.response.ok || !r.data) throw toApiError(r.response.status, await r.response.json().catch(() => undefined));
    return { stream: r.data as ReadableStream<Uint8Array>, total: Number(r.response.headers.get('content-length') ?? 0) };
  },

  sync: (body: SyncBody) => unwrap(api.POST('/api/survey/sync', { body })),
  conflicts: () => unwrap(api.GET('/api/survey/conflicts')),
  resolve: (id: string, body: { version: number; choices: { field: string; choice: 'mine' | 'theirs' | 'edit'; value?: unknown }[] }) =>
    unwrap(api.POST('/api/survey/conflicts/{id}/resolve', { params: { path: { id } }, body })),
  startPhoto: (body: { visitId: string; sha256: string; size: number; mime: 'image/jpeg' }) => unwrap(api.POST('/api/survey/photos', { body })),
  putChunk: (id: string, offset: number, chunk: Blob) =>
    unwrap(api.PUT('/api/survey/photos/{id}/content', {
      params: { path: { id }, query: { offset } },
      body: chunk as never,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { 'content-type': 'application/octet-stream' },
    })),
};
