import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_ID_COLUMN } from '../src/modules/registry/people.service.js';
import { qualityScore } from '../src/modules/quality/quality.scoring.js';
import { checkCharacter, makeCitizenId } from '../src/standards/citizen-id.js';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * Data quality over a real registry: bad records are made with the factories (and, where the
 * registry's own validation would refuse them, written as an import of old data would leave
 * them), evaluated, and the findings, scores, jurisdiction limits and fixes are checked.
 */
const COMMUNITY = '510903001003';
const GRID_1 = '510903001003001';
const GRID_2 = '510903001003002';
const SIBLING = '510903001002';

let ctx: TestContext;
let worker: Agent; // community worker (and community lead: may change rules)
let gridWorker: Agent; // grid worker of GRID_1
let siblingWorker: Agent;
let street: Agent; // street official above both communities
const ids: Record<string, string> = {};

/** Writes a stored citizen ID directly, as legacy data or a spreadsheet import of old would leave it. */
async function storeRawCitizenId(personId: string, raw: string) {
  await ctx.asOwner((db) => db.query('UPDATE person SET citizen_id_enc = $2, citizen_id_hash = $3, citizen_id_masked = $4 WHERE id = $1', [
    personId, ctx.cipher.encrypt(raw, CITIZEN_ID_COLUMN), ctx.cipher.lookupHash(raw, CITIZEN_ID_COLUMN), `${raw.slice(0, 6)}********${raw.slice(-4)}`,
  ]));
}

/** A number of 18 digits whose check character is wrong (and which does not end in 000). */
function badChecksumId() {
  const good = makeCitizenId('510903', '1960-07-15', 123);
  const wrong = good[17] === '1' ? '2' : '1';
  return good.slice(0, 17) + wrong;
}

/** A number rounded by Excel: the last three digits 000, which fails the check. */
function roundedId() {
  for (let seq = 1; seq < 1000; seq++) {
    const first17 = `510903195511${String(20 + (seq % 9)).padStart(2, '0')}${String(seq).padStart(3, '0')}`.slice(0, 17);
    const rounded = `${first17.slice(0, 15)}000`;
    if (checkCharacter(rounded.slice(0, 17)) !== '0') return rounded;
  }
  throw new Error('no rounded id');
}

async function evaluate(agent: Agent, jurisdictionId?: string) {
  const r = await agent.post('/api/quality/runs', jurisdictionId ? { jurisdictionId } : {});
  expect(r.status).toBe(200);
  await ctx.services.quality.idle();
  const runs = (await agent.get('/api/quality/runs')).body.items;
  const mine = runs.find((x: { id: string }) => x.id === r.body.id);
  expect(mine).toMatchObject({ status: 'done', error: null });
  expect(mine.doneSteps).toBe(mine.totalSteps);
  return mine;
}

async function findings(agent: Agent, query = '') {
  const r = await agent.get(`/api/quality/findings?limit=200${query}`);
  expect(r.status).toBe(200);
  return r.body.items as { ruleCode: string; recordId: string; problem: string; relatedId: string | null; entity: string }[];
}
const codesOf = (items: { ruleCode: string; recordId: string }[], recordId: string | undefined) => items.filter((f) => f.recordId === recordId).map((f) => f.ruleCode).sort();

beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [COMMUNITY] })).username);
  gridWorker = await login(ctx, (await buildUser(ctx, { roles: ['grid_worker'], nodes: [GRID_1] })).username);
  siblingWorker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: [SIBLING] })).username);
  street = await login(ctx, (await buildUser(ctx, { roles: ['street_official'], nodes: ['510903001'] })).username);
  const community = await nodeByCode(ctx, COMMUNITY);
  const grid1 = await nodeByCode(ctx, GRID_1);
  ids.community = community.id;
  ids.grid1 = grid1.id;
  ids.grid2 = (await nodeByCode(ctx, GRID_2)).id;
  ids.sibling = (await nodeByCode(ctx, SIBLING)).id;

  // a good resident: valid ID, phone, address, lives in a house
  const estate = (await worker.post('/api/estates', { name: '质量花园', jurisdictionId: community.id, lon: 105.59, lat: 30.53 })).body;
  const building = (await worker.post('/api/buildings', { name: '1栋', estateId: estate.id, jurisdictionId: grid1.id, floors: 6, unitCount: 1, lon: 105.5901, lat: 30.5301 })).body;
  ids.house = (await worker.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 1, number: '101' })).body.id;
  ids.emptyHouse = (await worker.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 2, number: '201' })).body.id;
  const good = await worker.post('/api/people', {
    name: '郑良好', jurisdictionId: grid1.id, citizenId: freshCitizenId({ birthDate: '1970-01-02', gender: 1 }), phone: '13800138001', residenceAddress: '质量花园1栋101',
  });
  expect(good.status).toBe(200);
  ids.good = good.body.id;
  await worker.post(`/api/people/${ids.good}/houses`, { houseId: ids.house, kind: 'owner', validFrom: '2015-01-01' });

  // bad ones, each in the grid of the grid worker unless said otherwise
  ids.badChecksum = (await buildPerson(ctx, worker, { node: GRID_1, name: '钱校验', citizenId: freshCitizenId({ birthDate: '1960-07-15' }) })).id;
  await storeRawCitizenId(ids.badChecksum, badChecksumId());
  ids.scientific = (await buildPerson(ctx, worker, { node: GRID_1, name: '孙科学' })).id;
  await storeRawCitizenId(ids.scientific, '5.10903E+17');
  ids.rounded = (await buildPerson(ctx, worker, { node: GRID_1, name: '李截断' })).id;
  await storeRawCitizenId(ids.rounded, roundedId());
  // a woman's ID, recorded as a man (as a legacy system would have left it)
  const female = await buildPerson(ctx, worker, { node: GRID_1, name: '周性别', citizenId: freshCitizenId({ birthDate: '1980-05-05', gender: 2 }) });
  ids.genderMismatch = female.id;
  await ctx.asOwner((db) => db.query('UPDATE person SET gender = 1 WHERE id = $1', [female.id]));
  // two records of one person in the community (different grids): same name and birth date
  ids.dupA = (await buildPerson(ctx, worker, { node: GRID_1, name: '吴重复', birthDate: '1948-02-03' })).id;
  ids.dupB = (await buildPerson(ctx, worker, { node: GRID_2, name: '吴重复', birthDate: '1948-02-03' })).id;
  // registered long ago and never verified since
  ids.stale = (await buildPerson(ctx, worker, { node: GRID_2, name: '郑久远' })).id;
  await ctx.asOwner((db) => db.query(`UPDATE person SET created_at = now() - interval '30 months' WHERE id = $1`, [ids.stale]));
  // in the sibling community: a problem the community worker here must never see
  ids.siblingPerson = (await buildPerson(ctx, siblingWorker, { node: SIBLING, name: '王邻居' })).id;

  await evaluate(worker);
  await evaluate(siblingWorker);
});
afterAll(() => ctx?.close());

