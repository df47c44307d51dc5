import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, shot } from './lib/browser.js';
import { citizenId, maskedCitizenId } from './lib/citizen-id.js';
import { ImportPage } from './lib/pom/import.page.js';
import { LoginPage } from './lib/pom/login.page.js';
import { Shell } from './lib/pom/shell.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';
const stamp = Date.now();
/** IDs of a division the demo registry never uses, different on every run. */
const id = (birth: string, n: number, gender: 'male' | 'female') => citizenId('510922', birth, stamp + n, gender);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function signedIn(): Promise<Page> {
  const page = await newPage(browser);
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn('worker', PASSWORD);
  await new Shell(page).header().getByText('陈晓燕（电江路社区）').waitFor();
  return page;
}

/** A community worker's spreadsheet as it arrives: a merged title row, an ID Excel made a number, a note column with its own header. */
async function spreadsheet(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人口');
  ws.addRow(['电江路社区居民信息采集表']);
  ws.mergeCells('A1:E1');
  ws.addRow(['姓名', '身份证号', '联系电话', '现住址', '情况说明']);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('数据导入 wizard', () => {
  it('imports people from an .xlsx: template, upload, mapping override, preview with a per-row report, commit, result and error report', async () => {
    const page = await signedIn();
    const ui = new ImportPage(page);
    await new Shell(page).open('数据导入');
    await ui.steps().waitFor();
    expect(await ui.currentStep()).toBe('选择类型并下载模板');

    // the template comes from the schema: the ID column is text
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.readFile((await template.path())!);
    expect(tpl.getWorksheet('导入模板')!.getColumn(2).numFmt).toBe('@');

    await ui.chooseKind('人口');
    await ui.chooseJurisdiction('电江路社区');
    await shot(page, 'imports-1-kind');
    await ui.next();
    expect(await ui.currentStep()).toBe('上传文件');

    const a = id('1951-02-03', 0, 'male');
    const b = id('1962-08-09', 1, 'female');
    await ui.upload('居民信息.xlsx', await spreadsheet([
      ['导入甲', a, '13808259001', '电江路2栋1单元301', '独居'],
      ['导入乙', b, '+86 138-0825-9002', '电江路2栋1单元302', ''],
      ['导入丙', 510922195003051000, '13808259003', '', ''],
    ]));
    expect(await ui.currentStep()).toBe('字段对应');
    await ui.mapColumn('情况说明', '备注');
    await shot(page, 'imports-2-mapping');

    await ui.validate();
    expect(await ui.currentStep()).toBe('预览与校验');
    await expect.poll(() => ui.previewRows().count()).toBe(3);
    const texts = await ui.previewRows().allInnerTexts();
    expect(texts[0]).toContain(maskedCitizenId(a));
    expect(texts[0]).not.toContain(a);
    expect(texts[2]).toMatch(/错误[\s\S]*000/);
    await shot(page, 'imports-3-preview');

    await ui.commit();
    await ui.result().waitFor();
    expect(await ui.result().innerText()).toMatch(/导入完成[\s\S]*写入 2 行（新增 2、更新 0），失败 0 行，跳过 1 行/);
    await shot(page, 'imports-4-result');

    const [report] = await Promise.all([page.waitForEvent('download'), ui.result().getByRole('button', { name: '下载错误报告' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await report.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('导入丙');
    expect(String(ws.getRow(2).getCell(7).value)).toMatch(/000/);

    const api = await apiLogin('worker', PASSWORD);
    const found = (await api.get(`/api/people?q=${a}`)).body.items[0];
    expect(found).toMatchObject({ name: '导入甲', phoneMasked: '138****9001', notes: '独居', residenceAddress: '电江路2栋1单元301' });
    await page.context().close();
  }, 240_000);

  it('runs a long import in the background with a progress view that offers 取消, and ends on the result', async () => {
    const page = await signedIn();
    const ui = new ImportPage(page);
    await ui.goto();
    await ui.chooseJurisdiction('电江路社区');
    await ui.next();
    const rows: [string, string, string, string][] = [];
    for (let i = 0; i < 800; i++) rows.push([`批量${String(i).padStart(4, '0')}`, id(`19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, 10 + i, i % 2 ? 'male' : 'female'), '', '']);
    await ui.upload('批量.xlsx', await spreadsheet(rows));
    await ui.validate();
    await ui.commit();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    expect(await progress.innerText()).toMatch(/已处理 \d+ \/ 800 行/);
    expect(await progress.getByRole('button', { name: '取消导入' }).count()).toBe(1);
    await shot(page, 'imports-5-progress', { fullPage: false });
    // (cancelling between batches is covered deterministically by the database tests; here the commit takes seconds)
    await ui.result().waitFor({ timeout: 120_000 });
    expect(await ui.result().innerText()).toMatch(/导入完成[\s\S]*写入 800 行（新增 800、更新 0）/);
    await shot(page, 'imports-6-done');
    const api = await apiLogin('worker', PASSWORD);
    const jobs = (await api.get('/api/imports?limit=1')).body.items;
    expect(jobs[0]).toMatchObject({ fileName: '批量.xlsx', totalRows: 800, status: 'done', appliedRows: 800 });
    await page.context().close();
  }, 300_000);
});
