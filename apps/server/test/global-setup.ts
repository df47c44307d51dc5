import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createFieldCipher } from '../src/crypto/field-cipher.js';
import { openPglite, openPostgres, pgliteOf } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { loadDivisions } from '../src/seed/divisions.js';
import { seedDemoGrids } from '../src/seed/demo.js';
import { CITY_CODE } from '../src/runtime.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgPrefix: string;
  }
}

const TMP = path.resolve('.tmp/test');
/**
 * Test databases are named `<prefix>_…`; the prefix (`LINLI_TEST_DB_PREFIX`, default `linli_test`)
 * lets two checkouts run the PostgreSQL tier against the same server without dropping each other's.
 */
const PG_PREFIX = (process.env.LINLI_TEST_DB_PREFIX ?? 'linli_test').replace(/[^a-z0-9_]/g, '_');
export const PG_TEMPLATE = `${PG_PREFIX}_template`;

/**
 * Migrates once into a template and lets every test file start from a copy of it (Immich's
 * pattern): for PGlite a dumped data directory, for PostgreSQL `CREATE DATABASE … TEMPLATE`.
 * The template holds the schema and the reference data (division tree, demo grids), no users.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env.LINLI_TEST_DB;
  fs.mkdirSync(TMP, { recursive: true });
  if (kind === 'pglite') {
    const file = path.join(TMP, 'pglite-template.tar.gz');
    const db = await openPglite({});
    await migrate(db, { cipher: createFieldCipher(crypto.randomBytes(32)) });
    await db.query('SET ROLE linli_app');
    await loadDivisions(db, CITY_CODE);
    await seedDemoGrids(db);
    await db.query('RESET ROLE');
    const dump = await pgliteOf(db)!.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('pgliteTemplate', file);
  } else {
    const url = process.env.TEST_DATABASE_URL!;
    const admin = await openPostgres(url, { asAppRole: false, max: 1 });
    // Drop leftovers of earlier runs (test databases and the template).
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${PG_PREFIX}\\_%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.close();
    const tplUrl = withDatabase(url, PG_TEMPLATE);
    const owner = await openPostgres(tplUrl, { asAppRole: false, max: 1 });
    await migrate(owner, { cipher: createFieldCipher(crypto.randomBytes(32)) });
    await owner.close();
    const app = await openPostgres(tplUrl, { asAppRole: true, max: 1 });
    await loadDivisions(app, CITY_CODE);
    await seedDemoGrids(app);
    await app.close();
    project.provide('pgTemplate', PG_TEMPLATE);
    project.provide('pgPrefix', PG_PREFIX);
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
