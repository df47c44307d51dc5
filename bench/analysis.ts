/**
 * Analysis benchmark (issue 6), on PostgreSQL (`BENCH_ANALYSIS_DATABASE_URL`, default
 * `linli_bench_analysis`), at a settable scale: `--people N` (default 300 000; the issue's city is
 * `--people 3000000`). Generates the registry in bulk with triggers off, vacuums it (autovacuum
 * may be off on a bench server; earlier runs' dead rows would otherwise slow the rebuild and the
 * folds), rebuilds the analysis ledgers (timed: the "from scratch" baseline, timed once more after
 * the upkeep rounds, the mean taken: the load of a shared machine moves), then prints as ratios:
 *
 * - a cube query (people by district × age band, filtered to women) through the analysis
 *   repository, against the same figures by a live GROUP BY over `person` — both as the
 *   application role with a city official's scope (row-level security on both);
 * - the cockpit's first paint (the service call the SSE stream sends first) against the same
 *   numbers computed live from the base tables;
 * - keeping the ledgers current through 100 k changes (people moved between communities, tags
 *   and status changed, links ended: 100 statements of 1 000 rows, with the ledger triggers on)
 *   minus the same changes with the ledger triggers off, plus folding the deltas they appended
 *   into the ledgers (`linli_analysis_fold()`, what the jobs role does every 2 s), against the rebuild;
 *   with the ledger rows the folds wrote per change and the time per row. The upkeep is about
 *   (changes × ledger rows a change touches × a row's cost) and the rebuild about the registry's
 *   size, so the ratio falls as `--people` grows with `--changes` fixed (see CONTRIBUTING.md);
 * - and, for reference, the time from a commit to the cockpit's push being computed.
 */
import { loadConfig } from '../apps/server/src/config/env.js';
import { fieldCipherFor } from '../apps/server/src/crypto/field-cipher.js';
import { openDatabase } from '../apps/server/src/db/open.js';
import { openPostgres, type Database } from '../apps/server/src/db/database.js';
import { withScope } from '../apps/server/src/db/scope.js';
import * as repo from '../apps/server/src/modules/analysis/analysis.repository.js';
import { ensureBaseData } from '../apps/server/src/runtime.js';
import { createServices } from '../apps/server/src/services.js';
import type { Actor } from '../apps/server/src/shared/actor.js';
import { benchDatabase } from './lib.js';

const URL_ = process.env.BENCH_ANALYSIS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench_analysis';
const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const PEOPLE = Number(arg('--people') ?? process.env.BENCH_ANALYSIS_PEOPLE ?? 300_000);
const CHANGES = Number(arg('--changes') ?? 100_000);
const REPEAT = 7;
/** statements between two folds in the upkeep round (10 × 1 000 changes: a busy city's 2 s) */
const FOLD_EVERY = Number(arg('--fold-every') ?? 10);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function ms(fn: () => Promise<unknown>) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
async function timed(fn: () => Promise<unknown>) {
  await fn(); // warm up
  const out: number[] = [];
  for (let i = 0; i < REPEAT; i++) out.push(await ms(fn));
  return median(out);
}

