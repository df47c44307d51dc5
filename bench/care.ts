/**
 * Care supervision benchmark (issue 5): the supervision figures of the whole city for a year
 * (per provider, per day, per exception kind) read from the pre-aggregated tables that triggers
 * keep current, against the same figures by a live GROUP BY over the visits and exceptions — the
 * very repository functions the API and the tests use, under a user's scope (row-level security
 * applies to both). Generates BENCH_CARE_VISITS visits (default 1 000 000) on PostgreSQL
 * (`BENCH_CARE_DATABASE_URL`, default linli_bench_care) through the triggers, checks that both
 * ways give the same figures, and prints the ratio (target ≤ 0.05×).
 */
import path from 'node:path';
import fs from 'node:fs';
import { loadConfig } from '../apps/server/src/config/env.js';
import { fieldCipherFor } from '../apps/server/src/crypto/field-cipher.js';
import { openPostgres } from '../apps/server/src/db/database.js';
import { openDatabase } from '../apps/server/src/db/open.js';
import { withScope } from '../apps/server/src/db/scope.js';
import * as care from '../apps/server/src/modules/care/care.repository.js';
import { ensureBaseData } from '../apps/server/src/runtime.js';
import { createServices } from '../apps/server/src/services.js';
import { benchDatabase } from './lib.js';

