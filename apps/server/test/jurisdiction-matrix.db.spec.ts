import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../src/shared/dates.js';
import { type Agent, buildPerson, buildRegistrySet, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Jurisdiction is enforced in the data layer: for every route that takes an id, a user of a
 * sibling jurisdiction gets 404 — exactly as if the record did not exist — while the same call
 * on a record of their own jurisdiction goes through.
 */
let ctx: TestContext;
const own: Record<string, string> = {};
const sibling: Record<string, string> = {};
let sysAdmin: Agent;
let secAdmin: Agent;
let registrar: Agent;
/** The community worker of each side, who surveys it (survey conflicts belong to their worker). */
const surveyWorkers: Record<string, Agent> = {};
let exportApprover: Agent;
let ownExporter: Agent;
/** Elder-care staff of 船山区, who assess (and sign what another assessor submitted). */
let elderStaff: Agent;
/** 居家养老服务 (care) actors of the own side: elder-care staff, the provider's dispatcher and caregiver. */
const care = {} as Record<'staff' | 'dispatcher' | 'caregiver', Agent>;

beforeAll(async () => {
  ctx = await setupTestContext();
  // actors: administrators of 船山区 (510903)
  sysAdmin = await login(ctx, (await buildUser(ctx, { roles: ['sys_admin'], nodes: ['510903'] })).username);
  secAdmin = await login(ctx, (await buildUser(ctx, { roles: ['security_admin'], nodes: ['510903'] })).username);
  registrar = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903'] })).username);
  exportApprover = await login(ctx, (await buildUser(ctx, { roles: ['district_official'], nodes: ['510903'] })).username);
  elderStaff = await login(ctx, (await buildUser(ctx, { roles: ['eldercare_staff'], nodes: ['510903'] })).username);
  // records on both sides: 船山区 (own) and 安居区 (sibling)
  for (const [side, code, grid] of [['own', '510903001001', '510903001001001'], ['sibling', '510904001001', '510904001001001']] as const) {
    const bag = side === 'own' ? own : sibling;
    const user = await buildUser(ctx, { roles: ['grid_worker'], nodes: [grid] });
    bag.user = user.id;
    bag.userVersion = String(user.version);
    await login(ctx, user.username);
    const { rows } = await ctx.asOwner((db) => db.query<{ id: string }>('SELECT id FROM user_session WHERE user_id = $1 AND ended_at IS NULL', [user.id]));
    bag.session = rows[0]!.id;
    const community = await nodeByCode(ctx, code);
    const created = await (await login(ctx, (await buildUser(ctx, { roles: ['sys_admin'], nodes: [code] })).username)).post('/api/jurisdictions', {
      parentId: community.id, name: `测试网格${side}`, validFrom: '2024-06-01',
    });
    bag.grid = created.body.id;
    const sideWorker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [code] })).username);
    Object.assign(bag, await buildRegistrySet(ctx, sideWorker, { community: code, grid, tag: side }));
    const twinA = await buildPerson(ctx, sideWorker, { node: grid, name: `双${side}` });
    const twinB = await buildPerson(ctx, sideWorker, { node: grid, name: `双${side}` });
    bag.spare = (await buildPerson(ctx, sideWorker, { node: grid, name: `备${side}` })).id;
    bag.merge = (await sideWorker.post(`/api/people/${twinA.id}/merge`, { duplicateId: twinB.id })).body.id;
    // 入户调查: a visit with a complete photo, and a change waiting on a conflict
    bag.visit = crypto.randomUUID();
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const seen = await buildPerson(ctx, sideWorker, { node: grid, name: `访${side}` });
    await sideWorker.patch(`/api/people/${seen.id}`, { notes: '他人修改', version: seen.version });
    const synced = await sideWorker.post('/api/survey/sync', {
      visits: [{ id: bag.visit, houseId: bag.house, visitedAt: new Date().toISOString(), outcome: 'verified' }],
      changes: [{ key: crypto.randomUUID(), kind: 'person.update', personId: seen.id, baseVersion: seen.version, fields: { notes: { base: null, value: '我的修改' } } }],
    });
    bag.surveyChange = synced.body.changes[0].changeId;
    bag.photo = (await sideWorker.post('/api/survey/photos', { visitId: bag.visit, sha256: crypto.createHash('sha256').update(photo).digest('hex'), size: photo.length, mime: 'image/jpeg' })).body.id;
    await sideWorker.request('PUT', `/api/survey/photos/${bag.photo}/content?offset=0`, photo, { 'content-type': 'application/octet-stream' });
    bag.photoBytes = photo.toString('base64');
    surveyWorkers[side] = sideWorker;
    // exports: a finished masked export and an unmasked request awaiting approval
    bag.export = (await sideWorker.post('/api/exports', { resource: 'people', filters: {} })).body.id;
    await ctx.services.exports.settled(bag.export!);
    bag.exportRequest = (await sideWorker.post('/api/exports', { resource: 'people', filters: {}, masked: false, reason: '矩阵测试核对' })).body.id;
    if (side === 'own') ownExporter = sideWorker;
    // 个人信息权利请求: a resident's request to see and copy their data
    bag.privacyRequest = (await sideWorker.post('/api/privacy/requests', { personId: bag.person, kind: 'access', channel: 'counter', requester: '本人' })).body.id;
    const gridNode = await nodeByCode(ctx, grid);
    // 养老: an archive, an assessment awaiting its second assessor, a proposal after two falls
    const sideAssessor = await login(ctx, (await buildUser(ctx, { roles: ['eldercare_staff'], nodes: [code] })).username);
    await sideWorker.request('PUT', `/api/elder/elders/${bag.person}/archive`, { livingSituation: 'alone' });
    const scale = (await sideAssessor.get('/api/elder/scales')).body.items.find((x: { inUse: boolean }) => x.inUse);
    bag.elderAnswers = JSON.stringify(Object.fromEntries(scale.definition.items.map((it: { code: string; options: { score: number }[] }) => [it.code, it.options[0]!.score])));
    bag.elderAssessment = (await sideAssessor.post(`/api/elder/elders/${bag.person}/assessments`, { scaleVersion: scale.version, reason: 'first', answers: JSON.parse(bag.elderAnswers) })).body.id;
    for (const days of [3, 2]) await sideWorker.post(`/api/elder/elders/${bag.person}/risk-events`, { kind: 'fall', occurredAt: new Date(Date.now() - days * 86_400_000).toISOString() });
    bag.elderProposal = (await sideAssessor.get('/api/elder/proposals')).body.items[0].id;
    bag.importJob = (await sideWorker.request('POST', `/api/imports?kind=people&fileName=m.csv&jurisdictionId=${gridNode.id}`, Buffer.from('姓名,备注\n矩阵导入,x\n'), { 'content-type': 'application/octet-stream' })).body.id;
    // devices: an elder's watch with a safe zone and an SOS alert
    bag.elder = (await buildPerson(ctx, sideWorker, { node: grid, name: `老${side}`, birthDate: '1941-04-04' })).id;
    const watchSerial = side === 'own' ? '860000000000701' : '860000000000702';
    bag.device = (await sideWorker.post('/api/devices', { kind: 'watch', serialNo: watchSerial, personId: bag.elder })).body.id;
    bag.zone = (await sideWorker.post('/api/devices/zones', { personId: bag.elder, name: '家', shape: 'circle', center: { lat: 30.5, lng: 105.6 }, radiusM: 300 })).body.id;
    await ctx.services.devices.ingestReports([{ serial: watchSerial, fixedAt: new Date('2026-11-28T01:00:00Z'), valid: true, source: 'gps', lat: 30.5, lng: 105.6, accuracy: 10, flags: { sos: true } }]);
    bag.alert = (await ctx.asOwner((db) => db.query<{ id: string }>('SELECT id FROM device_alert WHERE device_id = $1', [bag.device]))).rows[0]!.id;
    await buildCareSet(side, bag, sideWorker, code.slice(0, 6), grid);
  }
});
afterAll(() => ctx?.close());

