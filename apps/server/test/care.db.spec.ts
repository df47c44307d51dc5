import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPhoto } from '../src/modules/care/care.photos.js';
import { today } from '../src/shared/dates.js';
import { type Agent, buildPerson, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * 居家养老服务: a plan makes its orders; a provider sees and dispatches only its own, a caregiver
 * only their visits; visit steps are idempotent by the phone's key; photos upload in chunks and
 * resume; every EVV rule that breaks raises an exception staff resolve with codes; the
 * supervision figures kept by triggers equal a live count.
 */
const GRID = '510903001001001';
const HOME = { lat: 30.5301, lon: 105.5901 };
/** `m` metres north of the home. */
const north = (m: number) => ({ lat: HOME.lat + m / 111_195, lon: HOME.lon });

let ctx: TestContext;
let staff: Agent;
let registrar: Agent;
const providers = {} as Record<'a' | 'b', string>;
const dispatchers = {} as Record<'a' | 'b', Agent>;
const caregivers = {} as Record<'a' | 'b', { agent: Agent; id: string }>;
let elder: string;
let plan: { id: string };

const ok = async (r: Promise<{ status: number; body: any }>) => {
  const res = await r;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const key = () => crypto.randomUUID();
const at = (hhmm: string) => new Date(`${today()}T${hhmm}:00+08:00`).toISOString();
const count = async (sql: string, params: unknown[] = []) => Number((await ctx.asOwner((db) => db.query<{ n: string }>(sql, params))).rows[0]!.n);

/** An elder (born 1945) living in a building at HOME, in the grid. */
async function buildElder(tag: string) {
  const node = await nodeByCode(ctx, GRID);
  const estate = await ok(registrar.post('/api/estates', { name: `养老小区${tag}`, jurisdictionId: node.id }));
  const building = await ok(registrar.post('/api/buildings', { name: '2栋', estateId: estate.id, jurisdictionId: node.id, floors: 6, unitCount: 1, ...HOME }));
  const house = await ok(registrar.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 1, number: '101' }));
  const person = await buildPerson(ctx, registrar, { node: GRID, name: `老人${tag}`, birthDate: '1945-05-01', gender: 2 });
  await ok(registrar.post(`/api/people/${person.id}/houses`, { houseId: house.id, kind: 'resident', validFrom: '2010-01-01' }));
  return person.id;
}

/** A provider of its own (a registered organisation serving 船山区) with a dispatcher and a caregiver. */
async function buildProvider(tag: 'a' | 'b') {
  const node = await nodeByCode(ctx, GRID);
  const district = await nodeByCode(ctx, '510903');
  const org = await ok(registrar.post('/api/organizations', { name: `养老服务中心${tag}`, type: 'social_org', jurisdictionId: node.id }));
  const p = await ok(staff.post('/api/care/providers', { organizationId: org.id, serviceAreaIds: [district.id] }));
  const dispatcher = await buildUser(ctx, { roles: ['care_provider'], nodes: ['510903'] });
  const caregiver = await buildUser(ctx, { roles: ['caregiver'], nodes: ['510903'] });
  await ok(staff.post(`/api/care/providers/${p.id}/staff`, { userId: dispatcher.id, kind: 'dispatcher' }));
  await ok(staff.post(`/api/care/providers/${p.id}/staff`, { userId: caregiver.id, kind: 'caregiver' }));
  providers[tag] = p.id;
  dispatchers[tag] = await login(ctx, dispatcher.username);
  caregivers[tag] = { agent: await login(ctx, caregiver.username), id: caregiver.id };
}

/** Uploads a photo in chunks of `chunk` bytes (with the phone's position when given); returns the photo's id. */
async function upload(agent: Agent, orderId: string, stage: string, bytes: Buffer, chunk = 4096, position?: { lat: number; lon: number }) {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  let state = await ok(agent.post(`/api/care/orders/${orderId}/photos`, { stage, sha256, size: bytes.length, mime: 'image/jpeg', takenAt: new Date().toISOString(), ...(position ? { position } : {}) }));
  while (!state.complete) {
    state = await ok(agent.request('PUT', `/api/care/photos/${state.id}/content?offset=${state.received}`, bytes.subarray(state.received, state.received + chunk), { 'content-type': 'application/octet-stream' }));
  }
  return state.id as string;
}

