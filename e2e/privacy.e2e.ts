import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, shot } from './lib/browser.js';
import { checkCharacter } from './lib/citizen-id.js';
import { searchAndPick, settled } from './lib/pom/antd.js';
import { LoginPage } from './lib/pom/login.page.js';
import { Shell } from './lib/pom/shell.js';
import { apiLogin } from './lib/requests.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('个人信息权利请求 (residents’ requests about their data)', () => {
  it('a community worker registers a request, gives the resident a copy of every record about them, and closes it', async () => {
    const api = await apiLogin('worker', 'Demo@2026');
    const someone = ((await api.get('/api/people?limit=1')).body as { items: { id: string; name: string; citizenIdMasked: string }[] }).items[0]!;
    const page = await newPage(browser);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('worker', 'Demo@2026');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await new Shell(page).open('个人信息权利请求');
    await page.getByRole('heading', { name: '个人信息权利请求' }).waitFor();

    await page.getByRole('button', { name: '受理请求' }).click();
    const dialog = page.getByRole('dialog');
    await settled(dialog);
    await searchAndPick(page, dialog.locator('.ant-select').first().locator('input'), someone.name, someone.name);
    await dialog.getByLabel('申请人').fill('本人');
    await dialog.getByLabel('请求内容').fill('查阅复制本人在社区登记的全部信息');
    await shot(page, 'privacy-01-new', { fullPage: false });
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator('.ant-table-row').filter({ hasText: someone.name }).first();
    await row.getByText('剩 15 天').waitFor();
    await row.getByText('办理中').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /生成副本/ }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^个人信息副本-${someone.name}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('说明');
    expect(names).toContain('实有人口');
    // the resident's own copy holds their citizen ID in full: the masked one's ends, and a valid checksum
    const cells = wb.getWorksheet('实有人口')!.getSheetValues().flat(2).map(String);
    const [head, tail] = [someone.citizenIdMasked.slice(0, 6), someone.citizenIdMasked.slice(-4)];
    const full = cells.find((c) => /^\d{17}[\dX]$/.test(c) && c.startsWith(head) && c.endsWith(tail));
    expect(full && checkCharacter(full.slice(0, 17)) === full[17]).toBe(true);
    await row.getByRole('button', { name: /生成副本 \(1\)/ }).waitFor();

    await row.getByRole('button', { name: '办结' }).click();
    const close = page.getByRole('dialog');
    await settled(close);
    await close.getByLabel('办理结果').fill('已当面提供副本并由本人签收');
    await close.getByRole('button', { name: /^办\s*结$/ }).click();
    await close.waitFor({ state: 'hidden' });
    await row.getByText('已办结').waitFor();
    await shot(page, 'privacy-02-closed', { fullPage: false });
  });
});
