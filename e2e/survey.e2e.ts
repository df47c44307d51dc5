import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, PHONE, shot } from './lib/browser.js';
import { LoginPage } from './lib/pom/login.page.js';
import { Shell } from './lib/pom/shell.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';

/**
 * 入户调查 offline, on a phone-sized Chromium: the grid worker downloads the grid, loses the
 * network, records a visit with a correction and a photo, reloads the page with no network (the
 * app from the service worker, the queue from IndexedDB), while an office worker changes the same
 * person; back online the sync finds the conflict, the worker decides, and the server holds it.
 */
let browser: Browser;
let page: Page;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser, PHONE);
  context = page.context();
});
afterAll(() => browser?.close());

/** A house of the demo grid worker's grid with a resident, as the survey slice lists it. */
async function houseWithResident() {
  const grid = await apiLogin('grid', PASSWORD);
  const slice = (await grid.get('/api/survey/slice')).body as {
    buildings: { id: string; name: string; estateName: string | null }[];
    houses: { id: string; buildingId: string; label: string }[];
    residences: { personId: string; houseId: string }[];
    people: { id: string; name: string }[];
  };
  const residence = slice.residences.find((r) => slice.people.some((p) => p.id === r.personId))!;
  const house = slice.houses.find((h) => h.id === residence.houseId)!;
  const building = slice.buildings.find((b) => b.id === house.buildingId)!;
  const person = slice.people.find((p) => p.id === residence.personId)!;
  return { house, building, person };
}

describe('offline door-to-door survey', () => {
  it('survives going offline and a reload, then syncs with a per-field conflict the worker resolves', async () => {
    const { house, building, person } = await houseWithResident();
    const stamp = Date.now().toString(36);
    const mine = `离线核实地址${stamp}`;
    const theirs = `社区登记地址${stamp}`;
    const note = `走访备注${stamp}`;

    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('grid', PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/survey');
    await page.getByRole('button', { name: /下载本网格数据/ }).click();
    await page.getByTestId('slice-info').waitFor();
    expect(await page.getByTestId('net-state').textContent()).toBe('在线');
    // the app shell is in the service worker's cache before the network goes
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).active)).toBe(true);
    await shot(page, 'survey-01-home');

    await page.getByTestId(`building-${building.id}`).click();
    await page.getByTestId(`house-${house.id}`).waitFor();
    await shot(page, 'survey-02-building');

    await context.setOffline(true);
    await page.getByTestId('net-state').getByText('离线').waitFor();
    await page.getByTestId(`house-${house.id}`).click();
    await page.getByTestId('house-label').getByText(house.label).waitFor();

    // correct the resident: a new address and a note
    await page.getByTestId(`resident-${person.name}`).getByRole('button', { name: '修改' }).click();
    await page.getByLabel('现住址').fill(mine);
    await page.getByLabel('备注').fill(note);
    await page.getByTestId('person-save').click();
    await page.getByTestId(`resident-${person.name}`).getByText(mine).waitFor();

    // a photo from the camera input (a real JPEG: a picture of this very page)
    const jpeg = await page.screenshot({ type: 'jpeg', quality: 60 });
    await page.getByTestId('photo-input').setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('.survey-photos img').waitFor();
    await shot(page, 'survey-03-visit-offline');
    await page.getByRole('button', { name: '保存走访' }).click();
    await page.getByTestId(`house-${house.id}`).waitFor();
    // one change, one visit, one photo wait for the network
    await page.getByTestId('pending').getByText('待上传 3 条').waitFor();

    // the phone restarts with no signal: the app comes from the cache, the queue from IndexedDB
    await page.reload();
    await page.getByTestId('pending').getByText('待上传 3 条').waitFor();
    expect(await page.getByTestId('net-state').textContent()).toBe('离线');
    await page.goto(`/survey/houses/${house.id}`).catch(() => undefined);
    await page.getByTestId(`resident-${person.name}`).getByText(mine).waitFor();
    await shot(page, 'survey-04-reloaded-offline');

    // meanwhile the community office corrects the same person's address
    const office = await apiLogin('worker', PASSWORD);
    const current = (await office.get(`/api/people/${person.id}`)).body as { version: number };
    expect((await office.patch(`/api/people/${person.id}`, { residenceAddress: theirs, version: current.version })).status).toBe(200);

    // back online: the queue goes up by itself; the address comes back as a conflict
    await context.setOffline(false);
    await page.getByTestId('net-state').getByText('在线').waitFor();
    await page.getByTestId('pending').getByText('待上传 0 条').waitFor();
    await page.locator('.survey-syncbar').getByText('冲突').click();
    const field = page.getByTestId('field-residenceAddress');
    await field.getByText(mine).waitFor();
    await field.getByText(theirs).waitFor();
    expect(await page.getByText('其他修改已提交：备注').count()).toBe(1);
    await shot(page, 'survey-05-conflict');

    // the server kept theirs until the worker decides; the untouched field already applied
    const before = (await office.get(`/api/people/${person.id}`)).body as { residenceAddress: string; notes: string };
    expect(before).toMatchObject({ residenceAddress: theirs, notes: note });

    await field.getByText('我的值').click();
    await page.getByRole('button', { name: '确认处理' }).click();
    await page.getByText('没有待处理的冲突').waitFor();
    await shot(page, 'survey-06-resolved');

    const after = (await office.get(`/api/people/${person.id}`)).body as { residenceAddress: string; notes: string };
    expect(after).toMatchObject({ residenceAddress: mine, notes: note });
    const visits = (await office.get(`/api/survey/houses/${house.id}/visits`)).body as { items: { outcome: string; photos: { complete: boolean }[] }[] };
    expect(visits.items[0]).toMatchObject({ outcome: 'changed', photos: [{ complete: true }] });
  });

  it('is in a grid worker’s menu on the desktop and opens the phone app outside the shell', async () => {
    const desk = await newPage(browser);
    await new LoginPage(desk).goto();
    await new LoginPage(desk).signIn('grid', PASSWORD);
    const shell = new Shell(desk);
    expect(await shell.menuLabels()).toContain('入户调查');
    await shell.open('入户调查');
    await desk.waitForURL((u) => u.pathname === '/survey');
    await desk.getByTestId('sync-bar').waitFor();
    expect(await desk.locator('.ant-layout-sider').count()).toBe(0);
    await desk.context().close();
  });
});
