import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, shot } from './lib/browser.js';
import { checkCharacter } from './lib/citizen-id.js';
import { settled } from './lib/pom/antd.js';
import { ExportDialog, ExportsPage, readDownload } from './lib/pom/exports.page.js';
import { LoginPage } from './lib/pom/login.page.js';
import { PeoplePage } from './lib/pom/people.page.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';
/** A surname common in the demo registry of 电江路社区, to export a list of a few dozen. */
const SURNAME = '王';
const REASON = '低保年度复核，需核对户籍身份信息';

/** A full, valid citizen ID (GB 11643 checksum): what a masked file must never hold. */
const fullId = (s: string) => /^\d{17}[\dX]$/.test(s) && checkCharacter(s.slice(0, 17)) === s[17];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function signedIn(username: string): Promise<Page> {
  const page = await newPage(browser);
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

describe('export of lists to Excel', () => {
  it('exports the people list as filtered on screen, masked, and the file equals the list', async () => {
    const page = await signedIn('worker');
    const people = new PeoplePage(page);
    await people.goto();
    await people.search(SURNAME);
    const api = await apiLogin('worker', PASSWORD);
    const expected = (await api.get(`/api/people?q=${encodeURIComponent(SURNAME)}&limit=200`)).body as { items: { name: string; citizenIdMasked: string | null; phoneMasked: string | null }[]; total: number };
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThanOrEqual(200);

    const dialog = await ExportDialog.openFrom(page);
    await dialog.dialog().getByText(`关键字：${SURNAME}`).waitFor();
    await shot(page, 'exports-01-dialog', { fullPage: false });
    await dialog.exportMasked();
    await settled(dialog.dialog());
    await shot(page, 'exports-02-ready', { fullPage: false });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.downloadButton().click()]);
    const file = await readDownload(download);
    expect(file.name).toMatch(/^人口_\d{12}\.xlsx$/);
    expect(file.header.slice(0, 7)).toEqual(['姓名', '性别', '出生日期', '年龄', '民族', '公民身份号码', '联系电话']);
    const col = (h: string) => file.header.indexOf(h);
    expect(file.rows.map((r) => r[col('姓名')])).toEqual(expected.items.map((p) => p.name));
    expect(file.rows.map((r) => r[col('公民身份号码')])).toEqual(expected.items.map((p) => p.citizenIdMasked ?? ''));
    expect(file.rows.map((r) => r[col('联系电话')])).toEqual(expected.items.map((p) => p.phoneMasked ?? ''));
    expect(file.rows.flat().some(fullId)).toBe(false);
    await dialog.close();

    const exportsPage = new ExportsPage(page);
    await exportsPage.goto();
    await page.locator('[role=tabpanel]:not([aria-hidden=true]) .ant-table').waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'exports-03-my-exports');
    await exportsPage.rows().first().getByText('可下载').waitFor();
    await page.context().close();
  });

  it('an unmasked export is requested with a reason, approved by the district official, then downloaded in full by the requester', async () => {
    const worker = await signedIn('worker');
    const people = new PeoplePage(worker);
    await people.goto();
    await people.search(SURNAME);
    const dialog = await ExportDialog.openFrom(worker);
    await dialog.requestUnmasked(REASON);
    await shot(worker, 'exports-04-requested', { fullPage: false });
    await dialog.close();
    const mine = new ExportsPage(worker);
    await mine.goto();
    const request = mine.rows().filter({ hasText: '不脱敏' }).first();
    await request.getByText('待审批').waitFor();
    // nothing to download before the approval
    expect(await request.getByText('下载', { exact: true }).count()).toBe(0);

    // the requester has no 待我审批 (a community worker cannot approve at all)
    expect(await worker.getByRole('tab', { name: '待我审批' }).count()).toBe(0);

    const official = await signedIn('chuanshan');
    const approvals = new ExportsPage(official);
    await approvals.goto();
    await approvals.openPending();
    const pending = approvals.rows().filter({ hasText: REASON }).first();
    await pending.waitFor();
    await shot(official, 'exports-05-pending');
    await pending.getByText('批准', { exact: true }).click();
    const confirm = official.locator('.ant-popover:not(.ant-popover-hidden)');
    await confirm.getByText('批准不脱敏导出？').waitFor();
    await shot(official, 'exports-06-approve-confirm', { fullPage: false });
    const decided = official.waitForResponse((r) => r.url().includes('/decision') && r.request().method() === 'POST');
    await confirm.getByRole('button', { name: /^批\s*准$/ }).click();
    expect((await decided).status()).toBe(200);
    await official.getByText('暂无待审批的申请').waitFor();
    await official.context().close();

    await worker.reload();
    const approved = mine.rows().filter({ hasText: '不脱敏' }).first();
    await approved.getByText('已批准').waitFor();
    await shot(worker, 'exports-07-approved');
    const [download] = await Promise.all([worker.waitForEvent('download'), approved.getByText('下载', { exact: true }).click()]);
    const file = await readDownload(download);
    expect(file.name).toContain('未脱敏');
    const ids = file.rows.map((r) => r[file.header.indexOf('公民身份号码')]).filter(Boolean) as string[];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every(fullId)).toBe(true);
    // the same number the person's own unmask shows
    const api = await apiLogin('worker', PASSWORD);
    const first = (await api.get(`/api/people?q=${encodeURIComponent(SURNAME)}&limit=1`)).body.items[0] as { id: string; name: string };
    const unmasked = (await api.post(`/api/people/${first.id}/unmask`, { fields: ['citizenId'], reason: '核对导出文件' })).body as { citizenId: string | null };
    const row = file.rows.find((r) => r[0] === first.name);
    expect(row?.[file.header.indexOf('公民身份号码')]).toBe(unmasked.citizenId ?? '');
    await approved.getByText('1 / 3').waitFor();
    await worker.context().close();
  });

  it('exports the care service orders from their page, masked, the file equal to the list', async () => {
    const page = await signedIn('eldercare');
    const listed = page.waitForResponse((r) => r.url().includes('/api/care/orders?') && r.request().method() === 'GET');
    await page.goto('/care/orders');
    const list = (await (await listed).json()) as { total: number; totalCapped: boolean };
    await settled(page.locator('.ant-table'));
    await shot(page, 'exports-08-care-orders');
    const dialog = await ExportDialog.openFrom(page);
    await dialog.exportMasked();
    await settled(dialog.dialog());
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.downloadButton().click()]);
    const file = await readDownload(download);
    expect(file.name).toMatch(/^服务工单_\d{12}\.xlsx$/);
    expect(file.header.slice(0, 4)).toEqual(['服务对象', '服务项目', '服务机构', '计划时间']);
    if (!list.totalCapped) expect(file.rows.length).toBe(list.total);
    await dialog.close();
    for (const [url, name] of [['/care/exceptions', 'exports-09-care-exceptions'], ['/elder', 'exports-10-elders']] as const) {
      await page.goto(url);
      await page.getByRole('button', { name: '导出 Excel' }).first().waitFor();
      await settled(page.locator('.ant-table'));
      await shot(page, name, { fullPage: false });
    }
    await page.context().close();
  });
});
