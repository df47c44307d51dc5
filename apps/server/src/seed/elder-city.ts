import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database } from '../db/database.js';
import { type Scope, systemScope, withScope } from '../db/scope.js';
import * as care from '../modules/care/care.repository.js';
import * as elder from '../modules/elder/elder.repository.js';
import { elderSeal } from '../modules/elder/elder.sealed.js';

export interface ElderCityScale {
  elders: number;
  visits: number;
}

/** The city: 500 k elders with archives and assessments, 10 M care visits. */
export const ELDER_CITY_SCALE: ElderCityScale = { elders: 500_000, visits: 10_000_000 };

const MARK = 'elder-city';
const VISIT_BATCH = 250_000;
const ELDER_BATCH = 100_000;

/**
 * City-scale elder care for demos and benchmarks (`linli seed --elder-scale city`), generated in
 * SQL (generate_series), set-based: `elders` people of 60–95 spread over the city's communities,
 * each with a signed assessment and an archive at its level; 5 providers serving the city and
 * `visits` service orders over the past year. Rows go in through the statement-level triggers
 * that keep `elder_stats`, `care_stats_*` and the analysis ledgers current (so they hold the
 * same figures as a live GROUP BY, which `verifyElderCity` checks); only the per-row change log is
 * off during the load (as for the registry's city scale). Runs as the schema owner. Re-running
 * adds what is missing. The generated rows are told by their person (`person.notes`); the
 * assessments' sealed part (no answers) is one ciphertext made once with the key, the archives
 * have no health part.
 */
