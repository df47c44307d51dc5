import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA_CATEGORIES, readPersonalData } from '../src/db/personal-data.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

describe('the personal-data inventory in the schema (SECURITY.md)', () => {
  it('classifies every table, every sensitive-looking column, and stores every sensitive one sealed', async () => {
    const { columns, findings } = await ctx.asOwner((db) => readPersonalData(db));
    expect(findings).toEqual([]);
    const of = (t: string, c: string) => columns.find((x) => x.table === t && x.column === c);
    expect(of('person', 'citizen_id_enc')).toMatchObject({ category: 'identity', taggedOnColumn: true, sealed: true });
    expect(of('person', 'name')).toMatchObject({ category: 'general', taggedOnColumn: false });
    expect(of('building', 'lat')).toMatchObject({ category: 'none', taggedOnColumn: true });
    // every sensitive category that holds data today is sealed
    for (const c of columns.filter((x) => x.category && PERSONAL_DATA_CATEGORIES[x.category].sensitive)) expect(c.sealed, `${c.table}.${c.column}`).toBe(true);
  });

  it('fails on a new sensitive column left untagged, tagged but in plaintext, and on an untagged table', async () => {
    const key = (f: { rule: string; table: string; column: string | null }) => `${f.rule} ${f.table} ${f.column}`;
    const before = new Set((await ctx.asOwner((db) => readPersonalData(db))).findings.map(key));
    const added = async () => (await ctx.asOwner((db) => readPersonalData(db))).findings.filter((f) => !before.has(key(f)));
    await ctx.asOwner(async (db) => {
      await db.query(`ALTER TABLE person ADD COLUMN blood_type text`);
      await db.query(`CREATE TABLE visitor_note (id int, body text)`);
    });
    let findings = await added();
    expect(findings.map((f) => [f.rule, f.table, f.column])).toEqual([
      ['column_untagged', 'person', 'blood_type'],
      ['table_untagged', 'visitor_note', null],
    ]);
    expect(findings[0]!.message).toContain('person.blood_type');

    await ctx.asOwner(async (db) => {
      await db.query(`COMMENT ON COLUMN person.blood_type IS 'pii:health 血型'`);
      await db.query(`COMMENT ON TABLE visitor_note IS 'pii:secret 访客'`);
    });
    findings = await added();
    expect(findings.map((f) => [f.rule, f.table, f.column])).toEqual([
      ['not_sealed', 'person', 'blood_type'],
      ['unknown_category', 'visitor_note', null],
    ]);
    expect(findings[0]!.message).toContain('医疗健康信息');

    await ctx.asOwner(async (db) => {
      await db.query(`ALTER TABLE person RENAME COLUMN blood_type TO blood_type_enc`);
      await db.query(`COMMENT ON TABLE visitor_note IS 'pii:general 访客'`);
    });
    findings = await added();
    expect(findings).toEqual([]);
  });
});
