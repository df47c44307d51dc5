import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let worker: Agent;
let staff: Agent;
let sibling: Agent;
const GRID = '510903001002001';

beforeAll(async () => {
  ctx = await setupTestContext();
  worker = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001002'] })).username);
  staff = await login(ctx, (await buildUser(ctx, { roles: ['eldercare_staff'], nodes: ['510903'] })).username);
  sibling = await login(ctx, (await buildUser(ctx, { roles: ['community_worker'], nodes: ['510904001001'] })).username);
});
afterAll(() => ctx?.close());

const ok = async (r: Promise<{ status: number; body: any }>) => {
  const res = await r;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** An elderly resident known to the registry, the elder-care archive and the devices. */
async function residentEverywhere() {
  const citizenId = freshCitizenId({ birthDate: '1941-03-04', gender: 2 });
  const p = await buildPerson(ctx, worker, { node: GRID, name: '副本老人', citizenId, birthDate: '1941-03-04', gender: 2, phone: '13700001234' });
  const community = await nodeByCode(ctx, '510903001002');
  const grid = await nodeByCode(ctx, GRID);
  const estate = await ok(worker.post('/api/estates', { name: '副本小区', jurisdictionId: community.id, lon: 105.59, lat: 30.53 }));
  const building = await ok(worker.post('/api/buildings', { name: '2栋', estateId: estate.id, jurisdictionId: grid.id, floors: 6, unitCount: 2, lon: 105.5901, lat: 30.5301 }));
  const house = await ok(worker.post('/api/houses', { buildingId: building.id, unitNo: 1, floor: 2, number: '201', area: 70 }));
  await ok(worker.post(`/api/people/${p.id}/houses`, { houseId: house.id, kind: 'resident', validFrom: '2019-01-01' }));
  await ok(worker.post('/api/events', { kind: 'grid_event', title: '独居老人走访', jurisdictionId: grid.id, slaHours: 24, personId: p.id }));
  await ok(staff.request('PUT', `/api/elder/elders/${p.id}/archive`, {
    livingSituation: 'alone', chronicConditions: ['高血压'], diagnosisCodes: ['I10'], medications: [{ name: '氨氯地平', dosage: '5mg' }], allergies: ['青霉素'],
    contacts: [{ name: '李女士', phone: '139 0000 5678', relation: '女儿', isEmergency: true }],
  }));
  await ok(staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: new Date(Date.now() - 86_400_000).toISOString() }));
  await ok(staff.post('/api/devices', { kind: 'watch', serialNo: `86${String(Date.now()).slice(-10)}`, maker: '3G', personId: p.id }));
  return { ...p, citizenId };
}

async function sheetsOf(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1)) }));
}

