import type { Locator, Page } from 'playwright-core';
import { clickOption, openDropdown, pick } from './antd.js';

/** 数据导入: the guided import wizard. */
export class ImportPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/collection/import');
    await this.steps().waitFor();
  }

  steps(): Locator {
    return this.page.getByTestId('import-steps');
  }

  /** The title of the current step. */
  async currentStep(): Promise<string> {
    return (await this.page.locator('.ant-steps-item-process .ant-steps-item-title').innerText()).trim();
  }

  async chooseKind(label: string) {
    await this.page.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  }

  async chooseJurisdiction(name: string) {
    await pick(this.page, this.page.locator('.ant-select').filter({ hasText: '请选择社区或网格' }), name);
  }

  async next() {
    await this.page.getByRole('button', { name: '下一步' }).click();
  }

  async upload(name: string, buffer: Buffer) {
    await this.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await this.page.getByTestId('mapping-table').waitFor();
  }

  /** Maps the column with this header to a field, as a user overrides the automatic mapping. */
  async mapColumn(header: string, field: string) {
    const select = this.page.getByLabel(`“${header}”对应的字段`);
    await select.click();
    await select.fill(field);
    await clickOption(this.page, openDropdown(this.page).locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${field}`) }).first());
  }

  async validate() {
    await this.page.getByRole('button', { name: '校验并预览' }).click();
    await this.page.getByTestId('preview-table').waitFor();
  }

  previewRows(): Locator {
    return this.page.getByTestId('preview-table').locator('tbody tr.ant-table-row');
  }

  async commit() {
    await this.page.getByRole('button', { name: /^确认导入（\d+ 行）$/ }).click();
    await this.page.locator('.ant-modal-confirm').getByRole('button', { name: '开始导入' }).click();
  }

  result(): Locator {
    return this.page.getByTestId('import-result');
  }
}
