import type { Locator, Page } from 'playwright-core';
import { pick } from './antd.js';

/** 领导驾驶舱 (/cockpit full screen, /analysis/cockpit in the shell): KPI tiles fed by server push. */
export class CockpitPage {
  constructor(readonly page: Page) {}

  async goto(nodeId?: string, fullscreen = true) {
    await this.page.goto(`${fullscreen ? '/cockpit' : '/analysis/cockpit'}${nodeId ? `?node=${nodeId}` : ''}`);
    await this.kpi('people').waitFor();
  }

  kpi(code: string): Locator {
    return this.page.getByTestId(`kpi-${code}`);
  }

  /** The number a KPI tile shows (thousands separators removed). */
  async value(code: string): Promise<number> {
    return Number((await this.kpi(code).locator('.ant-statistic-content-value').innerText()).replace(/[,\s]/g, ''));
  }

  /** Waits, without reloading or sleeping, until the tile shows `n`. */
  async waitForValue(code: string, n: number) {
    await this.page.waitForFunction(
      ([c, v]) => Number(document.querySelector(`[data-testid="kpi-${c}"] .ant-statistic-content-value`)?.textContent?.replace(/[,\s]/g, '')) === v,
      [code, n] as const,
    );
  }

  /** How many pushes the page has received. */
  async updates(): Promise<number> {
    return Number(await this.page.getByTestId('cockpit').getAttribute('data-updates'));
  }
}

/** 数据立方 (/analysis/cube). */
export class CubePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/analysis/cube');
    await this.rows().first().waitFor();
  }

  table(): Locator {
    return this.page.getByTestId('cube-table');
  }

  rows(): Locator {
    return this.table().locator('.ant-table-tbody tr.ant-table-row');
  }

  /** Picks a value in one of the form's selects and waits for its dropdown to close. */
  async pick(testId: string, option: string) {
    await pick(this.page, this.page.getByTestId(testId), option);
  }
}
