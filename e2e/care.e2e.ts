import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPhoto } from '../apps/server/src/modules/care/care.photos.js';
import { DESKTOP, launch, newPage, PHONE, shot } from './lib/browser.js';
import { pick, settled } from './lib/pom/antd.js';
import { LoginPage } from './lib/pom/login.page.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';
/** The elder's building, and a point 800 m north of it (beyond the 300 m tolerance). */
const HOME = { lat: 30.5402, lon: 105.5712 };
const FAR = { latitude: HOME.lat + 800 / 111_195, longitude: HOME.lon };
const NEAR = { latitude: HOME.lat + 20 / 111_195, longitude: HOME.lon };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 居家养老服务 on a phone. Offline: the caregiver downloads the day, loses the network, does a
 * whole visit (the page reloaded in the middle), and back online every step and photo arrives
 * once with the time and place it was captured, and the visit passes the checks. Online: the
 * caregiver checks in (the browser's position, 800 m from the home),
 * uploads photos, ticks the tasks, checks out at the door, the family rates the visit; then the
 * elder-care staff see the exception of the check-in made too far away, with the visit's photos
 * and positions. The elder, plan and order are the test's own, made through the API.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** An elder of its own (a new building at HOME), with a plan of the demo provider and today's order dispatched to the demo caregiver. */
async function visitForToday(stamp: string) {
  const ok = <T>(r: { status: number; body: T }) => {
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const worker = await apiLogin('worker', PASSWORD);
  const me = ok(await worker.get('/api/auth/me')) as { jurisdictions: { id: string }[] };
  const node = me.jurisdictions[0]!.id;
  const estate = ok(await worker.post('/api/estates', { name: `护理测试小区${stamp}`, jurisdictionId: node })) as { id: string };
  const building = ok(await worker.post('/api/buildings', { name: '1栋', estateId: estate.id, jurisdictionId: node, floors: 6, unitCount: 1, ...HOME })) as { id: string };
  const house = ok(await worker.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 2, number: '201' })) as { id: string };
  const name = `测老人${stamp.slice(-4)}`;
  const person = ok(await worker.post('/api/people', { name, jurisdictionId: node, birthDate: '1942-03-08', gender: 2 })) as { id: string };
  ok(await worker.post(`/api/people/${person.id}/houses`, { houseId: house.id, kind: 'resident', validFrom: '2010-01-01' }));

  // a provider of its own: a registered organisation, the demo caregiver and dispatcher as its staff
  const org = ok(await worker.post('/api/organizations', { name: `测试居家养老服务中心${stamp}`, type: 'social_org', jurisdictionId: node })) as { id: string };
  const staff = await apiLogin('eldercare', PASSWORD);
  const district = (ok(await staff.get('/api/jurisdictions?q=船山区')) as { items: { id: string; code: string }[] }).items.find((n) => n.code === '510903')!;
  const provider = ok(await staff.post('/api/care/providers', { organizationId: org.id, serviceAreaIds: [district.id] })) as { id: string };
  const accounts = async (kind: 'caregiver' | 'dispatcher', name: string) =>
    (ok(await staff.get(`/api/care/staff-candidates?kind=${kind}&q=${encodeURIComponent(name)}`)) as { items: { id: string; displayName: string }[] }).items.find((u) => u.displayName.startsWith(name))!;
  ok(await staff.post(`/api/care/providers/${provider.id}/staff`, { userId: (await accounts('caregiver', '周丽')).id, kind: 'caregiver' }));
  ok(await staff.post(`/api/care/providers/${provider.id}/staff`, { userId: (await accounts('dispatcher', '黄建华')).id, kind: 'dispatcher' }));
  const plan = ok(await staff.post('/api/care/plans', {
    personId: person.id, providerId: provider.id, needs: ['meals'], periodFrom: today(), periodTo: today(),
    items: [{ serviceCode: 'meal', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00' }],
  })) as { id: string };
  ok(await staff.post(`/api/care/plans/${plan.id}/generate`));
  const dispatcher = await apiLogin('provider', PASSWORD);
  const order = (ok(await dispatcher.get(`/api/care/orders?personId=${person.id}`)) as { items: { id: string; version: number }[] }).items[0]!;
  const team = ok(await dispatcher.get(`/api/care/providers/${provider.id}/staff`)) as { items: { userId: string; displayName: string; kind: string }[] };
  const caregiver = team.items.find((s) => s.kind === 'caregiver' && s.displayName.startsWith('周丽'))!;
  ok(await dispatcher.post(`/api/care/orders/${order.id}/dispatch`, { version: order.version, caregiverId: caregiver.userId }));
  return { name, orderId: order.id, personId: person.id, providerId: provider.id, organization: org.id };
}

/** Picks a generated photo for the visit's hidden camera input and waits until it is uploaded (or, offline, kept on the phone). */
async function takePhoto(page: Page, stage: 'check_in' | 'during' | 'check_out', seed: number, { offline = false } = {}) {
  const photo = await generatedPhoto(seed, { width: 640, height: 480 });
  await page.getByTestId(`care-take-${stage}`).waitFor();
  const before = await page.getByTestId(`care-photo-${stage}`).count();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(`care-take-${stage}`).click();
  await (await chooser).setFiles({ name: `${stage}.jpg`, mimeType: 'image/jpeg', buffer: photo });
  if (offline) await page.getByTestId(`care-photo-${stage}`).nth(before).waitFor();
  else await page.locator(`[data-testid="care-photo-${stage}"][data-done="yes"]`).last().waitFor();
}

describe('a caregiver’s visit with no network', () => {
  it('is kept on the phone through a reload and arrives once, with its capture times, when the network is back', async () => {
    const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const { name, orderId } = await visitForToday(stamp);
    const seed = Number.parseInt(stamp.slice(-6), 36) + 7;

    const page = await newPage(browser, PHONE, { geolocation: NEAR, permissions: ['geolocation'] });
    const context = page.context();
    const stored: string[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith(`/api/care/orders/${orderId}/steps`) && r.status() === 200) stored.push(r.url());
    });
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('caregiver', PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    // the phone's clock starts 45 minutes ago, so the visit can last 20 minutes within the test
    const started = Date.now() - 45 * 60_000;
    await page.clock.install({ time: started });
    await page.goto('/care/app');
    const card = page.getByTestId('care-visit').filter({ hasText: name });
    await card.waitFor();
    await page.getByTestId('care-downloaded').getByText('今日服务已下载').waitFor();
    // installable, with the app shell in the service worker's cache before the network goes
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).active)).toBe(true);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/care.webmanifest');
    const manifest = (await (await page.request.get('/care.webmanifest')).json()) as { start_url: string; icons: unknown[] };
    expect(manifest).toMatchObject({ start_url: '/care/app', display: 'standalone' });
    await shot(page, 'care-01-phone-today');

    await context.setOffline(true);
    await page.getByTestId('net-state').getByText('离线').waitFor();
    await card.click();
    await page.waitForURL((u) => u.pathname === `/care/app/visits/${orderId}`);
    await takePhoto(page, 'check_in', seed, { offline: true });
    await page.getByTestId('care-check-in').click();
    await page.getByText('已签到').waitFor();
    await expect(page.getByTestId('care-status').textContent()).resolves.toBe('服务中');
    await takePhoto(page, 'during', seed + 1, { offline: true });
    await page.getByLabel('送餐上门').check();
    await page.getByLabel('协助进食').check();
    await page.getByTestId('pending').getByText('待上传 3 条').waitFor();
    await shot(page, 'care-02-phone-offline-in-progress');

    // the page is closed and opened again with no signal: the app from the cache, the visit from IndexedDB
    await page.reload();
    await page.getByText('已签到').waitFor();
    await page.getByTestId('pending').getByText('待上传 3 条').waitFor();
    expect(await page.getByTestId('net-state').textContent()).toBe('离线');
    expect(await page.getByLabel('协助进食').isChecked()).toBe(true);
    expect(await page.getByTestId('care-photo-during').count()).toBe(1);

    await page.clock.fastForward('20:00');
    await takePhoto(page, 'check_out', seed + 2, { offline: true });
    await page.getByTestId('care-check-out').click();
    await page.getByTestId('care-evaluate').waitFor();
    await page.getByTestId('care-rate').locator('li').nth(3).click();
    await page.getByTestId('care-comment').fill('离线也能评价');
    await page.getByTestId('care-family').click();
    await page.getByTestId('care-evaluate').click();
    await page.getByTestId('care-done').getByText('评价已保存，联网后自动上传').waitFor();
    await page.getByTestId('pending').getByText('待上传 6 条').waitFor();
    await shot(page, 'care-03-phone-offline-done');
    expect(stored).toHaveLength(0);

    // back online: the queue goes up by itself, in order, photos before the step that needs them
    await context.setOffline(false);
    await page.getByTestId('pending').getByText('待上传 0 条').waitFor();
    await page.getByTestId('care-done').getByText('服务已完成，评价已提交').waitFor();
    await shot(page, 'care-04-phone-synced');
    expect(stored).toHaveLength(3);

    const staff = await apiLogin('eldercare', PASSWORD);
    const o = (await staff.get(`/api/care/orders/${orderId}`)).body as {
      status: string; rating: number; confirmedBy: string; ratingComment: string; tasksDone: string[]; checkInAt: string; checkOutAt: string;
      photos: { stage: string; complete: boolean; takenAt: string }[]; exceptionList: unknown[]; evvStatus: string;
    };
    expect(o).toMatchObject({ status: 'completed', rating: 4, confirmedBy: 'family', ratingComment: '离线也能评价', exceptionList: [] });
    expect(o.tasksDone.sort()).toEqual(['协助进食', '送餐上门']);
    expect(o.photos.map((p) => `${p.stage}:${p.complete}`).sort()).toEqual(['check_in:true', 'check_out:true', 'during:true']);
    // the times are the phone's when the steps were taken, not when they were uploaded
    const checkIn = Date.parse(o.checkInAt);
    expect(Math.abs(checkIn - started)).toBeLessThan(10 * 60_000);
    expect(Date.parse(o.checkOutAt) - checkIn).toBeGreaterThanOrEqual(20 * 60_000);
    expect(Date.parse(o.photos.find((p) => p.stage === 'check_in')!.takenAt)).toBeLessThanOrEqual(checkIn);
    await context.close();
  });
});

