import type { Queryable } from '../../db/database.js';
import type { PersonField } from './quality.catalogue.js';

export interface RuleRow {
  code: string; name: string; name_en: string; description: string; description_en: string;
  entity: 'person' | 'house'; check_kind: string; params: Record<string, unknown>;
  severity: 'low' | 'medium' | 'high'; weight: number; enabled: boolean; sort_order: number;
  updated_at: Date; updated_by: string | null; version: number;
}

export async function listRules(tx: Queryable): Promise<RuleRow[]> {
  const { rows } = await tx.query<RuleRow>('SELECT * FROM quality_rule ORDER BY sort_order, code');
  return rows;
}

export async function ruleByCode(tx: Queryable, code: string): Promise<RuleRow | undefined> {
  const { rows } = await tx.query<RuleRow>('SELECT * FROM quality_rule WHERE code = $1', [code]);
  return rows[0];
}

/** Optimistic update of a rule; false when the version is stale. */
export async function updateRule(tx: Queryable, code: string, version: number, by: string, cols: { enabled: boolean; params: unknown; weight: number; severity: string }) {
  const { rowCount } = await tx.query(
    `UPDATE quality_rule SET enabled = $3, params = $4, weight = $5, severity = $6, updated_by = $7, updated_at = now(), version = version + 1
      WHERE code = $1 AND version = $2`,
    [code, version, cols.enabled, JSON.stringify(cols.params), cols.weight, cols.severity, by],
  );
  return rowCount === 1;
}

/** A record that breaks a rule: where it lives and what is wrong (no personal data in `detail`). */
export interface Violation {
  record_id: string;
  path: string;
  district_code: string;
  detail: Record<string, unknown>;
}

/** What "empty" means for each person field a rule may require. */
const MISSING: Record<PersonField, string> = {
  citizenId: 't.citizen_id_hash IS NULL',
  gender: 't.gender = 0',
  birthDate: 't.birth_date IS NULL',
  ethnicity: 't.ethnicity IS NULL',
  phone: 't.phone_hash IS NULL',
  hukouAddress: `coalesce(t.hukou_address, '') = ''`,
  residenceAddress: `coalesce(t.residence_address, '') = ''`,
};

/** A current person–house link, as the registry marks it (moving out sets valid_to); matches its partial index. */
const CURRENT_LINK = 'ph.valid_to IS NULL';

export async function missingFields(tx: Queryable, path: string, fields: PersonField[]): Promise<Violation[]> {
  const cases = fields.map((f) => `CASE WHEN ${MISSING[f]} THEN '${f}' END`).join(', ');
  const { rows } = await tx.query<Violation>(
    `SELECT record_id, path, district_code, jsonb_build_object('fields', missing) AS detail FROM (
       SELECT t.id AS record_id, t.path::text AS path, t.district_code, array_remove(ARRAY[${cases}], NULL) AS missing
         FROM person t WHERE t.status = 'active' AND t.path <@ $1::ltree) x
      WHERE cardinality(missing) > 0`,
    [path],
  );
  return rows;
}

export async function peopleWithoutHouse(tx: Queryable, path: string): Promise<Violation[]> {
  const { rows } = await tx.query<Violation>(
    `SELECT t.id AS record_id, t.path::text AS path, t.district_code, '{}'::jsonb AS detail FROM person t
      WHERE t.status = 'active' AND t.path <@ $1::ltree
        AND NOT EXISTS (SELECT 1 FROM person_house ph WHERE ph.person_id = t.id AND ${CURRENT_LINK})`,
    [path],
  );
  return rows;
}

export async function housesWithoutResidents(tx: Queryable, path: string, uses: string[]): Promise<Violation[]> {
  const { rows } = await tx.query<Violation>(
    `SELECT t.id AS record_id, t.path::text AS path, t.district_code, '{}'::jsonb AS detail FROM house t
      WHERE t.path <@ $1::ltree AND t.use = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM person_house ph JOIN person p ON p.id = ph.person_id
                         WHERE ph.house_id = t.id AND ${CURRENT_LINK} AND p.status = 'active')`,
    [path, uses],
  );
  return rows;
}