/** The registry at the asked scale, bulk-inserted as the owner with triggers off. */
async function generate(owner: Database, n: number) {
  await owner.query(`SET session_replication_role = replica`);
  try {
    await owner.query(`DELETE FROM person_house WHERE person_id IN (SELECT id FROM person WHERE name = '基准')`);
    await owner.query(`DELETE FROM work_item WHERE title = '基准事件'`);
    await owner.query(`DELETE FROM person WHERE name = '基准'`);
    await owner.query(`DELETE FROM house WHERE number LIKE 'B%'`);
    await owner.query(`DELETE FROM building WHERE name = '基准楼'`);
    await owner.query(`CREATE TEMP TABLE IF NOT EXISTS bc AS SELECT path, code, row_number() OVER (ORDER BY code) AS rn FROM jurisdiction_node WHERE level = 'community'`);
    const c = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM bc`)).rows[0]!.n;
    const buildings = Math.max(1, Math.ceil(n / 75));
    await owner.query(`
      INSERT INTO building (district_code, path, name, floors)
      SELECT substr(bc.code, 1, 6), bc.path, '基准楼', 6 FROM generate_series(1, $1::int) i JOIN bc ON bc.rn = 1 + (i % $2::int)`, [buildings, c]);
    await owner.query(`
      INSERT INTO house (district_code, path, building_id, unit_no, floor, number, use)
      SELECT b.district_code, b.path, b.id, 1, 1 + (k % 6), 'B' || k, CASE WHEN k % 15 = 0 THEN 'commercial' ELSE 'residential' END
        FROM (SELECT id, district_code, path, row_number() OVER () AS r FROM building WHERE name = '基准楼') b, generate_series(1, 30) k`);
    await owner.query(`
      INSERT INTO person (district_code, path, name, name_pinyin, name_initials, gender, birth_date, ethnicity, hukou_division, tags)
      SELECT substr(bc.code, 1, 6), bc.path, '基准', 'jizhun', 'jz', 1 + (i % 2), date '1925-01-01' + ((i::bigint * 7919) % 36500)::int,
             CASE WHEN i % 20 = 0 THEN '03' ELSE '01' END, CASE WHEN i % 5 = 0 THEN '510100' ELSE substr(bc.code, 1, 6) END,
             CASE WHEN i % 13 = 0 THEN ARRAY['elderly_alone'] WHEN i % 17 = 0 THEN ARRAY['disabled', 'low_income'] ELSE '{}'::text[] END
        FROM generate_series(1, $1::int) i JOIN bc ON bc.rn = 1 + (i % $2::int)`, [n, c]);
    await owner.query(`DROP TABLE IF EXISTS bh`);
    await owner.query(`CREATE TEMP TABLE bh AS SELECT row_number() OVER (ORDER BY path, id) - 1 AS r, id, path, district_code FROM house WHERE number LIKE 'B%'`);
    await owner.query(`CREATE UNIQUE INDEX ON bh (r)`);
    const houses = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM bh`)).rows[0]!.n;
    await owner.query(`ANALYZE bh`);
    await owner.query(`
      INSERT INTO person_house (person_id, house_id, kind, path, district_code, valid_from)
      SELECT p.id, h.id, 'resident', h.path, h.district_code, date '2015-01-01' + (p.r % 4000)::int
        FROM (SELECT id, row_number() OVER (ORDER BY path, id) AS r FROM person WHERE name = '基准') p
        JOIN bh h ON h.r = (p.r * 2 / 5) % $1::bigint`, [houses]);
    await owner.query(`
      INSERT INTO work_item (district_code, path, kind, title, state, sla_due_at, created_at)
      SELECT substr(bc.code, 1, 6), bc.path, (ARRAY['grid_event', 'repair', 'complaint', 'service_application'])[1 + i % 4], '基准事件',
             (ARRAY['open', 'assigned', 'in_progress', 'resolved', 'closed'])[1 + i % 5], now() + ((i % 20) - 10) * interval '1 day',
             now() - (i % 60) * interval '1 day'
        FROM generate_series(1, $1::int) i JOIN bc ON bc.rn = 1 + (i % $2::int)`, [Math.ceil(n / 30), c]);
    await owner.query('ANALYZE');
  } finally {
    await owner.query(`SET session_replication_role = origin`);
  }
}

/** The registry and the analysis tables without dead rows (autovacuum may be off on a bench server). */
async function vacuum(owner: Database) {
  for (const t of ['person', 'person_house', 'house', 'household', 'work_item']) await owner.query(`VACUUM (ANALYZE) ${t}`);
  for (const l of ['person', 'living', 'house', 'household', 'event']) await owner.query(`VACUUM (ANALYZE) analysis_${l}_fact, analysis_${l}_delta`);
}

