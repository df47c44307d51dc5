import type { Locator, Page } from 'playwright-core';
import { settled } from './antd.js';

/** 房屋管理 (/registry/housing): estates on the left, their buildings and houses on the right. */
export class HousingPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/registry/housing');
    await this.page.locator('button.estate-item').first().waitFor();
  }

  async selectEstate(name: string) {
    await this.page.locator('button.estate-item').filter({ hasText: name }).click();
    await this.page.locator('.ant-card-head-title').filter({ hasText: name }).waitFor();
  }

  /** The row of a building in the 楼栋 tab. */
  buildingRow(name: string): Locator {
    return this.page.locator('.ant-table-tbody tr.ant-table-row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async openFloorPlan(building: string) {
    await this.buildingRow(building).getByRole('link', { name: '楼盘表', exact: true }).click();
  }
}

/** 楼盘表 (/registry/buildings/:id): floors × units, one button per house; a drawer per house. */
export class FloorPlanPage {
  constructor(readonly page: Page) {}

  async waitLoaded(title?: string) {
    await this.page.waitForURL(/\/registry\/buildings\/[0-9a-f-]{36}$/);
    await this.page.locator('table.floor-plan').waitFor();
    if (title) await this.title().filter({ hasText: title }).waitFor();
  }

  buildingId(): string {
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  /** 楼盘表：<estate> <building> */
  title(): Locator {
    return this.page.getByText(/^楼盘表：/).first();
  }

  cells(): Locator {
    return this.page.locator('table.floor-plan button.fp-cell');
  }

  /** Houses with somebody living there: their cell reads "<n>人" (an empty one reads 空置). */
  occupiedCells(): Locator {
    return this.cells().filter({ hasText: /\d+人$/ });
  }

  /**
   * Opens a house's drawer by clicking its cell, and returns the house id the drawer asked the
   * server for (a cell shows the door number only, which repeats in every unit).
   */
  async openCell(cell: Locator): Promise<string> {
    const read = this.page.waitForResponse((r) => r.request().method() === 'GET' && /^\/api\/houses\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname));
    await cell.click();
    const response = await read;
    await this.drawer().waitFor();
    await settled(this.drawer());
    return new URL(response.url()).pathname.split('/').pop()!;
  }

  drawer(): Locator {
    return this.page.locator('.ant-drawer-open .ant-drawer-section');
  }

  /** The people listed under 现住人员 in the house drawer, once they have loaded. */
  residents(): Locator {
    return this.drawer().locator('.ant-list-item');
  }
}