/** People whose last verification (or, never verified, their registration) is older than `months`. */
export async function notVerifiedSince(tx: Queryable, path: string, months: number): Promise<Violation[]> {
  const { rows } = await tx.query<Violation>(
    `SELECT t.id AS record_id, t.path::text AS path, t.district_code,
            jsonb_build_object('since', to_char(coalesce(t.verified_at, t.created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
                               'neverVerified', t.verified_at IS NULL) AS detail
       FROM person t
      WHERE t.status = 'active' AND t.path <@ $1::ltree
        AND coalesce(t.verified_at, t.created_at) < now() - make_interval(months => $2::int)`,
    [path, months],
  );
  return rows;
}

export interface IdRow { id: string; path: string; district_code: string; citizen_id_enc: string; gender: number; birth_date: string | null }

/** Active people with a stored citizen ID, in id order from `after` (a batch of the plaintext checks). */
export async function peopleWithIdBatch(tx: Queryable, path: string, after: string | null, limit: number): Promise<IdRow[]> {
  const { rows } = await tx.query<IdRow>(
    `SELECT t.id, t.path::text AS path, t.district_code, t.citizen_id_enc, t.gender, t.birth_date FROM person t
      WHERE t.status = 'active' AND t.path <@ $1::ltree AND t.citizen_id_enc IS NOT NULL AND ($2::uuid IS NULL OR t.id > $2::uuid)
      ORDER BY t.id LIMIT $3`,
    [path, after, limit],
  );
  return rows;
}