export async function seedElderCity(owner: Database, cipher: FieldCipher, scale: ElderCityScale = ELDER_CITY_SCALE, log: (m: string) => void = console.log) {
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const version = (await owner.query<{ version: string }>('SELECT version FROM elder_scale ORDER BY version DESC LIMIT 1')).rows[0]?.version;
  if (!version) throw new Error('no elder assessment scale: run the migrations first (linli migrate)');
  // the change log: per row on updates, per statement on the person inserts
  const changeLog = [['person', 'person_change'], ['person', 'person_change_insert'], ['elder_archive', 'elder_archive_change'], ['care_order', 'care_order_change']] as const;
  await owner.exec(changeLog.map(([table, trigger]) => `ALTER TABLE ${table} DISABLE TRIGGER ${trigger};`).join('\n'));
  try {
    // ---- elders: people, a signed assessment each, the archive at the assessed level
    const have = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE notes = '${MARK}'`)).rows[0]!.n;
    for (let from = have; from < scale.elders; from += ELDER_BATCH) {
      const n = Math.min(ELDER_BATCH, scale.elders - from);
      await owner.query(
        `WITH c AS (SELECT array_agg(path ORDER BY code) AS a FROM jurisdiction_node WHERE level = 'community' AND valid_to IS NULL AND path <@ '5109'::ltree)
         INSERT INTO person (district_code, path, name, name_pinyin, name_initials, gender, birth_date, tags, notes)
         SELECT subpath(c.a[1 + (g * 7919) % cardinality(c.a)], 1, 1)::text, c.a[1 + (g * 7919) % cardinality(c.a)],
                '城市老人' || g, 'chengshilaoren' || g, 'cslr', 1 + g % 2, current_date - (21915 + (g * 7919) % 12780), '{}', '${MARK}'
           FROM generate_series($1::int + 1, $1::int + $2::int) g, c`,
        [from, n],
      );
      log(`  elders: ${(from + n).toLocaleString()} people (${secs()})`);
    }
    const assessed = await owner.query(
      `INSERT INTO elder_assessment (person_id, path, district_code, scale_version, reason, health_enc, total, preliminary_level, final_level, status,
                                     assessor1_id, assessor1_signed_at, assessor2_id, assessor2_signed_at, assessed_at)
       SELECT p.id, p.path, p.district_code, $1, 'first', $2, 90 - 20 * lv, lv, lv, 'signed',
              '00000000-0000-4000-8000-00000000a001', t, '00000000-0000-4000-8000-00000000a002', t, t
         FROM person p
        CROSS JOIN LATERAL (SELECT (abs(hashtext(p.id::text)) % 5)::smallint AS lv, now() - make_interval(days => abs(hashtext(p.name)) % 700) AS t) x
        WHERE p.notes = '${MARK}' AND NOT EXISTS (SELECT 1 FROM elder_assessment a WHERE a.person_id = p.id)`,
      [version, elderSeal(cipher).assessment({ answers: {}, flags: {}, subtotals: {}, adjustments: [], riskEvents30d: 0, notes: null })],
    );
    log(`  assessments: ${assessed.rowCount.toLocaleString()} (${secs()})`);
    const archived = await owner.query(
      `INSERT INTO elder_archive (person_id, path, district_code, living_situation, current_level, current_scale_version, current_assessment_id, current_assessed_at)
       SELECT a.person_id, a.path, a.district_code,
              (ARRAY['alone','spouse','children','spouse_children','relatives','institution','other'])[1 + abs(hashtext(a.id::text)) % 7],
              a.final_level, a.scale_version, a.id, a.assessed_at
         FROM elder_assessment a JOIN person p ON p.id = a.person_id
        WHERE p.notes = '${MARK}' AND NOT EXISTS (SELECT 1 FROM elder_archive e WHERE e.person_id = a.person_id)`,
    );
    log(`  archives: ${archived.rowCount.toLocaleString()} (through the elder_stats triggers, ${secs()})`);

    // ---- providers and visits
    await owner.query(
      `INSERT INTO organization (district_code, path, name, type)
       SELECT '510903', '5109.510903', '城市养老服务中心' || g, 'social_org' FROM generate_series(1, 5) g
        WHERE NOT EXISTS (SELECT 1 FROM organization WHERE name = '城市养老服务中心' || g)`,
    );
    await owner.query(
      `INSERT INTO care_provider (district_code, path, organization_id, service_area)
       SELECT district_code, path, id, ARRAY['5109'::ltree] FROM organization o WHERE name LIKE '城市养老服务中心%'
          AND NOT EXISTS (SELECT 1 FROM care_provider p WHERE p.organization_id = o.id)`,
    );
    const elders = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM elder_archive a JOIN person p ON p.id = a.person_id WHERE p.notes = '${MARK}'`)).rows[0]!.n;
    const visitsHave = (await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM care_order o JOIN care_provider p ON p.id = o.provider_id JOIN organization g ON g.id = p.organization_id WHERE g.name LIKE '城市养老服务中心%'`,
    )).rows[0]!.n;
    for (let from = visitsHave; from < scale.visits; from += VISIT_BATCH) {
      const n = Math.min(VISIT_BATCH, scale.visits - from);
      await owner.query(
        `WITH e AS (SELECT a.person_id AS id, a.path, a.district_code, row_number() OVER (ORDER BY a.person_id) - 1 AS i
                     FROM elder_archive a JOIN person pp ON pp.id = a.person_id WHERE pp.notes = '${MARK}'),
              p AS (SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS i FROM care_provider p JOIN organization o ON o.id = p.organization_id WHERE o.name LIKE '城市养老服务中心%'),
              s AS (SELECT code, duration_min, row_number() OVER (ORDER BY sort) - 1 AS i, count(*) OVER () AS k FROM care_service)
         INSERT INTO care_order (district_code, path, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min, status,
                                 check_in_at, check_out_at, rating, evv_status)
         SELECT e.district_code, e.path, e.id, p.id, s.code, d, d + time '09:00', s.duration_min,
                CASE WHEN g % 50 = 0 THEN 'cancelled' WHEN d >= current_date THEN 'dispatched' ELSE 'completed' END,
                CASE WHEN g % 50 <> 0 AND d < current_date THEN d + time '09:05' END,
                CASE WHEN g % 50 <> 0 AND d < current_date THEN d + time '09:05' + make_interval(mins => (s.duration_min * (8 + g % 5) / 10)::int) END,
                CASE WHEN g % 50 <> 0 AND d < current_date AND g % 7 <> 0 THEN 3 + g % 3 END,
                CASE WHEN g % 20 = 0 AND d < current_date THEN 'exception' WHEN d < current_date THEN 'verified' ELSE 'pending' END
           FROM generate_series($1::bigint, $2::bigint) g
          CROSS JOIN LATERAL (SELECT current_date - (g % 365)::int AS d) dd
           JOIN e ON e.i = g % $3
           JOIN p ON p.i = g % 5
           JOIN s ON s.i = g % s.k`,
        [from, from + n - 1, elders],
      );
      log(`  visits: ${(from + n).toLocaleString()} (${secs()})`);
    }
    const exceptions = await owner.query(
      `INSERT INTO care_exception (district_code, path, order_id, provider_id, day, kind, status, reason_code, resolution_code, note, resolved_at)
       SELECT o.district_code, o.path, o.id, o.provider_id, o.scheduled_date,
              (ARRAY['check_in_distance','check_out_distance','missing_photo','too_short','overlap','elsewhere','photo_reused'])[1 + abs(hashtext(o.id::text)) % 7],
              CASE WHEN o.scheduled_date < current_date - 7 THEN 'resolved' ELSE 'open' END,
              CASE WHEN o.scheduled_date < current_date - 7 THEN 'gps_drift' END, CASE WHEN o.scheduled_date < current_date - 7 THEN 'accepted' END,
              CASE WHEN o.scheduled_date < current_date - 7 THEN '城市规模演示数据' END, CASE WHEN o.scheduled_date < current_date - 7 THEN now() END
         FROM care_order o JOIN care_provider p ON p.id = o.provider_id JOIN organization g ON g.id = p.organization_id
        WHERE g.name LIKE '城市养老服务中心%' AND o.evv_status = 'exception' AND NOT EXISTS (SELECT 1 FROM care_exception x WHERE x.order_id = o.id)`,
    );
    log(`  exceptions: ${exceptions.rowCount.toLocaleString()} (${secs()})`);
  } finally {
    await owner.exec(changeLog.map(([table, trigger]) => `ALTER TABLE ${table} ENABLE TRIGGER ${trigger};`).join('\n'));
  }
  await owner.exec('ANALYZE person; ANALYZE elder_assessment; ANALYZE elder_archive; ANALYZE elder_stats; ANALYZE care_order; ANALYZE care_exception; ANALYZE care_stats_daily; ANALYZE care_stats_exception');
  return { seconds: Math.round((performance.now() - t0) / 1000) };
}

/**
 * Checks the pre-aggregated figures against a live GROUP BY over the rows, as a city official
 * (row-level security applies to both): elder statistics by level, age band, living situation and
 * child node; care supervision of the past year; people in the analysis ledger.
 */
export async function verifyElderCity(db: Database) {
  const city = (await withScope(db, systemScope('elder city check'), (tx) => tx.query<{ path: string }>(
    `SELECT path::text AS path FROM jurisdiction_node WHERE code = '5109' AND valid_to IS NULL`))).rows[0]!.path;
  const scope: Scope = { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', paths: [city] };
  const dims = ['level', 'age_band', 'living', 'child'] as const;
  const elderFigures = (read: typeof elder.statsBy) => withScope(db, scope, async (tx) => Promise.all(dims.map((d) => read(tx, city, d))));
  const elderEqual = JSON.stringify(await elderFigures(elder.statsBy)) === JSON.stringify(await elderFigures(elder.liveStatsBy));
  const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const norm = (f: Awaited<ReturnType<typeof care.supervisionFigures>>) => {
    const num = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
    return JSON.stringify({
      providers: f.providers.map(num).sort((x, y) => String(x.provider_id).localeCompare(String(y.provider_id))),
      days: f.days.map(num),
      kinds: f.kinds.map(num).sort((x, y) => `${x.provider_id}${x.kind}${x.day}`.localeCompare(`${y.provider_id}${y.kind}${y.day}`)),
    });
  };
  const careEqual = norm(await withScope(db, scope, (tx) => care.supervisionFigures(tx, [city], from, to)))
    === norm(await withScope(db, scope, (tx) => care.supervisionLive(tx, [city], from, to)));
  const counts = await withScope(db, scope, async (tx) => (await tx.query<{ elders: number; visits: number }>(
    'SELECT (SELECT count(*)::int FROM elder_archive) AS elders, (SELECT count(*)::int FROM care_order) AS visits')).rows[0]!);
  return { ...counts, elderStatsEqual: elderEqual, careFiguresEqual: careEqual };
}
