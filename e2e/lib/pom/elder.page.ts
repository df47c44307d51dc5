import type { Locator, Page } from 'playwright-core';

/** 老人档案 (/elder): the list with its search. */
export class ElderListPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/elder');
    await this.page.getByTestId('elder-list').waitFor();
  }

  /** Searches by name and waits for the list's answer. */
  async search(text: string) {
    const answered = this.page.waitForResponse((r) => r.url().includes('/api/elder/elders?') && r.url().includes(encodeURIComponent(text)) && r.status() === 200);
    await this.page.getByTestId('elder-search').locator('input').fill(text);
    await this.page.getByTestId('elder-search').locator('input').press('Enter');
    await answered;
  }

  row(name: string): Locator {
    return this.page.getByTestId('elder-list').locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: name });
  }
}

/** 能力评估 form (/elder/elders/:id/assess). */
export class AssessmentFormPage {
  constructor(readonly page: Page) {}

  async waitLoaded() {
    await this.page.waitForURL(/\/elder\/elders\/[0-9a-f-]{36}\/assess/);
    await this.page.getByTestId('item-B1.1').waitFor();
  }

  /** Picks the option of an item by its position (0 = the best, as the scale lists them). */
  async answer(code: string, index: number) {
    const item = this.page.getByTestId(`item-${code}`);
    const option = item.locator('.ant-radio-wrapper').nth(index);
    const text = await option.innerText();
    await option.click();
    await item.locator('.ant-radio-wrapper-checked').filter({ hasText: text }).waitFor();
  }

  total(): Locator {
    return this.page.getByTestId('assessment-total');
  }

  level(): Locator {
    return this.page.getByTestId('assessment-level');
  }

  /** Submits (as the first assessor) through the confirmation, and waits for the report page. */
  async submit() {
    await this.page.getByTestId('assessment-submit').click();
    const confirm = this.page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
    const created = this.page.waitForResponse((r) => /\/api\/elder\/elders\/[0-9a-f-]{36}\/assessments$/.test(r.url()) && r.request().method() === 'POST');
    await confirm.click();
    const res = await created;
    await this.page.waitForURL(/\/elder\/assessments\/[0-9a-f-]{36}$/);
    return (await res.json()) as { id: string; total: number; finalLevel: number };
  }
}

/** 评估报告 (/elder/assessments/:id), where the second assessor signs. */
export class AssessmentReportPage {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/elder/assessments/${id}`);
    await this.page.getByTestId('assessment-report').waitFor();
  }

  async sign() {
    await this.page.getByTestId('report-sign').click();
    const confirm = this.page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
    const signed = this.page.waitForResponse((r) => r.url().endsWith('/sign') && r.request().method() === 'POST');
    await confirm.click();
    const res = await signed;
    if (res.status() !== 200) throw new Error(`sign: ${res.status()} ${await res.text()}`);
  }

  secondAssessor(): Locator {
    return this.page.getByTestId('report-assessor2');
  }
}
