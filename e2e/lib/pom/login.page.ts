import type { Browser, Page } from 'playwright-core';
import { newPage } from '../browser.js';

/** The sign-in page (/login). */
export class LoginPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/login');
    await this.page.getByLabel('用户名').waitFor();
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.locator('button[type=submit]').click();
  }

  errorAlert() {
    return this.page.locator('.ant-alert-error');
  }
}

/** The demo accounts' password (README). */
export const DEMO_PASSWORD = 'Demo@2026';

/**
 * A fresh browser context signed in as a demo account, on the shell (its header shown). With
 * `collapsedSider` the side menu starts folded, as a phone user leaves it.
 */
export async function signedInPage(
  browser: Browser,
  username: string,
  { viewport, collapsedSider = false }: { viewport?: { width: number; height: number }; collapsedSider?: boolean } = {},
): Promise<Page> {
  const page = await newPage(browser, viewport);
  if (collapsedSider) await page.addInitScript(() => localStorage.setItem('linli.siderCollapsed', '1'));
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username, DEMO_PASSWORD);
  await page.locator('.ant-layout-header').waitFor();
  return page;
}
