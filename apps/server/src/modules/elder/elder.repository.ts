import type { Queryable } from '../../db/database.js';
import { nodeFigures } from '../../db/node-figures.js';

/**
 * Every query of the elder module's tables (elder_archive, elder_contact, elder_assessment,
 * elder_risk_event, elder_proposal, elder_scale, elder_stats). Row-level security limits all of it
 * to the caller's jurisdiction; nothing here adds a jurisdiction filter of its own.
 */

export interface PersonPlace { id: string; path: string; district_code: string; birth_date: string | null }

/** Where a registry person sits (their path), if the caller may see them. */
export async function personPlace(tx: Queryable, personId: string): Promise<PersonPlace | undefined> {
  const { rows } = await tx.query<PersonPlace>(
    `SELECT id, path::text AS path, district_code, birth_date FROM person WHERE id = $1 AND status <> 'merged'`,
    [personId],
  );
  return rows[0];
}

export interface PersonSummaryRow {
  name: string; gender: number; birth_date: string | null; citizen_id_masked: string | null; phone_masked: string | null; residence_address: string | null; node_name: string | null;
}

/** The registry's (masked) facts about a person that the elder pages show beside the archive. */
export async function personSummary(tx: Queryable, personId: string): Promise<PersonSummaryRow | undefined> {
  const { rows } = await tx.query<PersonSummaryRow>(
    `SELECT name, gender, birth_date, citizen_id_masked, phone_masked, residence_address, (SELECT name FROM linli_node_at(path)) AS node_name FROM person WHERE id = $1`,
    [personId],
  );
  return rows[0];
}

export async function currentLevel(tx: Queryable, personId: string): Promise<number | null> {
  const { rows } = await tx.query<{ current_level: number | null }>(`SELECT current_level FROM elder_archive WHERE person_id = $1`, [personId]);
  return rows[0]?.current_level ?? null;
}

/** A risk event as stored: its kind and note sealed (`elder.sealed.ts`). */
export interface RiskEventRow {
  id: string; person_id: string; kind_enc: string; occurred_at: Date; source: string; source_key: string; note_enc: string | null;
  recorded_by: string | null; recorded_by_name: string | null; created_at: Date;
}

/** Inserts a risk event once per source key; returns its id and whether this call stored it. */
export async function insertRiskEvent(
  tx: Queryable,
  e: {
    personId: string; path: string; districtCode: string; kind: { kind_enc: string; kind_hash: string }; occurredAt: Date; source: string; sourceKey: string;
    noteEnc: string | null; recordedBy: string | null;
  },
): Promise<{ id: string; created: boolean }> {
  const ins = await tx.query<{ id: string }>(
    `INSERT INTO elder_risk_event (person_id, path, district_code, kind_enc, kind_hash, occurred_at, source, source_key, note_enc, recorded_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (source_key) DO NOTHING RETURNING id`,
    [e.personId, e.path, e.districtCode, e.kind.kind_enc, e.kind.kind_hash, e.occurredAt, e.source, e.sourceKey, e.noteEnc, e.recordedBy],
  );
  if (ins.rows[0]) return { id: ins.rows[0].id, created: true };
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM elder_risk_event WHERE source_key = $1`, [e.sourceKey]);
  return { id: rows[0]!.id, created: false };
}

/** Events of one person whose kind is one of the given (by the kinds' keyed hashes) that occurred in (from, to]. */
export async function riskEventsBetween(tx: Queryable, personId: string, kindHashes: readonly string[], from: Date, to: Date) {
  const { rows } = await tx.query<{ id: string; kind_enc: string; occurred_at: Date }>(
    `SELECT id, kind_enc, occurred_at FROM elder_risk_event
      WHERE person_id = $1 AND kind_hash = ANY ($2::text[]) AND occurred_at > $3 AND occurred_at <= $4 ORDER BY occurred_at`,
    [personId, kindHashes, from, to],
  );
  return rows;
}

export interface ProposalRow {
  id: string; person_id: string; person_name: string; kind: string; status: string; event_ids: string[]; created_at: Date;
  decided_by: string | null; decided_by_name: string | null; decided_at: Date | null; dismiss_reason: string | null; assessment_id: string | null;
  node_name: string | null; current_level: number | null;
}

export async function openProposalOf(tx: Queryable, personId: string, lock = true): Promise<{ id: string; event_ids: string[] } | undefined> {
  const { rows } = await tx.query<{ id: string; event_ids: string[] }>(
    `SELECT id, event_ids FROM elder_proposal WHERE person_id = $1 AND kind = 'immediate_assessment' AND status = 'open'${lock ? ' FOR UPDATE' : ''}`,
    [personId],
  );
  return rows[0];
}

/** Opens a proposal, or — when one is already open (a concurrent writer) — adds the events to it. */
export async function upsertOpenProposal(tx: Queryable, p: { personId: string; path: string; districtCode: string; eventIds: string[] }): Promise<{ id: string; created: boolean }> {
  const ins = await tx.query<{ id: string }>(
    `INSERT INTO elder_proposal (person_id, path, district_code, event_ids) VALUES ($1, $2::ltree, $3, $4::uuid[])
     ON CONFLICT (person_id, kind) WHERE status = 'open' DO NOTHING RETURNING id`,
    [p.personId, p.path, p.districtCode, p.eventIds],
  );
  if (ins.rows[0]) return { id: ins.rows[0].id, created: true };
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE elder_proposal SET event_ids = ARRAY(SELECT DISTINCT unnest(event_ids || $2::uuid[]))
      WHERE person_id = $1 AND kind = 'immediate_assessment' AND status = 'open' RETURNING id`,
    [p.personId, p.eventIds],
  );
  return { id: rows[0]!.id, created: false };
}

