import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScope, withScope } from '../src/db/scope.js';
import * as elderRepo from '../src/modules/elder/elder.repository.js';
import { type Agent, buildPerson, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Elder archives, assessments, risk events and proposals against a real database (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set), through the API and the service other modules call.
 */
const GRID = '510903001001001';
const OTHER_GRID = '510903001001002';
const OTHER_DISTRICT_GRID = '510904001001001';
const GB = 'GB/T 42195-2022';
const DAY = 86_400_000;

let ctx: TestContext;
let staff: Agent; // elder-care staff (and registry writer) of 船山区
let second: Agent; // another elder-care staff member of 船山区
let anju: Agent; // elder-care staff of 安居区
let anjuStaffId: string;
let staffId: string;

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker', 'eldercare_staff'], nodes: ['510903'] });
  const v = await buildUser(ctx, { roles: ['eldercare_staff'], nodes: ['510903'] });
  const w = await buildUser(ctx, { roles: ['community_worker', 'eldercare_staff'], nodes: ['510904'] });
  staffId = u.id;
  anjuStaffId = w.id;
  staff = await login(ctx, u.username);
  second = await login(ctx, v.username);
  anju = await login(ctx, w.username);
});
afterAll(() => ctx.close());

/** GB/T 42195-2022 answers at the top score, with overrides. */
async function bestAnswers(over: Record<string, number> = {}) {
  const scales = (await staff.get('/api/elder/scales')).body.items as { version: string; definition: { items: { code: string; options: { score: number }[] }[] } }[];
  const gb = scales.find((s) => s.version === GB)!;
  const a: Record<string, number> = {};
  for (const it of gb.definition.items) a[it.code] = Math.max(...it.options.map((o) => o.score));
  return { ...a, ...over };
}

async function auditCount(action: string, objectId: string) {
  return ctx.asOwner(async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND object_id = $2', [action, objectId])).rows[0]!.n);
}

async function elder(name: string, opts: { node?: string; birthDate?: string; agent?: Agent } = {}) {
  return buildPerson(ctx, opts.agent ?? staff, { node: opts.node ?? GRID, name, birthDate: opts.birthDate ?? '1942-05-06' });
}

describe('the contract other modules use', () => {
  it('records a device risk event once per source key, and levelOf is null before any signed assessment', async () => {
    const p = await elder('契约老人');
    const sys = systemScope('device alert');
    const at = new Date(Date.now() - 3_600_000);
    const a = await ctx.services.elder.recordRiskEvent(sys, { personId: p.id, kind: 'fall', occurredAt: at, source: 'device', sourceKey: `dev:1:${p.id}` });
    const b = await ctx.services.elder.recordRiskEvent(sys, { personId: p.id, kind: 'fall', occurredAt: at, source: 'device', sourceKey: `dev:1:${p.id}` });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ id: a.id, created: false, proposalId: null });
    expect(await ctx.services.elder.levelOf(sys, p.id)).toBeNull();
    const n = await ctx.asOwner(async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM elder_risk_event WHERE person_id = $1', [p.id])).rows[0]!.n);
    expect(n).toBe(1);
  });

  it('refuses a person outside the caller\'s scope', async () => {
    const p = await elder('辖区外老人', { node: OTHER_DISTRICT_GRID, agent: anju });
    const scope = { kind: 'user' as const, userId: staffId, paths: [(await nodeByCode(ctx, '510903')).path] };
    await expect(ctx.services.elder.recordRiskEvent(scope, { personId: p.id, kind: 'fall', occurredAt: new Date(), source: 'device', sourceKey: `x:${p.id}` }))
      .rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });
});