export async function placesOf(tx: Queryable, ids: string[]): Promise<{ id: string; path: string; district_code: string }[]> {
  const { rows } = await tx.query<{ id: string; path: string; district_code: string }>(
    'SELECT id, path::text AS path, district_code FROM person WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows;
}

/**
 * Makes the open findings of one rule under `path` exactly the given violations: new ones open,
 * known ones are refreshed (detail, place, last seen), and those no longer violated are resolved.
 */
export async function reconcile(tx: Queryable, rule: { code: string; entity: string }, path: string, violations: Violation[]) {
  const { rows: opened } = await tx.query<{ n: number }>(
    `WITH v AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(record_id uuid, path text, district_code text, detail jsonb)),
          up AS (
       INSERT INTO quality_finding (rule_code, entity, record_id, path, district_code, detail)
       SELECT $1, $2, v.record_id, v.path::ltree, v.district_code, v.detail FROM v
       ON CONFLICT (rule_code, record_id) WHERE resolved_at IS NULL
       DO UPDATE SET detail = EXCLUDED.detail, path = EXCLUDED.path, district_code = EXCLUDED.district_code, last_seen_at = now()
       RETURNING (xmax = 0) AS inserted)
     SELECT count(*) FILTER (WHERE inserted)::int AS n FROM up`,
    [rule.code, rule.entity, JSON.stringify(violations)],
  );
  const { rowCount: resolved } = await tx.query(
    `UPDATE quality_finding SET resolved_at = now()
      WHERE rule_code = $1 AND resolved_at IS NULL AND path <@ $2::ltree AND NOT (record_id = ANY($3::uuid[]))`,
    [rule.code, path, violations.map((v) => v.record_id)],
  );
  return { opened: opened[0]?.n ?? 0, resolved };
}

// ---- the quality view ----

export interface TallyRow { node: string; rule_code: string; n: number }

/** Open findings of enabled rules per rule, at the node (node = its path) and per child subtree. */
export async function findingTallies(tx: Queryable, path: string): Promise<TallyRow[]> {
  const { rows } = await tx.query<TallyRow>(
    `SELECT CASE WHEN g.child THEN subltree(f.path, 0, nlevel($1::ltree) + 1)::text ELSE $1::ltree::text END AS node, f.rule_code, count(*)::int AS n
       FROM quality_finding f JOIN quality_rule r ON r.code = f.rule_code AND r.enabled
       CROSS JOIN (VALUES (false), (true)) g(child)
      WHERE f.resolved_at IS NULL AND f.path <@ $1::ltree AND (NOT g.child OR nlevel(f.path) > nlevel($1::ltree))
      GROUP BY 1, 2`,
    [path],
  );
  return rows;
}

export interface RecordCountRow { node: string; entity: 'person' | 'house'; n: number }

/** Active people and houses, at the node and per child subtree: the denominators of the score. */
export async function recordCounts(tx: Queryable, path: string): Promise<RecordCountRow[]> {
  const { rows } = await tx.query<RecordCountRow>(
    `WITH recs AS (
       SELECT 'person' AS entity, path FROM person WHERE status = 'active' AND path <@ $1::ltree
       UNION ALL SELECT 'house', path FROM house WHERE path <@ $1::ltree)
     SELECT $1::ltree::text AS node, entity, count(*)::int AS n FROM recs GROUP BY entity
     UNION ALL
     SELECT subltree(path, 0, nlevel($1::ltree) + 1)::text, entity, count(*)::int FROM recs
      WHERE nlevel(path) > nlevel($1::ltree) GROUP BY 1, 2`,
    [path],
  );
  return rows;
}

export interface FindingRow {
  id: number; rule_code: string; entity: 'person' | 'house'; record_id: string; path: string; detail: Record<string, unknown>;
  first_seen_at: Date; last_seen_at: Date; building_id: string | null; label: string | null; sub_label: string | null; node_name: string | null; path_names: string[] | null;
}

const FINDING_SELECT = `
  SELECT f.id, f.rule_code, f.entity, f.record_id, f.path::text AS path, f.detail, f.first_seen_at, f.last_seen_at, h.building_id,
         CASE f.entity WHEN 'person' THEN p.name ELSE b.name || ' ' || h.unit_no || '单元 ' || h.number END AS label,
         CASE f.entity WHEN 'person' THEN p.citizen_id_masked ELSE e.name END AS sub_label,
         n.name AS node_name, n.path_names
    FROM quality_finding f
    JOIN quality_rule r ON r.code = f.rule_code AND r.enabled
    LEFT JOIN person p ON f.entity = 'person' AND p.id = f.record_id
    LEFT JOIN house h ON f.entity = 'house' AND h.id = f.record_id
    LEFT JOIN building b ON b.id = h.building_id
    LEFT JOIN estate e ON e.id = b.estate_id
    LEFT JOIN LATERAL linli_node_at(f.path) n ON true`;

/** Open findings under a path (optionally of one rule), newest first, keyset on id. */
export async function listFindings(tx: Queryable, q: { path: string | null; ruleCode?: string; before?: number; limit: number }) {
  const { rows } = await tx.query<FindingRow>(
    `${FINDING_SELECT}
      WHERE f.resolved_at IS NULL AND ($1::ltree IS NULL OR f.path <@ $1::ltree) AND ($2::text IS NULL OR f.rule_code = $2)
        AND ($3::bigint IS NULL OR f.id < $3)
      ORDER BY f.id DESC LIMIT $4`,
    [q.path, q.ruleCode ?? null, q.before ?? null, q.limit + 1],
  );
  return { rows: rows.slice(0, q.limit), more: rows.length > q.limit };
}

export async function countFindings(tx: Queryable, q: { path: string | null; ruleCode?: string }) {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM quality_finding f JOIN quality_rule r ON r.code = f.rule_code AND r.enabled
      WHERE f.resolved_at IS NULL AND ($1::ltree IS NULL OR f.path <@ $1::ltree) AND ($2::text IS NULL OR f.rule_code = $2)`,
    [q.path, q.ruleCode ?? null],
  );
  return rows[0]!.n;
}

/** Open findings of the records in scope, for a to-do list: the most weighty records first. */
export async function todoFindings(tx: Queryable, recordLimit: number): Promise<FindingRow[]> {
  const { rows } = await tx.query<FindingRow>(
    `WITH recs AS (
       SELECT f.record_id, sum(r.weight) AS w, min(f.first_seen_at) AS since FROM quality_finding f
         JOIN quality_rule r ON r.code = f.rule_code AND r.enabled
        WHERE f.resolved_at IS NULL GROUP BY f.record_id ORDER BY w DESC, since, f.record_id LIMIT $1)
     ${FINDING_SELECT} JOIN recs ON recs.record_id = f.record_id
      WHERE f.resolved_at IS NULL ORDER BY recs.w DESC, recs.since, f.record_id, r.sort_order`,
    [recordLimit],
  );
  return rows;
}

export async function countTodoRecords(tx: Queryable) {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(DISTINCT f.record_id)::int AS n FROM quality_finding f JOIN quality_rule r ON r.code = f.rule_code AND r.enabled
      WHERE f.resolved_at IS NULL`,
  );
  return rows[0]!.n;
}