/** The cockpit's numbers straight from the base tables (what the ledgers spare it). */
async function liveCockpit(db: Database, scope: string) {
  return withScope(db, { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', paths: [scope] }, async (tx) => {
    const y = new Date().getFullYear();
    await tx.query(`SELECT count(*) FROM person WHERE status = 'active' AND path <@ $1::ltree`, [scope]);
    await tx.query(`SELECT count(*) FROM person WHERE status = 'active' AND path <@ $1::ltree AND extract(year FROM birth_date) <= $2 - 60`, [scope, y]);
    await tx.query(`SELECT kind, count(*) FILTER (WHERE state IN ('open', 'assigned', 'in_progress')), count(*) FILTER (WHERE state IN ('open', 'assigned', 'in_progress') AND sla_due_at < now()) FROM work_item WHERE path <@ $1::ltree GROUP BY 1`, [scope]);
    await tx.query(`SELECT count(*) FROM work_item WHERE path <@ $1::ltree AND created_at >= date_trunc('day', now())`, [scope]);
    await tx.query(`SELECT least(($2 - extract(year FROM birth_date)::int) / 10, 9), gender, count(*) FROM person WHERE status = 'active' AND path <@ $1::ltree GROUP BY 1, 2`, [scope, y]);
    await tx.query(`SELECT date_trunc('month', valid_from), count(*) FROM person_house WHERE path <@ $1::ltree AND kind IN ('resident', 'tenant') AND valid_from >= now() - interval '12 months' GROUP BY 1`, [scope]);
    await tx.query(`SELECT date_trunc('month', valid_to), count(*) FROM person_house WHERE path <@ $1::ltree AND kind IN ('resident', 'tenant') AND valid_to >= now() - interval '12 months' GROUP BY 1`, [scope]);
    await tx.query(`SELECT subpath(path, 0, 2), count(*), count(*) FILTER (WHERE extract(year FROM birth_date) <= $2 - 60) FROM person WHERE status = 'active' AND path <@ $1::ltree GROUP BY 1`, [scope, y]);
    await tx.query(`SELECT subpath(path, 0, 2), count(*) FILTER (WHERE state IN ('open', 'assigned', 'in_progress')), count(*) FILTER (WHERE state IN ('open', 'assigned', 'in_progress') AND sla_due_at < now()) FROM work_item WHERE path <@ $1::ltree GROUP BY 1`, [scope]);
    // the elder-care and device tiles
    await tx.query(`SELECT count(*) FROM care_order WHERE path <@ $1::ltree AND scheduled_date = current_date AND check_in_at IS NOT NULL AND status <> 'cancelled'`, [scope]);
    await tx.query(`SELECT count(*) FROM care_exception WHERE path <@ $1::ltree AND day = current_date`, [scope]);
    await tx.query(`SELECT count(*) FROM device_alert WHERE path <@ $1::ltree AND state = 'open'`, [scope]);
  });
}

