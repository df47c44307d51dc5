import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config/env.js';
import { APP_ROLE, type Database, openPglite, openPostgres } from '../src/db/database.js';
import { buildApp, type App } from '../src/http/app.js';
import { createServices, type Services } from '../src/services.js';
import { createFieldCipher, type FieldCipher } from '../src/crypto/field-cipher.js';
import { withDatabase } from './global-setup.js';

export interface TestContext {
  kind: 'pglite' | 'postgresql';
  db: Database;
  config: Config;
  services: Services;
  cipher: FieldCipher;
  /** The cipher's key, for a second process that must open what this one sealed (base64). */
  fieldKey: string;
  app: App;
  /** Runs SQL as the schema owner, bypassing the app role's limits (to tamper, as an attacker would). */
  asOwner<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A database of this test file's own, copied from the migrated template, with the services and
 * HTTP app on top. `env` overrides settings (e.g. a low login rate limit).
 */
export async function setupTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  // Test files sign in dozens of built users from one address within a minute; the sign-in rate
  // limit has its own test (auth.db.spec.ts sets it low).
  const config = loadConfig({ LINLI_MODE: 'demo', LOG_LEVEL: 'silent', LINLI_DATA_DIR: '.tmp/test/data', LOGIN_RATE_LIMIT_PER_MINUTE: '10000', ...env });
  let db: Database;
  let asOwner: TestContext['asOwner'];
  let drop = async () => undefined as void;
  if (process.env.LINLI_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `${inject('pgPrefix')}_${crypto.randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url, { asAppRole: false, max: 1 });
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await admin.close();
    db = await openPostgres(withDatabase(url, name), { asAppRole: true, max: 4 });
    asOwner = async (fn) => {
      const owner = await openPostgres(withDatabase(url, name), { asAppRole: false, max: 1 });
      try {
        return await fn(owner);
      } finally {
        await owner.close();
      }
    };
    drop = async () => {
      const a = await openPostgres(url, { asAppRole: false, max: 1 });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    };
  } else {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    db = await openPglite({ loadDataDir: new Blob([dump]) });
    await db.query(`SET ROLE ${APP_ROLE}`);
    asOwner = async (fn) => {
      await db.query('RESET ROLE');
      try {
        return await fn(db);
      } finally {
        await db.query(`SET ROLE ${APP_ROLE}`);
      }
    };
  }
  const fieldKey = crypto.randomBytes(32);
  const cipher = createFieldCipher(fieldKey);
  const services = createServices(db, config, cipher);
  const app = await buildApp({ config, db, services });
  await app.ready();
  return {
    kind: db.kind,
    db,
    config,
    services,
    cipher,
    fieldKey: fieldKey.toString('base64'),
    app,
    asOwner,
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
  };
}
