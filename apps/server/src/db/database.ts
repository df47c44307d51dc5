import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * Linli's database: PostgreSQL, either embedded (PGlite, PostgreSQL compiled to WASM) or a server.
 * Everything above this file speaks plain PostgreSQL SQL and does not know which one it has.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
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
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        (parsers as Record<number, (v: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  if (opts.asAppRole) pool.on('connect', (client) => void client.query(`SET ROLE ${APP_ROLE}`));
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const r = await c.query(sql, params as unknown[]);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base = wrap(pool);
  return {
    kind: 'postgresql',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
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
    close: () => pool.end(),
  };
}