async function main() {
  await benchDatabase(URL_);
  const config = loadConfig({ DATABASE_URL: URL_, LINLI_MODE: 'demo', LINLI_DATA_DIR: '.tmp/bench-analysis', LOG_LEVEL: 'silent' });
  const db = await openDatabase(config);
  const cipher = fieldCipherFor(config);
  const services = createServices(db, config, cipher);
  await ensureBaseData(db, services, config, cipher);
  const owner = await openPostgres(URL_, { asAppRole: false, max: 1 });

  const have = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE name = '基准'`)).rows[0]!.n;
  if (have !== PEOPLE) {
    console.log(`analysis bench: generating ${PEOPLE.toLocaleString()} people …`);
    const g = await ms(() => generate(owner, PEOPLE));
    console.log(`  generated in ${(g / 1000).toFixed(1)} s`);
  }
  // no garbage from earlier runs on either side (autovacuum may be off, as on the shared bench
  // server): the rebuild would scan the dead registry rows and the folds the dead delta rows
  await vacuum(owner);
  const rebuild = await ms(() => owner.query('SELECT linli_analysis_rebuild()'));
  const total = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE status = 'active'`)).rows[0]!.n;
  const ledgerRows = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM analysis_person_fact`)).rows[0]!.n;

  const city = (await owner.query<{ id: string; path: string }>(`SELECT id, path::text AS path FROM jurisdiction_node WHERE code = '5109'`)).rows[0]!;
  const actor = {
    userId: '00000000-0000-0000-0000-000000000000', username: 'bench', displayName: 'bench', roles: [], permissions: new Set(['analysis.read']),
    nodes: [{ id: city.id, code: '5109', name: '遂宁市', level: 'city', path: city.path }],
    scope: { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', paths: [city.path] }, ip: 'bench', sessionId: '', csrfToken: '',
    pending: null, mustChangePassword: false, totpEnabled: false, totpRequired: false, lastLoginAt: null, lastLoginIp: null,
  } as Actor;
  const month = `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
  const year = Number(month.slice(0, 4));

  // ---- a cube query: two dimensions, one filter
  const slice = { path: city.path, areaDepth: 2, months: [month], dims: ['area', 'ageBand'] as ('area' | 'ageBand')[], filters: { gender: '2' } };
  const cubeMs = await timed(() => withScope(db, actor.scope, (tx) => repo.ledgerValues(tx, repo.personLedger(), slice)));
  const liveCubeMs = await timed(() => withScope(db, actor.scope, (tx) => tx.query(
    `SELECT subpath(path, 0, 2)::text, least(greatest(($2::int - extract(year FROM birth_date)::int) / 10, 0), 9), count(*)
       FROM person WHERE status = 'active' AND gender = 2 AND path <@ $1::ltree GROUP BY 1, 2`, [city.path, year])));
  // both give the same figures
  const a = await withScope(db, actor.scope, (tx) => repo.ledgerValues(tx, repo.personLedger(), slice));
  const b = (await withScope(db, actor.scope, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE status = 'active' AND gender = 2 AND birth_date IS NOT NULL`))).rows[0]!.n;
  const sumA = a.filter((v) => v.keys.ageBand !== '-1').reduce((s, v) => s + v.value, 0);
  if (sumA !== b) throw new Error(`cube ${sumA} ≠ live ${b}`);

  // ---- the cockpit's first paint
  const cockpitMs = await timed(() => services.analysis.cockpit(actor));
  const liveCockpitMs = await timed(() => liveCockpit(db, city.path));

  // ---- keeping the ledgers current through CHANGES changes, against the rebuild
  const batch = 1000;
  const statements = Math.ceil(CHANGES / batch);
  // `foldEvery`: fold the deltas after every that many statements (the jobs role folds every 2 s,
  // so a fold sees a burst of changes, not all 100 k at once); the folds are timed apart
  const change = async (foldEvery = 0) => {
    const ids = (await owner.query<{ id: string }>(`SELECT id FROM person WHERE name = '基准' AND status = 'active' ORDER BY random() LIMIT $1`, [CHANGES])).rows.map((r) => r.id);
    const comms = (await owner.query<{ path: string }>(`SELECT path::text AS path FROM jurisdiction_node WHERE level = 'community' ORDER BY random() LIMIT 50`)).rows.map((r) => r.path);
    let folding = 0;
    let folded = 0;
    const total = await ms(async () => {
      for (let s = 0; s < statements; s++) {
        const chunk = ids.slice(s * batch, (s + 1) * batch);
        if (s % 3 === 0) await owner.query(`UPDATE person SET path = $2::ltree, district_code = subpath($2::ltree, 1, 1)::text WHERE id = ANY ($1::uuid[])`, [chunk, comms[s % comms.length]]);
        else if (s % 3 === 1) await owner.query(`UPDATE person SET tags = CASE WHEN tags = '{}' THEN ARRAY['veteran'] ELSE '{}' END WHERE id = ANY ($1::uuid[])`, [chunk]);
        else await owner.query(`UPDATE person_house SET valid_to = current_date WHERE person_id = ANY ($1::uuid[]) AND valid_to IS NULL`, [chunk]);
        if (foldEvery && ((s + 1) % foldEvery === 0 || s === statements - 1)) folding += await ms(async () => { folded += (await owner.query<{ n: number }>('SELECT linli_analysis_fold() AS n')).rows[0]!.n; });
      }
    });
    return { statements: total - folding, fold: folding, folded };
  };
  // the ledger triggers alone against no triggers at all (the change log, map and quality triggers
  // are off in both rounds, so their cost does not hide the ledgers'), twice each, alternating
  const toggle = (on: boolean) => owner.exec(['person', 'person_house']
    .map((t) => `ALTER TABLE ${t} DISABLE TRIGGER USER;${on ? ` ALTER TABLE ${t} ENABLE TRIGGER ${t}_analysis_upd;` : ''}`).join('\n'));
  const rounds = { without: [] as number[], with: [] as number[], fold: [] as number[], folded: [] as number[] };
  for (let i = 0; i < 2; i++) {
    await toggle(false);
    rounds.without.push((await change()).statements);
    await toggle(true);
    const w = await change(FOLD_EVERY);
    rounds.with.push(w.statements);
    rounds.fold.push(w.fold);
    rounds.folded.push(w.folded);
  }
  await owner.exec(['person', 'person_house'].map((t) => `ALTER TABLE ${t} ENABLE TRIGGER USER;`).join('\n'));
  const withoutMs = rounds.without.reduce((a, b) => a + b, 0) / 2;
  const withMs = rounds.with.reduce((a, b) => a + b, 0) / 2;
  const foldMs = rounds.fold.reduce((a, b) => a + b, 0) / 2;
  const foldedRows = Math.round(rounds.folded.reduce((a, b) => a + b, 0) / 2);
  const triggerMs = Math.max(0, withMs - withoutMs);
  const maintainMs = triggerMs + foldMs;
  // the ledgers still equal a live count after the changes (the untracked round is rebuilt first)
  // timed again: on a shared machine the load moves, so the baseline is the mean of a rebuild
  // before the upkeep rounds and one after them
  const rebuildAfter = await ms(() => owner.query('SELECT linli_analysis_rebuild()'));
  const rebuildMs = (rebuild + rebuildAfter) / 2;
  await change();
  const unfolded = await withScope(db, actor.scope, async (tx) => (await repo.ledgerValues(tx, repo.personLedger(), { ...slice, dims: [], filters: {} }))[0]?.value ?? 0);
  await owner.query('SELECT linli_analysis_fold()');
  const check = await withScope(db, actor.scope, async (tx) => ({
    ledger: (await repo.ledgerValues(tx, repo.personLedger(), { ...slice, dims: [], filters: {} }))[0]?.value ?? 0,
    live: (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE status = 'active'`)).rows[0]!.n,
  }));
  if (check.ledger !== check.live || unfolded !== check.live) throw new Error(`after changes: ledger ${unfolded} before the fold, ${check.ledger} after ≠ live ${check.live}`);

  // ---- commit → push computed
  const pushMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const heard = new Promise<void>((resolve) => { const off = services.analysis.subscribe(() => { off(); resolve(); }); });
    await new Promise((r) => setTimeout(r, 200));
    const t = Date.now();
    await owner.query(`UPDATE person SET tags = tags || ARRAY['volunteer'] WHERE id = (SELECT id FROM person WHERE name = '基准' LIMIT 1)`);
    await heard;
    await services.analysis.cockpit(actor);
    pushMs.push(Date.now() - t);
  }

  const r = (x: number, base: number) => `${(x / base).toFixed(3)}×`;
  console.log(`analysis bench — ${total.toLocaleString()} active people, ${ledgerRows.toLocaleString()} person ledger rows (PostgreSQL)`);
  console.log(`  cube (district × age band, women):  ${cubeMs.toFixed(1)} ms vs live GROUP BY ${liveCubeMs.toFixed(1)} ms = ${r(cubeMs, liveCubeMs)} (target ≤ 0.05×)`);
  console.log(`  cockpit first paint:                ${cockpitMs.toFixed(1)} ms vs live ${liveCockpitMs.toFixed(1)} ms = ${r(cockpitMs, liveCockpitMs)} (target ≤ 0.05×)`);
  console.log(`  ${CHANGES.toLocaleString()} changes kept current:        ${maintainMs.toFixed(0)} ms (triggers ${triggerMs.toFixed(0)} = ${withMs.toFixed(0)} with − ${withoutMs.toFixed(0)} without; ${Math.ceil(statements / FOLD_EVERY)} folds ${foldMs.toFixed(0)}) vs rebuild ${rebuildMs.toFixed(0)} ms (${rebuild.toFixed(0)} before, ${rebuildAfter.toFixed(0)} after) = ${r(maintainMs, rebuildMs)} (target ≤ 0.2×; triggers alone ${r(triggerMs, rebuildMs)})`);
  console.log(`  the folds wrote ${foldedRows.toLocaleString()} ledger rows (all levels) for ${CHANGES.toLocaleString()} changes: ${(foldedRows / CHANGES).toFixed(2)} a change, ${((foldMs * 1000) / foldedRows).toFixed(1)} µs a row`);
  console.log(`  commit → cockpit push computed:     median ${median(pushMs)} ms (target < 2000 ms)`);
  await services.analysis.stop();
  await owner.close();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
