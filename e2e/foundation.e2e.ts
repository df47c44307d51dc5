import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, shot } from './lib/browser.js';
import { pick } from './lib/pom/antd.js';
import { LoginPage } from './lib/pom/login.page.js';
import { Shell } from './lib/pom/shell.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('foundation in the browser', () => {
  it('a community worker signs in in Chinese, sees name, role and jurisdiction and only the modules that exist for them, then signs out', async () => {
    const page = await newPage(browser);
    const login = new LoginPage(page);
    await login.goto();
    await expect(page.getByText('智慧社区综合信息平台').first().isVisible()).resolves.toBe(true);
    await shot(page, 'login');
    await login.signIn('worker', PASSWORD);
    const shell = new Shell(page);
    await shell.header().getByText('陈晓燕（电江路社区）').waitFor();
    expect(await shell.header().innerText()).toContain('社区工作者');
    expect(await shell.header().innerText()).toContain('电江路社区');
    const labels = await shell.menuLabels();
    expect(labels).toContain('工作台');
    expect(labels).toContain('辖区管理');
    expect(labels).not.toContain('用户管理');
    expect(labels).not.toContain('审计日志');
    await shot(page, 'home-worker');
    await shell.signOut();
    expect(page.url()).toMatch(/\/login$/);
    // the session really ended: the app sends us back to sign in
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.context().close();
  });

  it('switches to English and back', async () => {
    const page = await newPage(browser);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('city', PASSWORD);
    const shell = new Shell(page);
    await shell.header().getByText('王建国（市民政局）').waitFor();
    await shell.switchLanguage('EN');
    await shell.menu().getByText('Workbench', { exact: false }).first().waitFor();
    await shot(page, 'home-city-en');
    await shell.switchLanguage('中文');
    await shell.menu().getByText('工作台').waitFor();
    await page.context().close();
  });

  it('a wrong password shows the server’s reason on the sign-in page', async () => {
    const page = await newPage(browser);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('anju', 'Wrong@Pass1');
    await login.errorAlert().waitFor();
    expect(await login.errorAlert().innerText()).toContain('用户名或密码错误');
    await page.context().close();
  });

  it('the system administrator creates a user in the user management page', async () => {
    const page = await newPage(browser);
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn('admin', PASSWORD);
    const shell = new Shell(page);
    await shell.open('用户管理');
    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('用户名').fill('e2e.worker');
    await dialog.getByLabel('姓名').fill('测试网格员');
    await dialog.getByLabel('初始密码').fill('E2e#Worker2026');
    await pick(page, dialog.getByLabel('角色'), /^网格员$/, { multiple: true });
    await page.keyboard.press('Escape');
    await pick(page, dialog.getByLabel('所辖区域'), '遂宁市', { multiple: true });
    await page.keyboard.press('Escape');
    // both choices are in the form before it is sent
    const chosen = (label: string) => dialog.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: label }) }).locator('.ant-select-selection-item-content');
    await chosen('角色').getByText('网格员', { exact: true }).waitFor();
    await chosen('所辖区域').getByText('遂宁市', { exact: true }).waitFor();
    await shot(page, 'users-create');
    await dialog.getByRole('button', { name: /确\s*定|保\s*存|创\s*建/ }).click();
    await page.locator('.ant-table').getByText('e2e.worker').waitFor();
    await shot(page, 'users');
    const api = await apiLogin('admin', PASSWORD);
    const list = await api.get('/api/users?q=e2e.worker');
    expect(list.body.items[0]).toMatchObject({ username: 'e2e.worker', roles: [expect.objectContaining({ code: 'grid_worker' })] });
    await page.context().close();
  });

  it('the audit administrator reads the log and verifies the chain; the menu has nothing else', async () => {
    const page = await newPage(browser);
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn('auditor', PASSWORD);
    const shell = new Shell(page);
    const labels = await shell.menuLabels();
    expect(labels).toContain('审计日志');
    expect(labels).not.toContain('用户管理');
    await shell.open('审计日志');
    // sign-ins are listed by their Chinese action name once the action catalogue has loaded
    await page.locator('.ant-table-row').getByText('登录', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /校验审计链/ }).click();
    await page.getByText('审计链校验通过').first().waitFor();
    await shot(page, 'audit');
    await page.context().close();
  });

  it('shows the jurisdiction tree of a district official, and nothing of the sibling district', async () => {
    const page = await newPage(browser);
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn('chuanshan', PASSWORD);
    await new Shell(page).open('辖区管理');
    await page.locator('.ant-tree').getByText('船山区').waitFor();
    expect(await page.locator('.ant-tree').innerText()).not.toContain('安居区');
    await shot(page, 'jurisdictions');
    await page.context().close();
  });
});
