/**
 * Import benchmark (issue 4): people from a generated CSV through Linli's importer (upload,
 * staging with normalisation, matching and the sealed person columns, the background commit's
 * set-based INSERT … SELECT with history trigger and one audit entry per batch) against a raw
 * `COPY` of rows of the same shape (columns computed beforehand into a file, not timed) into the
 * same `person` table with its indexes and triggers, on the same PostgreSQL
 * (`linli_bench_import`, made anew each run). Prints the ratio, the importer's peak RSS, and the
 * CPU seconds of each side (Node's, and PostgreSQL's backends read from /proc when the server runs
 * on this machine): on a shared machine wall times swing by half between runs, CPU time less.
 * Staging overlaps a chunk's write with the next chunk's Node work (CONTRIBUTING.md, `imports`),
 * so the importer uses a second core where the COPY uses one. Rows: BENCH_IMPORT_ROWS (default
 * 5 000; the target is 1 M).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../apps/server/src/config/env.js';
import { fieldCipherFor } from '../apps/server/src/crypto/field-cipher.js';
import { openDatabase } from '../apps/server/src/db/open.js';
import { systemScope, withScope } from '../apps/server/src/db/scope.js';
import { citizenIdColumns, nameColumns, phoneColumns } from '../apps/server/src/modules/registry/people.service.js';
import { ensureBaseData } from '../apps/server/src/runtime.js';
import { createServices } from '../apps/server/src/services.js';
import { makeCitizenId } from '../apps/server/src/standards/citizen-id.js';
import { benchDatabase } from './lib.js';

const URL_ = process.env.BENCH_IMPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench_import';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const DIR = path.resolve('.tmp/bench-import');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国';

/** The n-th generated person: a valid ID (a division the demo registry never uses), a name, a phone. */
function person(n: number, division: string) {
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 25_000) * 86_400_000).toISOString().slice(0, 10);
  const id = makeCitizenId(division, birth, Math.floor(n / 25_000) % 1000);
  const name = SURNAMES[n % SURNAMES.length]! + GIVEN[(n >> 3) % GIVEN.length]! + GIVEN[(n >> 7) % GIVEN.length]!;
  return { id, name, phone: `139${String(n).padStart(8, '0')}` };
}

/**
 * CPU seconds the database's server processes spent for this database so far (its backends, read
 * from /proc when the server runs on this machine; null otherwise). Under a loaded machine wall
 * times swing by half between runs; CPU time is the steadier figure.
 */
