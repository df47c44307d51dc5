/**
 * `npm run bench` — Linli's benchmarks, each printed as a ratio against a baseline measured in
 * the same run. Not a test: nothing here passes or fails CI.
 *
 * Registry search (issue 3): at city scale on PostgreSQL (3 M people; generated on first run
 * with `linli seed --scale city`, which takes several minutes), the p95 of person search through
 * Linli's HTTP API (session, validation, masking, serialisation) against the same SQL sent
 * directly through the same driver — the statements Linli sends for it: the transaction with the
 * user's scope (and, in the same BEGIN round trip, the check that the session may still be used:
 * the API holds the session's principal in memory), the search and its capped count under
 * row-level security, the audit row — and,
 * for reference, the bare search as the owner (no scope, no audit, no transaction), and an
 * unindexed scan of the same query (proves the index is used).
 */
import crypto from 'node:crypto';
import { loadConfig } from '../apps/server/src/config/env.js';
import { fieldCipherFor } from '../apps/server/src/crypto/field-cipher.js';
import { openDatabase } from '../apps/server/src/db/open.js';
import { openPostgres, type Queryable } from '../apps/server/src/db/database.js';
import * as peopleRepo from '../apps/server/src/modules/registry/people.repository.js';
import * as auditRepo from '../apps/server/src/modules/audit/audit.repository.js';
import { withScope } from '../apps/server/src/db/scope.js';
import { buildApp } from '../apps/server/src/http/app.js';
import { ensureBaseData } from '../apps/server/src/runtime.js';
import { DEMO_PASSWORD } from '../apps/server/src/seed/demo.js';
import { seedCityScale } from '../apps/server/src/seed/city-scale.js';
import { createServices } from '../apps/server/src/services.js';
import { CITIZEN_ID_COLUMN, COUNT_CAP } from '../apps/server/src/modules/registry/people.service.js';
import { benchDatabase } from './lib.js';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
async function time(n: number, fn: (i: number) => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) await fn(i); // warm up
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}
/**
 * Times two ways of doing the same, taking turns (a, b, then b, a, …) so that both meet the same
 * load from whatever else runs on the machine.
 */
async function timePair(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const ta: number[] = [];
  const tb: number[] = [];
  const one = async (fn: () => Promise<unknown>, out: number[]) => {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  };
  for (let i = 0; i < 5; i++) {
    await a(); // warm up
    await b();
  }
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) { await one(a, ta); await one(b, tb); } else { await one(b, tb); await one(a, ta); }
  }
  return [ta, tb] as const;
}

