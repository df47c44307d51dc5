import type { Config } from '../config/env.js';
import { APP_ROLE, type Database, openPglite, openPostgres } from './database.js';
import { fieldCipherFor } from '../crypto/field-cipher.js';
import { migrate } from './migrate.js';

/**
 * Opens the configured database, applies pending migrations as the owner, and returns a handle
 * that works as the unprivileged application role (so row-level security and the audit log's
 * append-only grants hold for everything the application does). Data steps get the configured
 * field cipher (they encrypt what a migration moves to ciphertext).
 */
export async function openDatabase(config: Config): Promise<Database> {
  const ctx = { cipher: fieldCipherFor(config) };
  if (config.database.kind === 'pglite') {
    const db = await openPglite({ dir: config.database.dir });
    await migrate(db, ctx);
    await db.query(`SET ROLE ${APP_ROLE}`);
    return db;
  }
  const owner = await openPostgres(config.database.url, { asAppRole: false, max: 1 });
  try {
    await migrate(owner, ctx);
  } finally {
    await owner.close();
  }
  return openPostgres(config.database.url, { asAppRole: true });
}