// ---- scales

export interface ScaleRow { version: string; name: string; name_en: string; definition: unknown; in_use: boolean; effective_from: string | null }

export async function listScales(tx: Queryable): Promise<ScaleRow[]> {
  const { rows } = await tx.query<ScaleRow>(`SELECT version, name, name_en, definition, in_use, effective_from FROM elder_scale ORDER BY in_use DESC, effective_from DESC NULLS LAST`);
  return rows;
}

export async function scaleByVersion(tx: Queryable, version: string): Promise<ScaleRow | undefined> {
  const { rows } = await tx.query<ScaleRow>(`SELECT version, name, name_en, definition, in_use, effective_from FROM elder_scale WHERE version = $1`, [version]);
  return rows[0];
}

// ---- settings

export async function settings(tx: Queryable): Promise<{ raises_stack: boolean; updated_at: Date | null; version: number }> {
  const { rows } = await tx.query<{ raises_stack: boolean; updated_at: Date | null; version: number }>(`SELECT raises_stack, updated_at, version FROM elder_setting`);
  return rows[0] ?? { raises_stack: false, updated_at: null, version: 1 };
}

export async function updateSettings(tx: Queryable, raisesStack: boolean, version: number, by: string): Promise<boolean> {
  const r = await tx.query(`UPDATE elder_setting SET raises_stack = $1, updated_by = $3, updated_at = now(), version = version + 1 WHERE version = $2`, [raisesStack, version, by]);
  return r.rowCount > 0;
}

// ---- archives

/** An archive as stored: the health part sealed in `health_enc` (null: none recorded). */
export interface ArchiveRow {
  id: string; person_id: string; path: string; district_code: string; living_situation: string; subsidies: string[]; health_enc: string | null;
  current_level: number | null; current_scale_version: string | null; current_assessment_id: string | null; current_assessed_at: Date | null;
  updated_at: Date; version: number;
}
const ARCHIVE_COLS = `a.id, a.person_id, a.path::text AS path, a.district_code, a.living_situation, a.subsidies, a.health_enc, a.current_level, a.current_scale_version, a.current_assessment_id, a.current_assessed_at, a.updated_at, a.version`;

