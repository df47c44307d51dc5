import type { Page } from 'playwright-core';

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
