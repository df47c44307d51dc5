import type { Queryable } from '../../db/database.js';

/**
 * Every query of the survey's own tables, and the read-only queries that cut a grid's slice out
 * of the registry in a few set-based statements (writes to registry records go through the
 * registry's services). Row-level security limits all of it to the caller's jurisdiction.
 */

export interface SliceBuildingRow { id: string; name: string; estate_id: string | null; estate_name: string | null; floors: number; unit_count: number; version: number }
export interface SliceHouseRow {
  id: string; building_id: string; unit_no: number; floor: number; number: string; label: string; version: number;
  last_visited_at: Date | null; last_outcome: string | null;
}
export interface SlicePersonRow {
  id: string; name: string; gender: number; birth_date: string | null; ethnicity: string | null; citizen_id_masked: string | null;
  phone_masked: string | null; residence_address: string | null; tags: string[]; notes: string | null; status: string; version: number;
}
export interface SliceResidenceRow { id: string; person_id: string; house_id: string; kind: string; valid_from: string }

const under = (alias: string, n: number) => `($${n}::ltree IS NULL OR ${alias}.path <@ $${n}::ltree)`;

export async function countHouses(tx: Queryable, underPath: string | null): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM house h WHERE ${under('h', 1)}`, [underPath]);
  return rows[0]!.n;
}

export async function sliceBuildings(tx: Queryable, underPath: string | null) {
  const { rows } = await tx.query<SliceBuildingRow>(
    `SELECT b.id, b.name, b.estate_id, e.name AS estate_name, b.floors, b.unit_count, b.version
       FROM building b LEFT JOIN estate e ON e.id = b.estate_id
      WHERE ${under('b', 1)} ORDER BY e.name NULLS LAST, b.name, b.id`,
    [underPath],
  );
  return rows;
}

export async function sliceHouses(tx: Queryable, underPath: string | null) {
  const { rows } = await tx.query<SliceHouseRow>(
    `SELECT h.id, h.building_id, h.unit_no, h.floor, h.number, h.version,
            concat_ws(' ', e.name, b.name, h.unit_no || '单元', h.number) AS label,
            v.visited_at AS last_visited_at, v.outcome AS last_outcome
       FROM house h JOIN building b ON b.id = h.building_id LEFT JOIN estate e ON e.id = b.estate_id
       LEFT JOIN LATERAL (SELECT visited_at, outcome FROM survey_visit sv WHERE sv.house_id = h.id ORDER BY visited_at DESC LIMIT 1) v ON true
      WHERE ${under('h', 1)} ORDER BY h.building_id, h.unit_no, h.floor, h.number`,
    [underPath],
  );
  return rows;
}

/** Current residences (住 / 租 / 业主) of the slice's houses, and the people in them. */
export async function sliceResidences(tx: Queryable, underPath: string | null) {
  const { rows } = await tx.query<SliceResidenceRow>(
    `SELECT ph.id, ph.person_id, ph.house_id, ph.kind, ph.valid_from::text AS valid_from
       FROM person_house ph JOIN house h ON h.id = ph.house_id
      WHERE ph.valid_to IS NULL AND ${under('h', 1)}`,
    [underPath],
  );
  return rows;
}

export async function slicePeople(tx: Queryable, ids: string[]) {
  if (!ids.length) return [];
  const { rows } = await tx.query<SlicePersonRow>(
    `SELECT id, name, gender, birth_date::text AS birth_date, ethnicity, citizen_id_masked, phone_masked, residence_address, tags, notes, status, version
       FROM person WHERE id = ANY($1::uuid[]) AND status <> 'merged' ORDER BY name_pinyin, id`,
    [ids],
  );
  return rows;
}

export async function insertVisit(tx: Queryable, v: { id: string; path: string; district_code: string; house_id: string; worker_id: string; visited_at: string; outcome: string; notes: string | null }) {
  const r = await tx.query(
    `INSERT INTO survey_visit (id, path, district_code, house_id, worker_id, visited_at, outcome, notes)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [v.id, v.path, v.district_code, v.house_id, v.worker_id, v.visited_at, v.outcome, v.notes],
  );
  return r.rowCount > 0;
}

export interface VisitRow { id: string; path: string; district_code: string; house_id: string; worker_id: string; worker_name: string | null; visited_at: Date; outcome: string; notes: string | null }

