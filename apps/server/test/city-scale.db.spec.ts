import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_ID_COLUMN } from '../src/modules/registry/people.service.js';
import { seedCityScale } from '../src/seed/city-scale.js';
import { parseCitizenId } from '../src/standards/citizen-id.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

describe('city-scale generator (benchmarks)', () => {
  it('bulk-loads the asked numbers of buildings, houses and people, every ID valid and distinct, each person living in a house', async () => {
    await ctx.asOwner((db) => seedCityScale(db, ctx.cipher, { buildings: 30, houses: 600, people: 1500 }, () => undefined));
    const { rows } = await ctx.asOwner((db) => db.query<{ b: number; h: number; p: number; ph: number; ids: number }>(
      `SELECT (SELECT count(*)::int FROM building) AS b, (SELECT count(*)::int FROM house) AS h, (SELECT count(*)::int FROM person) AS p,
              (SELECT count(*)::int FROM person_house) AS ph, (SELECT count(DISTINCT citizen_id_hash)::int FROM person) AS ids`));
    expect(rows[0]).toEqual({ b: 30, h: 600, p: 1500, ph: 1500, ids: 1500 });
    const sample = await ctx.asOwner((db) => db.query<{ citizen_id_enc: string; gender: number; birth_date: string }>('SELECT citizen_id_enc, gender, birth_date FROM person LIMIT 50'));
    for (const p of sample.rows) {
      const parsed = parseCitizenId(ctx.cipher.decrypt(p.citizen_id_enc, CITIZEN_ID_COLUMN));
      expect(parsed.ok && parsed.value.gender === p.gender && parsed.value.birthDate === p.birth_date).toBe(true);
    }
    // the bulk load turned triggers off for its own session only
    const { rows: mode } = await ctx.asOwner((db) => db.query<{ m: string }>(`SELECT current_setting('session_replication_role') AS m`));
    expect(mode[0]!.m).toBe('origin');
  });
});
