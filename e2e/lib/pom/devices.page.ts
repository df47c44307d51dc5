import type { Locator, Page } from 'playwright-core';

/** 设备告警: the alert list with its live badge, and the acknowledge dialog. */
export class AlertsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/devices/alerts');
    await this.table().waitFor();
  }

  table(): Locator {
    return this.page.getByTestId('alerts-table');
  }

  /** The live stream's badge once connected (实时). */
  async waitLive() {
    await this.page.getByTestId('alerts-live').getByText('实时').waitFor();
  }

  row(text: string): Locator {
    return this.table().locator('tr.ant-table-row').filter({ hasText: text });
  }

  /** Acknowledges the alert of the row with a note, and waits for the server to take it. */
  async acknowledge(text: string, note: string) {
    await this.row(text).getByRole('button', { name: /确\s*认/ }).click();
    const dialog = this.page.locator('.ant-modal').filter({ has: this.page.getByTestId('alert-note') });
    await dialog.getByTestId('alert-note').fill(note);
    const done = this.page.waitForResponse((r) => /\/api\/devices\/alerts\/[^/]+\/acknowledge$/.test(r.url()) && r.request().method() === 'POST');
    await this.page.getByTestId('alert-confirm').click();
    const res = await done;
    await dialog.waitFor({ state: 'hidden' });
    return res.status();
  }
}

/** 失智定位: the elder's map page. */
export class ElderMapPage {
  constructor(private readonly page: Page) {}

  async goto(personId: string) {
    const loaded = this.page.waitForResponse((r) => r.url().includes(`/api/devices/elders/${personId}/map`) && r.status() === 200);
    await this.page.goto(`/devices/map?person=${personId}`);
    await loaded;
    await this.page.locator('[data-testid="elder-map"][data-ready="yes"]').waitFor();
  }

  trackCount(): Locator {
    return this.page.getByTestId('track-count');
  }

  /**
   * Draws a polygon safe zone: 多边形, a click on the map per corner (offsets in pixels from the
   * map's centre), name and hours; saves and returns the server's answer to the POST.
   */
  async drawPolygonZone(name: string, corners: [number, number][], hours?: [string, string]) {
    await this.page.getByTestId('zone-add').click();
    await this.page.getByTestId('zone-shape').getByText('多边形').click();
    const map = this.page.getByTestId('elder-map');
    const box = (await map.boundingBox())!;
    for (const [i, [dx, dy]] of corners.entries()) {
      await map.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
      await this.page.getByTestId('zone-vertices').getByText(`已选 ${i + 1} 个顶点`).waitFor();
    }
    await this.page.getByTestId('zone-name').fill(name);
    if (hours) {
      // type each end of the range and confirm it with the panel's 确定 (Enter would submit the form)
      const ok = this.page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button');
      for (const [placeholder, value] of [['开始时间', hours[0]], ['结束时间', hours[1]]] as const) {
        const input = this.page.getByPlaceholder(placeholder);
        await input.click();
        await input.fill(value);
        await ok.click();
      }
      await this.page.getByPlaceholder('结束时间').and(this.page.locator(`[value="${hours[1]}"]`)).waitFor();
    }
    const saved = this.page.waitForResponse((r) => r.url().endsWith('/api/devices/zones') && r.request().method() === 'POST');
    await this.page.getByTestId('zone-save').click();
    return saved;
  }
}