async function main() {
  await benchDatabase(URL_);

  const config = loadConfig({ ...process.env, DATABASE_URL: URL_, LINLI_MODE: 'demo', LOG_LEVEL: 'silent', LINLI_DATA_DIR: process.env.LINLI_DATA_DIR ?? '.tmp/bench', LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  const cipher = fieldCipherFor(config);
  const db = await openDatabase(config);
  const services = createServices(db, config, cipher);
  await ensureBaseData(db, services, config, cipher, console.log);
  const raw = await openPostgres(URL_, { asAppRole: false, max: 1 });
  const people = (await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]!.n;
  if (people < 2_000_000) {
    console.log(`generating city scale (3 M people, 1.2 M houses) — several minutes …`);
    await seedCityScale(raw, cipher);
  }
  const total = (await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]!.n;
  console.log(`\nregistry at ${total.toLocaleString()} people`);

  const app = await buildApp({ config, db, services });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'city', password: DEMO_PASSWORD } });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const api = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } }).then((r) => {
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  });

  // a real citizen ID of the data set, for the exact search
  const sample = (await raw.query<{ citizen_id_enc: string; name: string }>(`SELECT citizen_id_enc, name FROM person WHERE citizen_id_enc IS NOT NULL ORDER BY id LIMIT 1 OFFSET 123456`)).rows[0]!;
  const citizenId = cipher.decrypt(sample.citizen_id_enc, CITIZEN_ID_COLUMN);
  const idHash = cipher.lookupHash(citizenId, CITIZEN_ID_COLUMN);
  const district = (await raw.query<{ id: string; path: string }>(`SELECT id, path::text AS path FROM jurisdiction_node WHERE code = '510903'`)).rows[0]!;

  // The bare side sends the SQL Linli's repository builds (search + capped count) as the owner:
  // no session, no scope, no row-level security, no audit.
  const rawSearch = (tx: Queryable, f: peopleRepo.PersonFilter) => Promise.all([peopleRepo.searchPeople(tx, f), peopleRepo.countPeople(tx, f, COUNT_CAP)]);
  // The direct side sends every statement Linli sends for a search, as the app role, in the
  // user's scope, with the audit row — everything but Linli's own code.
  const appRole = await openPostgres(URL_, { asAppRole: true, max: 1 });
  const city = (await raw.query<{ id: string; paths: string[] }>(
    `SELECT u.id, array_agg(n.path::text) AS paths FROM app_user u JOIN user_jurisdiction uj ON uj.user_id = u.id JOIN jurisdiction_node n ON n.id = uj.node_id
      WHERE u.username = 'city' GROUP BY u.id`)).rows[0]!;
  const tokenHash = crypto.createHash('sha256').update(login.cookies.find((c) => c.name === 'linli_sid')!.value).digest('hex');
  const session = () => ({ tokenHash, idleMs: config.auth.sessionIdleMs, absoluteMs: config.auth.sessionAbsoluteMs, checked: false });
  const sameSql = (f: peopleRepo.PersonFilter) => withScope(appRole, { kind: 'user', userId: city.id, paths: city.paths, session: session() }, async (tx) => {
    const r = await rawSearch(tx, f);
    await auditRepo.append(tx, { occurred_at: new Date(), actor_id: city.id, actor_name: 'city', action: 'person.search', outcome: 'success', ip: '127.0.0.1', object_type: 'person', object_id: null, reason: null, detail: { bench: true } });
    return r;
  });
  const year = new Date().getUTCFullYear();
  const cases: { name: string; url: string; filter: peopleRepo.PersonFilter }[] = [
    { name: '按姓名前缀 name prefix (王建)', url: `/api/people?q=${encodeURIComponent('王建')}&limit=20`, filter: { namePrefix: '王建', limit: 20 } },
    { name: '按拼音首字母 pinyin initials (wjg)', url: '/api/people?q=wjg&limit=20', filter: { pinyinPrefix: 'wjg', limit: 20 } },
    { name: '按身份证号 exact citizen ID', url: `/api/people?q=${citizenId}&limit=20`, filter: { citizenIdHash: idHash, limit: 20 } },
    {
      name: '列表+筛选 list: district, 60+, women', url: `/api/people?jurisdictionId=${district.id}&ageMin=60&gender=2&limit=20`,
      filter: { underPath: district.path, gender: 2, bornBefore: `${year - 60}-${new Date().toISOString().slice(5, 10)}`, limit: 20 },
    },
  ];

  console.log('\n| search | Linli API p95 | same SQL direct p95 | ratio (≤ 1.5) | bare search p95 | ratio to bare | unindexed scan p95 | ratio (≤ 0.05) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const c of cases) {
    if (process.env.BENCH_VERBOSE) console.error(`… ${c.name}`);
    const [linliMs, directMs] = await timePair(ITERATIONS, () => api(c.url), () => sameSql(c.filter));
    const linli = p95(linliMs);
    const direct = p95(directMs);
    const bare = p95(await time(ITERATIONS, () => rawSearch(raw, c.filter)));
    const scan = p95(await time(Math.max(5, Math.floor(ITERATIONS / 40)), () => raw.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_indexscan = off');
      await tx.query('SET LOCAL enable_bitmapscan = off');
      await tx.query('SET LOCAL enable_indexonlyscan = off');
      return rawSearch(tx, c.filter);
    })));
    console.log(`| ${c.name} | ${linli.toFixed(2)} ms | ${direct.toFixed(2)} ms | ${(linli / direct).toFixed(2)}× | ${bare.toFixed(2)} ms | ${(linli / bare).toFixed(2)}× | ${scan.toFixed(1)} ms | ${(linli / scan).toFixed(3)}× |`);
  }
  await app.close();
  await appRole.close();
  await raw.close();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
