import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { settled } from './antd.js';

/** The 导出 Excel dialog a list opens (ExportDialog). */
export class ExportDialog {
  constructor(readonly page: Page) {}

  static async openFrom(page: Page): Promise<ExportDialog> {
    await page.getByRole('button', { name: '导出 Excel' }).first().click();
    const d = new ExportDialog(page);
    await d.dialog().waitFor();
    await settled(d.dialog());
    return d;
  }

  dialog(): Locator {
    return this.page.locator('.ant-modal').filter({ has: this.page.locator('.ant-modal-title', { hasText: '导出 Excel' }) });
  }

  /** 脱敏导出: starts it and waits until the file is ready. */
  async exportMasked() {
    await this.dialog().getByRole('button', { name: '开始导出' }).click();
    await this.dialog().getByText(/文件已生成，共 \d+ 条记录/).waitFor();
  }

  /** 申请不脱敏导出 with a reason. */
  async requestUnmasked(reason: string) {
    await this.dialog().getByText('申请不脱敏导出').click();
    await this.dialog().getByLabel('申请事由').fill(reason);
    await this.dialog().getByRole('button', { name: '提交申请' }).click();
    await this.dialog().getByText('申请已提交，等待审批').waitFor();
  }

  downloadButton(): Locator {
    return this.dialog().getByRole('button', { name: /^下\s*载$/ });
  }

  close() {
    return this.dialog().locator('.ant-modal-close').click();
  }
}

/** 导出与审批 (/exports): my exports, and the requests awaiting my decision. */
export class ExportsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/exports');
    await this.page.getByRole('tab', { name: '我的导出' }).waitFor();
  }

  rows(): Locator {
    return this.page.locator('[role=tabpanel]:not([aria-hidden=true]) .ant-table-tbody tr.ant-table-row');
  }

  async openPending() {
    await this.page.getByRole('tab', { name: '待我审批' }).click();
    await this.page.locator('[role=tabpanel]:not([aria-hidden=true]) .ant-table').waitFor();
  }
}

/** Waits for the file a click downloads and reads its first sheet: header row and data rows. */
export async function readDownload(download: Download): Promise<{ name: string; header: string[]; rows: string[][] }> {
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const all: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => all.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return { name: download.suggestedFilename(), header: all[0] ?? [], rows: all.slice(1) };
}
