import type { Page } from 'playwright-core';

/** The app shell: sidebar menu and the header with the user, language switch and sign-out. */
export class Shell {
  constructor(readonly page: Page) {}

  header() {
    return this.page.locator('.ant-layout-header');
  }

  menu() {
    return this.page.locator('.ant-layout-sider .ant-menu-root');
  }

  /** Every module the sidebar offers, in closed groups too (the shell renders them hidden). */
  async menuLabels(): Promise<string[]> {
    await this.menu().waitFor();
    return (await this.menu().locator('.ant-menu-item .ant-menu-title-content').allTextContents()).map((s) => s.trim());
  }

  /** Opens a module from the sidebar, opening its group first when it is closed. */
  async open(label: string) {
    // an inner locator of `has` is queried inside the outer one, so it starts from the item itself
    const itemOf = () => this.page.locator('.ant-menu-item').filter({ has: this.page.getByText(label, { exact: true }) });
    const item = this.menu().locator(itemOf()).first();
    // the shell renders the items of closed groups too (hidden): wait until the menu has it, then
    // open its group if it is in a closed one
    await item.waitFor({ state: 'attached' });
    if (!(await item.isVisible())) {
      await this.menu().locator('.ant-menu-submenu', { has: itemOf() }).locator('> .ant-menu-submenu-title').click();
    }
    await item.click();
  }

  async switchLanguage(to: 'EN' | '中文') {
    await this.header().locator('.ant-segmented').getByText(to, { exact: true }).click();
  }

  async signOut(buttonText = '退出登录') {
    await this.header().getByRole('button', { name: buttonText }).click();
    const confirm = this.page.locator('.ant-popconfirm .ant-btn-primary');
    await confirm.waitFor();
    await confirm.click();
    await this.page.waitForURL(/\/login/);
  }
}
