import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { importCommand } from '../src/modules/imports/imports.cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheck } from '../src/standards/credit-code.js';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Imports end to end against a real database: fixture spreadsheets made here (a GBK CSV, an
 * .xlsx whose IDs Excel turned into numbers, merged header rows, full-width digits), matching
 * against the registry, the commit in batches, re-import idempotence, a crash half-way, and
 * jurisdiction.
 */
let ctx: TestContext;
let worker: Agent; // community worker of 电江路社区 (510903001001)
let gridWorker: Agent; // grid worker of its 第一网格
let community: string;
let grid: string;

beforeAll(async () => {
  ctx = await setupTestContext({ IMPORT_MAX_MB: '1', IMPORT_XLS_MAX_MB: '1' });
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] })).username);
  gridWorker = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: ['510903001001001'] })).username);
  community = (await nodeByCode(ctx, '510903001001')).id;
  grid = (await nodeByCode(ctx, '510903001001001')).id;
});
afterAll(() => ctx?.close());

const csv = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const fw = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

async function upload(agent: Agent, body: Buffer, q: { kind?: string; fileName: string; jurisdictionId?: string }) {
  const qs = new URLSearchParams({ kind: q.kind ?? 'people', fileName: q.fileName, jurisdictionId: q.jurisdictionId ?? grid });
  return agent.request('POST', `/api/imports?${qs}`, body, { 'content-type': 'application/octet-stream' });
}

/** Upload → automatic mapping → staging; returns the staged job. */
async function staged(agent: Agent, body: Buffer, q: { kind?: string; fileName: string; jurisdictionId?: string }) {
  const up = await upload(agent, body, q);
  expect(up.status, JSON.stringify(up.body)).toBe(200);
  const st = await agent.post(`/api/imports/${up.body.id}/mapping`, {});
  expect(st.status, JSON.stringify(st.body)).toBe(200);
  return st.body;
}

async function rowsOf(agent: Agent, id: string) {
  const r = await agent.get(`/api/imports/${id}/rows?limit=500`);
  expect(r.status).toBe(200);
  return r.body.items as { rowNo: number; class: string; values: Record<string, any>; messages: { field: string; zh: string; en: string }[]; changes: string[]; result: string | null }[];
}

/** Commits with the given decisions and runs the job to its end as the worker would. */
async function commitAndRun(agent: Agent, id: string, decisions = { new: 'create', update: 'apply', duplicate: 'skip' }, batchSize = 50) {
  const c = await agent.post(`/api/imports/${id}/commit`, decisions);
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  expect(c.body.status).toBe('queued');
  expect(await ctx.services.imports.runJob(id, { batchSize })).toBe('done');
  return (await agent.get(`/api/imports/${id}`)).body;
}