// ---- evaluation runs ----

export interface RunRow {
  id: string; path: string; node_name: string; status: 'queued' | 'running' | 'done' | 'failed';
  total_steps: number; done_steps: number; opened: number; resolved: number; error: string | null;
  created_at: Date; started_at: Date | null; finished_at: Date | null;
}

const RUN_SELECT = `SELECT id, path::text AS path, node_name, status, total_steps, done_steps, opened, resolved, error, created_at, started_at, finished_at FROM quality_run`;

/** A queued or running evaluation overlapping `path` (above or below it), if any. */
export async function activeRunOverlapping(tx: Queryable, path: string): Promise<RunRow | undefined> {
  const { rows } = await tx.query<RunRow>(
    `${RUN_SELECT} WHERE status IN ('queued', 'running') AND (path <@ $1::ltree OR path @> $1::ltree) LIMIT 1`,
    [path],
  );
  return rows[0];
}

export async function insertRun(tx: Queryable, r: { path: string; nodeName: string; by: string | null }) {
  const { rows } = await tx.query<{ id: string }>('INSERT INTO quality_run (path, node_name, started_by) VALUES ($1, $2, $3) RETURNING id', [r.path, r.nodeName, r.by]);
  return rows[0]!.id;
}

export async function runById(tx: Queryable, id: string): Promise<RunRow | undefined> {
  const { rows } = await tx.query<RunRow>(`${RUN_SELECT} WHERE id = $1`, [id]);
  return rows[0];
}

export async function recentRuns(tx: Queryable, limit: number): Promise<RunRow[]> {
  const { rows } = await tx.query<RunRow>(`${RUN_SELECT} ORDER BY created_at DESC LIMIT $1`, [limit]);
  return rows;
}

/** Takes the oldest queued run for this worker (other workers skip it). */
export async function claimQueuedRun(tx: Queryable): Promise<RunRow | undefined> {
  const { rows } = await tx.query<RunRow>(
    `UPDATE quality_run SET status = 'running', started_at = now()
      WHERE id = (SELECT id FROM quality_run WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, path::text AS path, node_name, status, total_steps, done_steps, opened, resolved, error, created_at, started_at, finished_at`,
  );
  return rows[0];
}

export async function runProgress(tx: Queryable, id: string, p: { total: number; done: number; opened: number; resolved: number }) {
  await tx.query('UPDATE quality_run SET total_steps = $2, done_steps = $3, opened = $4, resolved = $5 WHERE id = $1', [id, p.total, p.done, p.opened, p.resolved]);
}

export async function finishRun(tx: Queryable, id: string, status: 'done' | 'failed', error: string | null) {
  await tx.query('UPDATE quality_run SET status = $2, error = $3, finished_at = now() WHERE id = $1', [id, status, error]);
}

// ---- changed paths ----

/**
 * Takes the paths changed since the last call (and forgets them): each distinct changed path,
 * narrowed to paths not under another taken path.
 */
export async function takeDirtyPaths(tx: Queryable, limit: number): Promise<string[]> {
  const { rows } = await tx.query<{ path: string }>(
    `WITH taken AS (
       DELETE FROM quality_dirty WHERE id IN (SELECT id FROM quality_dirty ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING path)
     SELECT DISTINCT t.path::text AS path FROM taken t
      WHERE NOT EXISTS (SELECT 1 FROM taken o WHERE o.path @> t.path AND o.path <> t.path)`,
    [limit],
  );
  return rows.map((r) => r.path);
}
