import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, PHONE, shot } from './lib/browser.js';
import { pick, settled } from './lib/pom/antd.js';
import { AssessmentFormPage, AssessmentReportPage, ElderListPage } from './lib/pom/elder.page.js';
import { signedInPage } from './lib/pom/login.page.js';
import { PersonPage } from './lib/pom/person.page.js';
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

/** The scale in use lists options best first: the position of a score is max − score. */
const LOWERED: Record<string, number> = { 'B1.3': 4, 'B1.4': 3, 'B2.4': 3, 'B4.4': 3 }; // 90 − 4 − 3 − 3 − 3 = 77 → level 1

describe('养老: archive, assessment and the second signature', () => {
  it('a staff member opens an elder, fills an assessment, a second assessor signs on a phone, and the level shows on the 360° page', async () => {
    // an elder of our own, registered and archived through the API
    const worker = await apiLogin('worker', PASSWORD);
    const me = (await worker.get('/api/auth/me')).body;
    const name = `评估${Date.now().toString(36).slice(-4)}老人`;
    const person = await worker.post('/api/people', { name, jurisdictionId: me.jurisdictions[0].id, birthDate: '1941-04-18', gender: 2 });
    expect(person.status).toBe(200);
    const event = await worker.post(`/api/elder/elders/${person.body.id}/risk-events`, { kind: 'choking', occurredAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(event.status).toBe(200);

    const page = await signIn('eldercare');
    const list = new ElderListPage(page);
    await list.goto();
    await shot(page, 'elder-list');
    // no archive yet: the elder page offers to create one
    await page.goto(`/elder/elders/${person.body.id}`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByTestId('elder-edit-archive').click();
    const dialog = page.getByRole('dialog');
    await settled(dialog);
    await pick(page, dialog.getByTestId('elder-living'), '独居');
    await shot(page, 'elder-archive-form', { fullPage: false });
    const saved = page.waitForResponse((r) => r.url().endsWith('/archive') && r.request().method() === 'PUT');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId('elder-archive').getByText('独居').waitFor();

    // found again through the list, by name
    await list.goto();
    await list.search(name);
    await list.row(name).getByRole('link', { name }).click();
    await page.getByRole('heading', { name }).waitFor();
    await shot(page, 'elder-detail');

    // the assessment, scored as it is filled in
    await page.getByTestId('elder-assess').click();
    const form = new AssessmentFormPage(page);
    await form.waitLoaded();
    const scale = (await (await apiLogin('eldercare', PASSWORD)).get('/api/elder/scales')).body.items.find((s: { inUse: boolean }) => s.inUse);
    const items = scale.definition.items as { code: string }[];
    await form.answer(items[0]!.code, 0);
    await form.total().getByText('总分 4/90').waitFor();
    for (const it of items.slice(1)) await form.answer(it.code, LOWERED[it.code] ?? 0);
    await form.total().getByText('总分 77/90').waitFor();
    await form.level().getByText('1级 能力轻度受损（轻度失能）').waitFor();
    await page.getByTestId('subtotal-B1').getByText('25/32').waitFor();
    await shot(page, 'elder-assessment-form');
    const created = await form.submit();
    expect(created).toMatchObject({ total: 77, finalLevel: 1 });
    await page.getByTestId('report-assessor2').getByText('待第二评估员签字').waitFor();
    await shot(page, 'elder-assessment-report');
    // unsigned: the person's level is unchanged
    expect((await (await apiLogin('eldercare', PASSWORD)).get(`/api/elder/elders/${person.body.id}`)).body.archive.currentLevel).toBeNull();

    // the second assessor signs on their own session, on a phone
    const phone = await signIn('assessor', PHONE);
    const report = new AssessmentReportPage(phone);
    await report.goto(created.id);
    await shot(phone, 'elder-report-phone');
    await report.sign();
    await report.secondAssessor().getByText('钱芳').waitFor();
    await phone.getByTestId('report-level').getByText('1级').waitFor();
    await shot(phone, 'elder-report-signed-phone');

    // the level on the person's 360° page
    const person360 = new PersonPage(page);
    await person360.goto(person.body.id);
    const panel = page.locator('.ant-card').filter({ has: page.getByText('养老档案', { exact: true }) });
    await panel.getByText(/1级 能力轻度受损/).waitFor();
    await panel.getByText('独居').waitFor();
    await shot(page, 'elder-person360');

    // the form on a phone
    await phone.goto(`/elder/elders/${person.body.id}/assess`);
    await new AssessmentFormPage(phone).waitLoaded();
    await shot(phone, 'elder-assessment-form-phone', { fullPage: false });
    await phone.context().close();
    await page.context().close();
  }, 480_000); // two sessions and 26 answers against a server that CI loads with the database tiers

  it('the to-do list and the statistics show the demo elders', async () => {
    const page = await signIn('eldercare');
    await page.goto('/elder/todo');
    await page.getByTestId('elder-proposals').locator('.ant-list-item').first().waitFor();
    await shot(page, 'elder-todo');
    await page.goto('/elder/stats');
    await page.getByTestId('elder-stats-children').getByText('船山区').waitFor();
    await settled(page.getByTestId('elder-chart-level'));
    await shot(page, 'elder-stats-city');
    await page.getByTestId('elder-stats-children').getByText('船山区').click();
    await page.getByTestId('elder-stats-breadcrumb').getByText('船山区').waitFor();
    await page.getByTestId('elder-stats-children').locator('.ant-table-row').first().waitFor();
    await settled(page.getByTestId('elder-chart-children'));
    await shot(page, 'elder-stats-district');
    await page.context().close();
  });
});
