import type { Locator, Page } from 'playwright-core';

/** What the test reads of the page's MapLibre map (exposed by RegistryMap as window.__linliMap). */
interface MapHandle {
  loaded(): boolean;
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(
    point?: [number, number],
    options?: { layers?: string[] },
  ): { layer: { id: string }; properties: Record<string, unknown> }[];
  getCanvas(): HTMLCanvasElement;
}
type MapWindow = { __linliMap?: MapHandle };

/** 地图 (/registry/map): the 2.5D map, the side panel of the building clicked. */
export class MapPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/registry/map');
    await this.page.locator('.registry-map[data-ready="true"]').waitFor();
  }

  /**
   * Waits until the map is idle (everything loaded and drawn, no camera movement) with `count`
   * different buildings drawn as extrusions.
   */
  async waitForBuildings(count: number) {
    await this.page.waitForFunction(
      (n) => {
        const map = (window as unknown as MapWindow).__linliMap;
        if (!map || !map.loaded()) return false;
        const drawn = new Set(map.queryRenderedFeatures(undefined, { layers: ['buildings-3d'] }).map((f) => f.properties.id));
        return drawn.size === n;
      },
      count,
      { timeout: 30_000, polling: 100 },
    );
  }

  /**
   * A point of the page where a click lands on this building: inside its footprint, where the
   * building is the nearest thing drawn (no other building in front, no facility dot) and where
   * no label or control covers the canvas. Null when none of the tried points qualifies.
   */
  async pointOnBuilding(id: string, footprint: [number, number][]): Promise<{ x: number; y: number } | null> {
    return this.page.evaluate(
      ({ id, footprint }) => {
        const map = (window as unknown as MapWindow).__linliMap!;
        const canvas = map.getCanvas();
        const box = canvas.getBoundingClientRect();
        const lons = footprint.map((p) => p[0]);
        const lats = footprint.map((p) => p[1]);
        const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
        // the centre first, then a grid over the footprint
        const tries: [number, number][] = [[(w + e) / 2, (s + n) / 2]];
        for (const fx of [0.25, 0.5, 0.75]) for (const fy of [0.25, 0.5, 0.75]) tries.push([w + (e - w) * fx, s + (n - s) * fy]);
        for (const lngLat of tries) {
          const p = map.project(lngLat);
          // whole pixels, as a mouse event gives them
          const x = Math.round(box.left + p.x);
          const y = Math.round(box.top + p.y);
          const hits = map.queryRenderedFeatures([x - box.left, y - box.top], { layers: ['things', 'buildings-3d'] });
          if (hits[0]?.layer.id !== 'buildings-3d' || hits[0].properties.id !== id) continue;
          if (document.elementFromPoint(x, y) !== canvas) continue;
          return { x, y };
        }
        return null;
      },
      { id, footprint },
    );
  }

  /** The side panel of the selected building (its title is "<estate> <building>"). */
  panel(title: string): Locator {
    return this.page.locator('.map-side .ant-card').filter({ has: this.page.locator('.ant-card-head-title', { hasText: title }) });
  }
}