describe('archives under row-level security', () => {
  it('keeps the social and health archive with contacts (phones encrypted and masked), audited, and hidden from another district', async () => {
    const p = await elder('档案老人');
    const son = await buildPerson(ctx, staff, { node: GRID, name: '档案儿子', phone: '13800001111' });
    const put = await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, {
      livingSituation: 'alone', subsidies: ['high_age'], chronicConditions: ['高血压'], diagnosisCodes: ['I10', 'f01'],
      medications: [{ name: '氨氯地平', dosage: '5mg 每日一次' }], allergies: ['青霉素'],
      contacts: [{ contactPersonId: son.id, relation: '儿子', isGuardian: true, isEmergency: true }, { name: '王阿姨', phone: '139 0000 2222', relation: '邻居', isEmergency: true }],
    });
    expect(put.status).toBe(200);
    const before = await auditCount('elder.read', p.id);
    const got = await staff.get(`/api/elder/elders/${p.id}`);
    expect(got.status).toBe(200);
    expect(await auditCount('elder.read', p.id)).toBe(before + 1);
    expect(got.body.archive).toMatchObject({ livingSituation: 'alone', diagnosisCodes: ['I10', 'F01'], diagnoses: { dementia: true, psychiatric: false }, currentLevel: null });
    expect(got.body.contacts).toEqual([
      expect.objectContaining({ contactPersonId: son.id, name: '档案儿子', phoneMasked: '138****1111', isGuardian: true }),
      expect.objectContaining({ contactPersonId: null, name: '王阿姨', phoneMasked: '139****2222' }),
    ]);
    const raw = await ctx.asOwner(async (db) => (await db.query<{ phone_enc: string }>('SELECT phone_enc FROM elder_contact WHERE name = $1', ['王阿姨'])).rows[0]!);
    expect(raw.phone_enc).not.toContain('13900002222');

    expect((await anju.get(`/api/elder/elders/${p.id}`)).status).toBe(404);
    expect((await anju.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'spouse' })).status).toBe(404);
    const rows = await withScope(ctx.db, { kind: 'user', userId: anjuStaffId, paths: [(await nodeByCode(ctx, '510904')).path] }, (tx) => elderRepo.archiveOf(tx, p.id));
    expect(rows).toBeUndefined();

    // a stale version is refused; the current one updates
    const stale = await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'spouse', version: 99 });
    expect(stale.status).toBe(409);
    const ok = await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'spouse', version: got.body.archive.version });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(got.body.archive.version + 1);
  });

  it('names the field of a bad value', async () => {
    const p = await elder('校验老人');
    const r = await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'castle', diagnosisCodes: ['dementia'], contacts: [{ relation: '女儿' }] });
    expect(r.status).toBe(422);
    const fields = (r.body.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['livingSituation', 'diagnosisCodes.0', 'contacts.0.name']));
  });

  it('lists elders by name, pinyin, level, age band and living situation, with paging', async () => {
    const a = await elder('列表甲老人', { birthDate: '1935-01-01' });
    const b = await elder('列表乙老人', { birthDate: '1958-01-01', node: OTHER_GRID });
    await staff.request('PUT', `/api/elder/elders/${a.id}/archive`, { livingSituation: 'institution' });
    await staff.request('PUT', `/api/elder/elders/${b.id}/archive`, { livingSituation: 'institution' });
    const byName = await staff.get(`/api/elder/elders?q=${encodeURIComponent('列表')}`);
    expect(byName.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['列表乙老人', '列表甲老人']);
    const byPinyin = await staff.get('/api/elder/elders?q=lbj');
    expect(byPinyin.body.items.map((i: { name: string }) => i.name)).toContain('列表甲老人');
    const aged = await staff.get(`/api/elder/elders?q=${encodeURIComponent('列表')}&ageBand=90_plus`);
    expect(aged.body.items.map((i: { name: string }) => i.name)).toEqual(['列表甲老人']);
    const young = await staff.get(`/api/elder/elders?q=${encodeURIComponent('列表')}&ageBand=60_69`);
    expect(young.body.items.map((i: { name: string }) => i.name)).toEqual(['列表乙老人']);
    const grid = await nodeByCode(ctx, OTHER_GRID);
    const inGrid = await staff.get(`/api/elder/elders?living=institution&jurisdictionId=${grid.id}`);
    expect(inGrid.body.items.map((i: { name: string }) => i.name)).toEqual(['列表乙老人']);
    const paged = await staff.get(`/api/elder/elders?q=${encodeURIComponent('列表')}&pageSize=1&page=2&sort=age&order=desc`);
    expect(paged.body).toMatchObject({ total: 2, items: [{ name: '列表乙老人' }] });
    expect((await anju.get(`/api/elder/elders?q=${encodeURIComponent('列表')}`)).body.total).toBe(0);
  });
});