export async function visitById(tx: Queryable, id: string) {
  const { rows } = await tx.query<VisitRow>('SELECT v.*, v.path::text AS path FROM survey_visit v WHERE v.id = $1', [id]);
  return rows[0];
}

export async function visitsOfHouse(tx: Queryable, houseId: string) {
  const { rows } = await tx.query<VisitRow & { photos: { id: string; size: number; complete: boolean }[] }>(
    `SELECT v.*, v.path::text AS path, linli_user_display_name(v.worker_id) AS worker_name,
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'size', p.size, 'complete', p.complete) ORDER BY p.created_at)
                        FROM survey_photo p WHERE p.visit_id = v.id), '[]') AS photos
       FROM survey_visit v
      WHERE v.house_id = $1 ORDER BY v.visited_at DESC LIMIT 100`,
    [houseId],
  );
  return rows;
}

// ---- the sync journal

export interface ChangeRow {
  id: string; path: string; worker_id: string; client_key: string; kind: string; record_id: string | null; visit_id: string | null;
  base_version: number | null; status: 'applied' | 'partial' | 'conflict' | 'resolved' | 'rejected'; applied: string[];
  conflicts: { field: string; base: unknown; mine: unknown; theirs: unknown }[]; error: { code: string; message: string; messageEn: string } | null;
  received_at: Date; version: number; person_name?: string | null;
}

export async function changeByKey(tx: Queryable, workerId: string, key: string) {
  const { rows } = await tx.query<ChangeRow>('SELECT c.*, c.path::text AS path FROM survey_change c WHERE c.worker_id = $1 AND c.client_key = $2', [workerId, key]);
  return rows[0];
}

export async function changeById(tx: Queryable, id: string) {
  const { rows } = await tx.query<ChangeRow>('SELECT c.*, c.path::text AS path FROM survey_change c WHERE c.id = $1', [id]);
  return rows[0];
}

/** Records a change's outcome once per key; a concurrent twin of the same key loses and reads the winner's. */
export async function insertChange(tx: Queryable, c: {
  path: string; district_code: string; worker_id: string; client_key: string; kind: string; record_id: string | null; visit_id: string | null;
  base_version: number | null; status: string; applied: string[]; conflicts: unknown[]; error: unknown;
}) {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO survey_change (path, district_code, worker_id, client_key, kind, record_id, visit_id, base_version, status, applied, conflicts, error)
     VALUES ($1::ltree, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb)
     ON CONFLICT (worker_id, client_key) DO NOTHING RETURNING id`,
    [c.path, c.district_code, c.worker_id, c.client_key, c.kind, c.record_id, c.visit_id, c.base_version, c.status,
      JSON.stringify(c.applied), JSON.stringify(c.conflicts), c.error ? JSON.stringify(c.error) : null],
  );
  return rows[0]?.id;
}

export async function openConflicts(tx: Queryable, workerId: string) {
  const { rows } = await tx.query<ChangeRow>(
    `SELECT c.*, c.path::text AS path, p.name AS person_name
       FROM survey_change c LEFT JOIN person p ON p.id = c.record_id
      WHERE c.worker_id = $1 AND c.status IN ('partial', 'conflict') ORDER BY c.received_at, c.id`,
    [workerId],
  );
  return rows;
}

export async function updateChange(tx: Queryable, id: string, version: number, set: { status?: string; conflicts?: unknown[]; applied?: string[]; resolved?: boolean }) {
  const r = await tx.query(
    `UPDATE survey_change SET status = coalesce($3, status), conflicts = coalesce($4::jsonb, conflicts), applied = coalesce($5::jsonb, applied),
            resolved_at = CASE WHEN $6 THEN now() ELSE resolved_at END, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, set.status ?? null, set.conflicts ? JSON.stringify(set.conflicts) : null, set.applied ? JSON.stringify(set.applied) : null, set.resolved ?? false],
  );
  return r.rowCount > 0;
}

// ---- photos

export interface PhotoRow { id: string; path: string; visit_id: string | null; sha256: string; size: number; mime: string; received: number; complete: boolean }

