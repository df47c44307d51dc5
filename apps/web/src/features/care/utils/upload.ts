import { api, unwrap } from '../../../api/client';
import { ApiError } from '../../../api/errors';

const CHUNK = 128 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the browser says it is online again (at once when it is). */
function online(): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

/**
 * Runs a call until it gets an answer: a network failure waits (for the network, then a growing
 * pause) and tries again; an answer from the server, even an error, ends it. Each visit call is
 * idempotent (a step by its key, a photo by its hash and offset), so a retry cannot do it twice.
 */
export async function persist<T>(call: () => Promise<T>, onRetry?: () => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) throw e;
      onRetry?.();
      await online();
      await sleep(Math.min(15_000, 500 * 2 ** Math.min(attempt, 5)));
    }
  }
}

/**
 * Uploads a visit photo in chunks from where the server stands: a dropped connection resumes at
 * the server's offset, never from the start (the survey's photo store, through the care routes).
 */
export async function uploadVisitPhoto(
  orderId: string,
  photo: { blob: Blob; sha256: string; stage: 'check_in' | 'during' | 'check_out'; position?: { lat: number; lon: number } },
  onProgress: (fraction: number) => void,
  onRetry?: () => void,
): Promise<string> {
  const start = () => unwrap(api.POST('/api/care/orders/{id}/photos', {
    params: { path: { id: orderId } },
    body: { stage: photo.stage, sha256: photo.sha256, size: photo.blob.size, mime: 'image/jpeg', takenAt: new Date().toISOString(), ...(photo.position ? { position: photo.position } : {}) },
  }));
  let state = await persist(start, onRetry);
  onProgress(state.received / state.size);
  while (!state.complete) {
    const from = state.received;
    try {
      state = await persist(() => unwrap(api.PUT('/api/care/photos/{id}/content', {
        params: { path: { id: state.id }, query: { offset: from } },
        body: photo.blob.slice(from, from + CHUNK) as never,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { 'content-type': 'application/octet-stream' },
      })), onRetry);
    } catch (e) {
      // the server holds another offset (an earlier try got through): ask it and go on from there
      if (e instanceof ApiError && e.code === 'PHOTO_OFFSET') state = await persist(start, onRetry);
      else throw e;
    }
    onProgress(state.received / state.size);
  }
  return state.id;
}

/** The phone's idempotency key of a visit step: made once, kept until the step is stored. */
export function stepKey(orderId: string, kind: string): string {
  const name = `linli.care.step.${orderId}.${kind}`;
  let key = localStorage.getItem(name);
  if (!key) {
    key = crypto.randomUUID();
    localStorage.setItem(name, key);
  }
  return key;
}

/** The browser's position now (never a cached fix: a check-out must prove where it happened), or null when it cannot be had. */
export function currentPosition(): Promise<{ lat: number; lon: number; accuracy: number } | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  });
}