describe('residents’ requests about their data (PIPL arts. 44–47)', () => {
  it('registers a request with its deadline, gives a copy of every record about the person in every module, audited, and closes it', async () => {
    const p = await residentEverywhere();
    const r = await ok(worker.post('/api/privacy/requests', { personId: p.id, kind: 'access', channel: 'counter', requester: '副本老人本人', detail: '查阅复制本人信息' }));
    const received = new Date(`${r.receivedOn}T00:00:00Z`);
    expect((new Date(`${r.dueOn}T00:00:00Z`).getTime() - received.getTime()) / 86_400_000).toBe(ctx.config.privacy.requestDays);
    expect(r).toMatchObject({ status: 'open', daysLeft: ctx.config.privacy.requestDays, copies: 0, person: { id: p.id, name: '副本老人' } });

    const copy = await ctx.app.inject({ method: 'POST', url: `/api/privacy/requests/${r.id}/copy`, headers: { cookie: worker.cookie, 'x-csrf-token': worker.csrf }, payload: {} });
    expect(copy.statusCode, copy.body.slice(0, 300)).toBe(200);
    expect(copy.headers['content-type']).toContain('spreadsheetml');
    const sheets = await sheetsOf(copy.rawPayload);
    const info = sheets.find((s) => s.name === '说明')!;
    const listed = new Map(info.rows.map((row) => /^(\d+) 条（([a-z_]+)）$/.exec(String(row[1]))).filter((m) => m !== null).map((m) => [m[2]!, Number(m[1])]));

    // Every table that refers to this person and holds a row about them is in the copy, with all its rows.
    const truth = await ctx.asOwner(async (db) => {
      const { rows: cols } = await db.query<{ t: string; c: string }>(
        `SELECT c.relname AS t, a.attname AS c FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          WHERE c.relkind = 'r' AND a.atttypid = 'uuid'::regtype AND (a.attname = 'person_id' OR a.attname LIKE '%\\_person\\_id') AND c.relname NOT LIKE 'analysis\\_%'
            AND has_table_privilege('linli_app', c.oid, 'SELECT')`);
      const out = new Map<string, number>([['person', 1]]);
      for (const { t, c } of cols) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE "${c}" = $1`, [p.id]);
        if (rows[0]!.n > 0) out.set(t, (out.get(t) ?? 0) + rows[0]!.n);
      }
      return out;
    });
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(truth));
    for (const t of ['person', 'person_house', 'work_item', 'elder_archive', 'elder_contact', 'elder_risk_event', 'device', 'privacy_request']) expect(listed.has(t), t).toBe(true);

    // Sealed values are opened (it is the resident's own copy), nothing is unreadable, no lookup hash is given.
    const all = JSON.stringify(sheets);
    expect(all).toContain(p.citizenId);
    expect(all).toContain('13700001234');
    expect(all).toContain('13900005678');
    expect(all).not.toContain('无法解密');
    expect(all).not.toMatch(/_hash/);

    const audits = await ctx.asOwner((db) => db.query<{ detail: { request: string; unreadable: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'privacy.copy' AND object_id = $1`, [p.id]));
    expect(audits.rows).toHaveLength(1);
    expect(audits.rows[0]!.detail).toMatchObject({ request: r.id, unreadable: 0 });

    const short = await worker.post(`/api/privacy/requests/${r.id}/close`, { status: 'done', outcome: '好', version: r.version });
    expect(short.status).toBe(422);
    expect(short.body.fields[0]).toMatchObject({ field: 'outcome' });
    const closed = await ok(worker.post(`/api/privacy/requests/${r.id}/close`, { status: 'done', outcome: '已当面提供副本并签收', version: r.version }));
    expect(closed).toMatchObject({ status: 'done', copies: 1, daysLeft: null, outcome: '已当面提供副本并签收' });
    const again = await worker.post(`/api/privacy/requests/${r.id}/close`, { status: 'refused', outcome: '重复办理测试', version: closed.version });
    expect(again.status).toBe(409);
  });

  it('keeps requests within the jurisdiction, and lists the overdue ones first', async () => {
    const p = await buildPerson(ctx, worker, { node: GRID, name: '逾期测试' });
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const late = await ok(worker.post('/api/privacy/requests', { personId: p.id, kind: 'correct', channel: 'phone', requester: '逾期测试', receivedOn: old }));
    expect(late.daysLeft).toBeLessThan(0);
    const fresh = await ok(worker.post('/api/privacy/requests', { personId: p.id, kind: 'delete', channel: 'letter', requester: '代理人王某' }));
    const list = await ok(worker.get('/api/privacy/requests?status=open'));
    expect(list.overdue).toBeGreaterThanOrEqual(1);
    expect(list.items.findIndex((x: { id: string }) => x.id === late.id)).toBeLessThan(list.items.findIndex((x: { id: string }) => x.id === fresh.id));
    expect((await ok(worker.get('/api/privacy/requests?overdue=true'))).items.map((x: { id: string }) => x.id)).toEqual([late.id]);

    expect((await sibling.get(`/api/privacy/requests/${late.id}`)).status).toBe(404);
    expect((await sibling.request('POST', `/api/privacy/requests/${late.id}/copy`, {})).status).toBe(404);
    expect((await sibling.get('/api/privacy/requests')).body.items).toEqual([]);
    const outside = await sibling.post('/api/privacy/requests', { personId: p.id, kind: 'access', channel: 'counter', requester: '某人' });
    expect(outside.status).toBe(404);
    expect(outside.body.fields?.[0]?.field ?? outside.body.field).toBe('personId');
    const unknown = await worker.post('/api/privacy/requests', { personId: p.id, kind: 'sell', channel: 'counter', requester: '某人' });
    expect(unknown.status).toBe(422);
  });
});
