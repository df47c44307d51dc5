import { openPostgres } from '../apps/server/src/db/database.js';

/**
 * A bench's own PostgreSQL database, named by the last part of `url`: created when absent (its
 * generated data kept for the next run), or dropped and made anew with `fresh`. Returns its name.
 */
export async function benchDatabase(url: string, opts: { fresh?: boolean } = {}): Promise<string> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name ${name}: lower-case letters, digits and _ only`);
  const admin = await openPostgres(new URL('/postgres', url).toString(), { asAppRole: false, max: 1 });
  try {
    if (opts.fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  return name;
}