const URL_ = process.env.BENCH_CARE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench_care';
const VISITS = Number(process.env.BENCH_CARE_VISITS ?? 1_000_000);
const BATCH = 100_000;
const ELDERS = Math.max(100, Math.min(50_000, Math.round(VISITS / 50)));
const ROUNDS = 7;
const DIR = path.resolve('.tmp/bench-care');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dbName = await benchDatabase(URL_);
  fs.mkdirSync(DIR, { recursive: true });
  const config = loadConfig({ DATABASE_URL: URL_, LINLI_MODE: 'demo', LINLI_DATA_DIR: DIR, LOG_LEVEL: 'silent' });
  const db = await openDatabase(config);
  const cipher = fieldCipherFor(config);
  const services = createServices(db, config, cipher);
  // the division tree only: the visits below are generated, not the demo
  await ensureBaseData(db, services, { ...config, mode: 'production' }, cipher);
  const owner = await openPostgres(URL_, { asAppRole: false, max: 1 });

  const have = Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM care_order')).rows[0]!.n);
  if (have !== VISITS) {
    console.log(`generating ${VISITS.toLocaleString()} visits of ${ELDERS.toLocaleString()} elders (through the figure triggers)…`);
    const t0 = performance.now();
    await owner.query('TRUNCATE care_exception, care_photo, care_visit_step, care_order, care_plan_item, care_plan, care_staff, care_provider, care_stats_daily, care_stats_exception CASCADE');
    await owner.query("DELETE FROM person WHERE name LIKE '压测老人%'");
    await owner.query("DELETE FROM organization WHERE name LIKE '压测养老服务中心%'");
    // elders spread over the city's communities; five providers serving the whole city
    await owner.query(
      `WITH c AS (SELECT array_agg(path ORDER BY code) AS a FROM jurisdiction_node WHERE level = 'community' AND valid_to IS NULL)
       INSERT INTO person (district_code, path, name, name_pinyin, name_initials, birth_date, gender)
       SELECT split_part(c.a[1 + (g * 7919) % cardinality(c.a)]::text, '.', 2), c.a[1 + (g * 7919) % cardinality(c.a)],
              '压测老人' || g, 'yacelaoren' || g, 'yclr', date '1940-01-01' + (g % 7000), 1 + g % 2
         FROM generate_series(1, $1) g, c`,
      [ELDERS],
    );
    await owner.query(
      `INSERT INTO organization (district_code, path, name, type)
       SELECT '510903', '5109.510903', '压测养老服务中心' || g, 'social_org' FROM generate_series(1, 5) g`,
    );
    await owner.query(
      `INSERT INTO care_provider (district_code, path, organization_id, service_area)
       SELECT district_code, path, id, ARRAY['5109'::ltree] FROM organization WHERE name LIKE '压测养老服务中心%'`,
    );
    await owner.query('ALTER TABLE care_order DISABLE TRIGGER care_order_change');
    await owner.query('ALTER TABLE care_exception DISABLE TRIGGER care_exception_change');
    for (let from = 0; from < VISITS; from += BATCH) {
      const n = Math.min(BATCH, VISITS - from);
      await owner.query(
        `WITH e AS (SELECT id, path, district_code, row_number() OVER (ORDER BY id) - 1 AS i FROM person WHERE name LIKE '压测老人%'),
              p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM care_provider),
              s AS (SELECT code, duration_min, row_number() OVER (ORDER BY sort) - 1 AS i FROM care_service)
         INSERT INTO care_order (district_code, path, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min, status,
                                 check_in_at, check_out_at, rating, evv_status)
         SELECT e.district_code, e.path, e.id, p.id, s.code, d, d + time '09:00', s.duration_min,
                CASE WHEN g % 50 = 0 THEN 'cancelled' WHEN d >= current_date THEN 'dispatched' ELSE 'completed' END,
                CASE WHEN g % 50 <> 0 AND d < current_date THEN d + time '09:05' END,
                CASE WHEN g % 50 <> 0 AND d < current_date THEN d + time '09:05' + make_interval(mins => (s.duration_min * (8 + g % 5) / 10)::int) END,
                CASE WHEN g % 50 <> 0 AND d < current_date AND g % 7 <> 0 THEN 3 + g % 3 END,
                CASE WHEN g % 20 = 0 THEN 'exception' WHEN d < current_date THEN 'verified' ELSE 'pending' END
           FROM generate_series($1::bigint, $2::bigint) g
           CROSS JOIN LATERAL (SELECT current_date - (g % 365)::int AS d) dd
           JOIN e ON e.i = g % $3
           JOIN p ON p.i = g % 5
           JOIN s ON s.i = g % 7`,
        [from, from + n - 1, ELDERS],
      );
      process.stdout.write(`  ${(from + n).toLocaleString()}\r`);
    }
    await owner.query(
      `INSERT INTO care_exception (district_code, path, order_id, provider_id, day, kind, status, reason_code, resolution_code, note, resolved_at)
       SELECT o.district_code, o.path, o.id, o.provider_id, o.scheduled_date,
              (ARRAY['check_in_distance','check_out_distance','missing_photo','too_short','overlap','elsewhere','photo_reused'])[1 + abs(hashtext(o.id::text)) % 7],
              CASE WHEN o.scheduled_date < current_date - 7 THEN 'resolved' ELSE 'open' END,
              CASE WHEN o.scheduled_date < current_date - 7 THEN 'gps_drift' END, CASE WHEN o.scheduled_date < current_date - 7 THEN 'accepted' END,
              CASE WHEN o.scheduled_date < current_date - 7 THEN '压测' END, CASE WHEN o.scheduled_date < current_date - 7 THEN now() END
         FROM care_order o WHERE o.evv_status = 'exception'`,
    );
    await owner.query('ALTER TABLE care_order ENABLE TRIGGER care_order_change');
    await owner.query('ALTER TABLE care_exception ENABLE TRIGGER care_exception_change');
    await owner.query('ANALYZE care_order; ANALYZE care_exception; ANALYZE care_stats_daily; ANALYZE care_stats_exception');
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const figureRows = Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM care_stats_daily')).rows[0]!.n);
  await owner.close();

  // a city official's scope: row-level security applies to both ways
  const scope = { kind: 'user' as const, userId: '00000000-0000-0000-0000-000000000000', paths: ['5109'] };
  const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const pre = () => withScope(db, scope, (tx) => care.supervisionFigures(tx, ['5109'], from, to));
  const live = () => withScope(db, scope, (tx) => care.supervisionLive(tx, ['5109'], from, to));
  const [a, b] = [await pre(), await live()];
  const same = JSON.stringify(norm(a)) === JSON.stringify(norm(b));
  const tPre: number[] = [];
  const tLive: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    tPre.push(await time(pre));
    tLive.push(await time(live));
  }
  console.log(`care supervision, ${VISITS.toLocaleString()} visits over a year (PostgreSQL, ${dbName}), median of ${ROUNDS}:`);
  console.log(`  pre-aggregated (${figureRows.toLocaleString()} figure rows)  ${median(tPre).toFixed(1)} ms`);
  console.log(`  live GROUP BY over visits and exceptions   ${median(tLive).toFixed(1)} ms`);
  console.log(`  same figures: ${same ? 'yes' : 'NO'}`);
  console.log(`  ratio ${(median(tPre) / median(tLive)).toFixed(3)}× (target ≤ 0.05×)`);
  await db.close();
  if (!same) process.exitCode = 1;
}

/** Figures in a stable order with numbers as numbers, to compare the two ways. */
function norm(f: Awaited<ReturnType<typeof care.supervisionFigures>>) {
  const num = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
  return {
    providers: f.providers.map(num).sort((x, y) => String(x.provider_id).localeCompare(String(y.provider_id))),
    days: f.days.map(num),
    kinds: f.kinds.map(num).sort((x, y) => `${x.provider_id}${x.kind}${x.day}`.localeCompare(`${y.provider_id}${y.kind}${y.day}`)),
  };
}

void main();