export async function archiveOf(tx: Queryable, personId: string, lock = false): Promise<ArchiveRow | undefined> {
  const { rows } = await tx.query<ArchiveRow>(`SELECT ${ARCHIVE_COLS} FROM elder_archive a WHERE a.person_id = $1${lock ? ' FOR UPDATE' : ''}`, [personId]);
  return rows[0];
}

export interface ArchiveFields { living_situation: string; subsidies: string[]; health_enc: string }

export async function insertArchive(tx: Queryable, p: PersonPlace, f: ArchiveFields, by: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO elder_archive (person_id, path, district_code, living_situation, subsidies, health_enc, created_by) VALUES ($1, $2::ltree, $3, $4, $5, $6, $7)`,
    [p.id, p.path, p.district_code, f.living_situation, f.subsidies, f.health_enc, by],
  );
}

/** Optimistic update: false when the version moved on. */
export async function updateArchive(tx: Queryable, personId: string, version: number, f: ArchiveFields): Promise<boolean> {
  const r = await tx.query(
    `UPDATE elder_archive SET living_situation = $3, subsidies = $4, health_enc = $5, updated_at = now(), version = version + 1
      WHERE person_id = $1 AND version = $2`,
    [personId, version, f.living_situation, f.subsidies, f.health_enc],
  );
  return r.rowCount > 0;
}

export async function setCurrentLevel(tx: Queryable, personId: string, a: { level: number; scaleVersion: string; assessmentId: string; assessedAt: Date }) {
  await tx.query(
    `UPDATE elder_archive SET current_level = $2, current_scale_version = $3, current_assessment_id = $4, current_assessed_at = $5, updated_at = now(), version = version + 1
      WHERE person_id = $1 AND (current_assessed_at IS NULL OR current_assessed_at <= $5)`,
    [personId, a.level, a.scaleVersion, a.assessmentId, a.assessedAt],
  );
}

export interface ElderListFilter {
  namePrefix?: string; pinyinPrefix?: string; underPath?: string; level?: number | null; living?: string; gender?: number; bornAfter?: string; bornBefore?: string;
  sort: 'name' | 'age' | 'level' | 'assessed'; order: 'asc' | 'desc'; offset: number; limit: number;
}
export interface ElderListRow {
  person_id: string; name: string; name_pinyin: string; gender: number; birth_date: string | null; citizen_id_masked: string | null; phone_masked: string | null;
  living_situation: string; subsidies: string[]; current_level: number | null; current_scale_version: string | null; current_assessed_at: Date | null;
  node_name: string | null; open_proposal: boolean;
}

const prefixEnd = (s: string) => `${s}\u{10FFFF}`;

function elderWhere(f: Omit<ElderListFilter, 'sort' | 'order' | 'offset' | 'limit'>) {
  const where: string[] = [`t.status = 'active'`];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace('?', `$${params.length}`);
    }
    where.push(s);
  };
  // prefix ranges, not LIKE: they stay index conditions under row-level security (as the registry's search)
  if (f.namePrefix) add('t.name ~>=~ ? AND t.name ~<~ ?', f.namePrefix, prefixEnd(f.namePrefix));
  if (f.pinyinPrefix) {
    const p = f.pinyinPrefix;
    add('((t.name_initials ~>=~ ? AND t.name_initials ~<~ ?) OR (t.name_pinyin ~>=~ ? AND t.name_pinyin ~<~ ?))', p, prefixEnd(p), p, prefixEnd(p));
  }
  if (f.underPath) add('a.path <@ ?::ltree', f.underPath);
  if (f.level === null) where.push('a.current_level IS NULL');
  else if (f.level !== undefined) add('a.current_level = ?', f.level);
  if (f.living) add('a.living_situation = ?', f.living);
  if (f.gender !== undefined) add('t.gender = ?', f.gender);
  if (f.bornAfter) add('t.birth_date >= ?::date', f.bornAfter);
  if (f.bornBefore) add('t.birth_date <= ?::date', f.bornBefore);
  return { where, params };
}

/**
 * The list's orders, shared by the screen (offset pages) and the export (keyset pages) so a file
 * comes out in the order on screen: a sort key, then pinyin and id so every row has one place. A
 * NULL key (not assessed, no birth date) sorts last either way, by a sentinel the keyset can
 * compare with; all keys run in one direction, so a row comparison pages through them.
 */
const SORT_KEYS = {
  name: { expr: 't.name_pinyin', type: 'text', last: null },
  // age ascending = born latest first
  age: { expr: 't.birth_date', type: 'date', last: { ASC: `'infinity'`, DESC: `'-infinity'` }, inverted: true },
  level: { expr: 'a.current_level', type: 'int', last: { ASC: '99', DESC: '-1' } },
  assessed: { expr: 'a.current_assessed_at', type: 'timestamptz', last: { ASC: `'infinity'`, DESC: `'-infinity'` } },
} as const;

/** The ORDER BY columns and their direction for a sort as the list names it. */
export function elderOrder(sort: ElderListFilter['sort'], order: ElderListFilter['order']) {
  const k = SORT_KEYS[sort];
  const up = order === 'asc' !== ('inverted' in k && k.inverted);
  const dir = up ? 'ASC' : 'DESC';
  const key = k.last ? `coalesce(${k.expr}, ${k.last[dir]}::${k.type})` : k.expr;
  return { cols: [key, 't.name_pinyin', 't.id'], types: [k.type, 'text', 'uuid'], dir } as const;
}

const ELDER_SELECT = `SELECT a.person_id, t.name, t.name_pinyin, t.gender, t.birth_date, t.citizen_id_masked, t.phone_masked, a.living_situation, a.subsidies,
            a.current_level, a.current_scale_version, a.current_assessed_at, (SELECT name FROM linli_node_at(a.path)) AS node_name,
            EXISTS (SELECT 1 FROM elder_proposal pr WHERE pr.person_id = a.person_id AND pr.status = 'open') AS open_proposal
       FROM elder_archive a JOIN person t ON t.id = a.person_id`;

/** A page of elders in scope with their archive summary; `total` counted up to `cap`. */
export async function listElders(tx: Queryable, f: ElderListFilter, cap: number) {
  const { where, params } = elderWhere(f);
  const o = elderOrder(f.sort, f.order);
  const n = params.length;
  const { rows } = await tx.query<ElderListRow>(
    `${ELDER_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${o.cols.map((c) => `${c} ${o.dir}`).join(', ')} OFFSET $${n + 1} LIMIT $${n + 2}`,
    [...params, f.offset, f.limit],
  );
  const count = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM elder_archive a JOIN person t ON t.id = a.person_id WHERE ${where.join(' AND ')} LIMIT $${n + 1}) x`,
    [...params, cap],
  );
  return { rows, total: count.rows[0]!.n };
}

