import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildPerson, buildUser, freshCitizenId, login, nodeByCode } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * The import's set-based commit (issue 4, performance): new people go into `person` with one
 * INSERT … SELECT per batch from their staged rows. Whatever path a row takes, the guarantees
 * stay: idempotence, a killed job re-run ends as one clean run, the importer's jurisdiction is
 * enforced at commit, duplicates within the file are refused, the change history names the
 * importer, and the batch is audited once with its count.
 */
let ctx: TestContext;
let worker: Agent; // community worker of 电江路社区 (510903001001)
let workerId: string;
let grid: string;

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] });
  workerId = u.id;
  worker = await login(ctx, u.username);
  grid = (await nodeByCode(ctx, '510903001001001')).id;
});
afterAll(() => ctx?.close());

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const count = (sql: string, params: unknown[] = []) => ctx.asOwner(async (db) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n);

/** A file of n new people named tag + a number, each with a fresh ID and a phone, no household. */
function peopleFile(tag: string, n: number, extra: (string | number)[][] = []) {
  const rows: (string | number)[][] = [['姓名', '身份证号', '联系电话', '现住址']];
  for (let i = 0; i < n; i++) rows.push([`${tag}${i}`, freshCitizenId({ birthDate: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}` }), `1390825${String(i).padStart(4, '0')}`, `电江路${i}号`]);
  return Buffer.from(csv([...rows, ...extra]));
}

async function staged(agent: Agent, body: Buffer, fileName: string) {
  const qs = new URLSearchParams({ kind: 'people', fileName, jurisdictionId: grid });
  const up = await agent.request('POST', `/api/imports?${qs}`, body, { 'content-type': 'application/octet-stream' });
  expect(up.status, JSON.stringify(up.body)).toBe(200);
  const st = await agent.post(`/api/imports/${up.body.id}/mapping`, {});
  expect(st.status, JSON.stringify(st.body)).toBe(200);
  return st.body;
}

async function commit(agent: Agent, id: string) {
  const c = await agent.post(`/api/imports/${id}/commit`, { new: 'create', update: 'apply', duplicate: 'skip' });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
}

async function rowsOf(agent: Agent, id: string) {
  const r = await agent.get(`/api/imports/${id}/rows?limit=500`);
  return r.body.items as { rowNo: number; class: string; messages: { field: string; zh: string }[]; result: string | null }[];
}

/** What a run changed: people, their change-history rows, batch audit entries, per-person audit entries. */
async function delta(tag: string, fn: () => Promise<void>) {
  const at = async () => [
    await count(`SELECT count(*)::int AS n FROM person WHERE name LIKE $1`, [`${tag}%`]),
    await count(`SELECT count(*)::int AS n FROM change_log c JOIN person p ON p.id = c.record_id WHERE c.table_name = 'person' AND p.name LIKE $1`, [`${tag}%`]),
    await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.apply'`),
    await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.create'`),
  ];
  const before = await at();
  await fn();
  return (await at()).map((v, i) => v - before[i]!);
}

describe('the set-based commit of new people', () => {
  it('inserts a batch with one statement: history names the importer, one audit entry per batch with its count', async () => {
    const st = await staged(worker, peopleFile('批', 7), 'bulk.csv');
    expect(st.counts).toEqual({ new: 7 });
    await commit(worker, st.id);
    const d = await delta('批', async () => {
      expect(await ctx.services.imports.runJob(st.id, { batchSize: 3 })).toBe('done');
    });
    // 7 people, each with its history row; 3 batches audited once each; no per-person audit rows
    expect(d).toEqual([7, 7, 3, 0]);
    const history = await ctx.asOwner((db) => db.query<{ changed_by: string; op: string; citizen_id_hash: string | null }>(
      `SELECT c.changed_by, c.op, c.new_values->>'citizen_id_hash' AS citizen_id_hash FROM change_log c JOIN person p ON p.id = c.record_id WHERE p.name LIKE '批%'`));
    expect(history.rows.every((h) => h.changed_by === workerId && h.op === 'insert' && !!h.citizen_id_hash)).toBe(true);
    const audits = await ctx.asOwner((db) => db.query<{ actor_id: string; object_id: string; detail: { created: number } }>(
      `SELECT actor_id, object_id, detail FROM audit_log WHERE action = 'import.apply' AND object_id = $1 ORDER BY id`, [st.id]));
    expect(audits.rows.map((a) => [a.actor_id, a.detail.created])).toEqual([[workerId, 3], [workerId, 3], [workerId, 1]]);
    // the registry reads them back as if registered one by one: decrypted ID's birth date, masked phone, pinyin search, place
    const found = await worker.get(`/api/people?q=pi`);
    expect(found.body.items.some((p: { name: string }) => p.name === '批0')).toBe(true);
    const one = found.body.items.find((p: { name: string }) => p.name === '批0');
    expect(one).toMatchObject({ birthDate: '1950-01-10', gender: 1, phoneMasked: '139****0000', residenceAddress: '电江路0号', jurisdiction: { name: '第一网格' } });
    const job = (await worker.get(`/api/imports/${st.id}`)).body;
    expect(job).toMatchObject({ status: 'done', appliedRows: 7, failedRows: 0, progress: 1 });
    expect((await rowsOf(worker, st.id)).map((r) => r.result)).toEqual(Array(7).fill('created'));
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const file = peopleFile('再', 5);
    const first = await staged(worker, file, 'twice.csv');
    await commit(worker, first.id);
    expect(await ctx.services.imports.runJob(first.id, { batchSize: 2 })).toBe('done');
    const d = await delta('再', async () => {
      const again = await staged(worker, file, 'twice.csv');
      expect(again.counts).toEqual({ unchanged: 5 });
      await commit(worker, again.id);
      expect(await ctx.services.imports.runJob(again.id, { batchSize: 2 })).toBe('done');
    });
    expect(d).toEqual([0, 0, 0, 0]);
  });

  it('a job killed between batches and run again ends exactly as one clean run', async () => {
    const clean = await delta('净', async () => {
      const st = await staged(worker, peopleFile('净', 8), 'clean.csv');
      await commit(worker, st.id);
      expect(await ctx.services.imports.runJob(st.id, { batchSize: 3 })).toBe('done');
    });
    let jobId = '';
    const crashed = await delta('断', async () => {
      const st = await staged(worker, peopleFile('断', 8), 'crash.csv');
      jobId = st.id;
      await commit(worker, jobId);
      expect(await ctx.services.imports.runJob(jobId, { batchSize: 3, maxBatches: 1 })).toBe('interrupted');
      expect((await worker.get(`/api/imports/${jobId}`)).body).toMatchObject({ status: 'running', appliedRows: 3, toApply: 8 });
      expect(await ctx.services.imports.requeueInterrupted()).toBe(1);
      expect(await ctx.services.imports.runJob(jobId, { batchSize: 3 })).toBe('done');
    });
    expect(clean).toEqual([8, 8, 3, 0]);
    expect(crashed).toEqual(clean);
    expect((await worker.get(`/api/imports/${jobId}`)).body).toMatchObject({ status: 'done', appliedRows: 8, failedRows: 0 });
  });

  it('a job of many batches applies each row once, audits each batch, and killed and run again ends as one clean run', async () => {
    const clean = await delta('双', async () => {
      const st = await staged(worker, peopleFile('双', 30), 'lanes.csv');
      await commit(worker, st.id);
      const seen: number[] = [];
      expect(await ctx.services.imports.runJob(st.id, { batchSize: 2, onProgress: (j) => seen.push(j.appliedRows) })).toBe('done');
      // progress only grows, to the whole job
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(30);
      expect((await rowsOf(worker, st.id)).map((r) => r.result)).toEqual(Array(30).fill('created'));
      const audits = await ctx.asOwner((db) => db.query<{ detail: { created: number; rows: [number, number] } }>(
        `SELECT detail FROM audit_log WHERE action = 'import.apply' AND object_id = $1`, [st.id]));
      // every row in exactly one audited batch
      const covered = audits.rows.flatMap((a) => Array.from({ length: a.detail.rows[1] - a.detail.rows[0] + 1 }, (_, i) => a.detail.rows[0] + i)).sort((a, b) => a - b);
      expect(covered).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
      expect(audits.rows.reduce((n, a) => n + a.detail.created, 0)).toBe(30);
    });
    expect(clean).toEqual([30, 30, 15, 0]);
    let crashedJob = '';
    const crashed = await delta('叉', async () => {
      const st = await staged(worker, peopleFile('叉', 30), 'lanes-crash.csv');
      crashedJob = st.id;
      await commit(worker, st.id);
      expect(await ctx.services.imports.runJob(st.id, { batchSize: 2, maxBatches: 3 })).toBe('interrupted');
      expect((await worker.get(`/api/imports/${st.id}`)).body).toMatchObject({ status: 'running', appliedRows: 6 });
      expect(await ctx.services.imports.requeueInterrupted()).toBe(1);
      expect(await ctx.services.imports.runJob(st.id, { batchSize: 2 })).toBe('done');
      expect((await worker.get(`/api/imports/${st.id}`)).body).toMatchObject({ status: 'done', appliedRows: 30, failedRows: 0 });
    });
    // the same people and history; the re-run's first batch is what the killed run left of its window, so batches may differ
    expect([crashed[0], crashed[1], crashed[3]]).toEqual([clean[0], clean[1], clean[3]]);
    expect(await count(`SELECT sum((detail->>'created')::int)::int AS n FROM audit_log WHERE action = 'import.apply' AND object_id = $1`, [crashedJob])).toBe(30);
    expect(await count(`SELECT count(DISTINCT citizen_id_hash)::int AS n FROM person WHERE name LIKE '双%' OR name LIKE '叉%'`)).toBe(60);
  });

  it('refuses a citizen ID twice in the file (the second row), and creates the first', async () => {
    const id = freshCitizenId({ birthDate: '1961-06-01' });
    const st = await staged(worker, Buffer.from(csv([['姓名', '身份证号'], ['重甲', id], ['重乙', id], ['重丙', freshCitizenId({ birthDate: '1962-06-01' })]])), 'dup.csv');
    const rows = await rowsOf(worker, st.id);
    expect(rows.map((r) => r.class)).toEqual(['new', 'error', 'new']);
    expect(rows[1]!.messages[0]).toMatchObject({ field: 'citizenId', zh: '与第 2 行的身份证号重复' });
    await commit(worker, st.id);
    expect(await ctx.services.imports.runJob(st.id)).toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name LIKE '重%'`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name = '重乙'`)).toBe(0);
  });

  it('enforces the importer’s jurisdiction at commit: an importer moved elsewhere writes nothing of the job', async () => {
    const u = await buildUser(ctx, { roles: ['community_worker'], nodes: ['510903001001'] });
    const agent = await login(ctx, u.username);
    const st = await staged(agent, peopleFile('越', 4), 'moved.csv');
    await commit(agent, st.id);
    // the importer is moved to 安居区 before the worker runs the job: its rows are outside their scope now
    const anju = await nodeByCode(ctx, '510904001001');
    await ctx.asOwner((db) => db.query('UPDATE user_jurisdiction SET node_id = $2 WHERE user_id = $1', [u.id, anju.id]));
    expect(await ctx.services.imports.runJob(st.id, { batchSize: 3 })).toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name LIKE '越%'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM import_row_result WHERE job_id = $1`, [st.id])).toBe(0);
  });

  it('rejects rows whose grid was retired between staging and commit, naming the field; nothing is inserted', async () => {
    const { rows: [tmp] } = await ctx.asOwner((db) => db.query<{ id: string }>(
      `INSERT INTO jurisdiction_node (code, name, level, parent_id, path, path_names, valid_from, source)
       SELECT '510903001001098', '临时网格', level, parent_id, subpath(path, 0, 4) || '510903001001098', path_names[1:4] || '{临时网格}', valid_from, source
         FROM jurisdiction_node WHERE code = '510903001001001' RETURNING id`));
    const qs = new URLSearchParams({ kind: 'people', fileName: 'retired.csv', jurisdictionId: tmp!.id });
    const up = await worker.request('POST', `/api/imports?${qs}`, peopleFile('撤', 3), { 'content-type': 'application/octet-stream' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect((await worker.post(`/api/imports/${up.body.id}/mapping`, {})).body.counts).toEqual({ new: 3 });
    await commit(worker, up.body.id);
    await ctx.asOwner((db) => db.query(`UPDATE jurisdiction_node SET valid_to = current_date - 1 WHERE id = $1`, [tmp!.id]));
    expect(await ctx.services.imports.runJob(up.body.id)).toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name LIKE '撤%'`)).toBe(0);
    const rows = await rowsOf(worker, up.body.id);
    expect(rows.map((r) => r.result)).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0]!.messages.at(-1)).toMatchObject({ field: 'jurisdictionId' });
    expect((await worker.get(`/api/imports/${up.body.id}`)).body).toMatchObject({ status: 'done', appliedRows: 0, failedRows: 3 });
  });

  it('a citizen ID registered between staging and commit fails its row only; the rest of the batch is created', async () => {
    const file = peopleFile('抢', 4);
    const st = await staged(worker, file, 'race.csv');
    const takenId = file.toString().split('\r\n')[2]!.split(',')[1]!;
    await buildPerson(ctx, worker, { name: '先登记', citizenId: takenId });
    await commit(worker, st.id);
    expect(await ctx.services.imports.runJob(st.id, { batchSize: 10 })).toBe('done');
    const rows = await rowsOf(worker, st.id);
    expect(rows.map((r) => r.result)).toEqual(['created', 'failed', 'created', 'created']);
    expect(rows[1]!.messages.at(-1)).toMatchObject({ field: 'citizenId' });
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE name LIKE '抢%'`)).toBe(3);
    expect((await worker.get(`/api/imports/${st.id}`)).body).toMatchObject({ appliedRows: 3, failedRows: 1 });
  });
});
