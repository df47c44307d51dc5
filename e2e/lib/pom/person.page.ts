import type { Locator, Page } from 'playwright-core';

/** 人员360 (/registry/people/:id): the header card and the tabs below it. */
export class PersonPage {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/registry/people/${id}`);
    await this.waitLoaded();
  }

  /** Waits until the person has loaded (the header shows the name, the tabs are there). */
  async waitLoaded(name?: string) {
    await this.page.waitForURL(/\/registry\/people\/[0-9a-f-]{36}$/);
    await (name ? this.name().filter({ hasText: name }) : this.name()).waitFor();
    await this.page.getByRole('tab', { name: /^基本信息/ }).waitFor();
  }

  /** The person's id, from the address. */
  id(): string {
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  name(): Locator {
    return this.page.locator('h3.ant-typography').first();
  }

  /** The header card (name, tags, masked ID and phone, gender, age, jurisdiction). */
  header(): Locator {
    return this.page.locator('.ant-card').filter({ has: this.page.getByRole('button', { name: /返回列表/ }) });
  }

  /** Opens a tab by its label (家庭, 房屋, 亲属关系 …); the label may carry a count badge. */
  async openTab(label: string): Promise<Locator> {
    await this.page.getByRole('tab', { name: new RegExp(`^${label}`) }).click();
    const pane = this.page.getByRole('tabpanel');
    await pane.waitFor();
    return pane;
  }

  /** Rows of a table in the open tab, each as its cells' texts. */
  async tableRows(pane: Locator): Promise<string[][]> {
    const rows = pane.locator('.ant-table-tbody tr.ant-table-row');
    const out: string[][] = [];
    for (const row of await rows.all()) out.push((await row.locator('td').allInnerTexts()).map((s) => s.trim()));
    return out;
  }
}