const changeLogCount = () => ctx.asOwner(async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM change_log')).rows[0]!.n);
const count = (sql: string, params: unknown[] = []) => ctx.asOwner(async (db) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n);

describe('people from a GBK CSV saved by Chinese Excel', () => {
  const head = freshCitizenId({ birthDate: '1952-04-18', gender: 1 });
  const wife = freshCitizenId({ birthDate: '1955-09-02', gender: 2 });
  const son = freshCitizenId({ birthDate: '1980-01-20', gender: 1 });
  let jobId: string;
  let file: Buffer;

  it('recognises GBK, maps the Chinese headers and classifies every row, reporting Excel damage without guessing', async () => {
    file = iconv.encode(csv([
      ['姓名', '公民身份号码', '性别', '出生日期', '民族', '手机号码', '现住址', '户号', '与户主关系', '人群标签'],
      ['王建国', head, '男', '1952.4.18', '汉族', '+86 138-0825-0001', '电江路1栋1单元101', 'GBK01', '户主', '独居老人'],
      ['李秀兰', fw(wife), '女', '1955年9月2日', '汉', '13808250002', '电江路1栋1单元101', 'GBK01', '妻', ''],
      ['王小军', son, '1', '19800120', '01', '13808250003', '电江路1栋1单元101', 'GBK01', '长子', ''],
      ['张三', '5.10903E+17', '男', '1960/1/1', '汉族', '', '', '', '', ''],
      ['赵四', `${son.slice(0, 15)}000`, '男', '', '汉族', '', '', '', '', ''],
      ['钱五', '', '男', '1950-02-30', '汉族', '12345', '', '', '', 'VIP'],
      ['', '', '', '', '', '', '', '', '', ''],
      ['', '', '', '', '', '', '', '', '', ''],
    ]), 'gbk');
    const up = await upload(worker, file, { fileName: '电江路人口.csv' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ format: 'csv', encoding: 'gbk', status: 'mapping', headerRow: 1 });
    expect(up.body.mapping).toEqual({ 0: 'name', 1: 'citizenId', 2: 'gender', 3: 'birthDate', 4: 'ethnicity', 5: 'phone', 6: 'residenceAddress', 7: 'householdNo', 8: 'relation', 9: 'tags' });
    jobId = up.body.id;
    const st = await worker.post(`/api/imports/${jobId}/mapping`, {});
    expect(st.body).toMatchObject({ status: 'preview', totalRows: 6, counts: { new: 3, error: 3 } });
    const rows = await rowsOf(worker, jobId);
    expect(rows.map((r) => r.class)).toEqual(['new', 'new', 'new', 'error', 'error', 'error']);
    expect(rows[1]!.values).toMatchObject({ name: '李秀兰', gender: 2, birthDate: '1955-09-02', ethnicity: '01', phoneMasked: '138****0002', relation: '12' });
    expect(rows[0]!.values.citizenIdMasked).toBe(`${head.slice(0, 6)}********${head.slice(-4)}`);
    expect(JSON.stringify(rows)).not.toContain(head);
    expect(rows[3]!.messages[0]).toMatchObject({ field: 'citizenId', zh: expect.stringMatching(/科学计数法/) });
    expect(rows[4]!.messages[0]).toMatchObject({ field: 'citizenId', zh: expect.stringMatching(/000/) });
    expect(rows[5]!.messages.map((m) => m.field)).toEqual(['birthDate', 'phone', 'tags']);
    expect(rows[5]!.messages.every((m) => m.en.length > 0)).toBe(true);
  });

  it('keeps no plain citizen ID or phone in the staged rows', async () => {
    const dump = await ctx.asOwner(async (db) => JSON.stringify([
      ...(await db.query('SELECT * FROM import_row WHERE job_id = $1', [jobId])).rows,
      ...(await db.query('SELECT * FROM import_chunk WHERE job_id = $1', [jobId])).rows,
    ]));
    expect(dump).toContain('"raw_enc":"v1:');
    for (const secret of [head, wife, son, '13808250002']) expect(dump).not.toContain(secret);
  });

  it('commits in the background through the registry: people, their household and the head’s relations, with history and audit', async () => {
    const before = await changeLogCount();
    const job = await commitAndRun(worker, jobId, { new: 'create', update: 'apply', duplicate: 'skip' }, 2);
    expect(job).toMatchObject({ status: 'done', toApply: 3, appliedRows: 3, failedRows: 0, progress: 1 });
    const found = await worker.get(`/api/people?q=${head}`);
    expect(found.body.items[0]).toMatchObject({ name: '王建国', gender: 1, birthDate: '1952-04-18', phoneMasked: '138****0001', tags: ['elderly_alone'], jurisdiction: { name: '第一网格' } });
    const hh = await ctx.asOwner((db) => db.query<{ id: string; head: string; members: number }>(
      `SELECT h.id, p.name AS head, (SELECT count(*)::int FROM household_member m WHERE m.household_id = h.id) AS members FROM household h JOIN person p ON p.id = h.head_person_id WHERE h.household_no = 'GBK01'`));
    expect(hh.rows).toEqual([{ id: expect.any(String), head: '王建国', members: 3 }]);
    expect(await count(`SELECT count(*)::int AS n FROM person_relation r JOIN person p ON p.id = r.person_id WHERE p.name = '王建国' AND r.relation_code IN ('10', '22')`)).toBe(2);
    expect(await changeLogCount()).toBeGreaterThan(before + 3);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.create' AND actor_name = (SELECT username FROM app_user u JOIN import_job j ON j.created_by = u.id WHERE j.id = $1)`, [jobId])).toBeGreaterThanOrEqual(3);
  });

  it('importing the same file a second time changes nothing: every row is unchanged', async () => {
    const before = await changeLogCount();
    const people = await count('SELECT count(*)::int AS n FROM person');
    const again = await staged(worker, file, { fileName: '电江路人口.csv' });
    expect(again.counts).toEqual({ unchanged: 3, error: 3 });
    const job = await commitAndRun(worker, again.id);
    expect(job).toMatchObject({ status: 'done', toApply: 0, appliedRows: 0 });
    expect(await changeLogCount()).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM person')).toBe(people);
  });

  it('classifies a changed phone as an update and applies only that field', async () => {
    const changed = iconv.encode(csv([['姓名', '身份证号', '联系电话'], ['王建国', head, '13908259999']]), 'gbk');
    const st = await staged(worker, changed, { fileName: '更新.csv' });
    const [row] = await rowsOf(worker, st.id);
    expect(row).toMatchObject({ class: 'update', changes: ['phone'] });
    await commitAndRun(worker, st.id);
    expect((await worker.get(`/api/people?q=${head}`)).body.items[0].phoneMasked).toBe('139****9999');
  });

  it('downloads the row errors as .xlsx with the reason beside each row', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: `/api/imports/${jobId}/errors`, headers: { cookie: worker.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('问题说明');
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(2).getCell(1).value).toBe(5); // the source row number
    expect(ws.getRow(2).getCell(3).value).toBe('5.10903E+17');
    expect(String(ws.getRow(2).getCell(12).value)).toMatch(/科学计数法/);
  });
});