beforeAll(async () => {
  ctx = await setupTestContext();
  staff = await login(ctx, (await buildUser(ctx, { roles: ['eldercare_staff'], nodes: ['510903'] })).username);
  registrar = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001'] })).username);
  await buildProvider('a');
  await buildProvider('b');
  elder = await buildElder('甲');
});
afterAll(() => ctx?.close());

describe('providers and the catalogue', () => {
  it('lists the catalogue with durations, checklists and prices, and refuses an organisation registered twice', async () => {
    const services = await ok(staff.get('/api/care/services'));
    expect(services.items.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['meal', 'bath', 'cleaning', 'medical', 'daily_care', 'rehab', 'company']));
    expect(services.items.find((s: { code: string }) => s.code === 'bath')).toMatchObject({ name: '助浴', durationMin: 60, priceCents: 6000 });
    const list = await ok(staff.get('/api/care/providers'));
    const a = list.items.find((p: { id: string }) => p.id === providers.a);
    expect(a).toMatchObject({ name: '养老服务中心a', toleranceM: 300, minDurationShare: 0.5, caregivers: 1 });
    expect(a.serviceArea[0]).toMatchObject({ name: '船山区' });
    const again = await staff.post('/api/care/providers', { organizationId: a.organizationId, serviceAreaIds: [a.serviceArea[0].id] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PROVIDER_EXISTS');
    // a dispatcher sees only their own provider; a caregiver cannot manage providers
    expect((await ok(dispatchers.b.get('/api/care/providers'))).items.map((p: { id: string }) => p.id)).toEqual([providers.b]);
    expect((await caregivers.a.agent.post('/api/care/providers', { organizationId: a.organizationId, serviceAreaIds: [a.serviceArea[0].id] })).status).toBe(403);
  });
});

describe('plan → orders', () => {
  it('makes a plan from the elder’s level and needs and generates one order per planned day and service, once', async () => {
    const to = new Date(Date.parse(`${today()}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    const bad = await staff.post('/api/care/plans', { personId: elder, providerId: providers.a, periodFrom: today(), periodTo: to, items: [{ serviceCode: 'nosuch', weekdays: [1], startTime: '09:00' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.fields[0].field).toBe('items.0.serviceCode');
    const young = await buildPerson(ctx, registrar, { node: GRID, name: '年轻人', birthDate: '1990-01-01' });
    const notElder = await staff.post('/api/care/plans', { personId: young.id, providerId: providers.a, periodFrom: today(), periodTo: to, items: [{ serviceCode: 'meal', weekdays: [1], startTime: '09:00' }] });
    expect(notElder.body.code).toBe('NOT_AN_ELDER');

    plan = await ok(staff.post('/api/care/plans', {
      personId: elder, providerId: providers.a, needs: ['meals', 'housework'], periodFrom: today(), periodTo: to,
      items: [{ serviceCode: 'meal', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00' }, { serviceCode: 'cleaning', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '10:00' }],
    }));
    expect(plan).toMatchObject({ personName: '老人甲', providerName: '养老服务中心a', level: null, needs: ['meals', 'housework'], status: 'active' });
    // the needs are stored sealed; reading the plan opens them and says so in its audit row
    const stored = (await ctx.asOwner((db) => db.query<{ needs_enc: string }>('SELECT needs_enc FROM care_plan WHERE id = $1', [plan.id]))).rows[0]!.needs_enc;
    expect(stored).toMatch(/^v1:/);
    expect(ctx.cipher.openJson(stored, 'care_plan.needs_enc')).toEqual(['meals', 'housework']);
    const planReads = () => count(`SELECT count(*) AS n FROM audit_log WHERE action = 'care.plan_read' AND detail->>'planId' = $1 AND detail->'fields' ? 'care_plan.needs_enc'`, [plan.id]);
    const reads = await planReads();
    expect((await ok(staff.get(`/api/care/plans/${plan.id}`))).needs).toEqual(['meals', 'housework']);
    expect(await planReads()).toBe(reads + 1);
    expect((await ok(staff.post(`/api/care/plans/${plan.id}/generate`)))).toEqual({ created: 14, existing: 0 });
    expect((await ok(staff.post(`/api/care/plans/${plan.id}/generate`)))).toEqual({ created: 0, existing: 14 });
    const orders = await ok(staff.get(`/api/care/orders?personId=${elder}&pageSize=50`));
    expect(orders.total).toBe(14);
    expect(orders.items[0]).toMatchObject({ serviceCode: 'meal', status: 'pending', durationMin: 30, providerName: '养老服务中心a' });
    expect(new Date(orders.items[0].scheduledAt).toISOString()).toBe(at('09:00'));
    // an overlapping plan of the same provider is refused
    const twice = await staff.post('/api/care/plans', { personId: elder, providerId: providers.a, periodFrom: today(), periodTo: today(), items: [{ serviceCode: 'bath', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '15:00' }] });
    expect(twice.body.code).toBe('PLAN_OVERLAPS');
  });
});

describe('dispatch rights', () => {
  it('lets a provider see and dispatch only its own orders, to its own caregivers', async () => {
    const mine = await ok(dispatchers.a.get(`/api/care/orders?from=${today()}&to=${today()}`));
    expect(mine.items.length).toBe(2);
    expect((await ok(dispatchers.b.get(`/api/care/orders?personId=${elder}`))).total).toBe(0);
    const [meal, cleaning] = mine.items;
    expect((await dispatchers.b.get(`/api/care/orders/${meal.id}`)).status).toBe(404);
    expect((await dispatchers.b.post(`/api/care/orders/${meal.id}/dispatch`, { version: meal.version, caregiverId: caregivers.b.id })).status).toBe(404);
    // provider a cannot send provider b's caregiver
    const foreign = await dispatchers.a.post(`/api/care/orders/${meal.id}/dispatch`, { version: meal.version, caregiverId: caregivers.b.id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('NOT_CAREGIVER');
    const sent = await ok(dispatchers.a.post(`/api/care/orders/${meal.id}/dispatch`, { version: meal.version, caregiverId: caregivers.a.id }));
    expect(sent).toMatchObject({ status: 'dispatched', caregiverId: caregivers.a.id });
    expect((await dispatchers.a.post(`/api/care/orders/${meal.id}/dispatch`, { version: meal.version, caregiverId: caregivers.a.id })).status).toBe(409);
    await ok(dispatchers.a.post(`/api/care/orders/${cleaning.id}/dispatch`, { version: cleaning.version, caregiverId: caregivers.a.id }));
    // a caregiver sees only their own visits
    const visits = await ok(caregivers.a.agent.get('/api/care/my/visits'));
    expect(visits.items.map((v: { id: string }) => v.id)).toEqual([meal.id, cleaning.id]);
    expect(visits.items[0]).toMatchObject({ personName: '老人甲', serviceName: '助餐', lat: HOME.lat, lon: HOME.lon });
    expect(visits.items[0].address).toContain('养老小区甲');
    expect((await ok(caregivers.b.agent.get('/api/care/my/visits'))).items).toEqual([]);
    expect((await caregivers.b.agent.get(`/api/care/orders/${meal.id}`)).status).toBe(404);
    expect((await caregivers.a.agent.get('/api/care/orders')).status).toBe(403);
    // cancelling needs a reason; a cancelled order is not dispatched again
    const later = (await ok(dispatchers.a.get(`/api/care/orders?status=pending&pageSize=1`))).items[0];
    expect((await dispatchers.a.post(`/api/care/orders/${later.id}/cancel`, { version: later.version, reason: '' })).status).toBe(422);
    const cancelled = await ok(dispatchers.a.post(`/api/care/orders/${later.id}/cancel`, { version: later.version, reason: '老人住院' }));
    expect(cancelled.status).toBe('cancelled');
    const re = await dispatchers.a.post(`/api/care/orders/${later.id}/dispatch`, { version: cancelled.version, caregiverId: caregivers.a.id });
    expect(re.body.code).toBe('ORDER_STATE');
  });
});

describe('a visit on the phone', () => {
  it('checks in idempotently by key, raises a check-in made too far away, resumes photos, and checks every rule at check-out', async () => {
    const cg = caregivers.a.agent;
    const [meal, cleaning] = (await ok(cg.get('/api/care/my/visits'))).items;
    // check-out before check-in is refused
    expect((await cg.post(`/api/care/orders/${meal.id}/steps`, { key: key(), kind: 'check_out', at: at('09:30'), position: north(10) })).body.code).toBe('STEP_ORDER');

    const photo1 = await generatedPhoto(101);
    // photo before the check-in: started, half sent, then resumed from where the server stands
    const sha = crypto.createHash('sha256').update(photo1).digest('hex');
    const started = await ok(cg.post(`/api/care/orders/${meal.id}/photos`, { stage: 'check_in', sha256: sha, size: photo1.length, mime: 'image/jpeg' }));
    const half = Math.floor(photo1.length / 2);
    await ok(cg.request('PUT', `/api/care/photos/${started.id}/content?offset=0`, photo1.subarray(0, half), { 'content-type': 'application/octet-stream' }));
    const resumed = await ok(cg.post(`/api/care/orders/${meal.id}/photos`, { stage: 'check_in', sha256: sha, size: photo1.length, mime: 'image/jpeg' }));
    expect(resumed).toMatchObject({ id: started.id, received: half, complete: false });
    const wrong = await cg.request('PUT', `/api/care/photos/${started.id}/content?offset=0`, photo1.subarray(0, 10), { 'content-type': 'application/octet-stream' });
    expect(wrong.status).toBe(409);
    expect((await ok(cg.request('PUT', `/api/care/photos/${started.id}/content?offset=${half}`, photo1.subarray(half), { 'content-type': 'application/octet-stream' }))).complete).toBe(true);
    // another caregiver cannot add to it
    expect((await caregivers.b.agent.request('PUT', `/api/care/photos/${started.id}/content?offset=0`, photo1.subarray(0, 10), { 'content-type': 'application/octet-stream' })).status).toBe(404);

    const checkIn = { key: key(), kind: 'check_in', at: at('09:00'), position: { ...north(800), accuracy: 15 } };
    const first = await ok(cg.post(`/api/care/orders/${meal.id}/steps`, checkIn));
    expect(first).toMatchObject({ replayed: false, status: 'in_progress', exceptions: ['check_in_distance'] });
    const steps = await count('SELECT count(*) AS n FROM care_visit_step WHERE order_id = $1', [meal.id]);
    const replay = await ok(cg.post(`/api/care/orders/${meal.id}/steps`, checkIn));
    expect(replay).toMatchObject({ replayed: true, status: 'in_progress', version: first.version });
    expect(await count('SELECT count(*) AS n FROM care_visit_step WHERE order_id = $1', [meal.id])).toBe(steps);
    // a second check-in under another key is refused
    expect((await cg.post(`/api/care/orders/${meal.id}/steps`, { ...checkIn, key: key() })).status).toBe(409);

    await upload(cg, meal.id, 'during', await generatedPhoto(102));
    // 10 minutes of a 30-minute meal service, and no check-out photo
    const out = await ok(cg.post(`/api/care/orders/${meal.id}/steps`, { key: key(), kind: 'check_out', at: at('09:10'), position: north(20), tasksDone: ['送餐上门', '不在清单中'] }));
    expect(out.status).toBe('completed');
    expect(out.exceptions).toEqual(['check_in_distance', 'missing_photo', 'too_short']);
    const detail = await ok(staff.get(`/api/care/orders/${meal.id}`));
    expect(detail).toMatchObject({ evvStatus: 'exception', tasksDone: ['送餐上门'], checkIn: { accuracy: 15 }, toleranceM: 300 });
    expect(detail.photos.map((p: { stage: string }) => p.stage)).toEqual(['check_in', 'during']);
    // the exception keeps the distance, not the position (that is the order's, sealed)
    expect(detail.exceptionList.find((x: { kind: string }) => x.kind === 'check_in_distance').detail).toEqual({ distanceM: 800, toleranceM: 300 });
    expect(detail.exceptionList.find((x: { kind: string }) => x.kind === 'missing_photo').detail).toEqual({ stages: ['check_out'] });

    const evaluated = await ok(cg.post(`/api/care/orders/${meal.id}/steps`, { key: key(), kind: 'evaluate', at: at('09:11'), rating: 4, comment: '很好', confirmedBy: 'family' }));
    expect(evaluated.kind).toBe('evaluate');
    expect(await ok(staff.get(`/api/care/orders/${meal.id}`))).toMatchObject({ rating: 4, ratingComment: '很好', confirmedBy: 'family' });

    // the next visit starts before the last one ended for the records: overlap; and reuses a picture: photo reused
    await ok(cg.post(`/api/care/orders/${cleaning.id}/steps`, { key: key(), kind: 'check_in', at: at('09:05'), position: north(30) }));
    const reused = await upload(cg, cleaning.id, 'check_in', await generatedPhoto(101, { quality: 50 }), 64 * 1024);
    await upload(cg, cleaning.id, 'check_out', await generatedPhoto(103), 4096, north(35));
    const out2 = await ok(cg.post(`/api/care/orders/${cleaning.id}/steps`, { key: key(), kind: 'check_out', at: at('10:05'), position: north(40), tasksDone: [] }));
    expect(out2.exceptions).toEqual(['overlap', 'photo_reused']);
    const reuse = (await ok(staff.get(`/api/care/orders/${cleaning.id}`))).exceptionList.find((x: { kind: string }) => x.kind === 'photo_reused');
    expect(reuse.detail).toMatchObject({ photoId: reused, matches: [expect.objectContaining({ orderId: meal.id, photoId: started.id })] });
  });

  it('stores the positions sealed, answers them opened, and audits each read of them once', async () => {
    const [meal, cleaning] = (await ok(caregivers.a.agent.get('/api/care/my/visits'))).items as { id: string }[];
    const sent = { in: { ...north(800), accuracy: 15 }, out: north(20) };
    // the raw rows, as the owner: ciphertexts of the field cipher, no latitude in any form
    const order = (await ctx.asOwner((db) => db.query<Record<string, unknown>>('SELECT * FROM care_order WHERE id = $1', [meal!.id]))).rows[0]!;
    expect(Object.keys(order).filter((c) => /lat|lon|acc/.test(c))).toEqual([]);
    const latText = String(sent.in.lat).slice(0, 7);
    for (const [column, fix] of [['check_in_fix_enc', sent.in], ['check_out_fix_enc', { ...sent.out, accuracy: null }]] as const) {
      const token = order[column] as string;
      expect(token.startsWith('v1:')).toBe(true);
      expect(token).not.toContain(latText);
      expect(ctx.cipher.openJson(token, `care_order.${column}`)).toEqual(fix);
      // bound to its column: the same ciphertext does not open as another column's
      expect(() => ctx.cipher.openJson(token, column === 'check_in_fix_enc' ? 'care_order.check_out_fix_enc' : 'care_order.check_in_fix_enc')).toThrow();
    }
    const steps = (await ctx.asOwner((db) => db.query<{ kind: string; payload: Record<string, unknown>; fix_enc: string | null }>(
      'SELECT kind, payload, fix_enc FROM care_visit_step WHERE order_id = $1 ORDER BY at', [meal!.id]))).rows;
    expect(steps.map((x) => x.kind)).toEqual(['check_in', 'check_out', 'evaluate']);
    expect(steps.map((x) => x.payload)).toEqual([{}, {}, { rating: 4, confirmedBy: 'family' }]);
    expect(ctx.cipher.openJson(steps[0]!.fix_enc!, 'care_visit_step.fix_enc')).toEqual(sent.in);
    expect(steps[2]!.fix_enc).toBeNull();
    const photo = (await ctx.asOwner((db) => db.query<{ fix_enc: string }>(`SELECT fix_enc FROM care_photo WHERE order_id = $1 AND stage = 'check_out'`, [cleaning!.id]))).rows[0]!;
    expect(photo.fix_enc.startsWith('v1:')).toBe(true);
    const dump = JSON.stringify((await ctx.asOwner((db) => db.query(
      `SELECT (SELECT json_agg(x) FROM care_exception x) AS e, (SELECT json_agg(s) FROM care_visit_step s) AS s, (SELECT json_agg(c) FROM care_photo c) AS c,
              (SELECT json_agg(l) FROM change_log l WHERE table_name LIKE 'care%') AS l`))).rows);
    // no latitude of the test's homes (30.53…) in any care table or its history; a timestamp's
    // seconds (…:30.512Z) are not one
    expect(dump).not.toMatch(/(?<!\d\d:\d\d:)30\.5\d\d/);

    // read through the API: opened, and one audit row naming the fields and whose track they are
    const audited = async () => (await ctx.asOwner((db) => db.query<{ detail: Record<string, unknown>; object_id: string }>(
      `SELECT detail, object_id FROM audit_log WHERE action = 'care.order_read' AND detail->>'orderId' = $1 ORDER BY id`, [cleaning!.id]))).rows;
    const before = (await audited()).length;
    const detail = await ok(staff.get(`/api/care/orders/${cleaning!.id}`));
    expect(detail.checkIn).toEqual({ ...north(30), accuracy: null });
    expect(detail.checkOut).toEqual({ ...north(40), accuracy: null });
    expect(detail.photos.find((p: { stage: string }) => p.stage === 'check_out')).toMatchObject(north(35));
    expect(detail.photos.find((p: { stage: string }) => p.stage === 'check_in')).toMatchObject({ lat: null, lon: null });
    const rows = await audited();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({
      object_id: elder,
      detail: { fields: ['care_order.check_in_fix_enc', 'care_order.check_out_fix_enc', 'care_photo.fix_enc'], caregiverId: caregivers.a.id, photoFixes: 1 },
    });
  });

  it('serves a photo to those who may see the visit, audited, and to nobody else', async () => {
    const meal = (await ok(staff.get(`/api/care/orders?personId=${elder}&status=completed`))).items[0];
    const photo = (await ok(staff.get(`/api/care/orders/${meal.id}`))).photos[0];
    const before = await count("SELECT count(*) AS n FROM audit_log WHERE action = 'care.photo_read'");
    const res = await staff.get(`/api/care/photos/${photo.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'care.photo_read'")).toBe(before + 1);
    expect((await dispatchers.b.get(`/api/care/photos/${photo.id}`)).status).toBe(404);
    expect((await caregivers.b.agent.get(`/api/care/photos/${photo.id}`)).status).toBe(404);
    // the survey's own photo route does not hand out care photos
    const grid = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: [GRID] })).username);
    expect((await grid.get(`/api/survey/photos/${photo.id}`)).status).toBe(404);
  });
});

