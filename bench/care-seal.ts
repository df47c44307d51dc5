/**
 * Sealing the care module's visit positions (migrations `20261202_0300`–`0302`) on a database
 * that has them: a fresh PostgreSQL database (`BENCH_CARE_SEAL_DATABASE_URL`, default
 * linli_bench_care_seal, made anew each run) migrated to just before the change, `BENCH_CARE_SEAL_VISITS`
 * visits (default 200 000) with plaintext check-in/out fixes, two steps and one photo each, by
 * `BENCH_CARE_SEAL_CAREGIVERS` caregivers. Prints:
 *   - the seal (the three migrations: add, the data step, drop) in seconds and fixes per second;
 *   - the impossible-travel lookup of a check-in (the caregiver's previous position) before, in
 *     SQL on plaintext, against after, the sealed fixes fetched and opened in Node (median of 300);
 *   - the field cipher's own cost per fix (seal + open).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFieldCipher } from '../apps/server/src/crypto/field-cipher.js';
import { openPostgres } from '../apps/server/src/db/database.js';
import { listMigrations, migrate } from '../apps/server/src/db/migrate.js';
import { FIX_COLUMNS, openFix, sealFix } from '../apps/server/src/modules/care/care.sealed.js';
import * as care from '../apps/server/src/modules/care/care.repository.js';
import { benchDatabase } from './lib.js';

const URL_ = process.env.BENCH_CARE_SEAL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_bench_care_seal';
const VISITS = Number(process.env.BENCH_CARE_SEAL_VISITS ?? 200_000);
const CAREGIVERS = Number(process.env.BENCH_CARE_SEAL_CAREGIVERS ?? 200);
const FIRST = '20261202_0300_care_sealed.sql';
const LOOKUPS = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dbName = await benchDatabase(URL_, { fresh: true });
  const db = await openPostgres(URL_, { asAppRole: false, max: 1 });
  const cipher = createFieldCipher(crypto.randomBytes(32));
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-care-seal-'));
  for (const m of listMigrations().filter((x) => x.name < FIRST)) fs.writeFileSync(path.join(before, m.name), m.sql);
  await migrate(db, { cipher }, before);
  fs.rmSync(before, { recursive: true });

  console.log(`generating ${VISITS.toLocaleString()} visits with plaintext positions by ${CAREGIVERS} caregivers…`);
  let t = performance.now();
  await db.exec(`
    INSERT INTO app_user (username, display_name, password_hash, path) SELECT 'cg' || g, '护理员' || g, 'x', '5109' FROM generate_series(1, ${CAREGIVERS}) g;
    INSERT INTO organization (district_code, path, name, type) VALUES ('510903', '5109.510903', '压测养老服务中心', 'social_org');
    INSERT INTO care_provider (district_code, path, organization_id, service_area) SELECT '510903', '5109.510903', id, '{5109}' FROM organization;
    INSERT INTO person (district_code, path, name, name_pinyin, name_initials, birth_date)
      SELECT '510903', '5109.510903', '压测老人' || g, 'yacelaoren' || g, 'yclr', date '1940-01-01' + g FROM generate_series(1, ${Math.max(100, VISITS / 20)}) g;
    ALTER TABLE care_order DISABLE TRIGGER care_order_change;`);
  await db.query(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM app_user WHERE username LIKE 'cg%'),
          e AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM person),
          p AS (SELECT id FROM care_provider LIMIT 1)
     INSERT INTO care_order (district_code, path, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min, caregiver_id, status,
                             check_in_at, check_in_lat, check_in_lon, check_in_acc, check_out_at, check_out_lat, check_out_lon, check_out_acc, evv_status)
     SELECT '510903', '5109.510903', e.id, p.id, 'meal', v.at::date, v.at, 30, c.id, 'completed',
            v.at, 30.5 + (g % 1000) / 10000.0, 105.5 + (g % 997) / 10000.0, 5 + g % 20,
            v.at + interval '35 minutes', 30.5 + (g % 1000) / 10000.0, 105.5 + (g % 997) / 10000.0, 5 + g % 20, 'verified'
       FROM generate_series(0, $1::int - 1) g
       CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + make_interval(mins => (g / $2) * 90) AS at) v
       JOIN c ON c.i = g % $2 JOIN e ON e.i = g % (SELECT count(*) FROM person) CROSS JOIN p`,
    [VISITS, CAREGIVERS],
  );
  await db.exec(`
    ALTER TABLE care_order ENABLE TRIGGER care_order_change;
    INSERT INTO care_visit_step (district_code, path, order_id, caregiver_id, client_key, kind, at, payload)
      SELECT district_code, path, id, caregiver_id, 'in-' || id, 'check_in', check_in_at,
             jsonb_build_object('position', jsonb_build_object('lat', check_in_lat, 'lon', check_in_lon, 'accuracy', check_in_acc)) FROM care_order
      UNION ALL
      SELECT district_code, path, id, caregiver_id, 'out-' || id, 'check_out', check_out_at,
             jsonb_build_object('position', jsonb_build_object('lat', check_out_lat, 'lon', check_out_lon, 'accuracy', check_out_acc)) FROM care_order;
    INSERT INTO care_photo (id, district_code, path, order_id, stage, sha256, lat, lon)
      SELECT gen_random_uuid(), district_code, path, id, 'check_in', encode(sha256(id::text::bytea), 'hex'), check_in_lat, check_in_lon FROM care_order;
`);
  for (const table of ['care_order', 'care_visit_step', 'care_photo']) await db.exec(`VACUUM ANALYZE ${table}`);
  console.log(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // the lookups to time: a caregiver's check-in at a time within their visits
  const probes = (await db.query<{ caregiver_id: string; id: string; at: Date }>(
    `SELECT caregiver_id, id, check_in_at + interval '80 minutes' AS at FROM care_order ORDER BY md5(id::text) LIMIT ${LOOKUPS}`)).rows;
  const oldLookup = (p: (typeof probes)[number]) => db.query(
    `SELECT id AS order_id,
            CASE WHEN check_out_at IS NOT NULL AND check_out_at <= $3 THEN check_out_at ELSE check_in_at END AS at,
            CASE WHEN check_out_at IS NOT NULL AND check_out_at <= $3 THEN check_out_lat ELSE check_in_lat END AS lat,
            CASE WHEN check_out_at IS NOT NULL AND check_out_at <= $3 THEN check_out_lon ELSE check_in_lon END AS lon
       FROM care_order WHERE caregiver_id = $1 AND id <> $2 AND check_in_at IS NOT NULL AND check_in_at <= $3 AND check_in_lat IS NOT NULL
      ORDER BY check_in_at DESC LIMIT 1`, [p.caregiver_id, p.id, p.at]);
  const timeEach = async (fn: (p: (typeof probes)[number]) => Promise<unknown>) => {
    const ms: number[] = [];
    for (const p of probes) {
      const s = performance.now();
      await fn(p);
      ms.push(performance.now() - s);
    }
    return median(ms);
  };
  await timeEach(oldLookup);
  const oldMs = await timeEach(oldLookup);

  const fixes = VISITS * 2 + VISITS * 2 + VISITS;
  t = performance.now();
  const applied = await migrate(db, { cipher });
  const sealS = (performance.now() - t) / 1000;
  if (!applied.includes('20261202_0301_care_seal.step.ts')) throw new Error('the seal step did not run');
  // as autovacuum leaves it after the rewrite (the lookups below would otherwise read the old row versions too)
  await db.exec('VACUUM ANALYZE care_order');

  const newLookup = async (p: (typeof probes)[number]) => {
    const v = await care.lastVisitBefore(db, p.caregiver_id, p.id, p.at);
    if (!v) return null;
    const out = v.check_out_at && v.check_out_at <= p.at ? openFix(cipher, FIX_COLUMNS.checkOut, v.check_out_fix_enc) : null;
    return out ?? openFix(cipher, FIX_COLUMNS.checkIn, v.check_in_fix_enc);
  };
  await timeEach(newLookup);
  const newMs = await timeEach(newLookup);

  const N = 20_000;
  t = performance.now();
  for (let i = 0; i < N; i++) openFix(cipher, FIX_COLUMNS.checkIn, sealFix(cipher, FIX_COLUMNS.checkIn, { lat: 30.5 + i / 1e6, lon: 105.5, accuracy: 10 }));
  const perFixUs = ((performance.now() - t) * 1000) / N;

  console.log(`care positions sealed (PostgreSQL, ${dbName}):`);
  console.log(`  seal of ${VISITS.toLocaleString()} visits (${fixes.toLocaleString()} fixes: orders in/out, steps, photos): ${sealS.toFixed(1)} s, ${Math.round(fixes / sealS).toLocaleString()} fixes/s`);
  console.log(`  previous position of a check-in, median of ${LOOKUPS}: before (SQL on plaintext) ${oldMs.toFixed(2)} ms, after (sealed, opened in Node) ${newMs.toFixed(2)} ms = ${(newMs / oldMs).toFixed(2)}×`);
  console.log(`  field cipher per fix (seal + open): ${perFixUs.toFixed(1)} µs`);
  await db.close();
}

void main();
