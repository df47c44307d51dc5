import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildPerson, buildRegistrySet, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Export of lists to Excel: a masked export equals the list on screen (same rows, same masking,
 * same jurisdiction); an unmasked export needs another user's approval, is downloaded only by its
 * requester within its limits, and every step is audited.
 */
let ctx: TestContext;
let worker: Agent; // community worker of 电江路社区 (510903001001): exports, may request unmasked
let colleague: Agent; // a second community worker of the same community (no approval right)
let approver: Agent; // street official of 510903001 (covers the community)
let farApprover: Agent; // district official of 安居区 (510904): does not cover it
let dualRole: Agent; // holds both the worker's and the approver's roles
let gridWorker: Agent; // grid worker: masked export only
let workerId: string;
const registered: { name: string; citizenId: string; phone: string }[] = [];

beforeAll(async () => {
  ctx = await setupTestContext();
  const w = await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] });
  workerId = w.id;
  worker = await login(ctx, w.username);
  colleague = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] })).username);
  approver = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: ['510903001'] })).username);
  farApprover = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510904'] })).username);
  dualRole = await login(ctx, (await buildUser(ctx, { roles: ['community_worker', 'street_official'], nodes: ['510903001001'] })).username);
  gridWorker = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] })).username);
  const siblingWorker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510904001001'] })).username);
  for (const [i, name] of ['导出甲', '导出乙', '导出丙', '导出丁', '导出戊'].entries()) {
    const citizenId = freshCitizenId({ birthDate: `19${50 + i}-0${i + 1}-1${i}`, gender: i % 2 ? 2 : 1 });
    const phone = `1390825${String(1000 + i)}`;
    await buildPerson(ctx, worker, { name, citizenId, phone, gender: i % 2 ? 2 : 1, tags: i === 0 ? ['elderly_alone'] : undefined });
    registered.push({ name, citizenId, phone });
  }
  // the same name prefix in the sibling district: must never appear in 船山区's export
  for (const name of ['导出邻甲', '导出邻乙']) await buildPerson(ctx, siblingWorker, { node: '510904001001001', name, citizenId: freshCitizenId(), phone: '13908259999' });
}, 120_000);
afterAll(() => ctx?.close());

/** Waits for a masked export's background job and returns the finished job. */
async function finished(agent: Agent, id: string) {
  await ctx.services.exports.settled(id);
  const r = await agent.get(`/api/exports/${id}`);
  expect(r.status).toBe(200);
  return r.body;
}

