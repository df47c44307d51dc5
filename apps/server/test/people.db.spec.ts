import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../src/standards/citizen-id.js';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let worker: Agent;
let grid: string;
beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] })).username);
  grid = (await nodeByCode(ctx, '510903001001001')).id;
});
afterAll(() => ctx?.close());

describe('registering people', () => {
  it('registers a person with a citizen ID: birth date and gender come from the number, the ID and phone are shown masked', async () => {
    const id = freshCitizenId({ birthDate: '1948-07-16', gender: 2 });
    const r = await worker.post('/api/people', { name: '王秀英', citizenId: id, phone: '+86 139-0825-1234', jurisdictionId: grid, tags: ['elderly_alone'], ethnicity: '01' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: '王秀英', namePinyin: 'wangxiuying', gender: 2, birthDate: '1948-07-16',
      citizenIdMasked: `${id.slice(0, 6)}********${id.slice(-4)}`, phoneMasked: '139****1234',
      tags: ['elderly_alone'], jurisdiction: { name: '第一网格', level: 'grid' },
    });
    expect(JSON.stringify(r.body)).not.toContain(id);
  });

  it.each([
    ['a wrong check character', { citizenId: '11010519491231002' + '1' }, 'citizenId', /校验码/],
    ['an impossible birth date', { citizenId: (() => { const f = '51090319500230123'; return f + checkCharacter(f); })() }, 'citizenId', /出生日期/],
    ['an Excel-mangled number', { citizenId: '5.10903E+17' }, 'citizenId', /Excel/],
    ['a gender that contradicts the number', { citizenId: freshCitizenId({ gender: 1 }), gender: 2 }, 'gender', /性别/],
    ['a birth date that contradicts the number', { citizenId: freshCitizenId({ birthDate: '1950-03-05' }), birthDate: '1951-03-05' }, 'birthDate', /出生日期/],
    ['an unknown ethnicity code', { ethnicity: '77' }, 'ethnicity', /民族/],
    ['an unknown tag', { tags: ['vip'] }, 'tags.0', /标签/],
  ])('refuses %s with 422 naming the field, storing nothing', async (_label, extra, field, message) => {
    const before = (await worker.get('/api/people?q=错误样例')).body.total;
    const r = await worker.post('/api/people', { name: '错误样例', jurisdictionId: grid, ...extra });
    expect(r.status).toBe(422);
    const f = r.body.fields.find((x: { field: string }) => x.field === field);
    expect(f?.message).toMatch(message);
    expect(f?.messageEn).toBeTruthy();
    expect((await worker.get('/api/people?q=错误样例')).body.total).toBe(before);
  });

  it('refuses a second registration of the same citizen ID with 409', async () => {
    const id = freshCitizenId();
    await buildPerson(ctx, worker, { name: '李建华', citizenId: id });
    const again = await worker.post('/api/people', { name: '李建华', citizenId: id.toLowerCase(), jurisdictionId: grid });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CITIZEN_ID_DUPLICATE');
  });

  it('refuses a jurisdiction outside the worker’s own, and a street-level node', async () => {
    const anju = await nodeByCode(ctx, '510904001001001');
    expect((await worker.post('/api/people', { name: '越界', jurisdictionId: anju.id })).status).toBe(422);
    const street = await nodeByCode(ctx, '510903001');
    const r = await worker.post('/api/people', { name: '街道', jurisdictionId: street.id });
    expect(r.status).toBe(422);
  });

  it('rejects a concurrent edit with 409 and keeps the first', async () => {
    const p = await buildPerson(ctx, worker, { name: '赵大勇' });
    const first = await worker.patch(`/api/people/${p.id}`, { notes: '第一次修改', version: p.version });
    expect(first.status).toBe(200);
    const second = await worker.patch(`/api/people/${p.id}`, { notes: '第二次修改', version: p.version });
    expect(second.status).toBe(409);
    expect((await worker.get(`/api/people/${p.id}`)).body.notes).toBe('第一次修改');
  });
});

