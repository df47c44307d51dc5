import type { Database, Queryable } from './database.js';

/**
 * Whose eyes a unit of work runs with. Jurisdiction is the access rule of Linli: a user sees and
 * changes only rows whose jurisdiction path lies under one of their nodes. The rule is enforced
 * here, once, by PostgreSQL row-level security policies that read `linli.scope` (see the
 * migrations' `linli_in_scope`); repositories never add jurisdiction filters of their own.
 */
export type Scope =
  | { kind: 'system'; reason: string }
  | { kind: 'user'; userId: string; paths: string[]; session?: SessionCheck };

/**
 * The session a request's scope was taken from, when it came from memory (the session cache)
 * rather than from the database: the first transaction re-checks in its BEGIN round trip that
 * the session may still be used (`linli_session_alive`), and fails with SQLSTATE LS401 if not.
 * One request's own object: `checked` is set once it has been.
 */
export interface SessionCheck {
  tokenHash: string;
  idleMs: number;
  absoluteMs: number;
  checked: boolean;
}

/** The SQLSTATE of a transaction refused because its session may no longer be used. */
export const SESSION_GONE = 'LS401';

export const systemScope = (reason: string): Scope => ({ kind: 'system', reason });

const LTREE_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function scopeSetting(scope: Scope): string {
  if (scope.kind === 'system') return '*';
  for (const p of scope.paths) if (!LTREE_PATH.test(p)) throw new Error(`bad jurisdiction path ${p}`);
  // A user with no node sees nothing: an empty list matches no row.
  return scope.paths.join(',');
}

/** The scope each open `withScope` transaction runs with (a transaction handle is its own object). */
const scopes = new WeakMap<Queryable, Scope>();

/**
 * Whose eyes `tx` sees with, when it is a `withScope` transaction: what lets a lookup answer from
 * memory only for what the transaction's own row-level security would show (undefined: ask the database).
 */
export function scopeOf(tx: Queryable): Scope | undefined {
  return scopes.get(tx);
}

/** Runs `fn` in one transaction that sees exactly the rows of `scope`. */
export function withScope<T>(db: Database, scope: Scope, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const settings = { 'linli.scope': scopeSetting(scope), 'linli.user_id': scope.kind === 'user' ? scope.userId : '' };
  const session = scope.kind === 'user' && scope.session && !scope.session.checked ? scope.session : undefined;
  const inScope = async (tx: Queryable) => {
    scopes.set(tx, scope);
    try {
      return await fn(tx);
    } finally {
      scopes.delete(tx);
    }
  };
  if (!session) return db.transaction(inScope, settings);
  const guard = { fn: 'linli_session_alive', args: [session.tokenHash, session.idleMs, session.absoluteMs] };
  return db.transaction((tx) => {
    session.checked = true;
    return inScope(tx);
  }, settings, guard);
}

/** A database handle bound to one scope: what services receive for a request. */
export interface ScopedDb {
  readonly scope: Scope;
  run<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export function scoped(db: Database, scope: Scope): ScopedDb {
  return { scope, run: (fn) => withScope(db, scope, fn) };
}