/**
 * 居家养老服务 on one side: a provider (the side's organisation) with a dispatcher and caregivers, an
 * elder in the side's house with a plan and its orders: two pending, one dispatched, one checked in
 * too far away (an exception) with a photo half-uploaded and one complete.
 */
async function buildCareSet(side: string, bag: Record<string, string>, worker: Agent, district: string, grid: string) {
  const must = async (r: Promise<{ status: number; body: any }>) => {
    const res = await r;
    if (res.status !== 200) throw new Error(`care set: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const staffAgent = await login(ctx, (await buildUser(ctx, { roles: ['eldercare_staff'], nodes: [district] })).username);
  const dispatcher = await buildUser(ctx, { roles: ['care_provider'], nodes: [district] });
  const caregiver = await buildUser(ctx, { roles: ['caregiver'], nodes: [district] });
  bag.extraCaregiver = (await buildUser(ctx, { roles: ['caregiver'], nodes: [district] })).id;
  const area = await nodeByCode(ctx, district);
  const provider = await must(staffAgent.post('/api/care/providers', { organizationId: bag.org, serviceAreaIds: [area.id] }));
  bag.careProvider = provider.id;
  await must(staffAgent.post(`/api/care/providers/${provider.id}/staff`, { userId: dispatcher.id, kind: 'dispatcher' }));
  await must(staffAgent.post(`/api/care/providers/${provider.id}/staff`, { userId: caregiver.id, kind: 'caregiver' }));
  const elder = await buildPerson(ctx, worker, { node: grid, name: `长者${side}`, birthDate: '1944-02-02' });
  await must(worker.post(`/api/people/${elder.id}/houses`, { houseId: bag.house, kind: 'resident', validFrom: '2015-01-01' }));
  const to = new Date(Date.parse(`${today()}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  const plan = await must(staffAgent.post('/api/care/plans', { personId: elder.id, providerId: provider.id, periodFrom: today(), periodTo: to, items: [{ serviceCode: 'meal', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00' }] }));
  bag.carePlan = plan.id;
  await must(staffAgent.post(`/api/care/plans/${plan.id}/generate`));
  const orders = (await must(staffAgent.get(`/api/care/orders?personId=${elder.id}`))).items;
  [bag.careOrder, bag.careOrderPending, bag.careOrderCancel, bag.careOrderVisit] = orders.map((o: { id: string }) => o.id);
  const dispatcherAgent = await login(ctx, dispatcher.username);
  const caregiverAgent = await login(ctx, caregiver.username);
  for (const id of [bag.careOrder, bag.careOrderVisit]) {
    await must(dispatcherAgent.post(`/api/care/orders/${id}/dispatch`, { version: 1, caregiverId: caregiver.id }));
  }
  await must(caregiverAgent.post(`/api/care/orders/${bag.careOrderVisit}/steps`, { key: crypto.randomUUID(), kind: 'check_in', at: new Date().toISOString(), position: { lat: 30.6, lon: 105.7 } }));
  bag.careException = (await must(staffAgent.get(`/api/care/orders/${bag.careOrderVisit}`))).exceptionList[0].id;
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, side === 'own' ? 1 : 2]);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  bag.carePhoto = (await must(caregiverAgent.post(`/api/care/orders/${bag.careOrderVisit}/photos`, { stage: 'during', sha256, size: bytes.length, mime: 'image/jpeg' }))).id;
  bag.carePhotoBytes = bytes.toString('base64');
  const done = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 1, 1, side === 'own' ? 3 : 4]);
  const photo = await must(caregiverAgent.post(`/api/care/orders/${bag.careOrderVisit}/photos`, { stage: 'check_in', sha256: crypto.createHash('sha256').update(done).digest('hex'), size: done.length, mime: 'image/jpeg' }));
  await must(caregiverAgent.request('PUT', `/api/care/photos/${photo.id}/content?offset=0`, done, { 'content-type': 'application/octet-stream' }));
  bag.carePhotoDone = photo.id;
  if (side === 'own') Object.assign(care, { staff: staffAgent, dispatcher: dispatcherAgent, caregiver: caregiverAgent });
}

type Call = { agent: () => Agent; method: string; url: (ids: Record<string, string>) => string; body?: (ids: Record<string, string>) => unknown; headers?: Record<string, string>; ok: number };

/** The current version of a record (read as the owner), for calls that must send it. */
const version = async (table: string, id: string) =>
  (await ctx.asOwner((db) => db.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))).rows[0]?.version ?? 1;
const versioned = (table: string, key: string, extra: Record<string, unknown>) => async (i: Record<string, string>) => ({ ...extra, version: await version(table, i[key]!) });
const get = (path: (i: Record<string, string>) => string): Call => ({ agent: () => registrar, method: 'GET', url: path, ok: 200 });
const post = (path: (i: Record<string, string>) => string, body: Call['body']): Call => ({ agent: () => registrar, method: 'POST', url: path, body, ok: 200 });
const patch = (table: string, key: string, path: (i: Record<string, string>) => string, extra: Record<string, unknown>): Call =>
  ({ agent: () => registrar, method: 'PATCH', url: path, body: versioned(table, key, extra), ok: 200 });

// (ending a session comes first: resetting a password later ends that user's sessions)
const matrix: Record<string, Call> = {
  'DELETE /api/security/sessions/{id}': { agent: () => secAdmin, method: 'DELETE', url: (i) => `/api/security/sessions/${i.session}`, ok: 200 },
  'GET /api/users/{id}': { agent: () => sysAdmin, method: 'GET', url: (i) => `/api/users/${i.user}`, ok: 200 },
  'PATCH /api/users/{id}': { agent: () => sysAdmin, method: 'PATCH', url: (i) => `/api/users/${i.user}`, body: (i) => ({ displayName: '改名', version: Number(i.userVersion) }), ok: 200 },
  'POST /api/users/{id}/reset-password': { agent: () => sysAdmin, method: 'POST', url: (i) => `/api/users/${i.user}/reset-password`, body: () => ({ newPassword: 'Matrix#Pass2026' }), ok: 200 },
  'POST /api/users/{id}/unlock': { agent: () => secAdmin, method: 'POST', url: (i) => `/api/users/${i.user}/unlock`, body: () => ({}), ok: 200 },
  'GET /api/people/{id}': get((i) => `/api/people/${i.person}`),
  'PATCH /api/people/{id}': patch('person', 'person', (i) => `/api/people/${i.person}`, { notes: '矩阵' }),
  'GET /api/people/{id}/history': get((i) => `/api/people/${i.person}/history`),
  'POST /api/people/{id}/unmask': post((i) => `/api/people/${i.person}/unmask`, () => ({ fields: ['phone'], reason: '矩阵测试核对' })),
  'POST /api/people/{id}/merge': post((i) => `/api/people/${i.person}/merge`, (i) => ({ duplicateId: i.spare })),
  'GET /api/people/{id}/merges': get((i) => `/api/people/${i.person}/merges`),
  'POST /api/person-merges/{id}/undo': post((i) => `/api/person-merges/${i.merge}/undo`, () => undefined),
  'GET /api/people/{id}/overview': get((i) => `/api/people/${i.person}/overview`),
  'POST /api/people/{id}/houses': post((i) => `/api/people/${i.person}/houses`, (i) => ({ houseId: i.house, kind: 'owner', validFrom: '2021-01-01' })),
  'POST /api/people/{id}/relatives': post((i) => `/api/people/${i.person}/relatives`, (i) => ({ relatedPersonId: i.relative, relationCode: '70', validFrom: '2021-01-01' })),
  'POST /api/people/{id}/organizations': post((i) => `/api/people/${i.person}/organizations`, (i) => ({ orgId: i.org, kind: 'contact', validFrom: '2021-01-01' })),
  'POST /api/person-houses/{id}/end': post((i) => `/api/person-houses/${i.personHouse}/end`, () => ({ validTo: '2025-06-30' })),
  'POST /api/person-relations/{id}/end': post((i) => `/api/person-relations/${i.relation}/end`, () => ({ validTo: '2025-06-30' })),
  'POST /api/person-orgs/{id}/end': post((i) => `/api/person-orgs/${i.personOrg}/end`, () => ({ validTo: '2025-06-30' })),
  'POST /api/household-members/{id}/end': post((i) => `/api/household-members/${i.member}/end`, () => ({ validTo: '2025-06-30' })),
  'GET /api/estates/{id}': get((i) => `/api/estates/${i.estate}`),
  'PATCH /api/estates/{id}': patch('estate', 'estate', (i) => `/api/estates/${i.estate}`, { propertyCompany: '矩阵物业' }),
  'GET /api/estates/{id}/history': get((i) => `/api/estates/${i.estate}/history`),
  'GET /api/buildings/{id}': get((i) => `/api/buildings/${i.building}`),
  'PATCH /api/buildings/{id}': patch('building', 'building', (i) => `/api/buildings/${i.building}`, { builtYear: 2005 }),
  'GET /api/buildings/{id}/history': get((i) => `/api/buildings/${i.building}/history`),
  'GET /api/buildings/{id}/floor-plan': get((i) => `/api/buildings/${i.building}/floor-plan`),
  'GET /api/houses/{id}': get((i) => `/api/houses/${i.house}`),
  'PATCH /api/houses/{id}': patch('house', 'house', (i) => `/api/houses/${i.house}`, { area: 90 }),
  'GET /api/houses/{id}/history': get((i) => `/api/houses/${i.house}/history`),
  'GET /api/households/{id}': get((i) => `/api/households/${i.household}`),
  'PATCH /api/households/{id}': patch('household', 'household', (i) => `/api/households/${i.household}`, { householdNo: 'H001' }),
  'GET /api/households/{id}/history': get((i) => `/api/households/${i.household}/history`),
  'POST /api/households/{id}/members': post((i) => `/api/households/${i.household}/members`, (i) => ({ personId: i.relative, relationCode: '10', validFrom: '2025-07-01' })),
  'GET /api/organizations/{id}': get((i) => `/api/organizations/${i.org}`),
  'PATCH /api/organizations/{id}': patch('organization', 'org', (i) => `/api/organizations/${i.org}`, { phone: '08252222222' }),
  'GET /api/organizations/{id}/history': get((i) => `/api/organizations/${i.org}/history`),
  'GET /api/things/{id}': get((i) => `/api/things/${i.thing}`),
  'PATCH /api/things/{id}': patch('thing', 'thing', (i) => `/api/things/${i.thing}`, { status: 'fault' }),
  'GET /api/things/{id}/history': get((i) => `/api/things/${i.thing}/history`),
  'GET /api/events/{id}': get((i) => `/api/events/${i.event}`),
  'PATCH /api/events/{id}': patch('work_item', 'event', (i) => `/api/events/${i.event}`, { priority: 'high' }),
  'GET /api/events/{id}/history': get((i) => `/api/events/${i.event}/history`),
  'POST /api/events/{id}/transition': { agent: () => registrar, method: 'POST', url: (i) => `/api/events/${i.event}`.concat('/transition'), body: versioned('work_item', 'event', { to: 'in_progress' }), ok: 200 },
  'GET /api/survey/houses/{id}/visits': get((i) => `/api/survey/houses/${i.house}/visits`),
  'GET /api/survey/photos/{id}': get((i) => `/api/survey/photos/${i.photo}`),
  'PUT /api/survey/photos/{id}/content': { agent: () => registrar, method: 'PUT', url: (i) => `/api/survey/photos/${i.photo}/content?offset=0`, body: (i) => Buffer.from(i.photoBytes!, 'base64'), headers: { 'content-type': 'application/octet-stream' }, ok: 200 },
  'POST /api/survey/conflicts/{id}/resolve': { agent: () => surveyWorkers.own!, method: 'POST', url: (i) => `/api/survey/conflicts/${i.surveyChange}/resolve`, body: () => ({ version: 1, choices: [{ field: 'notes', choice: 'mine' }] }), ok: 200 },
  'GET /api/exports/{id}': get((i) => `/api/exports/${i.export}`),
  'GET /api/privacy/requests/{id}': { agent: () => registrar, method: 'GET', url: (i) => `/api/privacy/requests/${i.privacyRequest}`, ok: 200 },
  'POST /api/privacy/requests/{id}/copy': { agent: () => registrar, method: 'POST', url: (i) => `/api/privacy/requests/${i.privacyRequest}/copy`, body: () => ({}), ok: 200 },
  'POST /api/privacy/requests/{id}/close': { agent: () => registrar, method: 'POST', url: (i) => `/api/privacy/requests/${i.privacyRequest}/close`, body: () => ({ status: 'done', outcome: '矩阵测试办结', version: 1 }), ok: 200 },
  'POST /api/exports/{id}/decision': { agent: () => exportApprover, method: 'POST', url: (i) => `/api/exports/${i.exportRequest}/decision`, body: () => ({ decision: 'approve', version: 1 }), ok: 200 },
  'POST /api/exports/{id}/download': { agent: () => ownExporter, method: 'POST', url: (i) => `/api/exports/${i.export}/download`, body: () => ({}), ok: 200 },
  'GET /api/imports/{id}': get((i) => `/api/imports/${i.importJob}`),
  'POST /api/imports/{id}/mapping': post((i) => `/api/imports/${i.importJob}/mapping`, () => ({})),
  'GET /api/imports/{id}/rows': get((i) => `/api/imports/${i.importJob}/rows`),
  'GET /api/imports/{id}/errors': get((i) => `/api/imports/${i.importJob}/errors`),
  'POST /api/imports/{id}/commit': post((i) => `/api/imports/${i.importJob}/commit`, () => ({ new: 'skip', update: 'skip', duplicate: 'skip' })),
  'POST /api/imports/{id}/cancel': post((i) => `/api/imports/${i.importJob}/cancel`, () => ({})),
  'GET /api/elder/elders/{id}': get((i) => `/api/elder/elders/${i.person}`),
  'PUT /api/elder/elders/{id}/archive': { agent: () => registrar, method: 'PUT', url: (i) => `/api/elder/elders/${i.person}/archive`, body: async (i) => ({
    livingSituation: 'spouse', version: (await ctx.asOwner((db) => db.query<{ version: number }>('SELECT version FROM elder_archive WHERE person_id = $1', [i.person]))).rows[0]?.version ?? 1,
  }), ok: 200 },
  'POST /api/elder/elders/{id}/risk-events': post((i) => `/api/elder/elders/${i.person}/risk-events`, () => ({ kind: 'choking', occurredAt: new Date().toISOString() })),
  'POST /api/elder/elders/{id}/assessments/preview': { agent: () => elderStaff, method: 'POST', url: (i) => `/api/elder/elders/${i.person}/assessments/preview`, body: (i) => ({ scaleVersion: 'GB/T 42195-2022', answers: JSON.parse(i.elderAnswers!) }), ok: 200 },
  'POST /api/elder/elders/{id}/assessments': { agent: () => elderStaff, method: 'POST', url: (i) => `/api/elder/elders/${i.person}/assessments`, body: (i) => ({ scaleVersion: 'GB/T 42195-2022', reason: 'routine', answers: JSON.parse(i.elderAnswers!) }), ok: 200 },
  'GET /api/elder/assessments/{id}': get((i) => `/api/elder/assessments/${i.elderAssessment}`),
  'POST /api/elder/assessments/{id}/sign': { agent: () => elderStaff, method: 'POST', url: (i) => `/api/elder/assessments/${i.elderAssessment}/sign`, body: () => ({}), ok: 200 },
  'POST /api/elder/proposals/{id}/decision': { agent: () => elderStaff, method: 'POST', url: (i) => `/api/elder/proposals/${i.elderProposal}/decision`, body: () => ({ action: 'dismiss', reason: '矩阵测试核对' }), ok: 200 },
  'GET /api/devices/{id}': get((i) => `/api/devices/${i.device}`),
  'PATCH /api/devices/{id}': { agent: () => registrar, method: 'PATCH', url: (i) => `/api/devices/${i.device}`, body: async (i) => ({ model: 'Y1', version: await version('device', i.device!) }), ok: 200 },
  'GET /api/devices/elders/{id}/map': get((i) => `/api/devices/elders/${i.elder}/map?from=2026-11-28T00:00:00Z&to=2026-11-28T02:00:00Z`),
  'GET /api/devices/alerts/{id}': get((i) => `/api/devices/alerts/${i.alert}`),
  'POST /api/devices/alerts/{id}/acknowledge': post((i) => `/api/devices/alerts/${i.alert}/acknowledge`, versioned('device_alert', 'alert', { note: '矩阵' })),
  'POST /api/devices/alerts/{id}/close': post((i) => `/api/devices/alerts/${i.alert}/close`, versioned('device_alert', 'alert', { note: '矩阵' })),
  'GET /api/devices/people/{id}/readings': get((i) => `/api/devices/people/${i.elder}/readings`),
  'PUT /api/devices/people/{id}/thresholds': { agent: () => registrar, method: 'PUT', url: (i) => `/api/devices/people/${i.elder}/thresholds`, body: () => ({ metric: 'systolic', low: 90, high: 150 }), ok: 200 },
  'PATCH /api/devices/zones/{id}': { agent: () => registrar, method: 'PATCH', url: (i) => `/api/devices/zones/${i.zone}`, body: versioned('safe_zone', 'zone', { radiusM: 350 }), ok: 200 },
  'DELETE /api/devices/zones/{id}': { agent: () => registrar, method: 'DELETE', url: (i) => `/api/devices/zones/${i.zone}`, ok: 200 },
  'PATCH /api/care/providers/{id}': { agent: () => care.staff!, method: 'PATCH', url: (i) => `/api/care/providers/${i.careProvider}`, body: versioned('care_provider', 'careProvider', { toleranceM: 250 }), ok: 200 },
  'GET /api/care/providers/{id}/staff': { agent: () => care.staff!, method: 'GET', url: (i) => `/api/care/providers/${i.careProvider}/staff`, ok: 200 },
  'POST /api/care/providers/{id}/staff': { agent: () => care.staff!, method: 'POST', url: (i) => `/api/care/providers/${i.careProvider}/staff`, body: () => ({ userId: own.extraCaregiver, kind: 'caregiver' }), ok: 200 },
  'GET /api/care/plans/{id}': { agent: () => care.staff!, method: 'GET', url: (i) => `/api/care/plans/${i.carePlan}`, ok: 200 },
  'POST /api/care/plans/{id}/generate': { agent: () => care.staff!, method: 'POST', url: (i) => `/api/care/plans/${i.carePlan}/generate`, body: () => ({}), ok: 200 },
  'GET /api/care/orders/{id}': { agent: () => care.staff!, method: 'GET', url: (i) => `/api/care/orders/${i.careOrder}`, ok: 200 },
  'POST /api/care/orders/{id}/dispatch': { agent: () => care.dispatcher!, method: 'POST', url: (i) => `/api/care/orders/${i.careOrderPending}/dispatch`, body: async (i) => ({ caregiverId: own.extraCaregiver, version: await version('care_order', i.careOrderPending!) }), ok: 200 },
  'POST /api/care/orders/{id}/cancel': { agent: () => care.dispatcher!, method: 'POST', url: (i) => `/api/care/orders/${i.careOrderCancel}/cancel`, body: versioned('care_order', 'careOrderCancel', { reason: '矩阵测试' }), ok: 200 },
  'POST /api/care/orders/{id}/steps': { agent: () => care.caregiver!, method: 'POST', url: (i) => `/api/care/orders/${i.careOrder}/steps`, body: () => ({ key: crypto.randomUUID(), kind: 'check_in', at: new Date().toISOString(), position: { lat: 30.5301, lon: 105.5901 } }), ok: 200 },
  'POST /api/care/orders/{id}/photos': { agent: () => care.caregiver!, method: 'POST', url: (i) => `/api/care/orders/${i.careOrderVisit}/photos`, body: () => ({ stage: 'during', sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg' }), ok: 200 },
  'PUT /api/care/photos/{id}/content': { agent: () => care.caregiver!, method: 'PUT', url: (i) => `/api/care/photos/${i.carePhoto}/content?offset=0`, body: (i) => Buffer.from(i.carePhotoBytes!, 'base64'), headers: { 'content-type': 'application/octet-stream' }, ok: 200 },
  'GET /api/care/photos/{id}': { agent: () => care.staff!, method: 'GET', url: (i) => `/api/care/photos/${i.carePhotoDone}`, ok: 200 },
  'POST /api/care/exceptions/{id}/resolve': { agent: () => care.staff!, method: 'POST', url: (i) => `/api/care/exceptions/${i.careException}/resolve`, body: versioned('care_exception', 'careException', { reasonCode: 'gps_drift', resolutionCode: 'accepted', note: '矩阵测试' }), ok: 200 },
  // last of care: ends the plan on its last day (nothing of it is cancelled; the entries above still use its orders)
  'POST /api/care/plans/{id}/end': { agent: () => care.staff!, method: 'POST', url: (i) => `/api/care/plans/${i.carePlan}/end`, body: async (i) => ({
    reason: '矩阵测试', version: await version('care_plan', i.carePlan!),
    endOn: (await ctx.asOwner((db) => db.query<{ d: string }>('SELECT period_to::text AS d FROM care_plan WHERE id = $1', [i.carePlan]))).rows[0]!.d,
  }), ok: 200 },
  'GET /api/jurisdictions/{id}': { agent: () => sysAdmin, method: 'GET', url: (i) => `/api/jurisdictions/${i.grid}`, ok: 200 },
  'POST /api/jurisdictions/{id}/retire': { agent: () => sysAdmin, method: 'POST', url: (i) => `/api/jurisdictions/${i.grid}/retire`, body: () => ({ validTo: today(), version: 1 }), ok: 200 },
};

const SIBLING_TABLES = [
  ['person', 'person'], ['estate', 'estate'], ['building', 'building'], ['house', 'house'], ['household', 'household'],
  ['organization', 'org'], ['thing', 'thing'], ['work_item', 'event'], ['person_house', 'personHouse'], ['person_relation', 'relation'],
  ['person_org', 'personOrg'], ['household_member', 'member'], ['import_job', 'importJob'],
  ['elder_assessment', 'elderAssessment'], ['elder_proposal', 'elderProposal'],
  ['device', 'device'], ['device_alert', 'alert'], ['safe_zone', 'zone'],
  ['privacy_request', 'privacyRequest'],
  ['care_provider', 'careProvider'], ['care_plan', 'carePlan'], ['care_order', 'careOrder'], ['care_order', 'careOrderPending'], ['care_exception', 'careException'],
] as const;

describe('jurisdiction matrix', () => {
  it('covers every route of the API that takes an id', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const withId = Object.entries(doc.paths)
      .filter(([p]) => p.includes('{id}'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(withId.sort()).toEqual(Object.keys(matrix).sort());
  });

  for (const [route, call] of Object.entries(matrix)) {
    it(`${route}: 404 for a sibling jurisdiction's record, and it stays unchanged`, async () => {
      const snapshot = () => ctx.asOwner(async (db) => [
        (await db.query('SELECT * FROM app_user WHERE id = $1', [sibling.user])).rows,
        (await db.query('SELECT * FROM jurisdiction_node WHERE id = $1', [sibling.grid])).rows,
        ...(await Promise.all(SIBLING_TABLES.map(async ([table, key]) => (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [sibling[key]])).rows))),
        (await db.query(`SELECT count(*) FROM person_house`)).rows,
        (await db.query(`SELECT count(*) FROM person_relation`)).rows,
        (await db.query(`SELECT count(*) FROM household_member`)).rows,
      ]);
      const before = await snapshot();
      const r = await call.agent().request(call.method, call.url(sibling), await call.body?.(sibling), call.headers);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });
    it(`${route}: goes through for a record of the user's own jurisdiction`, async () => {
      const r = await call.agent().request(call.method, call.url(own), await call.body?.(own), call.headers);
      expect(r.status).toBe(call.ok);
    });
  }
});

describe('list endpoints never leak (random trees)', () => {
  /** A small seeded generator, so a failure can be replayed. */
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  }

  it('for random pairs of nodes, a user of one sees nothing outside it in search, children and users', async () => {
    const { rows: nodes } = await ctx.asOwner((db) =>
      db.query<{ id: string; code: string; name: string; path: string; level: string }>(
        `SELECT id, code, name, path::text AS path, level FROM jurisdiction_node WHERE level IN ('district','street','community','grid') ORDER BY code`,
      ),
    );
    const rand = rng(20261129);
    const pick = () => nodes[Math.floor(rand() * nodes.length)]!;
    for (let i = 0; i < 12; i++) {
      const home = pick();
      const probe = pick();
      const admin = await buildUser(ctx, { roles: ['sys_admin'], nodes: [home.code] });
      await buildUser(ctx, { roles: ['grid_worker'], nodes: [probe.code] });
      const a = await login(ctx, admin.username);
      const inside = (path: string) => path === home.path || path.startsWith(`${home.path}.`);
      const byId = new Map(nodes.map((n) => [n.id, n]));

      const search = await a.get(`/api/jurisdictions?q=${encodeURIComponent(probe.name.slice(0, 2))}`);
      for (const n of search.body.items) expect(inside(byId.get(n.id)?.path ?? '')).toBe(true);

      const children = await a.get(`/api/jurisdictions?parentId=${probe.id}`);
      for (const n of children.body.items) expect(inside(byId.get(n.id)?.path ?? '')).toBe(true);

      const users = await a.get('/api/users?limit=200');
      for (const u of users.body.items) {
        for (const j of u.jurisdictions) expect(inside(byId.get(j.id)?.path ?? nodes.find((n) => n.code === j.code)?.path ?? '')).toBe(true);
      }
      if (!inside(probe.path)) expect((await a.get(`/api/jurisdictions/${probe.id}`)).status).toBe(404);
    }
  });
});
