import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScope } from '../src/db/scope.js';
import step from '../src/db/migrations/20261202_0401_elder_seal.step.js';
import { type Agent, buildPerson, buildUser, login } from './factories.js';
import { setupTestContext, type TestContext } from './harness.js';

/**
 * The elder module's health data is sealed (SECURITY.md): after writes through the API the raw
 * tables hold ciphertext only, reads open it, each read of an archive or assessment is one audit
 * row, every elder table is tagged, and the data step seals rows written before it.
 */
const GRID = '510903001001001';
const GB = 'GB/T 42195-2022';

let ctx: TestContext;
let staff: Agent;
let second: Agent;

beforeAll(async () => {
  ctx = await setupTestContext();
  const u = await buildUser(ctx, { roles: ['community_worker', 'eldercare_staff'], nodes: ['510903'] });
  const v = await buildUser(ctx, { roles: ['eldercare_staff'], nodes: ['510903'] });
  staff = await login(ctx, u.username);
  second = await login(ctx, v.username);
});
afterAll(() => ctx.close());

const owner = <T>(sql: string, args: unknown[] = []) => ctx.asOwner(async (db) => (await db.query<T>(sql, args)).rows);
const auditRows = async (objectId: string) => (await owner<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1', [objectId]))[0]!.n;

async function answersAtTop() {
  const scales = (await staff.get('/api/elder/scales')).body.items as { version: string; definition: { items: { code: string; options: { score: number }[] }[] } }[];
  const a: Record<string, number> = {};
  for (const it of scales.find((s) => s.version === GB)!.definition.items) a[it.code] = Math.max(...it.options.map((o) => o.score));
  return a;
}

describe('sealed health data', () => {
  it('stores the archive, an assessment and a risk event as ciphertext, reads them back, and audits each read once', async () => {
    const p = await buildPerson(ctx, staff, { node: GRID, name: '加密老人', birthDate: '1941-03-04' });
    const put = await staff.request('PUT', `/api/elder/elders/${p.id}/archive`, {
      livingSituation: 'alone', subsidies: ['high_age'], chronicConditions: ['帕金森病'], diagnosisCodes: ['G20', 'f03'],
      medications: [{ name: '多巴丝肼', dosage: '125mg 每日三次' }], allergies: ['头孢类'], notes: '夜间易醒',
    });
    expect(put.status).toBe(200);
    const answers = { ...(await answersAtTop()), 'B1.1': 2 };
    const created = await staff.post(`/api/elder/elders/${p.id}/assessments`, { scaleVersion: GB, reason: 'first', answers, notes: '家属陪同评估' });
    expect(created.status).toBe(200);
    expect((await second.post(`/api/elder/assessments/${created.body.id}/sign`)).status).toBe(200);
    const ev = await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'suicide', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), note: '服药过量送医' });
    expect(ev.status).toBe(200);

    // the raw rows: ciphertext, and no plaintext anywhere in them (nor in the change log or the audit log)
    const plain = ['帕金森病', 'G20', 'F03', '多巴丝肼', '头孢类', '夜间易醒', '家属陪同评估', '服药过量送医', 'suicide', '"B1.1"'];
    const [archive] = await owner<{ health_enc: string; j: string }>('SELECT health_enc, row_to_json(a)::text AS j FROM elder_archive a WHERE person_id = $1', [p.id]);
    const [assessment] = await owner<{ health_enc: string; j: string }>('SELECT health_enc, row_to_json(x)::text AS j FROM elder_assessment x WHERE person_id = $1', [p.id]);
    const [event] = await owner<{ kind_enc: string; kind_hash: string; note_enc: string; j: string }>(
      'SELECT kind_enc, kind_hash, note_enc, row_to_json(e)::text AS j FROM elder_risk_event e WHERE person_id = $1', [p.id]);
    expect(archive!.health_enc).toMatch(/^v1:/);
    expect(assessment!.health_enc).toMatch(/^v1:/);
    expect(event!.kind_enc).toMatch(/^v1:/);
    expect(event!.note_enc).toMatch(/^v1:/);
    expect(event!.kind_hash).toBe(ctx.services.elder.sealed.kindHashes(['suicide'])[0]);
    const logs = await owner<{ j: string }>(`SELECT coalesce(old_values::text, '') || coalesce(new_values::text, '') AS j FROM change_log WHERE table_name = 'elder_archive' AND record_id = (SELECT id FROM elder_archive WHERE person_id = $1)`, [p.id]);
    expect(logs.length).toBeGreaterThan(0);
    const audits = await owner<{ j: string }>('SELECT detail::text AS j FROM audit_log WHERE object_id = $1', [p.id]);
    for (const text of [archive!.j, assessment!.j, event!.j, ...logs.map((l) => l.j), ...audits.map((a) => a.j)]) {
      for (const s of plain) expect(text).not.toContain(s);
    }
    // the level, total and levels stay plain (subsidies and statistics)
    expect(assessment!.j).toContain('"final_level":');

    // reads open it, and one GET writes exactly one audit row naming what it showed
    let before = await auditRows(p.id);
    const got = await staff.get(`/api/elder/elders/${p.id}`);
    expect(got.status).toBe(200);
    expect(await auditRows(p.id)).toBe(before + 1);
    const [row] = await owner<{ action: string; detail: { fields: string[] } }>('SELECT action, detail FROM audit_log WHERE object_id = $1 ORDER BY id DESC LIMIT 1', [p.id]);
    expect(row).toMatchObject({ action: 'elder.read', detail: { fields: ['health', 'assessments', 'riskEvents'] } });
    expect(got.body.archive).toMatchObject({
      chronicConditions: ['帕金森病'], diagnosisCodes: ['G20', 'F03'], medications: [{ name: '多巴丝肼', dosage: '125mg 每日三次' }], allergies: ['头孢类'],
      notes: '夜间易醒', diagnoses: { dementia: true, psychiatric: false }, livingSituation: 'alone',
    });
    expect(got.body.assessments[0]).toMatchObject({ answers, notes: '家属陪同评估', flags: { dementia: true }, adjustments: ['diagnosis'], status: 'signed' });
    expect(got.body.riskEvents[0]).toMatchObject({ kind: 'suicide', note: '服药过量送医' });

    before = await auditRows(p.id);
    const one = await staff.get(`/api/elder/assessments/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ answers, subtotals: { B1: { score: expect.any(Number) } }, notes: '家属陪同评估' });
    expect(await auditRows(p.id)).toBe(before + 1);

    // the 360° card reads the sealed archive too, and that read is audited on its own, naming the fields
    const overview = await staff.get(`/api/people/${p.id}/overview`);
    const card = (overview.body.panels as { key: string; items: { label: string; value: string }[] }[]).find((c) => c.key === 'elder');
    expect(card?.items).toEqual(expect.arrayContaining([{ label: '慢性病', labelEn: 'Chronic conditions', value: '帕金森病' }, expect.objectContaining({ label: '近30天风险事件', value: '自杀 ×1' })]));
    const reads = await owner<{ action: string; detail: { purpose?: string; fields?: string[]; riskEvents?: number }; actor_id: string }>(
      `SELECT action, detail, actor_id FROM audit_log WHERE object_id = $1 AND action IN ('elder.read', 'person.read') AND detail->>'purpose' = 'overview' ORDER BY id`, [p.id],
    );
    expect(reads.map((r) => r.action)).toEqual(['person.read', 'elder.read']);
    expect(reads[1]!.detail).toMatchObject({ purpose: 'overview', riskEvents: 1 });
    expect(reads[1]!.detail.fields).toEqual(expect.arrayContaining(['health.chronicConditions', 'health.medications', 'health.allergies', 'contacts', 'riskEvents']));
    expect(reads[1]!.actor_id).toBe(reads[0]!.actor_id);
  });

  it('counts risk events by the kind\'s keyed hash: the second fall within 30 days proposes an assessment, a choking does not', async () => {
    const p = await buildPerson(ctx, staff, { node: GRID, name: '计数老人', birthDate: '1938-01-02' });
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    expect((await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: at(10) })).body.proposalId).toBeNull();
    expect((await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'choking', occurredAt: at(5) })).body.proposalId).toBeNull();
    expect((await staff.post(`/api/elder/elders/${p.id}/risk-events`, { kind: 'fall', occurredAt: at(1) })).body.proposalId).toEqual(expect.any(String));
    // the database no longer checks the sealed kind; the service does
    await expect(ctx.services.elder.recordRiskEvent(systemScope('test'), {
      personId: p.id, kind: 'fire' as never, occurredAt: new Date(), source: 'device', sourceKey: `x:${p.id}`,
    })).rejects.toMatchObject({ code: 'RISK_KIND_UNKNOWN' });
  });
});

describe('personal-data tags of the elder tables', () => {
  it('tags every elder table and every sensitive-looking column; health columns are ciphertext or keyed hashes', async () => {
    const tables = await owner<{ t: string; tag: string | null }>(
      `SELECT c.relname AS t, obj_description(c.oid, 'pg_class') AS tag FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname LIKE 'elder\\_%' ORDER BY 1`);
    expect(tables.length).toBeGreaterThanOrEqual(11);
    for (const t of tables) expect(t.tag, t.t).toMatch(/^pii:(none|general|identity|biometric|health|location|minor) \S/);
    const cols = await owner<{ t: string; c: string; type: string; tag: string | null; table_tag: string }>(
      `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type, col_description(c.oid, a.attnum) AS tag,
              obj_description(c.oid, 'pg_class') AS table_tag
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname LIKE 'elder\\_%'`);
    const sensitive = /(^|_)(lat|lng|lon|position|fix|measures?|diagnos\w*|medications?|allergies|chronic\w*|answers|health|phone|citizen\w*|face|kind|notes?)(_|$)/;
    for (const col of cols) {
      if (sensitive.test(col.c)) expect(col.tag, `${col.t}.${col.c}`).toMatch(/^pii:\w+ \S/);
      const category = (col.tag ?? col.table_tag).match(/^pii:(\w+)/)![1]!;
      if (['identity', 'biometric', 'health', 'location'].includes(category)) {
        expect(col.c, `${col.t}.${col.c}`).toMatch(/_(enc|hash)$/);
        expect(col.type, `${col.t}.${col.c}`).toBe('text');
      }
    }
    expect(cols.filter((c) => /chronic|diagnos|medication|allerg|answers/.test(c.c))).toEqual([]);
  });
});

describe('the data step that sealed rows written before it', () => {
  it('seals plaintext archives, assessments and risk events, and leaves nothing in clear', async () => {
    const p = await buildPerson(ctx, staff, { node: GRID, name: '迁移老人', birthDate: '1940-06-07' });
    const rollback = new Error('rollback');
    const seen = await ctx.asOwner((db) => db.transaction(async (tx) => {
      // the state before 20261202_0402: the plaintext columns beside empty sealed ones
      await tx.exec(`
        ALTER TABLE elder_archive ADD COLUMN chronic_conditions text[] NOT NULL DEFAULT '{}', ADD COLUMN diagnosis_codes text[] NOT NULL DEFAULT '{}',
          ADD COLUMN medications jsonb NOT NULL DEFAULT '[]', ADD COLUMN allergies text[] NOT NULL DEFAULT '{}', ADD COLUMN notes text;
        ALTER TABLE elder_assessment ADD COLUMN answers jsonb, ADD COLUMN flags jsonb NOT NULL DEFAULT '{}', ADD COLUMN subtotals jsonb NOT NULL DEFAULT '{}',
          ADD COLUMN adjustments jsonb NOT NULL DEFAULT '[]', ADD COLUMN risk_events_30d smallint NOT NULL DEFAULT 0, ADD COLUMN notes text,
          ALTER COLUMN health_enc DROP NOT NULL;
        ALTER TABLE elder_risk_event ADD COLUMN kind text, ADD COLUMN note text, ALTER COLUMN kind_enc DROP NOT NULL, ALTER COLUMN kind_hash DROP NOT NULL;`);
      await tx.query(
        `INSERT INTO elder_archive (person_id, path, district_code, chronic_conditions, diagnosis_codes, medications, allergies, notes)
         SELECT id, path, district_code, '{糖尿病}', '{E11}', '[{"name":"二甲双胍","dosage":"0.5g"}]', '{青霉素}', '旧备注' FROM person WHERE id = $1`, [p.id]);
      await tx.query(`INSERT INTO elder_assessment (person_id, path, district_code, scale_version, reason, answers, flags, subtotals, total, preliminary_level, final_level,
                                                    adjustments, risk_events_30d, assessor1_id, notes)
                      SELECT id, path, district_code, $2, 'first', '{"B1.1": 3}', '{"dementia": false}', '{"B1": {"score": 3, "max": 4}}', 88, 1, 1, '["risk_events"]', 2,
                             gen_random_uuid(), '旧评估备注' FROM person WHERE id = $1`, [p.id, GB]);
      await tx.query(`INSERT INTO elder_risk_event (person_id, path, district_code, kind, occurred_at, source, source_key, note)
                      SELECT id, path, district_code, 'self_harm', now(), 'manual', 'manual:old:' || id, '旧事件说明' FROM person WHERE id = $1`, [p.id]);
      await step(tx, { cipher: ctx.cipher });
      const a = (await tx.query<{ health_enc: string }>('SELECT health_enc FROM elder_archive WHERE person_id = $1', [p.id])).rows[0]!;
      const x = (await tx.query<{ health_enc: string }>('SELECT health_enc FROM elder_assessment WHERE person_id = $1', [p.id])).rows[0]!;
      const e = (await tx.query<{ kind_enc: string; kind_hash: string; note_enc: string }>('SELECT kind_enc, kind_hash, note_enc FROM elder_risk_event WHERE person_id = $1', [p.id])).rows[0]!;
      // the row triggers were back on after the step
      const off = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'elder_archive'::regclass AND NOT tgisinternal AND tgenabled = 'D'`)).rows[0]!.n;
      throw Object.assign(rollback, { seen: { a, x, e, off } });
    })).catch((err: Error & { seen?: unknown }) => {
      if (err !== rollback) throw err;
      return err.seen as {
        a: { health_enc: string }; x: { health_enc: string }; e: { kind_enc: string; kind_hash: string; note_enc: string };
        off: number;
      };
    });
    const sealed = ctx.services.elder.sealed;
    expect(sealed.openHealth(seen.a.health_enc)).toEqual({
      chronicConditions: ['糖尿病'], diagnosisCodes: ['E11'], medications: [{ name: '二甲双胍', dosage: '0.5g' }], allergies: ['青霉素'], notes: '旧备注',
    });
    expect(sealed.openAssessment(seen.x.health_enc)).toEqual({
      answers: { 'B1.1': 3 }, flags: { dementia: false }, subtotals: { B1: { score: 3, max: 4 } }, adjustments: ['risk_events'], riskEvents30d: 2, notes: '旧评估备注',
    });
    expect(sealed.openKind(seen.e.kind_enc)).toBe('self_harm');
    expect(seen.e.kind_hash).toBe(sealed.kindHashes(['self_harm'])[0]);
    expect(sealed.openNote(seen.e.note_enc)).toBe('旧事件说明');
    expect(seen.off).toBe(0);
    // rolled back: the schema is as migrated
    expect(await owner(`SELECT 1 FROM information_schema.columns WHERE table_name = 'elder_archive' AND column_name = 'chronic_conditions'`)).toEqual([]);
  });
});
