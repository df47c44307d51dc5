import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sealDevices from '../src/db/migrations/20261202_0201_devices_seal.step.js';
import { systemScope } from '../src/db/scope.js';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Sealing the devices module on a live database (migrations 20261202_0200–0202): the data step
 * seals rows written before it in plaintext, in batches, and the drop leaves no plaintext. The
 * file's own database is put back in the state before the step (plaintext columns, no ciphertext)
 * as the owner, then the step and the drop run as `migrate` runs them.
 */
const GRID = '510903001001001';
const MIGRATIONS = path.resolve('apps/server/src/db/migrations');

let ctx: TestContext;
let worker: Agent;
beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [GRID] })).username);
});
afterAll(() => ctx?.close());

describe('the seal step of migration 20261202_0201', () => {
  it('seals plaintext fixes, last fixes, alert positions, readings and limits written before it; the drop then finds none left', async () => {
    const cid = freshCitizenId({ birthDate: '1941-01-01' });
    const p = await buildPerson(ctx, worker, { node: GRID, name: '旧大爷', citizenId: cid, birthDate: '1941-01-01' });
    const w = (await worker.post('/api/devices', { kind: 'watch', serialNo: '861000000999001', personId: p.id })).body as { id: string };
    const grid = await nodeByCode(ctx, GRID);
    const k = (await worker.post('/api/devices', { kind: 'kiosk', serialNo: 'SEAL-KIOSK-1', jurisdictionId: grid.id })).body as { id: string };
    const N = 2_345; // more than one batch of the step

    await ctx.asOwner(async (db) => {
      // the schema as it was before 20261202_0200 … 0202 (plaintext), with the empty ciphertext columns of 0200
      await db.exec(`
        ALTER TABLE device_position ADD COLUMN lat double precision, ADD COLUMN lng double precision, ADD COLUMN accuracy real,
          ADD COLUMN altitude real, ADD COLUMN speed real, ADD COLUMN course real, ALTER COLUMN fix_enc DROP NOT NULL;
        ALTER TABLE device ADD COLUMN last_lat double precision, ADD COLUMN last_lng double precision, ADD COLUMN last_accuracy real;
        ALTER TABLE device_alert ADD COLUMN lat double precision, ADD COLUMN lng double precision;
        ALTER TABLE health_reading ADD COLUMN measures jsonb, ADD COLUMN abnormal jsonb NOT NULL DEFAULT '[]',
          ALTER COLUMN measures_enc DROP NOT NULL, ALTER COLUMN abnormal_enc DROP NOT NULL;
        ALTER TABLE health_threshold ADD COLUMN low real, ADD COLUMN high real, ALTER COLUMN limits_enc DROP NOT NULL;`);
      const dev = (await db.query<{ path: string; district_code: string }>('SELECT path::text AS path, district_code FROM device WHERE id = $1', [w.id])).rows[0]!;
      // N fixes a second apart, each with microseconds (the key must survive the round trip)
      await db.query(
        `INSERT INTO device_position (device_id, person_id, district_code, path, fixed_at, valid, source, lat, lng, accuracy, altitude, speed, course)
         SELECT $1, $2, $3, $4::ltree, timestamptz '2026-10-01 00:00:00.000001+00' + make_interval(secs => i), true, 'gps',
                30.5 + i * 1e-6, 105.5 + i * 1e-6, 10 + (i % 7), CASE WHEN i % 2 = 0 THEN 300 END, 1.5, 90
           FROM generate_series(0, $5::int - 1) i`,
        [w.id, p.id, dev.district_code, dev.path, N],
      );
      await db.query(`UPDATE device SET last_fix_at = '2026-10-01T01:00:00Z', last_lat = 30.5432101, last_lng = 105.5432101, last_accuracy = 8 WHERE id = $1`, [w.id]);
      await db.query(
        `INSERT INTO device_alert (device_id, person_id, district_code, path, kind, alert_key, raised_at, lat, lng)
         VALUES ($1, $2, $3, $4::ltree, 'sos', 'sos:old', '2026-10-01T00:30:00Z', 30.5123401, 105.5123401),
                ($1, $2, $3, $4::ltree, 'offline', 'offline:old', '2026-10-01T00:40:00Z', NULL, NULL)`,
        [w.id, p.id, dev.district_code, dev.path],
      );
      await db.query(
        `INSERT INTO health_reading (device_id, person_id, district_code, path, reading_key, kind, measured_at, measures, unit, abnormal)
         VALUES ($1, $2, $3, $4::ltree, 'old-bp', 'blood_pressure', '2026-10-01T02:00:00Z', '{"systolic": 171.5, "diastolic": 90, "pulse": 70}', 'mmHg', '["systolic"]')`,
        [k.id, p.id, dev.district_code, dev.path],
      );
      await db.query(
        `INSERT INTO health_threshold (person_id, metric, district_code, path, low, high) VALUES ($1, 'systolic', $2, $3::ltree, 95, 150)`,
        [p.id, dev.district_code, dev.path],
      );
    });

    // the step, then the drop, each in its own transaction as the owner (as migrate runs them)
    await ctx.asOwner((db) => db.transaction((tx) => sealDevices(tx, { cipher: ctx.cipher })));
    const unsealed = await ctx.asOwner(async (db) => (await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM device_position WHERE fix_enc IS NULL) + (SELECT count(*) FROM device WHERE last_lat IS NOT NULL AND last_fix_enc IS NULL)
            + (SELECT count(*) FROM device_alert WHERE lat IS NOT NULL AND position_enc IS NULL) + (SELECT count(*) FROM health_reading WHERE measures_enc IS NULL OR abnormal_enc IS NULL)
            + (SELECT count(*) FROM health_threshold WHERE limits_enc IS NULL) AS n`)).rows[0]!.n);
    expect(Number(unsealed)).toBe(0);
    // run again, it finds nothing to do (a migrate interrupted after the step would not seal twice)
    const tokens = await ctx.asOwner(async (db) => (await db.query<{ t: string }>('SELECT fix_enc AS t FROM device_position WHERE device_id = $1 ORDER BY fixed_at LIMIT 1', [w.id])).rows[0]!.t);
    await ctx.asOwner((db) => db.transaction((tx) => sealDevices(tx, { cipher: ctx.cipher })));
    expect(await ctx.asOwner(async (db) => (await db.query<{ t: string }>('SELECT fix_enc AS t FROM device_position WHERE device_id = $1 ORDER BY fixed_at LIMIT 1', [w.id])).rows[0]!.t)).toBe(tokens);
    await ctx.asOwner((db) => db.transaction((tx) => tx.exec(fs.readFileSync(path.join(MIGRATIONS, '20261202_0202_devices_plain_dropped.sql'), 'utf8'))));

    // what the module reads now is what was there in plaintext
    const track = await ctx.services.devices.whereabouts(systemScope('test'), p.id, new Date('2026-10-01T00:00:00Z'), new Date('2026-10-02T00:00:00Z'));
    expect(track).toHaveLength(N);
    expect(track[0]).toMatchObject({ lat: 30.5, lng: 105.5, accuracy: 10 });
    expect(track[N - 1]!.lat).toBeCloseTo(30.5 + (N - 1) * 1e-6, 9);
    expect(track[N - 1]!.time.toISOString()).toBe(new Date(Date.parse('2026-10-01T00:00:00Z') + (N - 1) * 1000).toISOString());
    const map = (await worker.get(`/api/devices/elders/${p.id}/map?from=2026-10-01T00:00:00Z&to=2026-10-01T00:00:02Z`)).body;
    expect(map.track).toHaveLength(2);
    expect(map.devices[0].lastFix).toMatchObject({ lat: 30.5432101, lng: 105.5432101, accuracy: 8 });
    const alerts = (await worker.get(`/api/devices/alerts?personId=${p.id}&order=asc`)).body.items;
    expect(alerts.map((a: { kind: string; lat: number | null }) => [a.kind, a.lat])).toEqual([['sos', 30.5123401], ['offline', null]]);
    const readings = (await worker.get(`/api/devices/people/${p.id}/readings?days=365`)).body;
    expect(readings.items[0]).toMatchObject({ values: { systolic: 171.5, diastolic: 90, pulse: 70 }, abnormal: ['systolic'] });
    expect(readings.thresholds).toEqual([{ metric: 'systolic', low: 95, high: 150 }]);
    // the plaintext columns are gone
    const left = await ctx.asOwner(async (db) => (await db.query<{ c: string }>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name IN ('device_position', 'device', 'device_alert', 'health_reading', 'health_threshold')
          AND column_name IN ('lat', 'lng', 'accuracy', 'altitude', 'speed', 'course', 'last_lat', 'last_lng', 'last_accuracy', 'measures', 'abnormal', 'low', 'high')`)).rows.map((r) => r.c));
    expect(left).toEqual([]);
  });
});

