import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildPerson, buildUser, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * 入户调查: the slice a grid worker takes offline, the sync of what they queued (applied field by
 * field, conflicts kept with both values, replays changing nothing) and resumable visit photos.
 */
const GRID_A = '510903001001001';
const GRID_B = '510903001002001';

let ctx: TestContext;
let gridWorker: Agent;
let otherGridWorker: Agent;
let registrar: Agent;
const a = {} as Record<'building' | 'house' | 'person', string>;
const b = {} as Record<'building' | 'house' | 'person', string>;

const ok = async (r: Promise<{ status: number; body: any }>) => {
  const res = await r;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** An estate, a building and a house in a grid, with one resident. */
async function buildHouse(agent: Agent, grid: string, tag: string, bag: Record<string, string>) {
  const node = await nodeByCode(ctx, grid);
  const estate = await ok(agent.post('/api/estates', { name: `调查小区${tag}`, jurisdictionId: node.id }));
  const building = await ok(agent.post('/api/buildings', { name: '1栋', estateId: estate.id, jurisdictionId: node.id, floors: 6, unitCount: 1, lon: 105.59, lat: 30.53 }));
  const house = await ok(agent.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 2, number: '201' }));
  const person = await buildPerson(ctx, agent, { node: grid, name: `住户${tag}`, phone: '13800008000' });
  await ok(agent.post(`/api/people/${person.id}/houses`, { houseId: house.id, kind: 'resident', validFrom: '2020-01-01' }));
  Object.assign(bag, { building: building.id, house: house.id, person: person.id });
}

const uuid = () => crypto.randomUUID();
const version = async (id: string) => (await ctx.asOwner((db) => db.query<{ version: number }>('SELECT version FROM person WHERE id = $1', [id]))).rows[0]!.version;
const auditCount = async (action: string) =>
  Number((await ctx.asOwner((db) => db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log WHERE action = $1', [action]))).rows[0]!.n);

beforeAll(async () => {
  ctx = await setupTestContext();
  registrar = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001'] })).username);
  gridWorker = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: [GRID_A] })).username);
  otherGridWorker = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: [GRID_B] })).username);
  await buildHouse(registrar, GRID_A, '甲', a);
  await buildHouse(registrar, GRID_B, '乙', b);
});
afterAll(() => ctx?.close());

describe('the grid slice', () => {
  it('holds the worker’s own grid only, masked, each record with its version, and the download is audited', async () => {
    const before = await auditCount('survey.slice');
    const slice = await ok(gridWorker.get('/api/survey/slice'));
    expect(slice.houses.map((h: { id: string }) => h.id)).toContain(a.house);
    expect(slice.houses.map((h: { id: string }) => h.id)).not.toContain(b.house);
    expect(slice.buildings.map((x: { id: string }) => x.id)).not.toContain(b.building);
    expect(slice.people.map((p: { id: string }) => p.id)).not.toContain(b.person);
    const person = slice.people.find((p: { id: string }) => p.id === a.person);
    expect(person).toMatchObject({ name: '住户甲', phoneMasked: '138****8000', version: 1 });
    expect(JSON.stringify(slice)).not.toContain('13800008000');
    expect(slice.residences).toContainEqual(expect.objectContaining({ personId: a.person, houseId: a.house, kind: 'resident' }));
    expect(slice.houses.find((h: { id: string }) => h.id === a.house)).toMatchObject({ label: '调查小区甲 1栋 1单元 201', version: 1, lastVisit: null });
    expect(await auditCount('survey.slice')).toBe(before + 1);

    const other = await ok(otherGridWorker.get('/api/survey/slice'));
    expect(other.houses.map((h: { id: string }) => h.id)).toEqual([b.house]);
    // a node outside one's jurisdiction is not found; a role without the survey is refused
    const gridB = await nodeByCode(ctx, GRID_B);
    expect((await gridWorker.get(`/api/survey/slice?jurisdictionId=${gridB.id}`)).status).toBe(404);
    const official = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: ['510903001'] })).username);
    expect((await official.get('/api/survey/slice')).status).toBe(403);
  });
});

