import type { Locator, Page, Response } from 'playwright-core';

/** What the test reads of the elder map's MapLibre map (exposed by TrackMap as window.__linliElderMap). */
interface ElderMapHandle {
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(options?: { layers?: string[] }): { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[];
  getCanvas(): HTMLCanvasElement;
}
type ElderMapWindow = { __linliElderMap?: ElderMapHandle };

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

  zoneItem(name: string): Locator {
    return this.page.getByTestId('zone-item').filter({ hasText: name });
  }

  /** 编辑区域 on a saved zone: its outline gets drag handles on the map and its form opens. */
  async editZone(name: string) {
    await this.zoneItem(name).getByTestId('zone-edit').click();
    await this.page.getByTestId('zone-edit-hint').waitFor();
  }

  /**
   * Where a drag handle of the zone being edited is drawn, in page pixels: `center` / `radius` of a
   * circle, `vertex` / `mid` number `i` of a polygon. Waits until the map has drawn it.
   */
  async handlePoint(role: 'center' | 'radius' | 'vertex' | 'mid', i = -1): Promise<{ x: number; y: number }> {
    const handle = await this.page.waitForFunction(
      ({ role, i }) => {
        const map = (window as unknown as ElderMapWindow).__linliElderMap;
        const f = map?.queryRenderedFeatures({ layers: ['draft-handle'] }).find((h) => h.properties.role === role && Number(h.properties.i) === i);
        if (!map || !f) return null;
        const box = map.getCanvas().getBoundingClientRect();
        const p = map.project(f.geometry.coordinates);
        return { x: Math.round(box.left + p.x), y: Math.round(box.top + p.y) };
      },
      { role, i },
      { polling: 100 },
    );
    return (await handle.jsonValue())!;
  }

  /** Drags a handle by (dx, dy) pixels with the mouse, in small steps as a hand would. */
  async dragHandle(role: 'center' | 'radius' | 'vertex' | 'mid', i: number, dx: number, dy: number) {
    const from = await this.handlePoint(role, i);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /** 保存 of the zone form; returns the server's answer to the PATCH. */
  async saveZoneEdit(): Promise<Response> {
    const saved = this.page.waitForResponse((r) => /\/api\/devices\/zones\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
    await this.page.getByTestId('zone-save').click();
    return saved;
  }

  /** 删除 of a listed zone, confirmed in its pop-up; returns the server's answer to the DELETE. */
  async deleteZone(name: string): Promise<Response> {
    await this.zoneItem(name).getByTestId('zone-delete').click();
    const done = this.page.waitForResponse((r) => /\/api\/devices\/zones\/[^/?]+\?version=\d+$/.test(r.url()) && r.request().method() === 'DELETE');
    await this.page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: /确\s*定/ }).click();
    return done;
  }
}