/**
 * A keyset page of the same list in the same order (for the export): the rows after `after`, the
 * previous page's last key (sort key as text, pinyin, id); each row carries its own as `sort_key`.
 */
export async function elderKeysetPage(
  tx: Queryable, f: Omit<ElderListFilter, 'offset' | 'limit'>, after: [string, string, string] | undefined, limit: number,
) {
  const { where, params } = elderWhere(f);
  const o = elderOrder(f.sort, f.order);
  if (after) {
    params.push(...after);
    const at = o.types.map((t, i) => `$${params.length - 2 + i}::${t}`);
    where.push(`(${o.cols.join(', ')}) ${o.dir === 'ASC' ? '>' : '<'} (${at.join(', ')})`);
  }
  const select = ELDER_SELECT.replace(/^SELECT /, `SELECT (${o.cols[0]})::text AS sort_key, `);
  const { rows } = await tx.query<ElderListRow & { sort_key: string }>(
    `${select} WHERE ${where.join(' AND ')} ORDER BY ${o.cols.map((c) => `${c} ${o.dir}`).join(', ')} LIMIT $${params.length + 1}`,
    [...params, limit + 1],
  );
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

// ---- contacts

export interface ContactRow {
  id: string; person_id: string; contact_person_id: string | null; contact_name: string | null; name: string | null; phone_masked: string | null;
  contact_phone_masked: string | null; phone_enc: string | null; relation: string; is_guardian: boolean; is_emergency: boolean; sort_order: number;
}

/** Contacts of an elder; a registry contact's name and masked phone come from the registry (where the reader may see them). */
export async function contactsOf(tx: Queryable, personId: string): Promise<ContactRow[]> {
  const { rows } = await tx.query<ContactRow>(
    `SELECT c.id, c.person_id, c.contact_person_id, cp.name AS contact_name, c.name, c.phone_masked, cp.phone_masked AS contact_phone_masked, c.phone_enc,
            c.relation, c.is_guardian, c.is_emergency, c.sort_order
       FROM elder_contact c LEFT JOIN person cp ON cp.id = c.contact_person_id
      WHERE c.person_id = $1 ORDER BY c.sort_order, c.created_at`,
    [personId],
  );
  return rows;
}

export async function insertContact(
  tx: Queryable,
  c: { personId: string; path: string; contactPersonId: string | null; name: string | null; phone: { phone_enc: string; phone_hash: string; phone_masked: string | null } | null; relation: string; isGuardian: boolean; isEmergency: boolean; sortOrder: number },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO elder_contact (person_id, path, contact_person_id, name, phone_enc, phone_hash, phone_masked, relation, is_guardian, is_emergency, sort_order)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [c.personId, c.path, c.contactPersonId, c.name, c.phone?.phone_enc ?? null, c.phone?.phone_hash ?? null, c.phone?.phone_masked ?? null, c.relation, c.isGuardian, c.isEmergency, c.sortOrder],
  );
  return rows[0]!.id;
}