describe('rules evaluated over the registry', () => {
  it('finds each kind of bad record, and nothing wrong with a good one', async () => {
    const all = await findings(worker);
    expect(codesOf(all, ids.good)).toEqual([]);
    expect(codesOf(all, ids.badChecksum)).toEqual(['citizen_id_invalid', 'person_missing_fields', 'person_no_house']);
    expect(codesOf(all, ids.scientific)).toContain('citizen_id_excel');
    expect(codesOf(all, ids.rounded)).toContain('citizen_id_excel');
    expect(codesOf(all, ids.rounded)).not.toContain('citizen_id_invalid');
    expect(codesOf(all, ids.genderMismatch)).toContain('id_gender_birth_mismatch');
    expect(all.find((f) => f.recordId === ids.genderMismatch && f.ruleCode === 'id_gender_birth_mismatch')!.problem).toBe('性别与身份证号不符');
    expect(all.find((f) => f.recordId === ids.scientific && f.ruleCode === 'citizen_id_excel')!.problem).toBe('身份证号科学计数法');
    expect(all.filter((f) => f.ruleCode === 'person_duplicate').map((f) => [f.recordId, f.relatedId]).sort())
      .toEqual([[ids.dupA, ids.dupB], [ids.dupB, ids.dupA]].sort());
    expect(all.find((f) => f.recordId === ids.emptyHouse)).toMatchObject({ ruleCode: 'house_no_residents', entity: 'house' });
    expect(all.find((f) => f.recordId === ids.house)).toBeUndefined();
    expect(codesOf(all, ids.stale)).toContain('person_not_verified');
    expect(all.filter((f) => f.ruleCode === 'person_not_verified').map((f) => f.recordId)).toEqual([ids.stale]);
    // no plaintext ID stored in a finding
    const { rows } = await ctx.asOwner((db) => db.query<{ detail: string }>('SELECT detail::text AS detail FROM quality_finding'));
    expect(rows.some((r) => /\d{17}[\dX]/.test(r.detail) || r.detail.includes('E+17'))).toBe(false);
    // reading the list (names of people) is audited
    const { rows: audited } = await ctx.asOwner((db) => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'quality.findings_read'`));
    expect(audited[0]!.n).toBeGreaterThan(0);
  });

  it('scores each node from its findings and records, and drills down to the grids', async () => {
    const res = await worker.get(`/api/quality/summary?jurisdictionId=${ids.community}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.node.name).toBeTruthy();
    expect(s.records).toEqual({ person: 8, house: 2 });
    const tally = (code: string) => s.rules.find((r: { code: string }) => r.code === code);
    expect(tally('person_duplicate').findings).toBe(2);
    expect(tally('house_no_residents')).toMatchObject({ findings: 1, records: 2 });
    expect(s.score).toBe(qualityScore(s.rules.map((r: { weight: number; entity: 'person' | 'house'; findings: number }) => r), s.records));
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThan(100);
    const g1 = s.children.find((c: { id: string }) => c.id === ids.grid1);
    const g2 = s.children.find((c: { id: string }) => c.id === ids.grid2);
    expect(g1.records).toEqual({ person: 6, house: 2 });
    expect(g2.records).toEqual({ person: 2, house: 0 });
    expect(g1.findings + g2.findings).toBe(s.findings);
    // the grid's own summary agrees with its line in the community's
    const grid = (await worker.get(`/api/quality/summary?jurisdictionId=${ids.grid1}`)).body;
    expect(grid.score).toBe(g1.score);
    expect(grid.findings).toBe(g1.findings);
    // the street sees both communities, each with its own score
    const st = (await street.get('/api/quality/summary')).body;
    const here = st.children.find((c: { id: string }) => c.id === ids.community);
    const there = st.children.find((c: { id: string }) => c.id === ids.sibling);
    expect(here.score).toBe(s.score);
    expect(there.findings).toBeGreaterThan(0);
  });

  it('keeps each jurisdiction to its own findings', async () => {
    const theirs = await findings(siblingWorker);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((f) => f.recordId === ids.siblingPerson)).toBe(true);
    expect((await findings(worker)).some((f) => f.recordId === ids.siblingPerson)).toBe(false);
    expect((await siblingWorker.get(`/api/quality/findings?jurisdictionId=${ids.community}`)).status).toBe(404);
    expect((await siblingWorker.get(`/api/quality/summary?jurisdictionId=${ids.community}`)).status).toBe(404);
    expect((await siblingWorker.post('/api/quality/runs', { jurisdictionId: ids.community })).status).toBe(404);
    // the grid worker's to-do list holds the records of their grid only
    const todo = (await gridWorker.get('/api/quality/todo')).body;
    const records = todo.items.map((i: { recordId: string }) => i.recordId);
    expect(records).toContain(ids.badChecksum);
    expect(records).toContain(ids.emptyHouse);
    expect(records).not.toContain(ids.dupB);
    expect(records).not.toContain(ids.stale);
    expect(todo.total).toBe(records.length);
    const item = todo.items.find((i: { recordId: string }) => i.recordId === ids.badChecksum);
    expect(item.label).toBe('钱校验');
    expect(item.findings.map((f: { ruleCode: string }) => f.ruleCode).sort()).toEqual(['citizen_id_invalid', 'person_missing_fields', 'person_no_house']);
  });
});

describe('fixing the data resolves the finding without a full re-run', () => {
  it('a corrected gender, a linked house and a verification close their findings', async () => {
    const p = (await worker.get(`/api/people/${ids.genderMismatch}`)).body;
    expect((await worker.patch(`/api/people/${ids.genderMismatch}`, { gender: 2, version: p.version })).status).toBe(200);
    expect((await worker.post(`/api/people/${ids.badChecksum}/houses`, { houseId: ids.emptyHouse, kind: 'tenant', validFrom: '2024-01-01' })).status).toBe(200);
    const stale = (await worker.get(`/api/people/${ids.stale}`)).body;
    expect((await worker.patch(`/api/people/${ids.stale}`, { verified: true, version: stale.version })).status).toBe(200);
    // the changed places were queued by the registry's triggers; the jobs role drains the queue
    expect(await ctx.services.quality.drainChanges()).toBeGreaterThan(0);
    const all = await findings(worker);
    expect(codesOf(all, ids.genderMismatch)).not.toContain('id_gender_birth_mismatch');
    expect(codesOf(all, ids.badChecksum)).toEqual(['citizen_id_invalid', 'person_missing_fields']);
    expect(all.find((f) => f.recordId === ids.emptyHouse)).toBeUndefined();
    expect(codesOf(all, ids.stale)).not.toContain('person_not_verified');
    const { rows } = await ctx.asOwner((db) => db.query<{ resolved_at: Date | null }>(
      `SELECT resolved_at FROM quality_finding WHERE record_id = $1 AND rule_code = 'id_gender_birth_mismatch'`, [ids.genderMismatch]));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.resolved_at).not.toBeNull();
    // nothing left to drain
    expect(await ctx.services.quality.drainChanges()).toBe(0);
  });

  it('merging a duplicate resolves both duplicate findings', async () => {
    expect((await worker.post(`/api/people/${ids.dupA}/merge`, { duplicateId: ids.dupB })).status).toBe(200);
    await ctx.services.quality.drainChanges();
    expect((await findings(worker, '&ruleCode=person_duplicate'))).toEqual([]);
  });
});

