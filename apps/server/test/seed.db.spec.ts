import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPersonalData, sealedAad } from '../src/db/personal-data.js';
import { withScope, systemScope } from '../src/db/scope.js';
import { ensureBaseData } from '../src/runtime.js';
import { CARE_DEMO_ACCOUNTS } from '../src/seed/care-demo.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.js';
import { CITIZEN_ID_COLUMN } from '../src/modules/registry/people.service.js';
import { parseCitizenId } from '../src/standards/citizen-id.js';
import { agentFor, login } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestContext();
});
afterAll(() => ctx?.close());

describe('base data', () => {
  it('holds the real Suining division tree from the package, with validity dates', async () => {
    const { rows } = await withScope(ctx.db, systemScope('test'), (tx) =>
      tx.query<{ level: string; n: number }>(`SELECT level, count(*)::int AS n FROM jurisdiction_node GROUP BY level`),
    );
    const counts = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(counts.city).toBe(1);
    expect(counts.district).toBe(5);
    expect(counts.street).toBe(95);
    expect(counts.community).toBe(1445);
    expect(counts.grid).toBeGreaterThanOrEqual(15);
    const { rows: cs } = await withScope(ctx.db, systemScope('test'), (tx) =>
      tx.query<{ name: string; path_names: string[]; valid_from: string }>(`SELECT name, path_names, valid_from FROM jurisdiction_node WHERE code = '510903001001'`),
    );
    expect(cs[0]).toEqual({ name: '电江路社区', path_names: ['遂宁市', '船山区', '南津路街道', '电江路社区'], valid_from: '2023-01-01' });
  });

  it('creates no account outside demo mode', async () => {
    await ensureBaseData(ctx.db, ctx.services, { ...ctx.config, mode: 'production' }, ctx.cipher);
    expect(await ctx.services.users.count()).toBe(0);
    const r = await agentFor(ctx).post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    expect(r.status).toBe(401);
  });

  it('creates the twelve demo accounts (and the care providers’ three) in demo mode, each in its jurisdiction', async () => {
    await ensureBaseData(ctx.db, ctx.services, { ...ctx.config, mode: 'demo' }, ctx.cipher);
    expect(await ctx.services.users.count()).toBe(DEMO_ACCOUNTS.length + CARE_DEMO_ACCOUNTS.length);
    const worker = await login(ctx, 'worker', DEMO_PASSWORD);
    const me = (await worker.get('/api/auth/me')).body;
    expect(me.jurisdictions).toEqual([expect.objectContaining({ code: '510903001001', level: 'community' })]);
    const grid = await login(ctx, 'grid', DEMO_PASSWORD);
    expect((await grid.get('/api/auth/me')).body.jurisdictions[0]).toMatchObject({ level: 'grid', code: '510903001001001' });
    const anju = await login(ctx, 'anju', DEMO_PASSWORD);
    const roots = (await anju.get('/api/jurisdictions')).body.items;
    expect(roots.map((n: { name: string }) => n.name)).toEqual(['安居区']);
    // the whole demo seed (registry and every module's pilot data, with four weeks of care visits and their photos) runs inside this test
  }, 300_000);
});

describe('the pilot registry (demo data)', () => {
  it('has the pilot’s size: about 1,780 residents, 1,005 houses and 500 other records, with valid IDs, families, tenants and elderly living alone', async () => {
    const count = async (sql: string) => (await ctx.asOwner((db) => db.query<{ n: number }>(sql))).rows[0]!.n;
    const people = await count('SELECT count(*)::int AS n FROM person');
    expect(people).toBeGreaterThanOrEqual(1780);
    expect(people).toBeLessThan(1790);
    const houses = await count('SELECT count(*)::int AS n FROM house');
    expect(houses).toBeGreaterThan(950);
    expect(houses).toBeLessThan(1060);
    const others = await count(`SELECT (SELECT count(*) FROM organization) + (SELECT count(*) FROM thing) + (SELECT count(*) FROM work_item) AS n`);
    expect(others).toBeGreaterThan(450);
    expect(others).toBeLessThan(600);
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE 'elderly_alone' = ANY(tags)`)).toBeGreaterThan(20);
    expect(await count(`SELECT count(*)::int AS n FROM person_house WHERE kind = 'tenant'`)).toBeGreaterThan(50);
    expect(await count(`SELECT count(*)::int AS n FROM household`)).toBeGreaterThan(300);
    // every ID decrypts to a number that passes GB 11643 and agrees with the stored birth date and gender
    const { rows } = await ctx.asOwner((db) => db.query<{ citizen_id_enc: string; birth_date: string; gender: number }>('SELECT citizen_id_enc, birth_date, gender FROM person LIMIT 200'));
    for (const p of rows) {
      const parsed = parseCitizenId(ctx.cipher.decrypt(p.citizen_id_enc, CITIZEN_ID_COLUMN));
      expect(parsed.ok && parsed.value.birthDate === p.birth_date && parsed.value.gender === p.gender).toBe(true);
    }
    // a worker of 电江路社区 finds residents by pinyin initials there
    const worker = await login(ctx, 'worker', DEMO_PASSWORD);
    const list = (await worker.get('/api/people?limit=5')).body;
    expect(list.total).toBeGreaterThan(100);
    const initials = list.items[0].namePinyin.slice(0, 1);
    expect((await worker.get(`/api/people?q=${initials}`)).body.items.length).toBeGreaterThan(0);
  });
});

describe('sealed personal data (demo data of every module)', () => {
  it('holds only ciphertext in every sealed column, and each opens with its column’s associated data (what a resident’s copy reads)', async () => {
    const { columns } = await ctx.asOwner((db) => readPersonalData(db));
    const sealed = columns.filter((c) => c.column.endsWith('_enc'));
    let opened = 0;
    const filled: string[] = [];
    for (const c of sealed) {
      const { rows } = await ctx.asOwner((db) => db.query<{ v: string }>(`SELECT "${c.column}"::text AS v FROM "${c.table}" WHERE "${c.column}" IS NOT NULL LIMIT 20`));
      if (rows.length) filled.push(`${c.table}.${c.column}`);
      for (const r of rows) {
        expect(r.v, `${c.table}.${c.column}`).toMatch(/^v\d+:/);
        expect(() => ctx.cipher.decrypt(r.v, sealedAad(c.table, c.column)), `${c.table}.${c.column}`).not.toThrow();
        opened++;
      }
    }
    // the demo data reaches the sealed columns of every module
    expect(filled).toEqual(expect.arrayContaining(['person.citizen_id_enc', 'elder_archive.health_enc', 'device_position.fix_enc', 'health_reading.measures_enc', 'care_order.check_in_fix_enc']));
    expect(opened).toBeGreaterThan(100);
  });
});

