import createClient, { type Middleware } from 'openapi-fetch';
import { networkError, toApiError, type ApiError } from './errors';
import type { paths } from './paths';

/** Name of the readable cookie whose value must come back in `x-csrf-token`. */
export const CSRF_COOKIE = 'linli_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const LOGIN_PATH = '/api/auth/login';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads one cookie by name from `document.cookie`. */
export function readCookie(name: string, cookieString: string = document.cookie): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Whether a request must carry the CSRF header: every state-changing call except login. */
export function needsCsrf(method: string, pathname: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase()) && pathname !== LOGIN_PATH;
}

/** Whether a 401 on this path means "the session is gone" (send the user to /login). */
export function isSessionLoss(status: number, pathname: string): boolean {
  return status === 401 && pathname !== LOGIN_PATH;
}

let onUnauthorized: () => void = () => {};

/** The app registers here what to do when the session is gone (clear caches, go to /login). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const { pathname } = new URL(request.url, window.location.origin);
    if (needsCsrf(request.method, pathname)) {
      const token = readCookie(CSRF_COOKIE);
      if (token) request.headers.set(CSRF_HEADER, token);
    }
    return request;
  },
  onResponse({ request, response }) {
    const { pathname } = new URL(request.url, window.location.origin);
    if (isSessionLoss(response.status, pathname)) onUnauthorized();
    return response;
  },
};

/** The one typed client every feature uses; URLs and bodies are checked against the OpenAPI paths. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionMiddleware);

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError carrying the server's
 * code and messages; react-query then sees failures as failures.
 */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch {
    throw networkError();
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

export type { ApiError };
