import type { Database, Queryable } from './database.js';

/**
 * Whose eyes a unit of work runs with. Jurisdiction is the access rule of Linli: a user sees and
 * changes only rows whose jurisdiction path lies under one of their nodes. The rule is enforced
 * here, once, by PostgreSQL row-level security policies that read `linli.scope` (see the
 * migrations' `linli_in_scope`); repositories never add jurisdiction filters of their own.
 */
export type Scope =
  | { kind: 'system'; reason: string }
  | { kind: 'user'; userId: string; paths: string[] };

export const systemScope = (reason: string): Scope => ({ kind: 'system', reason });

const LTREE_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function scopeSetting(scope: Scope): string {
  if (scope.kind === 'system') return '*';
  for (const p of scope.paths) if (!LTREE_PATH.test(p)) throw new Error(`bad jurisdiction path ${p}`);
  // A user with no node sees nothing: an empty list matches no row.
  return scope.paths.join(',');
}

/** Runs `fn` in one transaction that sees exactly the rows of `scope`. */
export function withScope<T>(db: Database, scope: Scope, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(fn, { 'linli.scope': scopeSetting(scope), 'linli.user_id': scope.kind === 'user' ? scope.userId : '' });
}

/** A database handle bound to one scope: what services receive for a request. */
export interface ScopedDb {
  readonly scope: Scope;
  run<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export function scoped(db: Database, scope: Scope): ScopedDb {
  return { scope, run: (fn) => withScope(db, scope, fn) };
}