describe('exceptions', () => {
  it('are resolved with a reason code, a resolution code and a note, once', async () => {
    const open = await ok(staff.get(`/api/care/exceptions?status=open&kind=check_in_distance`));
    const x = open.items.find((i: { personName: string }) => i.personName === '老人甲');
    expect(x).toMatchObject({ providerName: '养老服务中心a', serviceName: '助餐', status: 'open' });
    expect((await dispatchers.b.get(`/api/care/exceptions?kind=check_in_distance`)).body.items).toEqual([]);
    // dispatchers see their provider's exceptions but only staff resolve
    expect((await dispatchers.a.post(`/api/care/exceptions/${x.id}/resolve`, { version: x.version, reasonCode: 'gps_drift', resolutionCode: 'accepted', note: '定位漂移' })).status).toBe(403);
    const missing = await staff.post(`/api/care/exceptions/${x.id}/resolve`, { version: x.version, reasonCode: 'gps_drift', resolutionCode: 'accepted', note: '' });
    expect(missing.status).toBe(422);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['note']);
    const done = await ok(staff.post(`/api/care/exceptions/${x.id}/resolve`, { version: x.version, reasonCode: 'gps_drift', resolutionCode: 'accepted', note: '小区内定位漂移，已电话回访老人确认' }));
    expect(done).toMatchObject({ status: 'resolved', reasonCode: 'gps_drift', resolutionCode: 'accepted' });
    expect(done.resolvedByName).toBeTruthy();
    expect((await staff.post(`/api/care/exceptions/${x.id}/resolve`, { version: done.version, reasonCode: 'other', resolutionCode: 'other', note: '再次处理' })).body.code).toBe('EXCEPTION_RESOLVED');
  });
});

