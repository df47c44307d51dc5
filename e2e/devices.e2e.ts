import crypto from 'node:crypto';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, PHONE, shot } from './lib/browser.js';
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