export async function deleteContacts(tx: Queryable, personId: string): Promise<void> {
  await tx.query(`DELETE FROM elder_contact WHERE person_id = $1`, [personId]);
}

// ---- assessments

/** An assessment as stored: answers, facts, subtotals, raises and notes sealed in `health_enc`. */
export interface AssessmentRow {
  id: string; person_id: string; person_name: string; scale_version: string; reason: string; health_enc: string; total: number; preliminary_level: number;
  final_level: number; status: string; assessor1_id: string; assessor1_name: string | null; assessor1_signed_at: Date; assessor2_id: string | null;
  assessor2_name: string | null; assessor2_signed_at: Date | null; proposal_id: string | null; assessed_at: Date; node_name: string | null;
}
const ASSESSMENT_SELECT = `SELECT x.id, x.person_id, p.name AS person_name, x.scale_version, x.reason, x.health_enc, x.total,
  x.preliminary_level, x.final_level, x.status, x.assessor1_id, linli_user_display_name(x.assessor1_id) AS assessor1_name,
  x.assessor1_signed_at, x.assessor2_id, linli_user_display_name(x.assessor2_id) AS assessor2_name, x.assessor2_signed_at, x.proposal_id, x.assessed_at,
  (SELECT name FROM linli_node_at(x.path)) AS node_name
  FROM elder_assessment x JOIN person p ON p.id = x.person_id`;

export async function insertAssessment(
  tx: Queryable,
  a: {
    personId: string; path: string; districtCode: string; scaleVersion: string; reason: string; healthEnc: string; total: number; preliminaryLevel: number;
    finalLevel: number; assessor1: string; proposalId: string | null; assessedAt: Date;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO elder_assessment (person_id, path, district_code, scale_version, reason, health_enc, total, preliminary_level, final_level,
                                   assessor1_id, proposal_id, assessed_at)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [a.personId, a.path, a.districtCode, a.scaleVersion, a.reason, a.healthEnc, a.total, a.preliminaryLevel, a.finalLevel, a.assessor1, a.proposalId, a.assessedAt],
  );
  return rows[0]!.id;
}

export async function assessmentById(tx: Queryable, id: string, lock = false): Promise<AssessmentRow | undefined> {
  const { rows } = await tx.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE x.id = $1${lock ? ' FOR UPDATE OF x' : ''}`, [id]);
  return rows[0];
}

export async function assessmentsOf(tx: Queryable, personId: string): Promise<AssessmentRow[]> {
  const { rows } = await tx.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE x.person_id = $1 ORDER BY x.assessed_at DESC, x.created_at DESC`, [personId]);
  return rows;
}

