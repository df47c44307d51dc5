import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createFieldCipher } from '../src/crypto/field-cipher.js';
import { type Database, openPglite, openPostgres } from '../src/db/database.js';
import { listMigrations, migrate } from '../src/db/migrate.js';
import { withDatabase } from './global-setup.js';

/**
 * The care module's move of plaintext positions to ciphertext, on a database that has them: a
 * fresh database migrated up to just before `20261202_0300_care_sealed.sql`, visits with
 * positions written as the old code wrote them, then the rest of the migrations. Afterwards
 * every fix opens with the field key to what was stored, the copies elsewhere (an exception's
 * detail, a step's payload, the change history) are gone, and no figure or history row moved.
 */
const FIRST = '20261202_0300_care_sealed.sql';
const cipher = createFieldCipher(crypto.randomBytes(32));
let db: Database;
let drop = async () => undefined as void;
const ids = { caregiver: crypto.randomUUID(), org: crypto.randomUUID(), person: crypto.randomUUID(), provider: crypto.randomUUID(), plan: crypto.randomUUID(), bare: crypto.randomUUID(), a: crypto.randomUUID(), b: crypto.randomUUID(), photo: crypto.randomUUID() };
const q = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows;

beforeAll(async () => {
  if (process.env.LINLI_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `${inject('pgPrefix')}_seal_${crypto.randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(url, { asAppRole: false, max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    db = await openPostgres(withDatabase(url, name), { asAppRole: false, max: 1 });
    drop = async () => {
      const a = await openPostgres(url, { asAppRole: false, max: 1 });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    };
  } else {
    db = await openPglite({});
  }
  // the schema as it stood before the care positions were sealed
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-care-seal-'));
  for (const m of listMigrations().filter((x) => x.name < FIRST)) fs.writeFileSync(path.join(before, m.name), m.sql);
  await migrate(db, { cipher }, before);
  fs.rmSync(before, { recursive: true });

  await db.exec(`
    INSERT INTO app_user (id, username, display_name, password_hash, path) VALUES ('${ids.caregiver}', 'cg_seal', '护理员', 'x', '5109');
    INSERT INTO organization (id, district_code, path, name, type) VALUES ('${ids.org}', '510903', '5109.510903', '封存测试养老中心', 'social_org');
    INSERT INTO person (id, district_code, path, name, name_pinyin, name_initials, birth_date) VALUES ('${ids.person}', '510903', '5109.510903', '老人封', 'laorenfeng', 'lrf', '1945-01-01');
    INSERT INTO care_provider (id, district_code, path, organization_id, service_area) VALUES ('${ids.provider}', '510903', '5109.510903', '${ids.org}', '{5109.510903}');
    INSERT INTO care_plan (id, district_code, path, person_id, provider_id, needs, period_from, period_to, created_by) VALUES
      ('${ids.plan}', '510903', '5109.510903', '${ids.person}', '${ids.provider}', '{meals,dementia}', '2026-11-01', '2026-12-31', '${ids.caregiver}'),
      ('${ids.bare}', '510903', '5109.510903', '${ids.person}', '${ids.provider}', '{}', '2027-01-01', '2027-01-31', '${ids.caregiver}');
    INSERT INTO care_order (id, district_code, path, person_id, provider_id, service_code, scheduled_date, scheduled_at, duration_min, caregiver_id, status,
                            check_in_at, check_in_lat, check_in_lon, check_in_acc, check_out_at, check_out_lat, check_out_lon, check_out_acc, evv_status)
      VALUES ('${ids.a}', '510903', '5109.510903', '${ids.person}', '${ids.provider}', 'meal', '2026-11-20', '2026-11-20 01:00Z', 30, '${ids.caregiver}', 'completed',
              '2026-11-20 01:00Z', 30.5372941, 105.5901, 15, '2026-11-20 01:40Z', 30.5302817, 105.5901, NULL, 'exception'),
             ('${ids.b}', '510903', '5109.510903', '${ids.person}', '${ids.provider}', 'bath', '2026-11-21', '2026-11-21 01:00Z', 60, '${ids.caregiver}', 'in_progress',
              '2026-11-21 01:00Z', 30.5303, 105.5904, 8, NULL, NULL, NULL, NULL, 'pending');
    UPDATE care_order SET rating = 5 WHERE id = '${ids.a}';
    INSERT INTO care_visit_step (district_code, path, order_id, caregiver_id, client_key, kind, at, payload) VALUES
      ('510903', '5109.510903', '${ids.a}', '${ids.caregiver}', 'key-check-in-a', 'check_in', '2026-11-20 01:00Z', '{"position": {"lat": 30.5372941, "lon": 105.5901, "accuracy": 15}}'),
      ('510903', '5109.510903', '${ids.a}', '${ids.caregiver}', 'key-evaluate-a', 'evaluate', '2026-11-20 01:41Z', '{"rating": 5, "confirmedBy": "elder"}');
    INSERT INTO care_photo (id, district_code, path, order_id, stage, sha256, lat, lon) VALUES ('${ids.photo}', '510903', '5109.510903', '${ids.a}', 'check_in', '${'a'.repeat(64)}', 30.5372941, 105.5901);
    INSERT INTO care_exception (district_code, path, order_id, provider_id, day, kind, detail) VALUES
      ('510903', '5109.510903', '${ids.a}', '${ids.provider}', '2026-11-20', 'check_in_distance', '{"distanceM": 800, "toleranceM": 300, "lat": 30.5372941, "lon": 105.5901}'),
      ('510903', '5109.510903', '${ids.a}', '${ids.provider}', '2026-11-20', 'too_short', '{"minutes": 10, "requiredMin": 15}');
  `);
});
afterAll(async () => {
  await db?.close();
  await drop();
});

describe('sealing the care positions of an existing database', () => {
  it('moves every fix to its sealed column, removes the copies, and changes no figure or history row', async () => {
    // before: the plaintext is in the orders, the exceptions and their change history
    expect(JSON.stringify(await q(`SELECT old_values, new_values FROM change_log WHERE table_name IN ('care_order', 'care_exception')`))).toMatch(/30\.537/);
    expect(JSON.stringify(await q(`SELECT new_values FROM change_log WHERE table_name = 'care_plan'`))).toContain('dementia');
    const figures = () => q('SELECT * FROM care_stats_daily ORDER BY node, day, provider_id');
    const kinds = () => q('SELECT * FROM care_stats_exception ORDER BY node, day, provider_id, kind');
    const [statsBefore, kindsBefore] = [await figures(), await kinds()];
    expect(statsBefore.length).toBeGreaterThan(0);
    const history = async () => Number((await q<{ n: string }>(`SELECT count(*) AS n FROM change_log WHERE table_name LIKE 'care%'`))[0]!.n);
    const historyBefore = await history();

    const applied = await migrate(db, { cipher });
    expect(applied).toEqual(expect.arrayContaining([FIRST, '20261202_0301_care_seal.step.ts', '20261202_0302_care_plain_dropped.sql']));

    const orders = await q<{ id: string; check_in_fix_enc: string | null; check_out_fix_enc: string | null }>('SELECT * FROM care_order ORDER BY scheduled_date');
    expect(Object.keys(orders[0]!).filter((c) => /_(lat|lon|acc)$/.test(c))).toEqual([]);
    const open = (t: string | null, column: string) => (t ? cipher.openJson(t, column) : null);
    expect(orders.map((o) => open(o.check_in_fix_enc, 'care_order.check_in_fix_enc'))).toEqual([
      { lat: 30.5372941, lon: 105.5901, accuracy: 15 }, { lat: 30.5303, lon: 105.5904, accuracy: 8 }]);
    expect(orders.map((o) => open(o.check_out_fix_enc, 'care_order.check_out_fix_enc'))).toEqual([{ lat: 30.5302817, lon: 105.5901, accuracy: null }, null]);
    const photo = (await q<{ fix_enc: string }>('SELECT * FROM care_photo'))[0]!;
    expect(open(photo.fix_enc, 'care_photo.fix_enc')).toEqual({ lat: 30.5372941, lon: 105.5901, accuracy: null });
    const steps = await q<{ kind: string; payload: unknown; fix_enc: string | null }>('SELECT kind, payload, fix_enc FROM care_visit_step ORDER BY at');
    expect(steps.map((s) => [s.kind, s.payload, open(s.fix_enc, 'care_visit_step.fix_enc')])).toEqual([
      ['check_in', {}, { lat: 30.5372941, lon: 105.5901, accuracy: 15 }], ['evaluate', { rating: 5, confirmedBy: 'elder' }, null]]);
    expect((await q<{ kind: string; detail: unknown }>('SELECT kind, detail FROM care_exception ORDER BY kind')).map((x) => x.detail)).toEqual([
      { distanceM: 800, toleranceM: 300 }, { minutes: 10, requiredMin: 15 }]);

    const plans = await q<{ id: string; needs_enc: string }>('SELECT id, needs_enc FROM care_plan ORDER BY period_from');
    expect(plans.map((p) => cipher.openJson(p.needs_enc, 'care_plan.needs_enc'))).toEqual([['meals', 'dementia'], []]);
    expect(JSON.stringify(await q(`SELECT (SELECT json_agg(p) FROM care_plan p) AS p, (SELECT json_agg(l) FROM change_log l WHERE table_name = 'care_plan') AS l`))).not.toMatch(/dementia|meals/);

    // no latitude left in the care tables or their history; nothing recounted, no history row added
    const dump = JSON.stringify(await q(`SELECT (SELECT json_agg(o) FROM care_order o) AS o, (SELECT json_agg(x) FROM care_exception x) AS x,
      (SELECT json_agg(s) FROM care_visit_step s) AS s, (SELECT json_agg(c) FROM care_photo c) AS c, (SELECT json_agg(l) FROM change_log l WHERE table_name LIKE 'care%') AS l`));
    expect(dump).not.toMatch(/(?<!\d\d:\d\d:)30\.53|105\.59/); // (a timestamp's seconds, …:30.531Z, are no latitude)
    expect(await figures()).toEqual(statsBefore);
    expect(await kinds()).toEqual(kindsBefore);
    expect(await history()).toBe(historyBefore);
    // the triggers the step turned off are on again: a change is counted and kept in the history
    const disabled = await q(`SELECT tgname FROM pg_trigger WHERE tgrelid IN ('care_order'::regclass, 'care_exception'::regclass) AND NOT tgisinternal AND tgenabled = 'D'`);
    expect(disabled).toEqual([]);
    await db.query(`UPDATE care_order SET status = 'completed', check_out_at = '2026-11-21 02:00Z' WHERE id = $1`, [ids.b]);
    expect(await history()).toBe(historyBefore + 1);
    const day = await q<{ completed: number; minutes: string }>(`SELECT completed, minutes FROM care_stats_daily WHERE node = '5109' AND day = '2026-11-21'`);
    expect(day.map((r) => [r.completed, Number(r.minutes)])).toEqual([[1, 60]]);

    // a plaintext position cannot come back: the sealed columns take only ciphertexts, the payload no position
    await expect(db.query(`UPDATE care_order SET check_in_fix_enc = '{"lat":30.5}' WHERE id = $1`, [ids.a])).rejects.toThrow(/care_order_fix_sealed/);
    await expect(db.query(`UPDATE care_visit_step SET payload = '{"position":{"lat":30.5,"lon":105.5}}' WHERE kind = 'check_in'`)).rejects.toThrow(/payload_no_position/);
  });

  it('tags every care table and each sealed column with its personal-data category', async () => {
    const tables = await q<{ t: string; tag: string | null }>(
      `SELECT c.relname AS t, obj_description(c.oid, 'pg_class') AS tag FROM pg_class c WHERE c.relkind = 'r' AND c.relname LIKE 'care\\_%' ORDER BY 1`);
    expect(tables.length).toBeGreaterThanOrEqual(11);
    for (const t of tables) expect(t.tag, t.t).toMatch(/^pii:(none|general) \S/);
    const cols = await q<{ col: string; type: string; tag: string | null }>(
      `SELECT c.relname || '.' || a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, col_description(c.oid, a.attnum) AS tag
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relname LIKE 'care\\_%' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attname ~ '(lat|lng|lon|position|fix|measures|diagnosis|medication|allergies|chronic|answers|health|phone|citizen|face)'`);
    expect(cols.map((c) => c.col).sort()).toEqual(['care_order.check_in_fix_enc', 'care_order.check_out_fix_enc', 'care_photo.fix_enc', 'care_visit_step.fix_enc']);
    for (const c of cols) {
      expect(c.tag, c.col).toMatch(/^pii:location \S/);
      expect(c.type, c.col).toBe('text');
    }
    // every column of the care tables tagged identity, biometric, health or location is a sealed (or hashed) text
    const sensitive = await q<{ col: string; type: string }>(
      `SELECT c.relname || '.' || a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relname LIKE 'care\\_%' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND col_description(c.oid, a.attnum) ~ '^pii:(identity|biometric|health|location) '`);
    expect(sensitive.map((c) => c.col).sort()).toEqual(['care_order.check_in_fix_enc', 'care_order.check_out_fix_enc', 'care_photo.fix_enc', 'care_plan.needs_enc', 'care_visit_step.fix_enc']);
    for (const c of sensitive) expect([c.col.endsWith('_enc') || c.col.endsWith('_hash'), c.type]).toEqual([true, 'text']);
  });
});