describe('people from an .xlsx with merged title rows and IDs Excel turned into numbers', () => {
  it('finds the header under the merged rows and reports numeric IDs', async () => {
    const id = freshCitizenId({ birthDate: '1947-11-03', gender: 2 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人口');
    ws.addRow(['电江路社区第一网格人口信息登记表']);
    ws.mergeCells('A1:E1');
    ws.addRow(['基本信息', null, null, '联系方式']);
    ws.mergeCells('A2:C2');
    ws.addRow(['序号', '姓名', '身份证号', '联系电话', '出生日期']);
    ws.addRow([1, '周桂芳', id, '13808251111', new Date(Date.UTC(1947, 10, 3))]);
    ws.addRow([2, '吴大海', Number(freshCitizenId({ birthDate: '1950-01-01' })), '13808252222', 18264]);
    ws.addRow([3, '郑小红', fw(freshCitizenId({ birthDate: '1990-05-05', gender: 2 })), fw('13808253333'), '1990.5.5']);
    const st = await staged(worker, Buffer.from(await wb.xlsx.writeBuffer()), { fileName: '人口.xlsx' });
    expect(st).toMatchObject({ format: 'xlsx', headerRow: 3, counts: { new: 2, error: 1 } });
    const rows = await rowsOf(worker, st.id);
    expect(rows.map((r) => [r.rowNo, r.class])).toEqual([[4, 'new'], [5, 'error'], [6, 'new']]);
    expect(rows[1]!.messages[0]!.zh).toMatch(/Excel/);
    expect(rows[0]!.values.birthDate).toBe('1947-11-03');
    expect(rows[2]!.values).toMatchObject({ birthDate: '1990-05-05', phoneMasked: '138****3333' });
  });
});

describe('matching against the registry', () => {
  it('tells duplicate candidates (same pinyin and birth date, same phone) and conflicts (same ID, other name) apart', async () => {
    const id = freshCitizenId({ birthDate: '1949-06-01' });
    await buildPerson(ctx, worker, { name: '孙立平', citizenId: id, node: '510903001001001' });
    await buildPerson(ctx, worker, { name: '陈美华', birthDate: '1958-08-08', gender: 2, phone: '13808254444', node: '510903001001001' });
    const st = await staged(worker, Buffer.from(csv([
      ['姓名', '身份证号', '出生日期', '电话'],
      ['孙立萍', id, '', ''],
      ['陈美华', '', '1958-08-08', '13908250000'],
      ['陈某', '', '', '13808254444'],
    ])), { fileName: '比对.csv' });
    expect((await rowsOf(worker, st.id)).map((r) => [r.class, r.messages[0]?.zh ?? ''])).toEqual([
      ['conflict', expect.stringMatching(/孙立平/)],
      ['duplicate', expect.stringMatching(/姓名拼音与出生日期相同/)],
      ['duplicate', expect.stringMatching(/联系电话相同/)],
    ]);
    const people = await count('SELECT count(*)::int AS n FROM person');
    await commitAndRun(worker, st.id, { new: 'create', update: 'apply', duplicate: 'skip' });
    expect(await count('SELECT count(*)::int AS n FROM person')).toBe(people);
    expect((await rowsOf(worker, st.id)).map((r) => r.result)).toEqual(['skipped', 'skipped', 'skipped']);
  });
});

describe('a job killed half-way', () => {
  const fileFor = (tag: string, n: number) => {
    const rows: (string | number)[][] = [['姓名', '身份证号', '户号', '与户主关系', '联系电话']];
    for (let i = 0; i < n; i++) rows.push([`${tag}${'甲乙丙丁戊己庚辛'[i]}`, freshCitizenId({ birthDate: `19${60 + i}-03-0${1 + (i % 8)}` }), `${tag}H`, i === 0 ? '户主' : '子', `1380826${String(i).padStart(4, '0')}`]);
    return Buffer.from(csv(rows));
  };
  const runDelta = async (fn: () => Promise<void>) => {
    const at = async () => [await changeLogCount(), await count('SELECT count(*)::int AS n FROM person'), await count('SELECT count(*)::int AS n FROM household_member'),
      await count('SELECT count(*)::int AS n FROM person_relation'), await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.create'`)];
    const before = await at();
    await fn();
    return (await at()).map((v, i) => v - before[i]!);
  };

  it('re-run after stopping after one batch ends exactly as one clean run', async () => {
    const clean = await runDelta(async () => {
      const st = await staged(worker, fileFor('净', 7), { fileName: 'clean.csv' });
      await commitAndRun(worker, st.id, undefined, 2);
    });
    let jobId = '';
    const crashed = await runDelta(async () => {
      const st = await staged(worker, fileFor('断', 7), { fileName: 'crash.csv' });
      jobId = st.id;
      await worker.post(`/api/imports/${jobId}/commit`, { new: 'create', update: 'apply', duplicate: 'skip' });
      expect(await ctx.services.imports.runJob(jobId, { batchSize: 2, maxBatches: 2 })).toBe('interrupted');
      const mid = (await worker.get(`/api/imports/${jobId}`)).body;
      expect(mid).toMatchObject({ status: 'running', appliedRows: 4, toApply: 7 });
      expect(mid.progress).toBeCloseTo(4 / 7);
      // the process is gone; at start the worker queues what was left running, and runs it again
      expect(await ctx.services.imports.requeueInterrupted()).toBe(1);
      expect(await ctx.services.imports.runJob(jobId, { batchSize: 2 })).toBe('done');
    });
    expect(crashed).toEqual(clean);
    expect(clean[1]).toBe(7);
    expect((await worker.get(`/api/imports/${jobId}`)).body).toMatchObject({ status: 'done', appliedRows: 7, failedRows: 0 });
  });

  it('is cancelled between batches; what was applied stays, the rest is not applied', async () => {
    const st = await staged(worker, fileFor('停', 6), { fileName: 'cancel.csv' });
    await worker.post(`/api/imports/${st.id}/commit`, { new: 'create', update: 'apply', duplicate: 'skip' });
    expect(await ctx.services.imports.runJob(st.id, { batchSize: 2, maxBatches: 1 })).toBe('interrupted');
    const c = await worker.post(`/api/imports/${st.id}/cancel`);
    expect(c.body.status).toBe('cancelling');
    expect(await ctx.services.imports.runJob(st.id, { batchSize: 2 })).toBe('cancelled');
    expect((await worker.get(`/api/imports/${st.id}`)).body).toMatchObject({ status: 'cancelled', appliedRows: 2 });
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name LIKE '停%'`)).toBe(2);
    expect((await worker.post(`/api/imports/${st.id}/commit`, { new: 'create', update: 'apply', duplicate: 'skip' })).status).toBe(409);
  });
});

describe('jurisdiction', () => {
  it('refuses a target outside the user’s jurisdiction with 422, and rows placed outside it per row', async () => {
    const other = await nodeByCode(ctx, '510903001002001');
    const r = await upload(gridWorker, Buffer.from(csv([['姓名'], ['某人']])), { fileName: 'x.csv', jurisdictionId: other.id });
    expect(r.status).toBe(422);
    expect(r.body.fields[0]).toMatchObject({ field: 'jurisdictionId' });
    const st = await staged(gridWorker, Buffer.from(csv([
      ['姓名', '所属网格'],
      ['网格内', '第一网格'],
      ['越界人', '510903001002001'],
      ['邻网格', '第二网格'],
    ])), { fileName: 'grid.csv' });
    const rows = await rowsOf(gridWorker, st.id);
    expect(rows.map((x) => x.class)).toEqual(['new', 'error', 'error']);
    expect(rows[1]!.messages[0]).toMatchObject({ field: 'jurisdiction', zh: expect.stringMatching(/不在您的管辖范围内/) });
    await commitAndRun(gridWorker, st.id);
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name IN ('越界人', '邻网格')`)).toBe(0);
  });

  it('hides a job from a user of another jurisdiction (404)', async () => {
    const st = await staged(worker, Buffer.from(csv([['姓名'], ['隐藏']])), { fileName: 'h.csv' });
    const anju = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510904001001'] })).username);
    expect((await anju.get(`/api/imports/${st.id}`)).status).toBe(404);
    expect((await anju.get('/api/imports')).body.items.map((j: { id: string }) => j.id)).not.toContain(st.id);
    const resident = await login(ctx, (await buildUser(ctx, { roles: ['resident'], nodes: ['510903001001'] })).username);
    expect((await resident.get(`/api/imports/${st.id}`)).status).toBe(403);
  });
});

describe('houses and organisations', () => {
  it('parses addresses into estate, building, unit and house; a second import is unchanged', async () => {
    const file = Buffer.from(csv([
      ['房屋地址', '建筑面积', '用途'],
      ['遂宁市船山区南津路街道导入花园3栋2单元501', '89.5', '住宅'],
      ['遂宁市船山区南津路街道导入花园3栋2单元502', '92', '住宅'],
      ['导入花园3栋1单元1201', '', ''],
      ['导入花园', '', ''],
    ]));
    const st = await staged(worker, file, { kind: 'houses', fileName: '房屋.csv', jurisdictionId: grid });
    expect(st.counts).toEqual({ new: 3, error: 1 });
    await commitAndRun(worker, st.id);
    const b = await ctx.asOwner((db) => db.query<{ floors: number; unit_count: number; houses: number }>(
      `SELECT b.floors, b.unit_count, (SELECT count(*)::int FROM house h WHERE h.building_id = b.id) AS houses FROM building b JOIN estate e ON e.id = b.estate_id WHERE e.name = '导入花园' AND b.name = '3栋'`));
    expect(b.rows).toEqual([{ floors: 12, unit_count: 2, houses: 3 }]);
    const again = await staged(worker, file, { kind: 'houses', fileName: '房屋.csv', jurisdictionId: grid });
    expect(again.counts).toEqual({ unchanged: 3, error: 1 });
  });

  it('checks credit codes and matches organisations by them', async () => {
    const first17 = '91510903MA6CXX0X1'.replace(/X/g, '1');
    const code = first17 + creditCodeCheck(first17);
    const file = Buffer.from(csv([['单位名称', '统一社会信用代码', '单位类型'], ['遂宁导入商贸有限公司', code, '企业'], ['错码公司', '91510903MA6C1101XX', '企业']]));
    const st = await staged(worker, file, { kind: 'organizations', fileName: '单位.csv', jurisdictionId: community });
    expect((await rowsOf(worker, st.id)).map((r) => [r.class, r.messages[0]?.field ?? null])).toEqual([['new', null], ['error', 'creditCode']]);
    await commitAndRun(worker, st.id);
    const renamed = Buffer.from(csv([['单位名称', '统一社会信用代码'], ['遂宁导入商贸集团有限公司', code]]));
    const st2 = await staged(worker, renamed, { kind: 'organizations', fileName: '单位2.csv', jurisdictionId: community });
    expect((await rowsOf(worker, st2.id))[0]).toMatchObject({ class: 'update', changes: ['name'] });
  });
});

describe('legacy .xls and the command line', () => {
  it('reads a legacy .xls (SheetJS) with a date serial', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名', '出生日期', '性别'], ['老表格', 18327, '女']]), '人口');
    const st = await staged(worker, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer, { fileName: '旧表.xls' });
    expect(st).toMatchObject({ format: 'xls', counts: { new: 1 } });
    expect((await rowsOf(worker, st.id))[0]!.values).toMatchObject({ name: '老表格', birthDate: '1950-03-05', gender: 2 });
  });

  it('linli import: dry run writes nothing; a real run prints progress and the report', async () => {
    const user = await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-import-'));
    const file = path.join(dir, '命令行.csv');
    const id = freshCitizenId({ birthDate: '1966-06-06' });
    fs.writeFileSync(file, csv([['姓名', '身份证', '电话'], ['命令行甲', id, '13808257777'], ['命令行乙', '5.10903E+17', '']]));
    fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify({ 姓名: 'name', 身份证: 'citizenId', 电话: 'phone' }));
    const lines: string[] = [];
    const people = await count('SELECT count(*)::int AS n FROM person');
    expect(await importCommand(ctx.services, file, { kind: 'people', as: user.username, node: '510903001001001', mapping: path.join(dir, 'map.json'), dryRun: true }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/第 3 行.*科学计数法/);
    expect(lines.join('\n')).toMatch(/dry run/);
    expect(await count('SELECT count(*)::int AS n FROM person')).toBe(people);
    lines.length = 0;
    expect(await importCommand(ctx.services, file, { kind: 'people', as: user.username, node: '510903001001001', mapping: path.join(dir, 'map.json') }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/进度 \/ progress: 100\.0% \(1\/1\)/);
    expect(lines.join('\n')).toMatch(/applied 1, failed 0/);
    expect(await count('SELECT count(*)::int AS n FROM person')).toBe(people + 1);
    await expect(importCommand(ctx.services, file, { kind: 'people', as: (await buildUser(ctx, { roles: ['resident'], nodes: ['510903001001'] })).username }, () => undefined)).rejects.toThrow(/IMPORTER_GONE/);
  });
});

describe('files and templates', () => {
  it('judges the type by content (415), caps the size (413), and needs a header row (422)', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(worker, png, { fileName: 'photo.csv' })).status).toBe(415);
    expect((await upload(worker, Buffer.alloc(1024 * 1024 + 10, 0x41), { fileName: 'big.csv' })).status).toBe(413);
    const noHeader = await upload(worker, Buffer.from('a,b\n1,2\n'), { fileName: 'n.csv' });
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.code).toBe('HEADER_NOT_FOUND');
    expect((await upload(worker, Buffer.from('姓名\n张\n'), { fileName: 'a.txt' })).status).toBe(422);
  });

  it('refuses a mapping without a required field, naming it', async () => {
    const up = await upload(worker, Buffer.from(csv([['姓名', '电话'], ['甲', '13800000000']])), { fileName: 'm.csv' });
    const r = await worker.post(`/api/imports/${up.body.id}/mapping`, { mapping: { 1: 'phone' } });
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/缺少必填列“姓名”/);
    expect(r.body.messageEn).toMatch(/Name/);
  });

  it('generates a template per kind with the ID column as text and header notes', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/api/imports/templates/people', headers: { cookie: worker.cookie } });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('导入模板')!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名*');
    expect(ws.getRow(1).getCell(2).value).toBe('公民身份号码');
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(JSON.stringify(ws.getRow(1).getCell(2).note)).toMatch(/文本/);
  });
});
