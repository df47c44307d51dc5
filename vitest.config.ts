import { defineConfig } from 'vitest/config';

/**
 * Test tiers, told apart by file name (CONTRIBUTING.md):
 *   *.spec.ts     unit — pure logic beside the code
 *   *.db.spec.ts  database — on PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set
 *   e2e/*.e2e.ts  browser — real Chromium against the started product
 */
const dbFiles = ['apps/server/src/**/*.db.spec.ts', 'apps/server/test/**/*.db.spec.ts'];
const pgUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/server/src/**/*.spec.ts', 'apps/web/src/**/*.spec.ts'],
          exclude: dbFiles,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db-pglite',
          include: dbFiles,
          globalSetup: ['apps/server/test/global-setup.ts'],
          env: { LINLI_TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(pgUrl
        ? [
            {
              test: {
                name: 'db-postgres',
                include: dbFiles,
                globalSetup: ['apps/server/test/global-setup.ts'],
                env: { LINLI_TEST_DB: 'postgres' },
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/lib/global-setup.ts'],
          setupFiles: ['e2e/lib/setup.ts'],
          fileParallelism: false,
          // The server under test is PGlite in one process: its data-quality catch-up after the demo
          // seed holds it for a minute or more while the database tiers load both cores.
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
