import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, PHONE, shot } from './lib/browser.js';
import { pick, settled } from './lib/pom/antd.js';
import { LoginPage, signedInPage } from './lib/pom/login.page.js';
import { PersonPage } from './lib/pom/person.page.js';
import { QualityPage, TodoPage } from './lib/pom/quality.page.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

function signIn(username: string, viewport?: { width: number; height: number }): Promise<Page> {
  return signedInPage(browser, username, { viewport });
}

describe('数据质量', () => {
  it('a district official re-evaluates, drills down from the district to a grid and opens a finding’s record', async () => {
    const page = await signIn('chuanshan');
    const quality = new QualityPage(page);
    await quality.goto();
    await quality.reevaluate();
    await quality.breadcrumb().getByText('船山区').waitFor();
    await quality.child('南津路街道').waitFor();
    await settled(quality.gauge());
    await shot(page, 'quality-district');

    await quality.drillInto('南津路街道');
    await quality.drillInto('电江路社区');
    await quality.child('第一网格').waitFor();
    await shot(page, 'quality-community');
    await quality.drillInto('第一网格');
    await quality.findingRows().first().waitFor();
    expect(await quality.findingRows().count()).toBeGreaterThan(0);
    await shot(page, 'quality-grid');

    // the bars pick a rule: the list then shows only that rule's findings
    const summary = await (await apiLogin('chuanshan', PASSWORD)).get(`/api/quality/summary?jurisdictionId=${new URL(page.url()).searchParams.get('node')}`);
    expect(summary.status).toBe(200);
    const busiest = [...summary.body.rules].sort((a: { findings: number }, b: { findings: number }) => b.findings - a.findings)[0];
    expect(busiest.findings).toBeGreaterThan(0);
    await pick(page, page.getByTestId('quality-rule-filter'), busiest.name);
    await page.waitForFunction((code) => new URLSearchParams(location.search).get('rule') === code, busiest.code);
    await page.getByTestId('quality-findings').locator('.ant-table-tbody tr.ant-table-row').first().getByText(busiest.name).waitFor();
    const tags = await page.getByTestId('quality-findings').locator('.ant-table-tbody tr.ant-table-row .ant-tag').allInnerTexts();
    expect(new Set(tags)).toEqual(new Set([busiest.name]));

    // a person's finding links to their 360° page
    const personRow = quality.findingRows().filter({ has: page.locator('a[href^="/registry/people/"]') }).first();
    const name = (await personRow.locator('a[href^="/registry/people/"]').first().innerText()).split(' ')[0]!.trim();
    await personRow.locator('a[href^="/registry/people/"]').first().click();
    await new PersonPage(page).waitLoaded(name);
    await shot(page, 'quality-finding-record');
    await page.context().close();
  });

  it('the grid worker’s to-do list holds the findings of their grid, on a phone, each with a way to fix it', async () => {
    const page = await newPage(browser, PHONE);
    // on a phone the sidebar is folded (the shell keeps that choice in the browser)
    await page.addInitScript(() => localStorage.setItem('linli.siderCollapsed', '1'));
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('grid', PASSWORD);
    await page.locator('.ant-layout-header').waitFor();
    const todo = new TodoPage(page);
    await todo.goto();
    await todo.items().first().waitFor({ timeout: 60_000 });
    const api = await apiLogin('grid', PASSWORD);
    const fromApi = (await api.get('/api/quality/todo?limit=200')).body;
    expect(fromApi.total).toBeGreaterThan(0);
    expect(await todo.items().count()).toBe(fromApi.items.length);
    // every record is of the grid worker's own grid
    expect(fromApi.items.every((i: { jurisdictionName: string }) => i.jurisdictionName === '第一网格')).toBe(true);
    await shot(page, 'quality-todo-phone', { fullPage: false });
    const first = todo.items().first();
    const firstItem = fromApi.items[0];
    await first.getByRole('button', { name: /去整改/ }).click();
    if (firstItem.entity === 'person') await new PersonPage(page).waitLoaded(firstItem.label);
    else await page.waitForURL(/\/registry\/buildings\//);
    await shot(page, 'quality-todo-fix-phone', { fullPage: false });
    await page.context().close();
  });

  it('a community worker sees the rules as data and the parameters they can change', async () => {
    const page = await signIn('worker');
    await page.goto('/quality/rules');
    const rules = page.getByTestId('quality-rules');
    await rules.getByText('人员信息长期未核实').waitFor();
    await rules.getByText('超过 12 个月').waitFor();
    await rules.locator('.ant-table-row').filter({ hasText: '人员信息长期未核实' }).getByRole('button', { name: /调整参数/ }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByText('超过多少个月未核实').waitFor();
    await settled(dialog);
    await shot(page, 'quality-rules-edit', { fullPage: false });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await shot(page, 'quality-rules');
    await page.context().close();
  });
});
