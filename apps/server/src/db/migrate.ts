import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 4_815_162; // advisory lock: one migrator at a time across instances

/** The SQL migration files in order (timestamped names sort by time). */
export function listMigrations(): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations not yet applied, each in its own transaction, as the connecting
 * (owner) role. The same files run on PGlite and PostgreSQL. An applied file that changed since
 * is an error: migrations are append-only history.
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration');
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const m of listMigrations()) {
      const previous = applied.get(m.name);
      if (previous) {
        if (previous !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      });
      done.push(m.name);
    }
    return done;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