describe('assessments and their two signatures', () => {
  it('refuses unanswered items naming each, and a retired scale', async () => {
    const p = await elder('未完成评估老人');
    const answers = await bestAnswers();
    delete answers['B2.3'];
    const r = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'first', answers: { ...answers, 'B1.1': 7 } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('ANSWERS_INCOMPLETE');
    expect((r.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['answers.B1.1', 'answers.B2.3']);
    const old = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: 'MZ/T 039-2013', reason: 'first', answers: { ADL: 1, MENTAL: 0, PERCEPTION: 0, SOCIAL: 0 } });
    expect(old.status).toBe(422);
    expect(old.body.code).toBe('SCALE_RETIRED');
  });

  it('changes the level only when a second, different assessor signs; the 360° page shows it', async () => {
    const p = await elder('双签老人');
    const answers = await bestAnswers({ 'B1.3': 0, 'B1.4': 1, 'B2.4': 0, 'B4.4': 0 }); // 90 − 4 − 3 − 3 − 3 = 77 → level 1
    const preview = await staff.post(`/api/elder/elders/${p.id}/assessments/preview`, { scaleVersion: GB, answers: { 'B1.1': 4, 'B1.2': 2 } });
    expect(preview.body).toMatchObject({ complete: false, total: 6, finalLevel: null });
    const created = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'first', answers });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ total: 77, preliminaryLevel: 1, finalLevel: 1, status: 'awaiting_second', assessor2: null });
    expect(await ctx.services.elder.levelOf(systemScope('test'), p.id)).toBeNull();

    const self = await staff.post(`/api/elder/assessments/${created.body.id}/sign`);
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('SAME_ASSESSOR');
    expect((await anju.post(`/api/elder/assessments/${created.body.id}/sign`)).status).toBe(404);
    const awaiting = await second.get('/api/elder/assessments/awaiting');
    expect(awaiting.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);

    const signed = await second.post(`/api/elder/assessments/${created.body.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    expect(signed.body.assessor2.name).toBeTruthy();
    expect(await ctx.services.elder.levelOf(systemScope('test'), p.id)).toBe(1);
    expect((await second.post(`/api/elder/assessments/${created.body.id}/sign`)).status).toBe(409);

    const overview = await staff.get(`/api/people/${p.id}/overview`);
    const panel = overview.body.panels.find((x: { key: string }) => x.key === 'elder');
    expect(panel.items.find((i: { label: string }) => i.label === '能力等级').value).toContain('1级');

    // a later unsigned assessment keeps the signed level
    const later = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'routine', answers: await bestAnswers({ 'B3.9': 0 }) });
    expect(later.body).toMatchObject({ finalLevel: 4, adjustments: ['coma'] });
    expect(await ctx.services.elder.levelOf(systemScope('test'), p.id)).toBe(1);
    const history = await staff.get(`/api/elder/elders/${p.id}`);
    expect(history.body.assessments).toHaveLength(2);
    expect(history.body.assessments[1].answers['B1.3']).toBe(0);
  });

  it('raises for a dementia diagnosis and for two risk events, once or twice as the setting says', async () => {
    const p = await elder('上调老人');
    await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'children', diagnosisCodes: ['F02'] });
    for (const [i, kind] of (['choking', 'fall'] as const).entries()) {
      await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind, occurredAt: new Date(Date.now() - (i + 1) * 3 * DAY).toISOString() });
    }
    const answers = await bestAnswers({ 'B1.3': 0, 'B1.4': 1, 'B2.4': 0, 'B4.4': 0 }); // 77 → 1
    const single = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'immediate', answers });
    expect(single.body).toMatchObject({ preliminaryLevel: 1, finalLevel: 2, riskEvents30d: 2, adjustments: ['diagnosis', 'risk_events'] });
    const settings = (await staff.get('/api/elder/settings')).body;
    const on = await staff.request('PUT', '/api/elder/settings', { raisesStack: true, version: settings.version });
    expect(on.status).toBe(200);
    try {
      const stacked = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'immediate', answers });
      expect(stacked.body).toMatchObject({ preliminaryLevel: 1, finalLevel: 3 });
    } finally {
      await staff.request('PUT', '/api/elder/settings', { raisesStack: false, version: on.body.version });
    }
    expect((await second.request('PUT', '/api/elder/settings', { raisesStack: true, version: 1 })).status).toBe(409);
  });
});

describe('risk events and the proposal of an immediate re-assessment', () => {
  it('stores a manual event once per source key', async () => {
    const p = await elder('幂等老人');
    const body = { kind: 'choking', occurredAt: new Date(Date.now() - DAY).toISOString(), sourceKey: `retry-${p.id}` };
    const a = await staff.post(`/api/elder/elders/${p.id}/risk-events`, body);
    const b = await staff.post(`/api/elder/elders/${p.id}/risk-events`, body);
    expect(a.body.created).toBe(true);
    expect(b.body).toMatchObject({ id: a.body.id, created: false });
    expect((await staff.get(`/api/elder/elders/${p.id}`)).body.riskEvents).toHaveLength(1);
  });

  it('proposes after the second fall or wandering within 30 days (manual or device), not for other kinds or far-apart falls', async () => {
    const p = await elder('提议老人');
    const now = Date.now();
    const first = await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: new Date(now - 60 * DAY).toISOString() });
    expect(first.body.proposalId).toBeNull();
    const far = await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: new Date(now - 20 * DAY).toISOString() });
    expect(far.body.proposalId).toBeNull(); // 40 days after the first
    const choking = await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'choking', occurredAt: new Date(now - 10 * DAY).toISOString() });
    expect(choking.body.proposalId).toBeNull();
    const device = await ctx.services.elder.recordRiskEvent(systemScope('watch'), { personId: p.id, kind: 'wandering', occurredAt: new Date(now - DAY), source: 'device', sourceKey: `watch:${p.id}:1` });
    expect(device.proposalId).toBeTruthy();
    const again = await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: new Date(now - 3_600_000).toISOString() });
    expect(again.body.proposalId).toBe(device.proposalId);

    const open = await staff.get('/api/elder/proposals?status=open&pageSize=100');
    const mine = open.body.items.find((x: { personId: string }) => x.personId === p.id);
    expect(mine).toMatchObject({ id: device.proposalId, eventCount: 3 });
    expect((await anju.get('/api/elder/proposals?status=open&pageSize=100')).body.items.find((x: { personId: string }) => x.personId === p.id)).toBeUndefined();

    const noReason = await staff.post(`/api/elder/proposals/${mine.id}/decision`, { action: 'dismiss' });
    expect(noReason.status).toBe(422);
    const dismissed = await staff.post(`/api/elder/proposals/${mine.id}/decision`, { action: 'dismiss', reason: '家属确认为一次性意外，近期已复评' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: '家属确认为一次性意外，近期已复评' });
    expect((await staff.post(`/api/elder/proposals/${mine.id}/decision`, { action: 'start' })).status).toBe(409);

    // a further fall opens a new proposal; starting it and assessing links them, signing closes it
    const next = await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: new Date(now - 60_000).toISOString() });
    expect(next.body.proposalId).toBeTruthy();
    expect(next.body.proposalId).not.toBe(mine.id);
    expect((await staff.post(`/api/elder/proposals/${next.body.proposalId}/decision`, { action: 'start' })).body.status).toBe('started');
    const a = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'immediate', answers: await bestAnswers(), proposalId: next.body.proposalId });
    expect(a.status).toBe(200);
    await second.post(`/api/elder/assessments/${a.body.id}/sign`);
    const done = await staff.get('/api/elder/proposals?status=done&pageSize=100');
    expect(done.body.items.find((x: { id: string }) => x.id === next.body.proposalId)).toMatchObject({ assessmentId: a.body.id });
  });
});

describe('pre-aggregated statistics', () => {
  const dims = ['level', 'age_band', 'living', 'child'] as const;
  async function expectEqualToLive(code: string) {
    const node = await nodeByCode(ctx, code);
    await withScope(ctx.db, systemScope('test'), async (tx) => {
      for (const d of dims) {
        const pre = await elderRepo.statsBy(tx, node.path, d);
        const live = await elderRepo.liveStatsBy(tx, node.path, d);
        expect(pre, `${code} by ${d}`).toEqual(live);
      }
    });
  }

  it('equal a live count after archives, signed levels, a move, a death and a correction of birth date', async () => {
    const a = await elder('统计甲', { birthDate: '1930-03-03' });
    const b = await elder('统计乙', { birthDate: '1950-03-03', node: OTHER_GRID });
    const c = await elder('统计丙', { birthDate: '1945-03-03' });
    for (const [p, living] of [[a, 'alone'], [b, 'spouse'], [c, 'institution']] as const) {
      expect((await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: living })).status).toBe(200);
    }
    const before = (await staff.get(`/api/elder/stats?jurisdictionId=${(await nodeByCode(ctx, '510903001001')).id}`)).body;
    const x = await staff.post(`/api/elder/elders/${a.id}/assessments`, { scaleVersion: GB, reason: 'first', answers: await bestAnswers({ 'B3.9': 0 }) });
    await second.post(`/api/elder/assessments/${x.body.id}/sign`);
    await expectEqualToLive('510903');
    await expectEqualToLive('510903001001');

    const after = (await staff.get(`/api/elder/stats?jurisdictionId=${(await nodeByCode(ctx, '510903001001')).id}`)).body;
    const lv = (s: { byLevel: { level: number; n: number }[] }, l: number) => s.byLevel.find((r) => r.level === l)!.n;
    expect(lv(after, 4)).toBe(lv(before, 4) + 1);
    expect(lv(after, -1)).toBe(lv(before, -1) - 1);
    expect(after.children.map((k: { name: string }) => k.name).length).toBeGreaterThan(1);

    // b moves to 安居区, c dies, a's birth date is corrected
    const target = await nodeByCode(ctx, OTHER_DISTRICT_GRID);
    await ctx.asOwner((db) => db.query('UPDATE person SET path = $2::ltree, district_code = $3 WHERE id = $1', [b.id, target.path, '510904']));
    const cNow = (await staff.get(`/api/people/${c.id}`)).body;
    expect((await staff.patch(`/api/people/${c.id}`, { status: 'deceased', version: cNow.version })).status).toBe(200);
    const aNow = (await staff.get(`/api/people/${a.id}`)).body;
    expect((await staff.patch(`/api/people/${a.id}`, { birthDate: '1960-01-01', version: aNow.version })).status).toBe(200);
    await expectEqualToLive('5109');
    await expectEqualToLive('510903');
    await expectEqualToLive('510904');
    // the moved elder's archive follows them: 安居区 sees it now, 船山区 does not
    expect((await anju.get(`/api/elder/elders/${b.id}`)).status).toBe(200);
    expect((await staff.get(`/api/elder/elders/${b.id}`)).status).toBe(404);
  });

  it('moves elders into the next age band with the daily check', async () => {
    const p = await elder('跨龄老人', { birthDate: '1960-01-01' });
    await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, { livingSituation: 'alone' });
    // time passes: the person turns 70 without any change the triggers see, and the check last ran yesterday
    await ctx.asOwner(async (db) => {
      await db.transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
        await tx.query(`UPDATE person SET birth_date = (current_date - interval '70 years')::date WHERE id = $1`, [p.id]);
      });
      await db.query('UPDATE elder_stats_aging SET aged_through = current_date - 1');
    });
    const node = await nodeByCode(ctx, '510903');
    const before = await withScope(ctx.db, systemScope('test'), async (tx) => [await elderRepo.statsBy(tx, node.path, 'age_band'), await elderRepo.liveStatsBy(tx, node.path, 'age_band')]);
    expect(before[0]).not.toEqual(before[1]);
    expect(await ctx.services.elder.ageStats()).toBeGreaterThanOrEqual(1);
    await expectEqualToLive('510903');
    expect(await ctx.services.elder.ageStats()).toBe(0);
  });
});