function serverCpu(watch: pg.Client, dbName: string) {
  const seen = new Map<number, number>();
  let available = true;
  let last: Promise<void> = Promise.resolve();
  // one query at a time on the watching connection
  const sample = () => (last = last.then(read, read));
  const read = async () => {
    const { rows } = await watch.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
    for (const r of rows) {
      try {
        const f = fs.readFileSync(`/proc/${r.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        seen.set(r.pid, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        if (!fs.existsSync('/proc/self/stat')) available = false;
      }
    }
  };
  const timer = setInterval(() => void sample().catch(() => undefined), 100);
  return {
    async now() {
      await sample();
      return available && seen.size ? [...seen.values()].reduce((a, b) => a + b, 0) : null;
    },
    stop: () => clearInterval(timer),
  };
}

async function main() {
  // made anew each run: people of an earlier run would match the file's IDs (updates, not new people)
  const dbName = await benchDatabase(URL_, { fresh: true });
  fs.mkdirSync(DIR, { recursive: true });
  const config = loadConfig({ DATABASE_URL: URL_, LINLI_MODE: 'demo', LINLI_DATA_DIR: DIR, LOG_LEVEL: 'silent', IMPORT_MAX_MB: '2048' });
  const db = await openDatabase(config);
  const cipher = fieldCipherFor(config);
  const services = createServices(db, config, cipher);
  await ensureBaseData(db, services, config, cipher);
  const run = Date.now() % 100_000;

  // ---- Linli's importer
  const csvFile = path.join(DIR, `people-${ROWS}.csv`);
  // written as a stream, so the bench's own memory stays out of the importer's peak
  await pipeline(Readable.from((function* () {
    yield '姓名,身份证号,联系电话,现住址\n';
    for (let i = 0; i < ROWS; i++) {
      const p = person(i + run * 7, '510921');
      yield `${p.name},${p.id},${p.phone},电江路${i % 50}栋\n`;
    }
  })()), fs.createWriteStream(csvFile));
  if (global.gc) global.gc();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const actor = await services.imports.actorFor('worker');
  const watch = new pg.Client({ connectionString: new URL('/postgres', URL_).toString() });
  await watch.connect();
  const server = serverCpu(watch, dbName);
  const s0 = await server.now();
  const n0 = process.cpuUsage();
  const t0 = performance.now();
  let job = await services.imports.upload(actor, { kind: 'people', jurisdictionId: actor.defaultNodeId!, fileName: 'bench.csv', body: fs.createReadStream(csvFile) });
  job = await services.imports.setMapping(actor, job.id);
  const tStaged = performance.now();
  const nStaged = process.cpuUsage(n0);
  const sStaged = await server.now();
  await services.imports.commit(actor, job.id, { new: 'create', update: 'apply', duplicate: 'create' });
  await services.imports.runJob(job.id, {
    batchSize: 1000,
    onProgress: (j) => process.stdout.write(`\r  importer progress ${(j.progress * 100).toFixed(1)}%`),
  });
  const tImporter = performance.now() - t0;
  const n1 = process.cpuUsage(n0);
  const s1 = await server.now();
  clearInterval(sampler);
  job = await services.imports.get(actor, job.id);
  process.stdout.write('\n');

  // ---- raw COPY of rows of the same shape into the same table, with its indexes and triggers
  const place = (await withScope(db, systemScope('bench'), (tx) => tx.query<{ path: string }>(`SELECT path::text AS path FROM import_job WHERE id = $1`, [job.id]))).rows[0]!;
  // columns computed beforehand into a file (not timed), so the baseline is COPY alone
  const copyFile = path.join(DIR, `copy-${ROWS}.tsv`);
  const rows = function* () {
    for (let i = 0; i < ROWS; i++) {
      const p = person(i + run * 7, '510922');
      const c = { ...nameColumns(p.name), ...citizenIdColumns(cipher, p.id), ...phoneColumns(cipher, p.phone) };
      yield [place.path.split('.')[1], place.path, c.name, c.name_pinyin, c.name_initials, c.citizen_id_enc, c.citizen_id_hash, c.citizen_id_masked, c.phone_enc, c.phone_hash, c.phone_masked, `电江路${i % 50}栋`].join('\t') + '\n';
    }
  };
  await pipeline(Readable.from(rows()), fs.createWriteStream(copyFile));
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  const s2 = await server.now();
  const t1 = performance.now();
  await pipeline(fs.createReadStream(copyFile), client.query(copyFrom(
    'COPY person (district_code, path, name, name_pinyin, name_initials, citizen_id_enc, citizen_id_hash, citizen_id_masked, phone_enc, phone_hash, phone_masked, residence_address) FROM STDIN',
  )));
  const tCopy = performance.now() - t1;
  const s3 = await server.now();
  server.stop();
  await watch.end();
  await client.end();

  console.log(`import ${ROWS} people (PostgreSQL, ${dbName}):`);
  console.log(`  Linli importer  ${(tImporter / 1000).toFixed(1)} s (staging ${((tStaged - t0) / 1000).toFixed(1)} s, commit ${((tImporter - (tStaged - t0)) / 1000).toFixed(1)} s), applied ${job.appliedRows}, failed ${job.failedRows}`);
  console.log(`  raw COPY        ${(tCopy / 1000).toFixed(2)} s`);
  console.log(`  ratio           ${(tImporter / tCopy).toFixed(1)}× (target ≤ 2×)`);
  console.log(`  importer peak RSS ${(peak / 1048576).toFixed(0)} MB`);
  const importerCpu = (n1.user + n1.system) / 1e6;
  if (s0 !== null && s1 !== null && s2 !== null && s3 !== null) {
    console.log(`  CPU: importer ${importerCpu.toFixed(1)} s in Node + ${(s1 - s0).toFixed(1)} s in PostgreSQL; COPY ${(s3 - s2).toFixed(1)} s in PostgreSQL (${((importerCpu + s1 - s0) / (s3 - s2)).toFixed(1)}×)`);
    const stagedCpu = (nStaged.user + nStaged.system) / 1e6;
    console.log(`       staging ${stagedCpu.toFixed(1)} s Node + ${(sStaged! - s0).toFixed(1)} s PostgreSQL; commit ${(importerCpu - stagedCpu).toFixed(1)} s Node + ${(s1 - sStaged!).toFixed(1)} s PostgreSQL`);
  } else console.log(`  CPU: importer ${importerCpu.toFixed(1)} s in Node (PostgreSQL's processes are not on this machine)`);
  await db.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