describe('a caregiver’s visit on a phone', () => {
  let name = '';
  it('checks in too far away, uploads photos, checks out, and the family rates it', async () => {
    const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const made = await visitForToday(stamp);
    name = made.name;
    const orderId = made.orderId;
    const seed = Number.parseInt(stamp.slice(-6), 36);

    const page = await newPage(browser, PHONE, { geolocation: FAR, permissions: ['geolocation'] });
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('caregiver', PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/care/app');
    const card = page.getByTestId('care-visit').filter({ hasText: name });
    await card.waitFor();
    await card.click();
    await page.waitForURL((u) => u.pathname === `/care/app/visits/${orderId}`);
    await expect(page.getByTestId('care-status').textContent()).resolves.toBe('已派单');
    expect(await page.locator('a[href^="geo:"]').getAttribute('href')).toContain(`geo:${HOME.lat},${HOME.lon}`);

    await takePhoto(page, 'check_in', seed);
    await shot(page, 'care-05-phone-check-in');
    const checkedIn = page.waitForResponse((r) => r.url().endsWith(`/api/care/orders/${orderId}/steps`) && r.request().method() === 'POST');
    await page.getByTestId('care-check-in').click();
    const inBody = await (await checkedIn).json();
    expect(inBody).toMatchObject({ kind: 'check_in', status: 'in_progress', exceptions: ['check_in_distance'] });
    await page.getByText('已签到').waitFor();

    await takePhoto(page, 'during', seed + 1);
    await page.getByLabel('送餐上门').check();
    await page.getByLabel('协助进食').check();
    await page.context().setGeolocation(NEAR);
    await takePhoto(page, 'check_out', seed + 2);
    await shot(page, 'care-06-phone-in-progress');
    const checkedOut = page.waitForResponse((r) => r.url().endsWith(`/api/care/orders/${orderId}/steps`) && r.request().method() === 'POST');
    await page.getByTestId('care-check-out').click();
    const outBody = await (await checkedOut).json();
    expect(outBody.status).toBe('completed');
    expect(outBody.exceptions).toContain('check_in_distance');
    expect(outBody.exceptions).not.toContain('check_out_distance');
    expect(outBody.exceptions).not.toContain('missing_photo');

    await page.getByTestId('care-evaluate').waitFor();
    await page.getByTestId('care-rate').locator('li').nth(3).click();
    await page.getByTestId('care-comment').fill('护理员很耐心');
    await page.getByTestId('care-family').click();
    await shot(page, 'care-07-phone-evaluate');
    const evaluated = page.waitForResponse((r) => r.url().endsWith(`/api/care/orders/${orderId}/steps`) && r.request().method() === 'POST');
    await page.getByTestId('care-evaluate').click();
    expect((await (await evaluated).json()).kind).toBe('evaluate');
    await page.getByTestId('care-done').waitFor();
    await shot(page, 'care-08-phone-done');
    await page.context().close();
  });

  it('shows the staff the exception of the far check-in, and the visit behind it', async () => {
    expect(name).not.toBe('');
    const desk = await newPage(browser, DESKTOP);
    const staffLogin = new LoginPage(desk);
    await staffLogin.goto();
    await staffLogin.signIn('eldercare', PASSWORD);
    await desk.waitForURL((u) => u.pathname === '/');
    const listed = desk.waitForResponse((r) => r.url().includes('/api/care/exceptions?') && r.url().includes('kind=check_in_distance'));
    await desk.goto('/care/exceptions?status=open&kind=check_in_distance');
    await listed;
    const row = desk.locator('.ant-table-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('签到位置超出范围');
    expect(await row.textContent()).toMatch(/距住址 8\d\d 米（容差 300 米）/);
    await shot(desk, 'care-09-exceptions');
    await row.getByText(name).click();
    const drawer = desk.getByTestId('care-visit-drawer');
    await drawer.waitFor();
    await settled(drawer);
    await drawer.locator('img[src^="/api/care/photos/"]').nth(2).waitFor();
    expect(await drawer.locator('img[src^="/api/care/photos/"]').count()).toBe(3);
    expect(await drawer.textContent()).toContain('家属确认');
    await desk.getByTestId('care-visit-map').locator('canvas').waitFor();
    await shot(desk, 'care-10-visit-drawer', { fullPage: false });

    const figures = desk.waitForResponse((r) => r.url().includes('/api/care/supervision'));
    await desk.goto('/care/supervision');
    await figures;
    await desk.getByTestId('care-trend').locator('canvas').waitFor();
    await shot(desk, 'care-11-supervision');
    await desk.context().close();
  });
});

describe('elder-care staff set up the care', () => {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const letters = stamp.replace(/[^a-z]/g, '').slice(0, 8) || 'x';
  const day = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

  it('change a provider’s area, tolerance and minimum share, and confirm before taking it out of use', async () => {
    const made = await visitForToday(`${stamp}p`);
    const desk = await newPage(browser, DESKTOP);
    const login = new LoginPage(desk);
    await login.goto();
    await login.signIn('eldercare', PASSWORD);
    await desk.waitForURL((u) => u.pathname === '/');
    await desk.goto('/care/providers');
    await desk.getByTestId(`provider-settings-${made.providerId}`).click();
    const form = desk.getByTestId('care-provider-form');
    await settled(desk.getByRole('dialog').filter({ has: form }));
    await form.getByLabel('位置容差（米）').fill('10');
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await form.getByText('位置容差为20至5000米的整数').waitFor();
    await form.getByLabel('位置容差（米）').fill('250');
    await form.getByLabel(/最短服务时长/).fill('60');
    await form.getByRole('switch').click();
    await desk.getByRole('dialog').filter({ has: form }).getByRole('button', { name: /确\s*定|OK/ }).click();
    // taking it out of use asks first
    const confirm = desk.locator('.ant-modal-confirm');
    await confirm.getByText('不能再为该机构制定新的照护计划', { exact: false }).waitFor();
    await settled(confirm.first());
    await shot(desk, 'care-12-provider-settings');
    const saved = desk.waitForResponse((r) => r.url().endsWith(`/api/care/providers/${made.providerId}`) && r.request().method() === 'PATCH');
    await confirm.getByRole('button', { name: '确认停用' }).click();
    expect((await saved).status()).toBe(200);
    const row = desk.locator('.ant-table-row').filter({ has: desk.getByTestId(`provider-settings-${made.providerId}`) });
    await row.getByText('停用').waitFor();
    expect(await row.textContent()).toContain('250');
    expect(await row.textContent()).toContain('60%');
    await desk.context().close();
  });

  it('add a service to the catalogue with its tasks, and take it out of use after confirming', async () => {
    const desk = await newPage(browser, DESKTOP);
    const login = new LoginPage(desk);
    await login.goto();
    await login.signIn('eldercare', PASSWORD);
    await desk.waitForURL((u) => u.pathname === '/');
    await desk.goto('/care/providers');
    await desk.getByRole('tab', { name: '服务项目目录' }).click();
    await desk.getByRole('button', { name: '新增服务项目' }).click();
    const form = desk.getByTestId('care-service-form');
    await settled(desk.getByRole('dialog').filter({ has: form }));
    const code = `foot_${letters}`;
    await form.getByLabel('项目编码').fill(code);
    await form.getByLabel('项目名称').fill(`足部护理${stamp.slice(-4)}`);
    await form.getByLabel('英文名称').fill('Foot care');
    await form.getByLabel('标准时长（分钟）').fill('3');
    const dialog = desk.getByRole('dialog').filter({ has: form });
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await form.getByText('标准时长为5至600分钟的整数').waitFor();
    await form.getByLabel('标准时长（分钟）').fill('45');
    await form.getByLabel('价格（元）').fill('35.5');
    const tasks = form.getByLabel('服务内容');
    await tasks.fill('温水泡脚');
    await tasks.press('Enter');
    await tasks.fill('修剪趾甲');
    await tasks.press('Enter');
    await shot(desk, 'care-13-service-new');
    const created = desk.waitForResponse((r) => r.url().endsWith('/api/care/services') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect(await (await created).json()).toMatchObject({ code, durationMin: 45, priceCents: 3550, tasks: ['温水泡脚', '修剪趾甲'], active: true });
    const row = desk.locator('.ant-table-row').filter({ hasText: code });
    await row.getByText('修剪趾甲').waitFor();

    await desk.getByTestId(`service-edit-${code}`).click();
    await settled(dialog);
    await form.getByRole('switch').click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const confirm = desk.locator('.ant-modal-confirm');
    await confirm.getByText('新的照护计划不能再选择该项目', { exact: false }).waitFor();
    await settled(confirm.first());
    const saved = desk.waitForResponse((r) => r.url().endsWith('/api/care/services') && r.request().method() === 'POST');
    await confirm.getByRole('button', { name: '确认停用' }).click();
    expect((await (await saved).json()).active).toBe(false);
    await row.getByText('停用').waitFor();
    await shot(desk, 'care-14-catalogue');
    await desk.context().close();
  });

  it('end a plan: the later orders are cancelled and the ended plan stays listed', async () => {
    const made = await visitForToday(`${stamp}e`);
    const staff = await apiLogin('eldercare', PASSWORD);
    const plan = (await staff.post('/api/care/plans', {
      personId: made.personId, providerId: made.providerId, periodFrom: day(1), periodTo: day(7),
      items: [{ serviceCode: 'meal', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '11:30' }],
    })).body as { id: string };
    expect((await staff.post(`/api/care/plans/${plan.id}/generate`)).body).toEqual({ created: 7, existing: 0 });

    const desk = await newPage(browser, DESKTOP);
    const login = new LoginPage(desk);
    await login.goto();
    await login.signIn('eldercare', PASSWORD);
    await desk.waitForURL((u) => u.pathname === '/');
    await desk.goto('/care/plans');
    const row = desk.locator('.ant-table-row').filter({ hasText: made.name }).filter({ hasText: day(7) });
    await row.getByRole('button', { name: '结束计划' }).click();
    const dialog = desk.getByRole('dialog').filter({ hasText: '最后服务日期' });
    await dialog.getByText('尚未开始的服务工单将全部取消', { exact: false }).waitFor();
    await settled(dialog);
    await dialog.getByRole('button', { name: '确认结束' }).click();
    await dialog.getByText('请填写结束原因（至少2个字）').waitFor();
    await dialog.getByLabel('结束原因').fill('入住养老机构');
    await shot(desk, 'care-15-plan-end');
    const ended = desk.waitForResponse((r) => r.url().endsWith(`/api/care/plans/${plan.id}/end`));
    await dialog.getByRole('button', { name: '确认结束' }).click();
    const body = await (await ended).json();
    expect(body).toMatchObject({ cancelled: 6, plan: { status: 'ended', endedOn: day(1), endReason: '入住养老机构' } });
    await desk.getByText('计划已结束，取消了之后的 6 张工单').waitFor();

    const listed = desk.waitForResponse((r) => r.url().includes('/api/care/plans?') && r.url().includes('status=ended'));
    await pick(desk, desk.getByTestId('plan-status'), '已结束');
    await listed;
    const endedRow = desk.locator('.ant-table-row').filter({ hasText: made.name }).filter({ hasText: day(7) });
    await endedRow.getByTestId('plan-ended').getByText(`${day(1)} 结束：入住养老机构`).waitFor();
    await shot(desk, 'care-16-plans-ended');
    const orders = (await staff.get(`/api/care/orders?personId=${made.personId}&from=${day(1)}&to=${day(7)}&pageSize=20`)).body as { items: { status: string }[] };
    expect(orders.items.map((o) => o.status).sort()).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'pending']);
    await desk.context().close();
  });
});