export async function upsertPhoto(tx: Queryable, p: { path: string; district_code: string; visit_id: string; sha256: string; size: number; mime: string; uploaded_by: string }) {
  await tx.query(
    `INSERT INTO survey_photo (path, district_code, visit_id, sha256, size, mime, uploaded_by) VALUES ($1::ltree, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (visit_id, sha256) DO NOTHING`,
    [p.path, p.district_code, p.visit_id, p.sha256, p.size, p.mime, p.uploaded_by],
  );
  const { rows } = await tx.query<PhotoRow>('SELECT p.*, p.path::text AS path FROM survey_photo p WHERE p.visit_id = $1 AND p.sha256 = $2', [p.visit_id, p.sha256]);
  return rows[0]!;
}

/** A photo owned by another module's record (no survey visit): always a new upload. */
export async function insertPhoto(tx: Queryable, p: { path: string; district_code: string; sha256: string; size: number; mime: string; uploaded_by: string }) {
  const { rows } = await tx.query<PhotoRow>(
    `INSERT INTO survey_photo (path, district_code, visit_id, sha256, size, mime, uploaded_by) VALUES ($1::ltree, $2, NULL, $3, $4, $5, $6)
     RETURNING *, path::text AS path`,
    [p.path, p.district_code, p.sha256, p.size, p.mime, p.uploaded_by],
  );
  return rows[0]!;
}

/** Whole photos owned by other modules' records, stored complete in two statements (demo data); ids by SHA-256. */
export async function insertWholePhotos(tx: Queryable, photos: { path: string; district_code: string; sha256: string; mime: string; uploaded_by: string; bytes: Buffer }[]) {
  if (!photos.length) return new Map<string, string>();
  const { rows } = await tx.query<{ id: string; sha256: string }>(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(path text, district_code text, sha256 text, mime text, uploaded_by uuid, data text)),
          ins AS (INSERT INTO survey_photo (path, district_code, visit_id, sha256, size, mime, uploaded_by, received, complete, completed_at)
                  SELECT path::ltree, district_code, NULL, sha256, length(decode(data, 'base64')), mime, uploaded_by, length(decode(data, 'base64')), true, now() FROM input
                  RETURNING id, sha256, path),
          chunks AS (INSERT INTO survey_photo_chunk (photo_id, "offset", path, data)
                     SELECT ins.id, 0, ins.path, decode(input.data, 'base64') FROM ins JOIN input ON input.sha256 = ins.sha256)
     SELECT id, sha256 FROM ins`,
    [JSON.stringify(photos.map((p) => ({ path: p.path, district_code: p.district_code, sha256: p.sha256, mime: p.mime, uploaded_by: p.uploaded_by, data: p.bytes.toString('base64') })))],
  );
  return new Map(rows.map((r) => [r.sha256, r.id]));
}

export async function photoById(tx: Queryable, id: string, lock = false) {
  const { rows } = await tx.query<PhotoRow>(`SELECT p.*, p.path::text AS path FROM survey_photo p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** Appends a chunk at the stored offset; false when another upload moved the offset first. */
export async function appendChunk(tx: Queryable, photo: PhotoRow, offset: number, data: Buffer) {
  const r = await tx.query('UPDATE survey_photo SET received = received + $3 WHERE id = $1 AND received = $2', [photo.id, offset, data.length]);
  if (r.rowCount === 0) return false;
  await tx.query('INSERT INTO survey_photo_chunk (photo_id, "offset", path, data) VALUES ($1, $2, $3::ltree, $4)', [photo.id, offset, photo.path, data]);
  return true;
}

export async function photoBytes(tx: Queryable, id: string): Promise<Buffer> {
  const { rows } = await tx.query<{ data: Uint8Array }>('SELECT data FROM survey_photo_chunk WHERE photo_id = $1 ORDER BY "offset"', [id]);
  return Buffer.concat(rows.map((r) => Buffer.from(r.data)));
}

export async function completePhoto(tx: Queryable, id: string) {
  await tx.query('UPDATE survey_photo SET complete = true, completed_at = now() WHERE id = $1', [id]);
}

/** A photo whose bytes do not match its hash starts again from nothing. */
export async function resetPhoto(tx: Queryable, id: string) {
  await tx.query('DELETE FROM survey_photo_chunk WHERE photo_id = $1', [id]);
  await tx.query('UPDATE survey_photo SET received = 0 WHERE id = $1', [id]);
}

/** The jurisdiction node a record's path names (a house lives at its grid or community). */
export async function nodeIdAt(tx: Queryable, path: string) {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM jurisdiction_node WHERE path = $1::ltree AND valid_to IS NULL', [path]);
  return rows[0]?.id;
}
