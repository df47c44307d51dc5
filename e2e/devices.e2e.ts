import crypto from 'node:crypto';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, PHONE, shot } from './lib/browser.js';
import { settled } from './lib/pom/antd.js';
import { AlertsPage, ElderMapPage } from './lib/pom/devices.page.js';
import { signedInPage } from './lib/pom/login.page.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

function signIn(username: string, viewport?: { width: number; height: number }): Promise<Page> {
  return signedInPage(browser, username, { viewport, collapsedSider: viewport === PHONE });
}

/** An elder and a watch of this test's own, made through the API (nothing another test file touches). */
async function elderWithWatch() {
  const api = await apiLogin('worker', PASSWORD);
  const me = await api.get('/api/auth/me');
  const tag = crypto.randomBytes(3).toString('hex');
  const person = await api.post('/api/people', { name: `测试老人${tag.slice(0, 2)}`, jurisdictionId: me.body.jurisdictions[0].id, birthDate: '1938-05-06' });
  expect(person.status).toBe(200);
  const serial = `86${String(crypto.randomInt(0, 1e13)).padStart(13, '0')}`;
  const watch = await api.post('/api/devices', { kind: 'watch', serialNo: serial, maker: '3G', personId: person.body.id });
  expect(watch.status).toBe(200);
  return { api, personId: person.body.id as string, name: person.body.name as string, serial };
}

