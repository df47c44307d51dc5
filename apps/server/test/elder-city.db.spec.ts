import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedElderCity, verifyElderCity } from '../src/seed/elder-city.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * `linli seed --elder-scale city` at a small scale: elders with assessments and archives, care
 * visits with exceptions, generated in SQL through the aggregate triggers — the pre-aggregated
 * figures equal a live GROUP BY, and a second run adds nothing.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

const count = (sql: string) => ctx.asOwner(async (db) => Number((await db.query<{ n: number }>(sql)).rows[0]!.n));

describe('elder city scale', () => {
  it('loads elders, assessments, archives and visits whose aggregates equal a live GROUP BY; a re-run adds nothing', async () => {
    await ctx.asOwner((db) => seedElderCity(db, ctx.cipher, { elders: 300, visits: 3000 }, () => undefined));
    expect(await count(`SELECT count(*) AS n FROM elder_archive a JOIN person p ON p.id = a.person_id WHERE p.notes = 'elder-city'`)).toBe(300);
    expect(await count(`SELECT count(*) AS n FROM elder_assessment a JOIN person p ON p.id = a.person_id WHERE p.notes = 'elder-city' AND a.status = 'signed'`)).toBe(300);
    // the assessments' health part is sealed and opens with the key (no answers: generated levels)
    const token = await ctx.asOwner(async (db) => (await db.query<{ h: string }>(`SELECT health_enc AS h FROM elder_assessment LIMIT 1`)).rows[0]!.h);
    expect(token).toMatch(/^v1:/);
    expect(ctx.services.elder.sealed.openAssessment(token)).toMatchObject({ answers: {}, adjustments: [] });
    // every archive carries its assessment's level
    expect(await count(`SELECT count(*) AS n FROM elder_archive e JOIN elder_assessment a ON a.id = e.current_assessment_id WHERE e.current_level = a.final_level`)).toBe(300);
    const v = await verifyElderCity(ctx.db);
    expect(v).toMatchObject({ elderStatsEqual: true, careFiguresEqual: true });
    expect(v.visits).toBeGreaterThanOrEqual(3000);
    expect(await count('SELECT sum(n) AS n FROM elder_stats')).toBeGreaterThan(0);
    // the load wrote no per-row change log (the triggers are back on afterwards)
    expect(await count(`SELECT count(*) AS n FROM pg_trigger WHERE tgname IN ('person_change', 'elder_archive_change', 'care_order_change') AND tgenabled = 'D'`)).toBe(0);
    await ctx.asOwner((db) => seedElderCity(db, ctx.cipher, { elders: 300, visits: 3000 }, () => undefined));
    expect(await count(`SELECT count(*) AS n FROM person WHERE notes = 'elder-city'`)).toBe(300);
    expect((await verifyElderCity(ctx.db)).visits).toBe(v.visits);
  });
});