describe('supervision figures', () => {
  it('equal a live count over the visits and exceptions, for the district and a community', async () => {
    const from = today();
    const to = new Date(Date.parse(`${today()}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const official = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510903'] })).username);
    const page = await ok(official.get(`/api/care/supervision?from=${from}&to=${to}`));
    const me = (await ok(official.get('/api/auth/me')));
    const district = await nodeByCode(ctx, '510903');
    const community = await nodeByCode(ctx, '510903001001');
    const staffActor = { scope: { kind: 'user' as const, userId: me.id, paths: [district.path] } };
    for (const node of [undefined, community.id]) {
      const figures = node ? await ok(official.get(`/api/care/supervision?from=${from}&to=${to}&jurisdictionId=${node}`)) : page;
      const live = await ctx.services.care.supervisionLive(staffActor as never, { from, to, jurisdictionId: node });
      expect(figures).toEqual(JSON.parse(JSON.stringify(live)));
    }
    const a = page.providers.find((p: { providerId: string }) => p.providerId === providers.a);
    expect(a).toMatchObject({ name: '养老服务中心a', scheduled: 13, completed: 2, cancelled: 1, withException: 2, rated: 1, avgRating: 4, exceptions: 5, openExceptions: 4 });
    expect(page.byKind.find((k: { kind: string }) => k.kind === 'check_in_distance')).toEqual({ kind: 'check_in_distance', raised: 1, open: 0 });
    expect(page.trend.find((d: { day: string }) => d.day === today())).toMatchObject({ scheduled: 2, completed: 2, exceptions: 5 });
    // a grid worker has no supervision right
    const grid = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: [GRID] })).username);
    expect((await grid.get('/api/care/supervision')).status).toBe(403);
  });
});

describe('ending a plan', () => {
  it('ends on a date with a reason, cancels the later orders not started, and keeps the plan and the rest as history', async () => {
    const day = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const person = await buildElder('乙');
    const p = await ok(staff.post('/api/care/plans', { personId: person, providerId: providers.b, periodFrom: day(0), periodTo: day(6), items: [{ serviceCode: 'meal', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '11:00' }] }));
    expect(await ok(staff.post(`/api/care/plans/${p.id}/generate`))).toEqual({ created: 7, existing: 0 });
    const orders = (await ok(staff.get(`/api/care/orders?personId=${person}&pageSize=50`))).items as { id: string; version: number; scheduledAt: string }[];
    const later = orders[5]!;
    await ok(dispatchers.b.post(`/api/care/orders/${later.id}/dispatch`, { version: later.version, caregiverId: caregivers.b.id }));

    // refused: a date outside the period, no reason, a stale version, a dispatcher
    const outside = await staff.post(`/api/care/plans/${p.id}/end`, { version: p.version, endOn: day(9), reason: '入住养老机构' });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'END_OUTSIDE_PERIOD', fields: [{ field: 'endOn' }] });
    const noReason = await staff.post(`/api/care/plans/${p.id}/end`, { version: p.version, endOn: day(2), reason: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.fields[0].field).toBe('reason');
    expect((await staff.post(`/api/care/plans/${p.id}/end`, { version: p.version + 1, endOn: day(2), reason: '入住养老机构' })).status).toBe(409);
    expect((await dispatchers.b.post(`/api/care/plans/${p.id}/end`, { version: p.version, endOn: day(2), reason: '入住养老机构' })).status).toBe(403);

    const ended = await ok(staff.post(`/api/care/plans/${p.id}/end`, { version: p.version, endOn: day(2), reason: '入住养老机构' }));
    expect(ended.cancelled).toBe(4);
    expect(ended.plan).toMatchObject({ status: 'ended', endedOn: day(2), endReason: '入住养老机构', periodTo: day(6), orders: 7 });
    expect(ended.plan.endedByName).toBeTruthy();
    const after = (await ok(staff.get(`/api/care/orders?personId=${person}&pageSize=50`))).items as { id: string; status: string }[];
    expect(after.map((o) => o.status)).toEqual(['pending', 'pending', 'pending', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    const detail = await ok(staff.get(`/api/care/orders/${later.id}`));
    expect(detail).toMatchObject({ status: 'cancelled', cancelReason: '计划结束：入住养老机构' });
    // the ended plan generates nothing and ends once
    expect((await staff.post(`/api/care/plans/${p.id}/generate`)).body.code).toBe('PLAN_ENDED');
    expect((await staff.post(`/api/care/plans/${p.id}/end`, { version: ended.plan.version, endOn: day(3), reason: '再次结束' })).body.code).toBe('PLAN_ENDED');
    const listed = await ok(staff.get(`/api/care/plans?status=ended&personId=${person}`));
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    // the audit row of the end, and a new plan with the same provider is allowed after it
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'care.plan_end' AND detail->>'planId' = $1`, [p.id])).toBe(1);
    await ok(staff.post('/api/care/plans', { personId: person, providerId: providers.b, periodFrom: day(3), periodTo: day(6), items: [{ serviceCode: 'bath', weekdays: [3], startTime: '15:00' }] }));

    // 不可能的行程: the caregiver checks in at this home, then 30 km away 10 minutes later
    const [first, second] = orders;
    for (const o of [first!, second!]) await ok(dispatchers.b.post(`/api/care/orders/${o.id}/dispatch`, { version: o.version, caregiverId: caregivers.b.id }));
    const cg = caregivers.b.agent;
    expect((await ok(cg.post(`/api/care/orders/${first!.id}/steps`, { key: key(), kind: 'check_in', at: at('11:00'), position: north(10) }))).exceptions).toEqual([]);
    const far = await ok(cg.post(`/api/care/orders/${second!.id}/steps`, { key: key(), kind: 'check_in', at: at('11:10'), position: north(30_000) }));
    expect(far.exceptions).toEqual(['check_in_distance', 'impossible_travel']);
    const travel = (await ok(staff.get(`/api/care/orders/${second!.id}`))).exceptionList.find((x: { kind: string }) => x.kind === 'impossible_travel');
    expect(travel.detail).toMatchObject({ fromOrderId: first!.id, distanceM: 29990, minutes: 10 });
    // the rule opened the caregiver's previous (sealed) position: the step's audit row says which
    const stepRow = await ctx.asOwner((db) => db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'care.step' AND detail->>'orderId' = $1`, [second!.id]));
    expect(stepRow.rows.map((r) => r.detail.opened)).toEqual([{ orderId: first!.id, field: 'care_order.check_in_fix_enc' }]);
  });
});