describe('智能设备', () => {
  it('an SOS published over MQTT appears live on the alerts page and is acknowledged there', async () => {
    const { api, personId, name, serial } = await elderWithWatch();
    const client = await mqtt.connectAsync(inject('mqttURL'), { clientId: `e2e-${serial}` });
    try {
      // a short track first (for the map below)
      const base = Date.now() - 30 * 60_000;
      const fixes = Array.from({ length: 8 }, (_, i) => ({ time: new Date(base + i * 180_000).toISOString(), lat: 30.5128 + i * 0.0003, lng: 105.5936 + (i % 3) * 0.0002, accuracy: 10, battery: 66 }));
      await client.publishAsync(`linli/watch/${serial}/position`, JSON.stringify(fixes), { qos: 1 });

      const page = await signIn('worker');
      const alerts = new AlertsPage(page);
      await alerts.goto();
      await alerts.waitLive();
      expect(await alerts.row(name).count()).toBe(0);
      // the alert is pushed to the open page (server-sent events), not fetched by a reload
      await client.publishAsync(`linli/watch/${serial}/event`, JSON.stringify({ type: 'sos', time: new Date().toISOString(), lat: 30.5131, lng: 105.5939 }), { qos: 1 });
      await alerts.row(name).getByText('SOS 求助').waitFor();
      await settled(alerts.table());
      await shot(page, 'devices-alerts');

      expect(await alerts.acknowledge(name, '已电话联系家属，老人安全')).toBe(200);
      // the list shows open alerts: the acknowledged one leaves it
      await alerts.row(name).waitFor({ state: 'detached' });
      const list = await api.get(`/api/devices/alerts?personId=${personId}`);
      expect(list.body.items[0]).toMatchObject({ kind: 'sos', state: 'acknowledged', note: '已电话联系家属，老人安全' });

      // the elder's map: zones, position and the track just sent
      const map = new ElderMapPage(page);
      await map.goto(personId);
      await map.trackCount().getByText('9 个定位点').waitFor();
      await shot(page, 'devices-elder-map');
      // a fix published now reaches the open map live (NOTIFY linli_positions → the SSE stream)
      expect(await page.getByText('精度 37 米').count()).toBe(0);
      await client.publishAsync(`linli/watch/${serial}/position`, JSON.stringify({ time: new Date().toISOString(), lat: 30.5152, lng: 105.5941, accuracy: 37, battery: 65 }), { qos: 1 });
      await page.getByText('精度 37 米').waitFor();

      await page.goto('/devices');
      await page.getByTestId('device-table').locator('tr.ant-table-row').first().waitFor();
      await shot(page, 'devices-list');
      await page.context().close();
    } finally {
      await client.endAsync();
    }
  });

  it('draws a polygon safe zone with hours on the elder’s map and sees it saved', async () => {
    const { api, personId } = await elderWithWatch();
    const page = await signIn('worker');
    const map = new ElderMapPage(page);
    await map.goto(personId);
    // the elder's own watch is found among all the jurisdiction's (no fixes yet)
    await map.trackCount().getByText('0 个定位点').waitFor();
    const res = await map.drawPolygonZone('小区活动范围', [[-120, -80], [110, -90], [130, 70], [-100, 90]], ['07:00', '20:00']);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { id: string; shape: string; polygon: { lat: number; lng: number }[]; fromMinute: number; toMinute: number };
    expect(body).toMatchObject({ shape: 'polygon', fromMinute: 420, toMinute: 1200 });
    expect(body.polygon).toHaveLength(4);
    // the corners are where they were clicked: west ones west of east ones, north above south
    expect(body.polygon[0]!.lng).toBeLessThan(body.polygon[1]!.lng);
    expect(body.polygon[0]!.lat).toBeGreaterThan(body.polygon[3]!.lat);
    // listed on the page, and the map's data has it after a reload
    await page.getByText('多边形 · 4 个顶点 · 07:00–20:00').waitFor();
    await shot(page, 'devices-elder-map-polygon');
    const again = await api.get(`/api/devices/elders/${personId}/map?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date().toISOString()}`);
    expect(again.status).toBe(200);
    expect(again.body.zones.find((z: { id: string }) => z.id === body.id)).toMatchObject({ name: '小区活动范围', shape: 'polygon' });
    await page.context().close();
  });

  it('edits a circle and a polygon safe zone in place on the map, meets someone else’s change, and deletes a zone after confirming', async () => {
    const { api, personId } = await elderWithWatch();
    const centre = { lat: 30.5128, lng: 105.5936 };
    const east = (m: number) => centre.lng + m / (111_195 * Math.cos((centre.lat * Math.PI) / 180));
    const circle = await api.post('/api/devices/zones', { personId, name: '家附近', shape: 'circle', center: centre, radiusM: 150 });
    const polygon = await api.post('/api/devices/zones', {
      personId, name: '菜市场', shape: 'polygon',
      polygon: [{ lat: centre.lat - 0.0006, lng: east(-330) }, { lat: centre.lat - 0.0006, lng: east(-230) }, { lat: centre.lat + 0.0006, lng: east(-230) }, { lat: centre.lat + 0.0006, lng: east(-330) }],
    });
    expect([circle.status, polygon.status]).toEqual([200, 200]);
    const page = await signIn('worker', DESKTOP);
    const map = new ElderMapPage(page);
    await map.goto(personId);

    // the circle: the edge handle dragged outwards, the centre dragged south-east, a new name
    await map.editZone('家附近');
    await map.dragHandle('radius', -1, 45, 0);
    // the form's radius follows the handle
    await expect.poll(() => page.getByTestId('zone-radius').inputValue(), { timeout: 30_000 }).not.toBe('150');
    await map.dragHandle('center', -1, 30, 20);
    await page.getByTestId('zone-name').fill('家附近（扩大）');
    await settled(page.getByTestId('elder-map'));
    await shot(page, 'devices-zone-editing', { fullPage: false });
    const saved = await map.saveZoneEdit();
    expect(saved.status()).toBe(200);
    const c = (await saved.json()) as { name: string; radiusM: number; center: { lat: number; lng: number }; version: number };
    expect(c).toMatchObject({ name: '家附近（扩大）', version: 2 });
    // 45 px at the map's zoom (about 1 m a pixel at 16–17): larger, and by about that much
    expect(c.radiusM).toBeGreaterThan(170);
    expect(c.radiusM).toBeLessThan(400);
    expect(c.center.lng).toBeGreaterThan(centre.lng);
    expect(c.center.lat).toBeLessThan(centre.lat);
    await map.zoneItem('家附近（扩大）').getByText(`圆形 r=${c.radiusM} m`).waitFor();

    // someone else changes it meanwhile: this page's save on the old version is refused, and says so
    expect((await api.patch(`/api/devices/zones/${circle.body.id}`, { name: '家附近（他人修改）', version: 2 })).status).toBe(200);
    await map.editZone('家附近（扩大）');
    await page.getByTestId('zone-name').fill('我的修改');
    expect((await map.saveZoneEdit()).status()).toBe(409);
    await page.getByText('该记录已被他人修改，请刷新后重试').waitFor();
    await page.getByTestId('zone-cancel').click();
    await map.zoneItem('家附近（他人修改）').waitFor();

    // the polygon: a corner dragged out, and a new corner pulled from the middle of an edge
    await map.editZone('菜市场');
    await map.dragHandle('vertex', 0, -25, 25);
    await map.dragHandle('mid', 1, 40, 0);
    const p = await map.saveZoneEdit();
    expect(p.status()).toBe(200);
    const poly = (await p.json()) as { polygon: { lat: number; lng: number }[] };
    const before = polygon.body.polygon as { lat: number; lng: number }[];
    expect(poly.polygon).toHaveLength(5);
    expect(poly.polygon[0]!.lat).toBeLessThan(before[0]!.lat);
    expect(poly.polygon[0]!.lng).toBeLessThan(before[0]!.lng);
    expect(poly.polygon[1]).toEqual(before[1]);
    expect(poly.polygon[2]!.lng).toBeGreaterThan(before[1]!.lng);
    await map.zoneItem('菜市场').getByText('多边形 · 5 个顶点').waitFor();

    // deleted only after confirming, as the version on screen
    expect((await map.deleteZone('菜市场')).status()).toBe(200);
    await map.zoneItem('菜市场').waitFor({ state: 'detached' });
    const left = await api.get(`/api/devices/elders/${personId}/map?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date().toISOString()}`);
    expect(left.body.zones.map((z: { name: string }) => z.name)).toEqual(['家附近（他人修改）']);
    await page.context().close();
  });

  it('alerts and the map fit a phone for the grid worker in the field', async () => {
    const page = await signIn('grid', PHONE);
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await alerts.waitLive();
    await settled(alerts.table());
    await shot(page, 'devices-alerts-phone');
    // a demo elder with a zone, a track and kiosk readings (the first demo watch): map and trend on the phone
    const api = await apiLogin('grid', PASSWORD);
    const watch = (await api.get('/api/devices?kind=watch&q=860000100000000')).body.items[0];
    expect(watch?.personId).toBeTruthy();
    const map = new ElderMapPage(page);
    await map.goto(watch.personId);
    await page.getByTestId('readings-chart').locator('canvas').waitFor();
    await settled(page.getByTestId('readings-chart'));
    await shot(page, 'devices-elder-map-phone');
    await page.context().close();
  });
});
