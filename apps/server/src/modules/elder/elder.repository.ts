import type { Queryable } from '../../db/database.js';

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

export async function currentLevel(tx: Queryable, personId: string): Promise<number | null> {
  const { rows } = await tx.query<{ current_level: number | null }>(`SELECT current_level FROM elder_archive WHERE person_id = $1`, [personId]);
  return rows[0]?.current_level ?? null;
}

export interface RiskEventRow {
  id: string; person_id: string; kind: string; occurred_at: Date; source: string; source_key: string; note: string | null;
  recorded_by: string | null; recorded_by_name: string | null; created_at: Date;
}

/** Inserts a risk event once per source key; returns its id and whether this call stored it. */
export async function insertRiskEvent(
  tx: Queryable,
  e: { personId: string; path: string; districtCode: string; kind: string; occurredAt: Date; source: string; sourceKey: string; note: string | null; recordedBy: string | null },
): Promise<{ id: string; created: boolean }> {
  const ins = await tx.query<{ id: string }>(
    `INSERT INTO elder_risk_event (person_id, path, district_code, kind, occurred_at, source, source_key, note, recorded_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (source_key) DO NOTHING RETURNING id`,
    [e.personId, e.path, e.districtCode, e.kind, e.occurredAt, e.source, e.sourceKey, e.note, e.recordedBy],
  );
  if (ins.rows[0]) return { id: ins.rows[0].id, created: true };
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM elder_risk_event WHERE source_key = $1`, [e.sourceKey]);
  return { id: rows[0]!.id, created: false };
}

/** Events of the given kinds of one person that occurred in (from, to]. */
export async function riskEventsBetween(tx: Queryable, personId: string, kinds: readonly string[], from: Date, to: Date) {
  const { rows } = await tx.query<{ id: string; kind: string; occurred_at: Date }>(
    `SELECT id, kind, occurred_at FROM elder_risk_event
      WHERE person_id = $1 AND kind = ANY ($2::text[]) AND occurred_at > $3 AND occurred_at <= $4 ORDER BY occurred_at`,
    [personId, kinds, from, to],
  );
  return rows;
}

export interface ProposalRow {
  id: string; person_id: string; person_name: string; kind: string; status: string; event_ids: string[]; created_at: Date;
  decided_by: string | null; decided_by_name: string | null; decided_at: Date | null; dismiss_reason: string | null; assessment_id: string | null;
  node_name: string | null; current_level: number | null;
}

export async function openProposalOf(tx: Queryable, personId: string): Promise<{ id: string; event_ids: string[] } | undefined> {
  const { rows } = await tx.query<{ id: string; event_ids: string[] }>(
    `SELECT id, event_ids FROM elder_proposal WHERE person_id = $1 AND kind = 'immediate_assessment' AND status = 'open' FOR UPDATE`,
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
