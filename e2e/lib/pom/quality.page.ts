import type { Locator, Page } from 'playwright-core';

/** 数据质量 (/quality): gauge, bars per rule, the nodes below, the findings list. */
export class QualityPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/quality');
    await this.gauge().waitFor();
  }

  gauge(): Locator {
    return this.page.getByTestId('quality-gauge');
  }

  breadcrumb(): Locator {
    return this.page.getByTestId('quality-breadcrumb');
  }

  /** The row of a node below in the drill-down table. */
  child(name: string): Locator {
    return this.page.getByTestId('quality-children').locator('.ant-table-row').filter({ hasText: name });
  }

  /** Clicks a node below and waits until the breadcrumb ends with it. */
  async drillInto(name: string) {
    await this.child(name).getByText(name, { exact: true }).click();
    await this.breadcrumb().getByText(name, { exact: true }).waitFor();
  }

  findingRows(): Locator {
    return this.page.getByTestId('quality-findings').locator('.ant-table-tbody tr.ant-table-row');
  }

  /** Starts 重新评估 and waits for its progress line to say it finished. */
  async reevaluate() {
    await this.page.getByRole('button', { name: /重新评估/ }).click();
    await this.page.getByTestId('quality-run').getByText(/评估完成/).waitFor({ timeout: 120_000 });
  }
}

/** 我的待办 (/quality/todo): one item per record with its problems and a 去整改 button. */
export class TodoPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/quality/todo');
    await this.list().waitFor();
  }

  list(): Locator {
    return this.page.getByTestId('quality-todo');
  }

  items(): Locator {
    return this.list().locator('.ant-list-item');
  }
}