/** Assessments signed by one assessor and waiting for a second (the second assessor's to-do list). */
export async function awaitingSecond(tx: Queryable, limit: number): Promise<AssessmentRow[]> {
  const { rows } = await tx.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE x.status = 'awaiting_second' ORDER BY x.assessed_at LIMIT $1`, [limit]);
  return rows;
}

export async function signSecond(tx: Queryable, id: string, userId: string): Promise<boolean> {
  const r = await tx.query(
    `UPDATE elder_assessment SET assessor2_id = $2, assessor2_signed_at = now(), status = 'signed'
      WHERE id = $1 AND status = 'awaiting_second' AND assessor1_id <> $2`,
    [id, userId],
  );
  return r.rowCount > 0;
}

// ---- risk events (lists)

export async function riskEventsOf(tx: Queryable, personId: string, limit: number): Promise<RiskEventRow[]> {
  const { rows } = await tx.query<RiskEventRow>(
    `SELECT e.id, e.person_id, e.kind_enc, e.occurred_at, e.source, e.source_key, e.note_enc, e.recorded_by, linli_user_display_name(e.recorded_by) AS recorded_by_name, e.created_at
       FROM elder_risk_event e WHERE e.person_id = $1 ORDER BY e.occurred_at DESC LIMIT $2`,
    [personId, limit],
  );
  return rows;
}

// ---- proposals

const PROPOSAL_SELECT = `SELECT pr.id, pr.person_id, p.name AS person_name, pr.kind, pr.status, pr.event_ids, pr.created_at, pr.decided_by,
  linli_user_display_name(pr.decided_by) AS decided_by_name, pr.decided_at, pr.dismiss_reason, pr.assessment_id,
  (SELECT name FROM linli_node_at(pr.path)) AS node_name, a.current_level
  FROM elder_proposal pr JOIN person p ON p.id = pr.person_id LEFT JOIN elder_archive a ON a.person_id = pr.person_id`;

export async function listProposals(tx: Queryable, status: string, offset: number, limit: number) {
  const { rows } = await tx.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE pr.status = $1 ORDER BY pr.created_at DESC OFFSET $2 LIMIT $3`, [status, offset, limit]);
  const c = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM elder_proposal WHERE status = $1`, [status]);
  return { rows, total: c.rows[0]!.n };
}

export async function proposalById(tx: Queryable, id: string, lock = false): Promise<ProposalRow | undefined> {
  const { rows } = await tx.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE pr.id = $1${lock ? ' FOR UPDATE OF pr' : ''}`, [id]);
  return rows[0];
}

export async function decideProposal(tx: Queryable, id: string, d: { status: 'started' | 'dismissed' | 'done'; by: string | null; reason?: string | null; assessmentId?: string | null }) {
  await tx.query(
    `UPDATE elder_proposal SET status = $2, decided_by = coalesce($3, decided_by), decided_at = coalesce(decided_at, now()), dismiss_reason = coalesce($4, dismiss_reason),
            assessment_id = coalesce($5, assessment_id) WHERE id = $1`,
    [id, d.status, d.by, d.reason ?? null, d.assessmentId ?? null],
  );
}

// ---- statistics

export interface StatRow { key: string; level: number; n: number }

/**
 * The pre-aggregated figures of a node, by one dimension (each with the level, for stacked
 * charts): the rows stored at the node itself, or for `child` those of its children (and, under
 * the key '', the elders placed at the node itself). Text keys keep these index lookups under
 * row-level security.
 */