/** Downloads an export as the agent and reads the workbook back. */
async function download(agent: Agent, id: string) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/exports/${id}/download`, headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf }, payload: {} });
  if (res.statusCode !== 200) return { status: res.statusCode, body: res.json(), rows: [] as string[][], info: [] as string[][], raw: '' };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheetRows = (n: number) => {
    const out: string[][] = [];
    wb.worksheets[n]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return out;
  };
  return {
    status: 200, body: null, rows: sheetRows(0), info: sheetRows(1), raw: res.rawPayload.toString('latin1'),
    disposition: String(res.headers['content-disposition']), sheetName: wb.worksheets[0]!.name,
  };
}

describe('masked export', () => {
  it('writes the list the user sees: same rows in the same order, masked, with Chinese headers, and nothing of a sibling jurisdiction', async () => {
    const list = await worker.get(`/api/people?q=${encodeURIComponent('导出')}&limit=200`);
    expect(list.body.items).toHaveLength(5);
    const created = await worker.post('/api/exports', { resource: 'people', filters: { q: '导出' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'running', masked: true, resource: 'people', resourceName: '人口' });
    const job = await finished(worker, created.body.id);
    expect(job).toMatchObject({ status: 'ready', rowsWritten: 5, rowsExpected: 5, downloads: 0 });
    expect(job.fileSize).toBeGreaterThan(1000);

    const file = await download(worker, job.id);
    expect(file.status).toBe(200);
    expect(file.sheetName).toBe('人口');
    expect(decodeURIComponent(file.disposition!.split("UTF-8''")[1]!)).toMatch(/^人口_\d{12}\.xlsx$/);
    const [header, ...rows] = file.rows;
    expect(header!.slice(0, 7)).toEqual(['姓名', '性别', '出生日期', '年龄', '民族', '公民身份号码', '联系电话']);
    const col = (h: string) => header!.indexOf(h);
    expect(rows.map((r) => r[col('姓名')])).toEqual(list.body.items.map((p: { name: string }) => p.name));
    expect(rows.map((r) => r[col('公民身份号码')])).toEqual(list.body.items.map((p: { citizenIdMasked: string }) => p.citizenIdMasked));
    expect(rows.map((r) => r[col('联系电话')])).toEqual(list.body.items.map((p: { phoneMasked: string }) => p.phoneMasked));
    expect(rows.map((r) => r[col('性别')])).toEqual(list.body.items.map((p: { gender: number }) => (p.gender === 1 ? '男' : '女')));
    const jia = rows.find((r) => r[col('姓名')] === '导出甲')!;
    expect(jia[col('人群标签')]).toBe('独居老人');
    expect(jia[col('状态')]).toBe('在册');
    expect(jia[col('所属辖区')]).toContain('第一网格');
    expect(rows.map((r) => r[0])).not.toContain('导出邻甲');
    // masked means masked: no full ID or phone anywhere in the file
    for (const p of registered) {
      expect(rows.flat()).not.toContain(p.citizenId);
      expect(rows.flat()).not.toContain(p.phone);
    }
    expect(file.info).toContainEqual(['记录数', '5']);
    expect(file.info).toContainEqual(['列表', '人口']);
  });

  it('covers only the caller’s jurisdiction when exporting without filters', async () => {
    const created = await gridWorker.post('/api/exports', { resource: 'people', filters: {} });
    expect(created.status).toBe(200);
    const job = await finished(gridWorker, created.body.id);
    expect(job.jurisdictionName).toBe('第一网格');
    const file = await download(gridWorker, job.id);
    const names = file.rows.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(registered.map((p) => p.name)));
    expect(names).not.toContain('导出邻甲');
    expect(names).not.toContain('导出邻乙');
  });

  it('exports every registry list with its Chinese headers and the rows its list endpoint returns', async () => {
    await buildRegistrySet(ctx, worker, { community: '510903001001', grid: '510903001001001', tag: '导出' });
    const cases: [string, string, string][] = [
      ['households', '/api/households?limit=200', '户号'], ['estates', '/api/estates?limit=500', '小区名称'],
      ['buildings', '/api/buildings?limit=500', '楼栋'], ['houses', '/api/houses?limit=500', '房屋'],
      ['organizations', '/api/organizations?limit=500', '单位名称'], ['things', '/api/things?limit=500', '名称'],
      ['events', '/api/events?limit=500', '标题'],
    ];
    for (const [resource, url, firstHeader] of cases) {
      const list = await worker.get(url);
      expect(list.body.items.length).toBeGreaterThan(0);
      const created = await worker.post('/api/exports', { resource, filters: {} });
      expect(created.status).toBe(200);
      const job = await finished(worker, created.body.id);
      expect(job.status).toBe('ready');
      const file = await download(worker, job.id);
      expect(file.rows[0]![0]).toBe(firstHeader);
      expect(file.rows.length - 1).toBe(list.body.items.length);
    }
    const things = await download(worker, (await finished(worker, (await worker.post('/api/exports', { resource: 'things', filters: { kind: 'hydrant' } })).body.id)).id);
    expect(things.rows[1]![1]).toBe('消防栓');
  });

  it('refuses bad filters with 422 naming the field, and undeclared fields with 400, storing nothing', async () => {
    const before = (await worker.get('/api/exports?limit=100')).body.items.length;
    const bad = await worker.post('/api/exports', { resource: 'people', filters: { ageMin: 200 } });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('filters.ageMin');
    expect((await worker.post('/api/exports', { resource: 'people', filters: { salary: 1 } })).status).toBe(400);
    expect((await worker.post('/api/exports', { resource: 'pets', filters: {} })).status).toBe(422);
    expect((await worker.get('/api/exports?limit=100')).body.items.length).toBe(before);
  });

  it('a jurisdiction filter outside the caller’s own is not found', async () => {
    const anju = await nodeByCode(ctx, '510904001001');
    const r = await worker.post('/api/exports', { resource: 'people', filters: { jurisdictionId: anju.id } });
    expect(r.status).toBe(404);
  });

  it('records who exported which list with which filters and how many rows', async () => {
    const created = await worker.post('/api/exports', { resource: 'people', filters: { q: '导出', gender: 2 } });
    const job = await finished(worker, created.body.id);
    await download(worker, job.id);
    const { rows } = await ctx.asOwner((db) =>
      db.query<{ action: string; actor_id: string; detail: Record<string, unknown> }>('SELECT action, actor_id, detail FROM audit_log WHERE object_id = $1 ORDER BY id', [job.id]),
    );
    expect(rows.map((r) => r.action)).toEqual(['export.create', 'export.finish', 'export.download']);
    expect(rows.every((r) => r.actor_id === workerId)).toBe(true);
    expect(rows[0]!.detail).toMatchObject({ resource: 'people', filters: { q: '导出', gender: 2 }, masked: true });
    expect(rows[1]!.detail).toMatchObject({ rows: 2 });
    // the pages read for the file do not each add a search row: the export's own rows account for them
    const searches = await ctx.asOwner((db) => db.query(`SELECT 1 FROM audit_log WHERE action = 'person.search' AND occurred_at >= $1`, [job.createdAt]));
    expect(searches.rows).toHaveLength(0);
  });

  it('deletes the file and refuses the download once the export has expired', async () => {
    const job = await finished(worker, (await worker.post('/api/exports', { resource: 'people', filters: { q: '导出' } })).body.id);
    const key = (await ctx.asOwner((db) => db.query<{ file_key: string }>('SELECT file_key FROM export_job WHERE id = $1', [job.id]))).rows[0]!.file_key;
    const file = path.join(ctx.config.dataDir, 'exports', `${key}.xlsx`);
    expect(fs.existsSync(file)).toBe(true);
    await ctx.asOwner((db) => db.query(`UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [job.id]));
    expect(await ctx.services.exports.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(file)).toBe(false);
    const r = await download(worker, job.id);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'EXPORT_EXPIRED', message: expect.stringContaining('过期'), messageEn: expect.stringContaining('expired') });
  });
});

