import type { SessionPrincipal } from './accounts.repository.js';

/** The NOTIFY channel on which the database says whose principal changed ('u:<user id>' or '*'). */
export const SESSION_CHANNEL = 'linli_session';

interface Entry {
  principal: SessionPrincipal;
  /** When it was read (ms since epoch). */
  readAt: number;
  /** The session's last_seen_at as this instance last knew it (ms). */
  lastSeen: number;
}

export type SessionCache = ReturnType<typeof createSessionCache>;

/**
 * Principals of recent sessions, by token hash, so a request need not read its session first.
 * Used only while the instance listens on `linli_session` (`setLive(true)`): every notification
 * drops the entries it names, and losing the listener drops all of them. An entry older than
 * `ttlMs` is read again. A read that raced a notification is not stored (`stamp()` / `put`).
 * Whether a session may still be used is not decided here: see `SessionCheck` in db/scope.ts.
 */
export function createSessionCache(opts: { ttlMs: number; max: number }) {
  const entries = new Map<string, Entry>();
  let generation = 0;
  let live = false;

  const clear = () => {
    generation++;
    entries.clear();
  };

  return {
    /** The cached principal of a session, if fresh, and what this instance knows of its last use. */
    get(tokenHash: string, now: number): Entry | undefined {
      if (!live) return undefined;
      const e = entries.get(tokenHash);
      if (!e) return undefined;
      if (now - e.readAt >= opts.ttlMs) {
        entries.delete(tokenHash);
        return undefined;
      }
      return e;
    },

    /** Taken before reading a principal from the database; `put` stores it only if nothing changed since. */
    stamp: () => generation,

    put(tokenHash: string, principal: SessionPrincipal, stamp: number, now: number) {
      if (!live || stamp !== generation || opts.ttlMs <= 0) return;
      if (entries.size >= opts.max) {
        // Maps iterate in insertion order: drop the oldest.
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(tokenHash, { principal, readAt: now, lastSeen: Date.parse(principal.last_seen_at) });
    },

    /** This instance touched the session (last_seen_at = now). */
    touched(tokenHash: string, now: number) {
      const e = entries.get(tokenHash);
      if (e) e.lastSeen = now;
    },

    forget(tokenHash: string) {
      generation++;
      entries.delete(tokenHash);
    },

    /** A NOTIFY payload: 'u:<user id>' drops that user's sessions, anything else all. */
    changed(payload: string) {
      if (!payload.startsWith('u:')) return clear();
      generation++;
      const userId = payload.slice(2);
      for (const [k, e] of entries) if (e.principal.id === userId) entries.delete(k);
    },

    /** Whether notifications arrive; while not, nothing is cached. */
    setLive(on: boolean) {
      live = on;
      clear();
    },

    get size() {
      return entries.size;
    },
  };
}