describe('rules are data', () => {
  it('changing a parameter changes the result; disabling a rule hides its findings; both are audited', async () => {
    const rules = (await worker.get('/api/quality/rules')).body.items;
    const notVerified = rules.find((r: { code: string }) => r.code === 'person_not_verified');
    expect(notVerified.params).toEqual({ months: 12 });
    // a fresh long-unverified record: 30 months old is past 12 but within 36
    const old = (await buildPerson(ctx, worker, { node: GRID_2, name: '陈旧' })).id;
    await ctx.asOwner((db) => db.query(`UPDATE person SET created_at = now() - interval '30 months' WHERE id = $1`, [old]));
    await evaluate(worker, ids.community);
    expect(codesOf(await findings(worker), old)).toContain('person_not_verified');

    const bad = await worker.patch('/api/quality/rules/person_not_verified', { params: { months: 0 }, version: notVerified.version });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('RULE_PARAMS_INVALID');
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'params.months', message: '月数至少为 1', messageEn: 'At least 1 month' })]);
    const unknown = await worker.patch('/api/quality/rules/person_not_verified', { params: { months: 12, weeks: 3 }, version: notVerified.version });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fields[0].message).toContain('weeks');
    const asGrid = await gridWorker.patch('/api/quality/rules/person_not_verified', { params: { months: 36 }, version: notVerified.version });
    expect(asGrid.status).toBe(403);

    const changed = await worker.patch('/api/quality/rules/person_not_verified', { params: { months: 36 }, version: notVerified.version });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ params: { months: 36 }, version: notVerified.version + 1 });
    const stale = await worker.patch('/api/quality/rules/person_not_verified', { enabled: false, version: notVerified.version });
    expect(stale.status).toBe(409);
    await evaluate(worker, ids.community);
    expect(codesOf(await findings(worker), old)).not.toContain('person_not_verified');

    const missing = rules.find((r: { code: string }) => r.code === 'person_missing_fields');
    const before = (await findings(worker, '&ruleCode=person_missing_fields')).length;
    expect(before).toBeGreaterThan(0);
    expect((await worker.patch('/api/quality/rules/person_missing_fields', { enabled: false, version: missing.version })).status).toBe(200);
    expect(await findings(worker, '&ruleCode=person_missing_fields')).toEqual([]);
    const s = (await worker.get(`/api/quality/summary?jurisdictionId=${ids.community}`)).body;
    expect(s.rules.map((r: { code: string }) => r.code)).not.toContain('person_missing_fields');

    const { rows } = await ctx.asOwner((db) => db.query<{ object_id: string; detail: { before: { params: unknown } } }>(
      `SELECT object_id, detail FROM audit_log WHERE action = 'quality.rule_update' ORDER BY id`));
    expect(rows.map((r) => r.object_id)).toEqual(['person_not_verified', 'person_missing_fields']);
    expect(rows[0]!.detail.before.params).toEqual({ months: 12 });
  });

  it('refuses a second evaluation of the same place while one is under way', async () => {
    const community = await nodeByCode(ctx, COMMUNITY);
    await ctx.asOwner((db) => db.query(`INSERT INTO quality_run (path, node_name, status) VALUES ($1, $2, 'running')`, [community.path, community.name]));
    const second = await worker.post('/api/quality/runs', { jurisdictionId: ids.grid1 });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('RUN_ALREADY_ACTIVE');
    expect(second.body.message).toContain(community.name);
    // the sibling community is not affected
    expect((await siblingWorker.post('/api/quality/runs', {})).status).toBe(200);
    await ctx.services.quality.idle();
  });
});