describe('finding people', () => {
  it('finds by pinyin initials, full pinyin, name prefix, exact citizen ID and phone — never by a partial ID', async () => {
    const id = freshCitizenId({ birthDate: '1962-01-09' });
    const p = await buildPerson(ctx, worker, { name: '张三丰', citizenId: id, phone: '13708251234' });
    const ids = async (url: string) => (await worker.get(url)).body.items.map((x: { id: string }) => x.id);
    expect(await ids('/api/people?q=zsf')).toContain(p.id);
    expect(await ids('/api/people?q=zhangsanf')).toContain(p.id);
    expect(await ids('/api/people?q=张三')).toContain(p.id);
    expect(await ids(`/api/people?q=${id}`)).toEqual([p.id]);
    expect(await ids('/api/people?q=13708251234')).toEqual([p.id]);
    expect(await ids(`/api/people?q=${id.slice(0, 10)}`)).toEqual([]);
  });

  it('filters by tag and age band, and pages by keyset', async () => {
    for (let i = 0; i < 3; i++) await buildPerson(ctx, worker, { name: `孙老${i}`, tags: ['empty_nest'], birthDate: '1940-01-0' + (i + 1) });
    const r = await worker.get('/api/people?tag=empty_nest&ageMin=80&limit=2');
    expect(r.body.items).toHaveLength(2);
    expect(r.body.total).toBe(3);
    const next = await worker.get(`/api/people?tag=empty_nest&ageMin=80&limit=2&cursor=${r.body.nextCursor}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    for (const x of [...r.body.items, ...next.body.items]) expect(x.age).toBeGreaterThanOrEqual(80);
    expect((await worker.get('/api/people?tag=empty_nest&ageMax=60')).body.total).toBe(0);
  });

  it('shows a district official the people of their district only', async () => {
    const p = await buildPerson(ctx, worker, { name: '钱船山' });
    const chuanshan = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510903'] })).username);
    const anju = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510904'] })).username);
    expect((await chuanshan.get(`/api/people/${p.id}`)).status).toBe(200);
    expect((await anju.get(`/api/people/${p.id}`)).status).toBe(404);
    expect((await anju.get('/api/people?q=钱船山')).body.items).toEqual([]);
  });
});

describe('the list filtered by jurisdiction', () => {
  it('filters by a node of one’s own, again from memory, and answers 404 for another’s node even once another user filtered by it', async () => {
    const mine = await buildPerson(ctx, worker, { node: '510903001001001', name: '筛选甲' });
    const city = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['5109'] })).username);
    const other = await nodeByCode(ctx, '510904001001');
    for (let i = 0; i < 2; i++) {
      const r = await worker.get(`/api/people?jurisdictionId=${grid}&q=${encodeURIComponent('筛选甲')}&limit=50`);
      expect(r.status).toBe(200);
      expect(r.body.items.map((p: { id: string }) => p.id)).toContain(mine.id);
      expect((await city.get(`/api/people?jurisdictionId=${other.id}&limit=1`)).status).toBe(200);
      expect((await worker.get(`/api/people?jurisdictionId=${other.id}&limit=1`)).status).toBe(404);
    }
  });

  it('answers every registry list’s jurisdiction filter the same way: its own node listed, another’s 404 even once remembered', async () => {
    const city = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['5109'] })).username);
    const other = await nodeByCode(ctx, '510904001001');
    for (const list of ['people', 'households', 'estates', 'buildings', 'houses', 'organizations', 'things', 'events']) {
      for (let i = 0; i < 2; i++) {
        expect((await city.get(`/api/${list}?jurisdictionId=${other.id}&limit=1`)).status, list).toBe(200);
        expect((await worker.get(`/api/${list}?jurisdictionId=${grid}&limit=1`)).status, list).toBe(200);
        expect((await worker.get(`/api/${list}?jurisdictionId=${other.id}&limit=1`)).status, list).toBe(404);
      }
    }
  });
});

describe('personal data', () => {
  it('unmasks only with the permission and a reason, and audits it', async () => {
    const id = freshCitizenId();
    const p = await buildPerson(ctx, worker, { name: '周明', citizenId: id, phone: '13900001111' });
    const noReason = await worker.post(`/api/people/${p.id}/unmask`, { fields: ['citizenId'], reason: '' });
    expect(noReason.status).toBe(422);
    const r = await worker.post(`/api/people/${p.id}/unmask`, { fields: ['citizenId', 'phone'], reason: '办理低保核对身份' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ citizenId: id, phone: '13900001111' });
    const official = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510903'] })).username);
    expect((await official.post(`/api/people/${p.id}/unmask`, { fields: ['citizenId'], reason: '查看一下身份' })).status).toBe(403);
    const { rows } = await ctx.asOwner((db) => db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'person.unmask' AND object_id = $1`, [p.id]));
    expect(rows).toEqual([{ reason: '办理低保核对身份' }]);
  });

  it('audits exactly one row for one read of a person', async () => {
    const p = await buildPerson(ctx, worker, { name: '吴敏' });
    const count = async () => (await ctx.asOwner((db) => db.query(`SELECT 1 FROM audit_log WHERE action = 'person.read' AND object_id = $1`, [p.id]))).rows.length;
    const before = await count();
    await worker.get(`/api/people/${p.id}`);
    expect((await count()) - before).toBe(1);
  });

  it('keeps a change history: who, when, old → new, without ciphertexts', async () => {
    const p = await buildPerson(ctx, worker, { name: '郑海' });
    await worker.patch(`/api/people/${p.id}`, { name: '郑海涛', phone: '13811112222', version: p.version });
    const h = (await worker.get(`/api/people/${p.id}/history`)).body.items;
    expect(h[0].op).toBe('update');
    expect(h[0].fields).toEqual(expect.arrayContaining([{ field: 'name', from: '郑海', to: '郑海涛' }, { field: 'phoneMasked', from: null, to: '138****2222' }]));
    expect(JSON.stringify(h)).not.toMatch(/phoneEnc|phoneHash|13811112222/);
    expect(h[0].changedByName).toBeTruthy();
    expect(h.at(-1).op).toBe('insert');
  });

  it('a full dump of the database holds no string that passes the citizen ID checksum', async () => {
    await buildPerson(ctx, worker, { name: '冯雪', citizenId: freshCitizenId({ gender: 2 }) });
    const tables = (await ctx.asOwner((db) => db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`))).rows;
    const valid = (s: string) => s.length === 18 && checkCharacter(s.slice(0, 17)) === s[17];
    // An ID stands as a token of its own; runs of digits inside hex hashes or base64 ciphertext
    // (which pass the checksum by chance one time in eleven) are not IDs.
    for (const { t } of tables) {
      const { rows } = await ctx.asOwner((db) => db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM ${t} x`));
      for (const r of rows) for (const m of r.j.match(/(?<![0-9A-Za-z+/])\d{17}[\dX](?![0-9A-Za-z+/])/g) ?? []) expect(valid(m), `${t} holds ${m.slice(0, 6)}…`).toBe(false);
    }
  });
});
