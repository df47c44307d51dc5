import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY table (columns) FROM STDIN` rows in COPY's text format, on a PostgreSQL server's
   * transaction: bulk writes without the per-row cost of parameters or JSON. Absent on PGlite
   * (its COPY reads a server-side file, which the app role may not). COPY FROM is refused on a
   * table under row-level security: write to a temporary table and move the rows on.
   */
  copyIn?(table: string, columns: readonly string[], text: string): Promise<void>;
}

const COPY_NAME = /^[a-z_]+$/;
function copySql(table: string, columns: readonly string[]) {
  for (const n of [table, ...columns]) if (!COPY_NAME.test(n)) throw new Error(`bad COPY name ${n}`);
  return `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** One field in COPY's text format: null as \N, backslash, tab and line breaks escaped. */
export const copyField = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);

/**
 * Linli's database: PostgreSQL, either embedded (PGlite, PostgreSQL compiled to WASM) or a server.
 * Everything above this file speaks plain PostgreSQL SQL and does not know which one it has.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /**
   * Runs `fn` in one transaction. `settings` are set for the transaction only (`set_config(…,
   * true)`), sent with its BEGIN in the same round trip; so is `guard`, a function that raises
   * when the transaction must not go on (a session no longer valid).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, settings?: TransactionSettings, guard?: TransactionGuard): Promise<T>;
  /**
   * Calls `fn` with each NOTIFY on `channel` committed by any session (PGlite: this instance;
   * PostgreSQL: every instance on the server, over a connection of its own). Returns the unlisten.
   * `lost` is called if that connection fails (notifications may then have been missed).
   */
  listen(channel: string, fn: (payload: string) => void, lost?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type TransactionSettings = Readonly<Record<string, string>>;
/** A SQL function called with the settings at BEGIN; it raises to stop the transaction. */
export interface TransactionGuard {
  fn: string;
  args: readonly (string | number)[];
}

/** Setting and function names are code, not input; values are quoted as literals. */
const SETTING_NAME = /^[a-z_]+\.[a-z_]+$/;
const FUNCTION_NAME = /^[a-z_]+$/;
function settingsSql(settings: TransactionSettings, guard: TransactionGuard | undefined, literal: (v: string) => string): string {
  const sets = Object.entries(settings).map(([k, v]) => {
    if (!SETTING_NAME.test(k)) throw new Error(`bad setting name ${k}`);
    return `set_config('${k}', ${literal(v)}, true)`;
  });
  if (guard) {
    if (!FUNCTION_NAME.test(guard.fn)) throw new Error(`bad guard ${guard.fn}`);
    const args = guard.args.map((a) => {
      if (typeof a === 'string') return literal(a);
      if (!Number.isSafeInteger(a)) throw new Error(`bad guard argument ${a}`);
      return String(a);
    });
    sets.push(`${guard.fn}(${args.join(', ')})`);
  }
  return `SELECT ${sets.join(', ')}`;
}

/** The database role the application works as after migrations: no DDL, audit log append-only. */
export const APP_ROLE = 'linli_app';

// Same JS types from both drivers: int8 and numeric as numbers, date as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export const PGLITE_EXTENSIONS = { ltree, pgcrypto, pg_trgm };

/** Opens the embedded database in a folder (created on first use), or from a dumped data dir. */
export async function openPglite(opts: { dir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  if (opts.dir) fs.mkdirSync(opts.dir, { recursive: true });
  const db = await PGlite.create({
    dataDir: opts.dir,
    loadDataDir: opts.loadDataDir,
    extensions: PGLITE_EXTENSIONS,
    parsers,
  });
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const r = await q.query<R>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn, settings, guard) =>
      db.transaction(async (tx) => {
        if (settings || guard) await tx.query(settingsSql(settings ?? {}, guard, (v) => `'${v.replaceAll("'", "''")}'`));
        return fn(wrap(tx));
      }),
    async listen(channel, fn) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel ${channel}`);
      const off = await db.listen(channel, fn);
      return async () => { await off(); };
    },
    close: () => db.close(),
    // exposed for dumps in tests and backups
    ...({ pglite: db } as object),
  };
}

/** The PGlite instance behind a Database, when it is one (for data-dir dumps). */
export function pgliteOf(db: Database): PGlite | undefined {
  return (db as unknown as { pglite?: PGlite }).pglite;
}

/** Connects to a PostgreSQL server. `asAppRole` switches every connection to the app role. */
export async function openPostgres(url: string, opts: { asAppRole: boolean; max?: number }): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // No JIT compilation: Linli's statements are short, and where the planner overestimates rows
    // (a set-returning function's default 1 000, a ledger's upper levels) JIT spent seconds
    // compiling a query that runs in 0.2 s (the map's area extents: 3.1 s of JIT for 0.15 s of work).
    // The app role is taken at connection start-up, before any query: a `SET ROLE` on the pool's
    // connect event raced the first query already queued on the new connection.
    options: `-c jit=off${opts.asAppRole ? ` -c role=${APP_ROLE}` : ''}`,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        (parsers as Record<number, (v: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (a restart, an administrator's terminate, a dropped test
  // database) is reported on the pool, which has already discarded it: the next query connects
  // afresh. Unheard, that report would end the process.
  pool.on('error', () => undefined);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const r = await c.query(sql, params as unknown[]);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    // a pool would take any of its connections: COPY only on a transaction's own
    ...('release' in c ? { copyIn: (table: string, columns: readonly string[], text: string) => pipeline(Readable.from([text]), c.query(copyFrom(copySql(table, columns)))) } : {}),
  });
  const base = wrap(pool);
  return {
    kind: 'postgresql',
    query: base.query,
    exec: base.exec,
    async transaction(fn, settings, guard) {
      const client = await pool.connect();
      try {
        // One simple-protocol message: BEGIN, the settings and the guard in one round trip.
        await client.query(settings || guard ? `BEGIN; ${settingsSql(settings ?? {}, guard, (v) => client.escapeLiteral(v))}` : 'BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, fn, lost) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel ${channel}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let ending = false;
      client.on('notification', (m) => { if (m.channel === channel) fn(m.payload ?? ''); });
      client.on('error', () => { if (!ending) lost?.(); });
      client.on('end', () => { if (!ending) lost?.(); });
      await client.query(`LISTEN ${channel}`);
      return async () => {
        ending = true;
        await client.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}

