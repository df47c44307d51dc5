import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_LIMITS } from '../src/modules/exports/exports.service.js';
import { today } from '../src/shared/dates.js';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * The care lists (服务工单, 核查异常) and the elder list (老人档案) export like the registry's: the
 * rows the list shows within the user's jurisdiction, masked, nothing of a sibling district; a
 * list nobody registered is refused naming the field.
 */
let ctx: TestContext;
let staff: Agent; // community worker and elder-care staff of 船山区 (510903)
let anju: Agent; // the same of 安居区 (510904): the sibling district
const PHONE = '13908257788';

const ok = async (r: Promise<{ status: number; body: any }>) => {
  const res = await r;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** An elder with an archive, a provider of the district and three days of meal visits for them. */
async function elderWithVisits(agent: Agent, grid: string, district: string, name: string) {
  const node = await nodeByCode(ctx, grid);
  const person = await buildPerson(ctx, agent, { node: grid, name, birthDate: '1944-03-01', gender: 1, phone: PHONE, citizenId: freshCitizenId({ birthDate: '1944-03-01', gender: 1 }) });
  const estate = await ok(agent.post('/api/estates', { name: `${name}小区`, jurisdictionId: node.id }));
  const building = await ok(agent.post('/api/buildings', { name: '1栋', estateId: estate.id, jurisdictionId: node.id, floors: 6, unitCount: 1, lat: 30.53, lon: 105.59 }));
  const house = await ok(agent.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 1, number: '101' }));
  await ok(agent.post(`/api/people/${person.id}/houses`, { houseId: house.id, kind: 'resident', validFrom: '2010-01-01' }));
  await ok(agent.request('PUT', `/api/elder/elders/${person.id}/archive`, { livingSituation: 'alone', subsidies: ['high_age'] }));
  const org = await ok(agent.post('/api/organizations', { name: `${name}服务中心`, type: 'social_org', jurisdictionId: node.id }));
  const provider = await ok(agent.post('/api/care/providers', { organizationId: org.id, serviceAreaIds: [(await nodeByCode(ctx, district)).id] }));
  const to = new Date(Date.parse(`${today()}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  const plan = await ok(agent.post('/api/care/plans', {
    personId: person.id, providerId: provider.id, periodFrom: today(), periodTo: to, items: [{ serviceCode: 'meal', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00' }],
  }));
  await ok(agent.post(`/api/care/plans/${plan.id}/generate`));
  // one exception on the first visit, as the check-in rule raises it
  await ctx.asOwner((db) => db.query(
    `INSERT INTO care_exception (path, district_code, order_id, provider_id, day, kind, detail)
     SELECT path, district_code, id, provider_id, scheduled_date, 'check_in_distance', '{"distanceM": 420}'::jsonb
       FROM care_order WHERE person_id = $1 ORDER BY scheduled_at LIMIT 1`,
    [person.id],
  ));
  return person.id;
}

const pageSize = EXPORT_LIMITS.pageSize;
beforeAll(async () => {
  // pages of two rows: every export below reads several keyset pages
  EXPORT_LIMITS.pageSize = 2;
  ctx = await setupTestContext();
  staff = await login(ctx, (await buildUser(ctx, { roles: ['community_worker', 'eldercare_staff'], nodes: ['510903'] })).username);
  anju = await login(ctx, (await buildUser(ctx, { roles: ['community_worker', 'eldercare_staff'], nodes: ['510904'] })).username);
  await elderWithVisits(staff, '510903001001001', '510903', '导出老人甲');
  await elderWithVisits(staff, '510903001001001', '510903', '导出老人乙');
  await elderWithVisits(anju, '510904001001001', '510904', '导出邻老人');
}, 120_000);
afterAll(async () => {
  EXPORT_LIMITS.pageSize = pageSize;
  await ctx?.close();
});

/** Exports a list masked, waits for the file and reads its first sheet back. */
async function exported(agent: Agent, resource: string, filters: Record<string, unknown>) {
  const job = await ok(agent.post('/api/exports', { resource, filters }));
  await ctx.services.exports.settled(job.id);
  expect((await ok(agent.get(`/api/exports/${job.id}`))).status).toBe('ready');
  const res = await ctx.app.inject({ method: 'POST', url: `/api/exports/${job.id}/download`, headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf }, payload: {} });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return { job, header: rows[0]!, rows: rows.slice(1), sheet: wb.worksheets[0]!.name, raw: res.rawPayload.toString('latin1') };
}

const sorted = (xs: string[]) => [...xs].sort();

describe('exports of the elder and care lists', () => {
  it('exports the elder list as the list shows it: same elders, masked phone and ID, no sibling district', async () => {
    const list = await ok(staff.get(`/api/elder/elders?q=${encodeURIComponent('导出')}&pageSize=200`));
    expect(list.items.length).toBe(2);
    const x = await exported(staff, 'elders', { q: '导出' });
    expect(x.sheet).toBe('老人档案');
    expect(x.job).toMatchObject({ resource: 'elders', resourceName: '老人档案' });
    expect(x.header.slice(0, 5)).toEqual(['姓名', '性别', '年龄', '公民身份号码', '联系电话']);
    expect(sorted(x.rows.map((r) => r[0]!))).toEqual(sorted(list.items.map((i: { name: string }) => i.name)));
    expect(x.rows.map((r) => r[0])).not.toContain('导出邻老人');
    for (const r of x.rows) {
      const item = list.items.find((i: { name: string }) => i.name === r[0]);
      expect(r[3]).toBe(item.citizenIdMasked);
      expect(r[4]).toBe(item.phoneMasked);
      expect(r[3]).toMatch(/\*{4}/);
      expect(r[4]).toContain('*');
    }
    expect(x.raw).not.toContain(PHONE);
    expect(x.rows[0]![5]).toBe('独居');
  });

  it('exports the service orders of the jurisdiction, keyset page by page, as the list shows them', async () => {
    const list = await ok(staff.get('/api/care/orders?pageSize=100'));
    expect(list.total).toBe(6);
    const x = await exported(staff, 'care_orders', {});
    expect(x.header[0]).toBe('服务对象');
    expect(x.rows.length).toBe(6);
    expect(sorted(x.rows.map((r) => `${r[0]}|${r[1]}|${r[6]}`))).toEqual(sorted(list.items.map((o: { personName: string; serviceName: string }) => `${o.personName}|${o.serviceName}|待派单`)));
    expect(x.rows.map((r) => r[0])).not.toContain('导出邻老人');
    // filtered as on screen: one elder's visits only
    const one = await exported(staff, 'care_orders', { q: '导出老人甲' });
    expect(new Set(one.rows.map((r) => r[0]))).toEqual(new Set(['导出老人甲']));
  });

  it('exports the visit exceptions of the jurisdiction with their kind in Chinese', async () => {
    const list = await ok(staff.get('/api/care/exceptions?pageSize=100'));
    expect(list.items.length).toBe(2);
    const x = await exported(staff, 'care_exceptions', { status: 'open' });
    expect(sorted(x.rows.map((r) => r[1]!))).toEqual(sorted(list.items.map((i: { personName: string }) => i.personName)));
    expect(x.rows.every((r) => r[5] === '签到位置超出范围' && r[6] === '待处理')).toBe(true);
    const sibling = await exported(anju, 'care_exceptions', {});
    expect(sibling.rows.map((r) => r[1])).toEqual(['导出邻老人']);
  });

  it('refuses a list nobody registered, and a filter the list does not take, naming the field', async () => {
    const before = await ctx.asOwner((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM export_job'));
    const unknown = await staff.post('/api/exports', { resource: 'pets', filters: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'EXPORT_UNKNOWN_LIST', fields: [{ field: 'resource' }] });
    expect(unknown.body.message).toContain('pets');
    const badLevel = await staff.post('/api/exports', { resource: 'elders', filters: { level: 9 } });
    expect(badLevel.status).toBe(422);
    expect(badLevel.body.fields.map((f: { field: string }) => f.field)).toContain('filters.level');
    expect((await staff.post('/api/exports', { resource: 'care_orders', filters: { page: 2 } })).status).toBe(400);
    // the service orders have nothing to unmask: an unmasked request is refused
    const unmasked = await staff.post('/api/exports', { resource: 'care_orders', filters: {}, masked: false, reason: '核对服务工单名单' });
    expect(unmasked.body.code).toBe('EXPORT_NOTHING_TO_UNMASK');
    const after = await ctx.asOwner((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM export_job'));
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe('the elder list: the order on screen, and unmasked with approval', () => {
  const NAMES = ['排序老人甲', '排序老人乙', '排序老人丙', '排序老人丁', '排序老人戊'];
  const BORN = ['1940-05-01', '1950-01-02', '1945-07-03', '1938-11-04', '1945-07-03'];
  const LEVELS = [3, null, 1, null, 3];
  const ids: string[] = [];
  const citizenIds: string[] = [];
  beforeAll(async () => {
    for (const [i, name] of NAMES.entries()) {
      const citizenId = freshCitizenId({ birthDate: BORN[i]!, gender: 2 });
      const p = await buildPerson(ctx, staff, { node: '510903001001001', name, birthDate: BORN[i], gender: 2, phone: `1390825${String(1000 + i)}`, citizenId });
      await ok(staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'children' }));
      ids.push(p.id);
      citizenIds.push(citizenId);
    }
    // levels as a signed assessment leaves them (the list sorts by them; NULL = not assessed)
    await ctx.asOwner((db) => db.query(
      `UPDATE elder_archive a SET current_level = l.level, current_assessed_at = CASE WHEN l.level IS NULL THEN NULL ELSE now() - l.n * interval '1 day' END
         FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS l(id, level, n) WHERE a.person_id = l.id`,
      [ids, LEVELS],
    ));
  }, 120_000);

  it('writes the file in the order on screen for every sort, both ways, across keyset pages (NULLs last as on screen)', async () => {
    for (const sort of ['name', 'age', 'level', 'assessed'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const list = await ok(staff.get(`/api/elder/elders?q=${encodeURIComponent('排序老人')}&sort=${sort}&order=${order}&pageSize=200`));
        expect(list.items).toHaveLength(5);
        const x = await exported(staff, 'elders', { q: '排序老人', sort, order });
        // five rows in pages of two: three keyset pages
        expect({ sort, order, names: x.rows.map((r) => r[0]) }).toEqual({ sort, order, names: list.items.map((i: { name: string }) => i.name) });
      }
    }
    // the screen's level order, written out: NULLs last both ways
    const desc = await exported(staff, 'elders', { q: '排序老人', sort: 'level', order: 'desc' });
    expect(desc.rows.map((r) => r[7]).slice(-2)).toEqual(['未评估', '未评估']);
    const asc = await exported(staff, 'elders', { q: '排序老人', sort: 'level', order: 'asc' });
    expect(asc.rows.map((r) => r[7]).slice(-2)).toEqual(['未评估', '未评估']);
    // the sort is named among the filters of the job
    expect(desc.job.filters).toMatchObject({ sort: 'level', order: 'desc' });
    const bad = await staff.post('/api/exports', { resource: 'elders', filters: { sort: 'citizenId' } });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('filters.sort');
  });

  it('exports the elders unmasked only once another user approves; the requester downloads the plaintext, audited', async () => {
    const official = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510903'] })).username);
    const created = await staff.post('/api/exports', { resource: 'elders', filters: { q: '排序老人', sort: 'age', order: 'asc' }, masked: false, reason: '高龄津贴发放核对身份' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'pending', masked: false, resourceName: '老人档案' });
    const id = created.body.id as string;
    const download = (agent: Agent) => ctx.app.inject({ method: 'POST', url: `/api/exports/${id}/download`, headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf }, payload: {} });
    expect((await download(staff)).statusCode).toBe(409);
    // not by the requester; by another user whose jurisdiction covers it
    expect((await staff.post(`/api/exports/${id}/decision`, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await anju.post(`/api/exports/${id}/decision`, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await official.post(`/api/exports/${id}/decision`, { decision: 'approve', note: '同意', version: 1 })).status).toBe(200);
    expect((await download(official)).statusCode).toBe(403);
    const res = await download(staff);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const body = rows.slice(1);
    // the plaintext ID and phone of each elder, in the order on screen (age ascending)
    const list = await ok(staff.get(`/api/elder/elders?q=${encodeURIComponent('排序老人')}&sort=age&order=asc&pageSize=200`));
    expect(body.map((r) => r[0])).toEqual(list.items.map((i: { name: string }) => i.name));
    for (const r of body) {
      const i = NAMES.indexOf(r[0]!);
      expect(r[3]).toBe(citizenIds[i]);
      expect(r[4]).toBe(`1390825${String(1000 + i)}`);
    }
    const audited = await ctx.asOwner(async (db) => (await db.query<{ action: string; detail: { masked: boolean; resource: string } }>(
      `SELECT action, detail FROM audit_log WHERE object_id = $1 ORDER BY id`, [id])).rows);
    expect(audited.map((a) => a.action)).toEqual(['export.request', 'export.approve', 'export.download']);
    expect(audited[2]!.detail).toMatchObject({ resource: 'elders', masked: false });
  });
});