describe('the devices tables in the personal-data inventory', () => {
  const SENSITIVE_NAME = /(^|_)(lat|lng|lon|latitude|longitude|position|positions|fix|track|measures|diagnosis|medication|allergies|chronic|answers|health|blood|phone|citizen|face)(_|$)/;
  it('tags every table and sensitive-looking column; locations and health values are ciphertext only', async () => {
    const rows = await ctx.asOwner(async (db) => (await db.query<{ t: string; c: string; type: string; tt: string | null; ct: string | null }>(
      `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type,
              obj_description(c.oid, 'pg_class') AS tt, col_description(c.oid, a.attnum) AS ct
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND c.relname IN ('device', 'device_position', 'device_contact', 'safe_zone', 'device_alert', 'device_alert_step', 'device_alert_stats', 'health_reading', 'health_threshold')`)).rows);
    const tag = (s: string | null) => /^pii:([a-z]+)\s/.exec(s ?? '')?.[1] ?? null;
    const problems: string[] = [];
    for (const r of rows) {
      if (!tag(r.tt)) problems.push(`${r.t}: no table tag`);
      if (SENSITIVE_NAME.test(r.c) && !tag(r.ct)) problems.push(`${r.t}.${r.c}: no column tag`);
      const cat = tag(r.ct) ?? tag(r.tt);
      if ((cat === 'location' || cat === 'health') && !(/_(enc|hash)$/.test(r.c) && r.type === 'text')) problems.push(`${r.t}.${r.c}: ${cat} in plaintext`);
    }
    expect(problems).toEqual([]);
    const cat = (t: string, c: string) => { const r = rows.find((x) => x.t === t && x.c === c)!; return tag(r.ct) ?? tag(r.tt); };
    expect(cat('device_position', 'fix_enc')).toBe('location');
    expect(cat('device', 'last_fix_enc')).toBe('location');
    expect(cat('device_alert', 'position_enc')).toBe('location');
    expect(cat('health_reading', 'measures_enc')).toBe('health');
    expect(cat('health_reading', 'abnormal_enc')).toBe('health');
    expect(cat('health_threshold', 'limits_enc')).toBe('health');
    expect(cat('safe_zone', 'center_lat')).toBe('general');
  });
});