describe('unmasked export with approval', () => {
  const request = (agent: Agent, extra: Record<string, unknown> = {}) =>
    agent.post('/api/exports', { resource: 'people', filters: { q: '导出' }, masked: false, reason: '低保年度复核核对身份', ...extra });

  it('needs a reason, the right to ask, and a list that has masked fields', async () => {
    const noReason = await request(worker, { reason: undefined });
    expect(noReason.status).toBe(422);
    expect(noReason.body.fields[0]).toMatchObject({ field: 'reason', message: expect.stringContaining('事由') });
    expect((await request(gridWorker)).status).toBe(403);
    const things = await worker.post('/api/exports', { resource: 'things', filters: {}, masked: false, reason: '设备台账核对' });
    expect(things.status).toBe(422);
    expect(things.body.code).toBe('EXPORT_NOTHING_TO_UNMASK');
  });

  it('goes pending → approved by another user whose jurisdiction covers it → downloaded unmasked by the requester only, a limited number of times', async () => {
    const created = await request(worker);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'pending', masked: false, reason: '低保年度复核核对身份', maxDownloads: 3 });
    const id = created.body.id;

    // not yet approved: no download
    const early = await download(worker, id);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'EXPORT_NOT_APPROVED', message: expect.stringContaining('审批'), messageEn: expect.stringContaining('approved') });

    // who may not decide: a colleague without the right, the requester, an approver elsewhere
    expect((await colleague.post(`/api/exports/${id}/decision`, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await worker.post(`/api/exports/${id}/decision`, { decision: 'approve', version: 1 })).status).toBe(403);
    const far = await farApprover.post(`/api/exports/${id}/decision`, { decision: 'approve', version: 1 });
    expect(far.status).toBe(404);
    expect((await farApprover.get('/api/exports/pending?limit=100')).body.items.map((j: { id: string }) => j.id)).not.toContain(id);

    // the approver sees it among the pending requests and approves
    const pending = await approver.get('/api/exports/pending?limit=100');
    expect(pending.body.items.map((j: { id: string }) => j.id)).toContain(id);
    const ok = await approver.post(`/api/exports/${id}/decision`, { decision: 'approve', note: '同意，仅限复核使用', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decisionNote: '同意，仅限复核使用' });
    expect(new Date(ok.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const again = await approver.post(`/api/exports/${id}/decision`, { decision: 'reject', note: '改主意', version: ok.body.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EXPORT_ALREADY_DECIDED');

    // only the requester downloads
    const other = await download(approver, id);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('EXPORT_NOT_REQUESTER');

    const file = await download(worker, id);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.disposition!.split("UTF-8''")[1]!)).toContain('未脱敏');
    const [header, ...rows] = file.rows;
    const byName = new Map(rows.map((r) => [r[header!.indexOf('姓名')], r]));
    for (const p of registered) {
      expect(byName.get(p.name)?.[header!.indexOf('公民身份号码')]).toBe(p.citizenId);
      expect(byName.get(p.name)?.[header!.indexOf('联系电话')]).toBe(p.phone);
    }
    expect(rows.map((r) => r[0])).not.toContain('导出邻甲');
    expect(file.info.find((r) => r[0] === '是否脱敏')?.[1]).toContain('审批');

    // 3 downloads in all
    expect((await download(worker, id)).status).toBe(200);
    expect((await download(worker, id)).status).toBe(200);
    const fourth = await download(worker, id);
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('EXPORT_DOWNLOADS_USED');

    const { rows: audit } = await ctx.asOwner((db) =>
      db.query<{ action: string; reason: string | null }>('SELECT action, reason FROM audit_log WHERE object_id = $1 ORDER BY id', [id]),
    );
    expect(audit.map((a) => a.action)).toEqual(['export.request', 'export.approve', 'export.download', 'export.download', 'export.download']);
    expect(audit[0]!.reason).toBe('低保年度复核核对身份');
  });

  it('a user holding both roles cannot approve their own request', async () => {
    const created = await request(dualRole);
    expect(created.status).toBe(200);
    const self = await dualRole.post(`/api/exports/${created.body.id}/decision`, { decision: 'approve', version: 1 });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'EXPORT_SELF_APPROVAL', message: expect.stringContaining('自己'), messageEn: expect.stringContaining('own') });
    expect((await dualRole.get('/api/exports/pending?limit=100')).body.items.map((j: { id: string }) => j.id)).not.toContain(created.body.id);
    expect((await dualRole.get(`/api/exports/${created.body.id}`)).body.status).toBe('pending');
  });

  it('a rejected request needs a reason and can never be downloaded', async () => {
    const created = await request(worker);
    const id = created.body.id;
    const noNote = await approver.post(`/api/exports/${id}/decision`, { decision: 'reject', version: 1 });
    expect(noNote.status).toBe(422);
    expect(noNote.body.fields[0].field).toBe('note');
    const rejected = await approver.post(`/api/exports/${id}/decision`, { decision: 'reject', note: '事由不充分', version: 1 });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '事由不充分' });
    const r = await download(worker, id);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('已驳回');
    const mine = await worker.get('/api/exports?limit=100');
    expect(mine.body.items.find((j: { id: string }) => j.id === id)).toMatchObject({ status: 'rejected', decidedBy: { name: expect.any(String) } });
  });

  it('an approval expires: no download after its time', async () => {
    const created = await request(worker);
    await approver.post(`/api/exports/${created.body.id}/decision`, { decision: 'approve', version: 1 });
    await ctx.asOwner((db) => db.query(`UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]));
    const r = await download(worker, created.body.id);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('EXPORT_EXPIRED');
  });

  it('the database refuses an approval by the requester even if the service were bypassed', async () => {
    const created = await request(worker);
    await expect(ctx.asOwner((db) => db.query(`UPDATE export_job SET status = 'approved', decided_by = requested_by WHERE id = $1`, [created.body.id]))).rejects.toThrow();
  });
});
