import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database, Queryable } from './database.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 4_815_162; // advisory lock: one migrator at a time across instances

/** What a data step may use besides the transaction: the field cipher (its key is never in the database). */
export interface MigrationContext {
  cipher: FieldCipher;
}

/**
 * A data step (`*.step.ts` beside the SQL files): the part of a change SQL cannot do, such as
 * encrypting existing rows with the field key. It runs in order with the SQL files, in its own
 * transaction as the owner, so `…_add.sql` → `…_seal.step.ts` → `…_drop.sql` moves a plaintext
 * column to ciphertext in one migrate.
 */
export type DataStep = (tx: Queryable, ctx: MigrationContext) => Promise<void>;

/** The migration files in order (timestamped names sort by time): SQL, and data steps. */
export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql') || f.endsWith('.step.ts'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

async function runStep(tx: Queryable, file: string, ctx: MigrationContext) {
  const name = path.basename(file);
  const mod = (await import(pathToFileURL(file).href)) as { default?: DataStep };
  if (typeof mod.default !== 'function') throw new Error(`data step ${name} has no default export`);
  await mod.default(tx, ctx);
}

/**
 * Applies the migrations not yet applied, each in its own transaction, as the connecting
 * (owner) role. The same files run on PGlite and PostgreSQL. An applied file that changed since
 * is an error: migrations are append-only history.
 */
export async function migrate(db: Database, ctx: MigrationContext, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration');
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const m of listMigrations(dir)) {
      const previous = applied.get(m.name);
      if (previous) {
        if (previous !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      await db.transaction(async (tx) => {
        if (m.name.endsWith('.step.ts')) await runStep(tx, path.join(dir, m.name), ctx);
        else await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      });
      done.push(m.name);
    }
    return done;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