describe('sync', () => {
  it('stores the visit and applies a correction of an unmoved record through the registry, with history and audit', async () => {
    const visitId = uuid();
    const key = uuid();
    const [syncAudits, updateAudits] = [await auditCount('survey.sync'), await auditCount('person.update')];
    const r = await ok(gridWorker.post('/api/survey/sync', {
      visits: [{ id: visitId, houseId: a.house, visitedAt: '2026-11-29T09:30:00+08:00', outcome: 'changed', notes: '住户已更换手机号' }],
      changes: [{ key, kind: 'person.update', personId: a.person, baseVersion: 1, visitId, fields: { phone: { base: '138****8000', value: '139-0000-1111' }, tags: { base: [], value: ['elderly_alone'] } } }],
    }));
    expect(r.visits).toEqual([{ id: visitId, status: 'stored', error: null }]);
    expect(r.changes[0]).toMatchObject({ key, status: 'applied', replayed: false, applied: ['phone', 'tags'], conflicts: [], version: 2 });
    expect([await auditCount('survey.sync'), await auditCount('person.update')]).toEqual([syncAudits + 1, updateAudits + 1]);
    const p = await ok(registrar.get(`/api/people/${a.person}`));
    expect(p).toMatchObject({ phoneMasked: '139****1111', tags: ['elderly_alone'], version: 2 });
    const history = await ok(registrar.get(`/api/people/${a.person}/history`));
    expect(history.items[0].changedByName).toMatch(/^测试用户/);
    expect(history.items[0].fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['phoneMasked', 'tags']));
    const visits = await ok(gridWorker.get(`/api/survey/houses/${a.house}/visits`));
    expect(visits.items[0]).toMatchObject({ id: visitId, outcome: 'changed', notes: '住户已更换手机号', workerName: expect.stringMatching(/^测试用户/) });
    const slice = await ok(gridWorker.get('/api/survey/slice'));
    expect(slice.houses.find((h: { id: string }) => h.id === a.house).lastVisit).toMatchObject({ outcome: 'changed' });
  });

  it('checks a moved record per field: untouched fields apply, fields someone else changed come back as conflicts and are not applied', async () => {
    const base = await ok(gridWorker.get('/api/survey/slice'));
    const seen = base.people.find((p: { id: string }) => p.id === a.person);
    // meanwhile the community office corrects the address
    await ok(registrar.patch(`/api/people/${a.person}`, { residenceAddress: '滨江路3号', version: seen.version }));
    const key = uuid();
    const r = await ok(gridWorker.post('/api/survey/sync', {
      changes: [{
        key, kind: 'person.update', personId: a.person, baseVersion: seen.version,
        fields: { residenceAddress: { base: seen.residenceAddress, value: '滨江路2号' }, notes: { base: seen.notes, value: '子女每周探望' } },
      }],
    }));
    const c = r.changes[0];
    expect(c).toMatchObject({ status: 'partial', applied: ['notes'] });
    expect(c.conflicts).toEqual([{ field: 'residenceAddress', base: seen.residenceAddress, mine: '滨江路2号', theirs: '滨江路3号' }]);
    const stored = await ok(registrar.get(`/api/people/${a.person}`));
    expect(stored).toMatchObject({ residenceAddress: '滨江路3号', notes: '子女每周探望' });

    // the same key again changes nothing and answers the same
    const changesBefore = (await ok(registrar.get(`/api/people/${a.person}/history`))).items.length;
    const v = await version(a.person);
    const again = await ok(gridWorker.post('/api/survey/sync', {
      changes: [{ key, kind: 'person.update', personId: a.person, baseVersion: seen.version, fields: { residenceAddress: { base: seen.residenceAddress, value: '滨江路2号' }, notes: { base: seen.notes, value: '子女每周探望' } } }],
    }));
    expect(again.changes[0]).toMatchObject({ key, changeId: c.changeId, replayed: true, status: 'partial', conflicts: c.conflicts });
    expect(await version(a.person)).toBe(v);
    expect((await ok(registrar.get(`/api/people/${a.person}/history`))).items.length).toBe(changesBefore);

    // the conflict waits for the worker's decision; another grid's worker cannot see or resolve it
    const open = await ok(gridWorker.get('/api/survey/conflicts'));
    const conflict = open.items.find((x: { id: string }) => x.id === c.changeId);
    expect(conflict).toMatchObject({ personId: a.person, personName: '住户甲', conflicts: c.conflicts });
    expect((await otherGridWorker.post(`/api/survey/conflicts/${c.changeId}/resolve`, { version: conflict.version, choices: [{ field: 'residenceAddress', choice: 'mine' }] })).status).toBe(404);
    const unknown = await gridWorker.post(`/api/survey/conflicts/${c.changeId}/resolve`, { version: conflict.version, choices: [{ field: 'name', choice: 'mine' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fields[0].field).toBe('choices.name');
    const resolved = await ok(gridWorker.post(`/api/survey/conflicts/${c.changeId}/resolve`, { version: conflict.version, choices: [{ field: 'residenceAddress', choice: 'edit', value: '滨江路2号附1' }] }));
    expect(resolved).toMatchObject({ status: 'resolved', applied: ['residenceAddress'] });
    expect(await ok(registrar.get(`/api/people/${a.person}`))).toMatchObject({ residenceAddress: '滨江路2号附1', notes: '子女每周探望' });
    expect((await ok(gridWorker.get('/api/survey/conflicts'))).items.map((x: { id: string }) => x.id)).not.toContain(c.changeId);
    expect((await gridWorker.post(`/api/survey/conflicts/${c.changeId}/resolve`, { version: conflict.version + 1, choices: [{ field: 'residenceAddress', choice: 'mine' }] })).status).toBe(409);
  });

  it('keeps theirs when chosen, and refuses a decision taken on values that moved again', async () => {
    const seen = (await ok(gridWorker.get('/api/survey/slice'))).people.find((p: { id: string }) => p.id === a.person);
    await ok(registrar.patch(`/api/people/${a.person}`, { name: '住户甲改', version: seen.version }));
    const r = await ok(gridWorker.post('/api/survey/sync', { changes: [{ key: uuid(), kind: 'person.update', personId: a.person, baseVersion: seen.version, fields: { name: { base: seen.name, value: '住户甲甲' } } }] }));
    expect(r.changes[0]).toMatchObject({ status: 'conflict', applied: [] });
    const id = r.changes[0].changeId;
    const current = await ok(registrar.get(`/api/people/${a.person}`));
    await ok(registrar.patch(`/api/people/${a.person}`, { name: '住户甲再改', version: current.version }));
    const stale = await gridWorker.post(`/api/survey/conflicts/${id}/resolve`, { version: 1, choices: [{ field: 'name', choice: 'mine' }] });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT_MOVED');
    const refreshed = (await ok(gridWorker.get('/api/survey/conflicts'))).items.find((x: { id: string }) => x.id === id);
    expect(refreshed.conflicts[0]).toMatchObject({ field: 'name', mine: '住户甲甲', theirs: '住户甲再改' });
    const v = await version(a.person);
    await ok(gridWorker.post(`/api/survey/conflicts/${id}/resolve`, { version: refreshed.version, choices: [{ field: 'name', choice: 'theirs' }] }));
    expect(await version(a.person)).toBe(v);
    expect((await ok(registrar.get(`/api/people/${a.person}`))).name).toBe('住户甲再改');
  });

  it('registers a new resident into the house once, however often the batch is replayed; bad input is refused per change', async () => {
    const key = uuid();
    const batch = { changes: [{ key, kind: 'person.create', houseId: a.house, person: { name: '新住户丙', gender: 2, birthDate: '1990-05-01' } }] };
    const r = await ok(gridWorker.post('/api/survey/sync', batch));
    expect(r.changes[0]).toMatchObject({ status: 'applied' });
    const again = await ok(gridWorker.post('/api/survey/sync', batch));
    expect(again.changes[0]).toMatchObject({ replayed: true, recordId: r.changes[0].recordId });
    const slice = await ok(gridWorker.get('/api/survey/slice'));
    expect(slice.people.filter((p: { name: string }) => p.name === '新住户丙')).toHaveLength(1);
    expect(slice.residences).toContainEqual(expect.objectContaining({ personId: r.changes[0].recordId, houseId: a.house }));

    const bad = await ok(gridWorker.post('/api/survey/sync', { changes: [{ key: uuid(), kind: 'person.create', houseId: a.house, person: { name: '错号', citizenId: '510903195003050000' } }] }));
    expect(bad.changes[0]).toMatchObject({ status: 'rejected', error: { code: 'CITIZEN_ID_INVALID' } });
    const outside = await ok(gridWorker.post('/api/survey/sync', { changes: [{ key: uuid(), kind: 'person.update', personId: b.person, baseVersion: 1, fields: { notes: { base: null, value: 'x' } } }] }));
    expect(outside.changes[0]).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    expect((await ctx.asOwner((db) => db.query('SELECT notes FROM person WHERE id = $1', [b.person]))).rows[0]).toEqual({ notes: null });

    const invalid = await gridWorker.post('/api/survey/sync', { changes: [{ key: uuid(), kind: 'person.update', personId: a.person, baseVersion: 1, fields: { phone: { base: null, value: '12345' } } }] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.fields[0].field).toBe('changes.0.fields.phone.value');
  });
});

describe('visit photos', () => {
  /** A small JPEG-looking payload: the SOI marker, then bytes. */
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(300_000)]);
  const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  const put = (agent: Agent, id: string, offset: number, data: Buffer) =>
    agent.request('PUT', `/api/survey/photos/${id}/content?offset=${offset}`, data, { 'content-type': 'application/octet-stream' });
  let visitId: string;

  beforeAll(async () => {
    visitId = uuid();
    await ok(gridWorker.post('/api/survey/sync', { visits: [{ id: visitId, houseId: a.house, visitedAt: new Date().toISOString(), outcome: 'verified' }] }));
  });

  it('uploads in chunks, resumes from the stored offset after an interruption, and checks the hash', async () => {
    const start = { visitId, sha256: sha(jpeg), size: jpeg.length, mime: 'image/jpeg' };
    const s = await ok(gridWorker.post('/api/survey/photos', start));
    expect(s).toMatchObject({ received: 0, complete: false });
    expect((await ok(put(gridWorker, s.id, 0, jpeg.subarray(0, 200_000))))).toMatchObject({ received: 200_000, complete: false });
    // the connection drops; the phone asks again and continues where the server stands
    const resumed = await ok(gridWorker.post('/api/survey/photos', start));
    expect(resumed).toMatchObject({ id: s.id, received: 200_000 });
    const wrong = await put(gridWorker, s.id, 100_000, jpeg.subarray(100_000, 200_000));
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('PHOTO_OFFSET');
    expect(await ok(put(gridWorker, s.id, 200_000, jpeg.subarray(200_000)))).toMatchObject({ received: jpeg.length, complete: true });
    const visits = await ok(gridWorker.get(`/api/survey/houses/${a.house}/visits`));
    expect(visits.items.find((v: { id: string }) => v.id === visitId).photos).toEqual([{ id: s.id, size: jpeg.length, complete: true }]);
    const got = await ctx.app.inject({ method: 'GET', url: `/api/survey/photos/${s.id}`, headers: { cookie: gridWorker.cookie } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(sha(got.rawPayload)).toBe(sha(jpeg));
    expect((await otherGridWorker.get(`/api/survey/photos/${s.id}`)).status).toBe(404);
    expect((await put(otherGridWorker, s.id, 0, jpeg.subarray(0, 10))).status).toBe(404);
  });

  it('refuses a photo whose bytes do not match the hash (and starts it over), a non-image, and an oversized one', async () => {
    const other = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), crypto.randomBytes(1000)]);
    const s = await ok(gridWorker.post('/api/survey/photos', { visitId, sha256: sha(other), size: other.length, mime: 'image/jpeg' }));
    const tampered = Buffer.from(other);
    tampered[500] = tampered[500]! ^ 0xff;
    const bad = await put(gridWorker, s.id, 0, tampered);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('PHOTO_HASH_MISMATCH');
    expect(await ok(gridWorker.post('/api/survey/photos', { visitId, sha256: sha(other), size: other.length, mime: 'image/jpeg' }))).toMatchObject({ received: 0 });
    expect(await ok(put(gridWorker, s.id, 0, other))).toMatchObject({ complete: true });

    const text = Buffer.from('just some text, not a photo at all');
    const t = await ok(gridWorker.post('/api/survey/photos', { visitId, sha256: sha(text), size: text.length, mime: 'image/jpeg' }));
    expect((await put(gridWorker, t.id, 0, text)).status).toBe(415);
    const big = await gridWorker.post('/api/survey/photos', { visitId, sha256: sha(text), size: 50 * 1024 * 1024, mime: 'image/jpeg' });
    expect(big.status).toBe(413);
    const unknownVisit = await gridWorker.post('/api/survey/photos', { visitId: uuid(), sha256: sha(text), size: 10, mime: 'image/jpeg' });
    expect(unknownVisit.status).toBe(422);
    expect(unknownVisit.body.fields[0].field).toBe('visitId');
  });
});