export async function statsBy(tx: Queryable, nodePath: string, dim: 'level' | 'age_band' | 'living' | 'child'): Promise<StatRow[]> {
  if (dim === 'age_band' || dim === 'living') {
    const { rows } = await tx.query<StatRow>(`SELECT key, level, n FROM elder_stats WHERE node = $1 AND dim = $2 AND n <> 0 ORDER BY key, level`, [nodePath, dim]);
    return rows;
  }
  if (dim === 'level') {
    const { rows } = await tx.query<StatRow>(
      `SELECT level::text AS key, level, sum(n)::int AS n FROM elder_stats WHERE node = $1 AND dim = 'age_band' GROUP BY level HAVING sum(n) <> 0 ORDER BY level`,
      [nodePath],
    );
    return rows;
  }
  const { rows } = await tx.query<StatRow>(
    `WITH kids AS (SELECT node, level, sum(n)::int AS n FROM elder_stats WHERE parent = $1 AND dim = 'age_band' GROUP BY node, level),
          self AS (SELECT level, sum(n)::int AS n FROM elder_stats WHERE node = $1 AND dim = 'age_band' GROUP BY level)
     SELECT key, level, n FROM (
       SELECT node AS key, level, n FROM kids
       UNION ALL
       SELECT '' AS key, s.level, s.n - coalesce((SELECT sum(k.n) FROM kids k WHERE k.level = s.level), 0)::int FROM self s
     ) x WHERE n <> 0 ORDER BY key, level`,
    [nodePath],
  );
  return rows;
}

/** The same figures counted live from the archives and the registry (for tests and the benchmark). */
export async function liveStatsBy(tx: Queryable, nodePath: string, dim: 'level' | 'age_band' | 'living' | 'child'): Promise<StatRow[]> {
  const key = dim === 'child' ? `CASE WHEN nlevel(a.path) > nlevel($1::ltree) THEN subpath(a.path, 0, nlevel($1::ltree) + 1)::text ELSE '' END`
    : dim === 'level' ? `coalesce(a.current_level, -1)::text` : dim === 'living' ? 'a.living_situation' : 'linli_elder_age_band(p.birth_date, current_date)';
  const { rows } = await tx.query<StatRow>(
    `SELECT ${key} AS key, coalesce(a.current_level, -1)::int AS level, count(*)::int AS n
       FROM elder_archive a JOIN person p ON p.id = a.person_id AND p.status = 'active'
      WHERE a.path <@ $1::ltree GROUP BY 1, 2 ORDER BY 1, 2`,
    [nodePath],
  );
  return rows;
}

/** Brings the age bands of the statistics to today (once a day; cheap when already done). */
export async function ageStats(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT linli_elder_stats_age() AS n`);
  return rows[0]!.n;
}

/**
 * Assessed elders (a current level) under a node by ability level and age band, cut by the nodes at
 * `depth` (the node itself when `depth` is its own): the analysis cube's `elders_by_level`, read
 * from `elder_stats`, never from the archives.
 */
export async function levelFigures(tx: Queryable, nodePath: string, depth: number, f: { level?: number; ageBands?: string[]; gender?: number; byGender?: boolean } = {}) {
  // a cut or filter by gender reads the rows kept by age band and gender together ('60_69:2')
  const withGender = f.byGender === true || f.gender !== undefined;
  const band = withGender ? `split_part(key, ':', 1)` : 'key';
  const where = [withGender ? `dim = 'band_gender'` : `dim = 'age_band'`, 'level >= 0'];
  const params: unknown[] = [];
  if (f.level !== undefined) { params.push(f.level); where.push(`level = $${params.length + 2}`); }
  if (f.ageBands) { params.push(f.ageBands); where.push(`${band} = ANY ($${params.length + 2}::text[])`); }
  if (f.gender !== undefined) { params.push(String(f.gender)); where.push(`split_part(key, ':', 2) = $${params.length + 2}`); }
  const keys: Record<string, string> = { level: 'level', ageBand: band, ...(withGender ? { gender: `split_part(key, ':', 2)` } : {}) };
  const rows = await nodeFigures(tx, { table: 'elder_stats', value: 'n', keys, where, params }, nodePath, depth);
  return rows.map((r) => ({ area: r.area, level: Number(r.level), ageBand: String(r.ageBand), gender: r.gender === undefined ? null : String(r.gender), n: r.n }));
}
