import type { Queryable } from '../../db/database.js';

export interface CandidateRow {
  a_id: string; a_name: string; a_birth: string | null; a_masked: string | null; a_path_name: string | null;
  b_id: string; b_name: string; b_birth: string | null; b_masked: string | null; b_path_name: string | null;
  reasons: string[];
}

/**
 * Pairs of active people in scope that may be one person: same full pinyin and birth date
 * (same name written with other characters too), same phone, or same name living in the same house.
 */
export async function duplicateCandidates(tx: Queryable, underPath: string | null, limit: number): Promise<CandidateRow[]> {
  const { rows } = await tx.query<CandidateRow>(
    `WITH scoped AS (
       SELECT p.* FROM person p WHERE p.status = 'active' AND ($1::ltree IS NULL OR p.path <@ $1::ltree)
     ), pairs AS (
       SELECT a.id AS a, b.id AS b, 'same_pinyin_birth' AS reason FROM scoped a JOIN scoped b
         ON a.name_pinyin = b.name_pinyin AND a.birth_date = b.birth_date AND a.id < b.id
       UNION ALL
       SELECT a.id, b.id, 'same_phone' FROM scoped a JOIN scoped b ON a.phone_hash = b.phone_hash AND a.id < b.id
       UNION ALL
       SELECT a.id, b.id, 'same_name_house' FROM scoped a
         JOIN person_house ha ON ha.person_id = a.id AND ha.valid_to IS NULL
         JOIN person_house hb ON hb.house_id = ha.house_id AND hb.valid_to IS NULL
         JOIN scoped b ON b.id = hb.person_id AND b.name = a.name AND a.id < b.id
     ), grouped AS (SELECT a, b, array_agg(DISTINCT reason ORDER BY reason) AS reasons FROM pairs GROUP BY a, b)
     SELECT g.a AS a_id, pa.name AS a_name, pa.birth_date AS a_birth, pa.citizen_id_masked AS a_masked, na.name AS a_path_name,
            g.b AS b_id, pb.name AS b_name, pb.birth_date AS b_birth, pb.citizen_id_masked AS b_masked, nb.name AS b_path_name, g.reasons
       FROM grouped g JOIN person pa ON pa.id = g.a JOIN person pb ON pb.id = g.b
       LEFT JOIN jurisdiction_node na ON na.path = pa.path LEFT JOIN jurisdiction_node nb ON nb.path = pb.path
      ORDER BY cardinality(g.reasons) DESC, pa.name LIMIT $2`,
    [underPath, limit],
  );
  return rows;
}

/** Where a person is referenced, table by table, so a merge can move the references and undo can move them back. */
const REFERENCES = [
  ['person_house', 'person_id', ''],
  // a family relation between the two duplicates would become one with oneself: it stays behind
  ['person_relation', 'person_id', 'AND related_person_id <> $2'],
  ['person_relation', 'related_person_id', 'AND person_id <> $2'],
  ['person_org', 'person_id', ''],
  ['household_member', 'person_id', ''],
  ['household', 'head_person_id', ''],
  ['work_item', 'person_id', ''],
] as const;

export type Moved = Record<string, string[]>;

/** Points every reference to `from` at `to`; returns the ids moved per table.column. */
export async function moveReferences(tx: Queryable, from: string, to: string): Promise<Moved> {
  const moved: Moved = {};
  for (const [table, column, guard] of REFERENCES) {
    const { rows } = await tx.query<{ id: string }>(`UPDATE ${table} SET ${column} = $2 WHERE ${column} = $1 ${guard} RETURNING id`, [from, to]);
    moved[`${table}.${column}`] = rows.map((r) => r.id);
  }
  return moved;
}

/** Points the recorded references back at `to` (undo of a merge). */
export async function restoreReferences(tx: Queryable, moved: Moved, to: string) {
  for (const [table, column] of REFERENCES) {
    const ids = moved[`${table}.${column}`] ?? [];
    if (ids.length) await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE id = ANY($1::uuid[])`, [ids, to]);
  }
}

export interface MergeRow {
  id: string; survivor_id: string; merged_id: string; path: string; moved: { refs: Moved; identity: Record<string, unknown> | null };
  merged_at: Date; undone_at: Date | null; merged_name: string; survivor_name: string;
}

export async function insertMerge(tx: Queryable, m: { survivorId: string; mergedId: string; path: string; moved: unknown; by: string; idMoved: boolean }) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_merge (survivor_id, merged_id, path, moved, merged_by, id_hash_moved) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [m.survivorId, m.mergedId, m.path, JSON.stringify(m.moved), m.by, m.idMoved],
  );
  return rows[0]!.id;
}

export async function mergeById(tx: Queryable, id: string) {
  const { rows } = await tx.query<MergeRow>(
    `SELECT m.*, m.path::text AS path, pm.name AS merged_name, ps.name AS survivor_name FROM person_merge m
       JOIN person pm ON pm.id = m.merged_id JOIN person ps ON ps.id = m.survivor_id WHERE m.id = $1`,
    [id],
  );
  return rows[0];
}

export async function mergesOf(tx: Queryable, personId: string) {
  const { rows } = await tx.query<MergeRow>(
    `SELECT m.*, m.path::text AS path, pm.name AS merged_name, ps.name AS survivor_name FROM person_merge m
       JOIN person pm ON pm.id = m.merged_id JOIN person ps ON ps.id = m.survivor_id
      WHERE m.survivor_id = $1 OR m.merged_id = $1 ORDER BY m.merged_at DESC`,
    [personId],
  );
  return rows;
}

export async function markUndone(tx: Queryable, id: string, by: string) {
  await tx.query('UPDATE person_merge SET undone_at = now(), undone_by = $2 WHERE id = $1', [id, by]);
}

/** Sets identity columns directly (moving a citizen ID between records during merge/undo). */
export async function setIdentity(tx: Queryable, personId: string, identity: Record<string, unknown>) {
  await tx.query(
    `UPDATE person SET citizen_id_enc = $2, citizen_id_hash = $3, citizen_id_masked = $4, version = version + 1, updated_at = now() WHERE id = $1`,
    [personId, identity.citizen_id_enc ?? null, identity.citizen_id_hash ?? null, identity.citizen_id_masked ?? null],
  );
}

export async function setMergeStatus(tx: Queryable, personId: string, mergedInto: string | null) {
  await tx.query(
    `UPDATE person SET status = CASE WHEN $2::uuid IS NULL THEN 'active' ELSE 'merged' END, merged_into = $2, version = version + 1, updated_at = now() WHERE id = $1`,
    [personId, mergedInto],
  );
}
