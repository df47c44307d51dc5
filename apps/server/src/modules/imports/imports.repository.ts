import { type Queryable, copyField } from '../../db/database.js';

/** Every query of the import module's tables, and the look-ups it matches rows with. */

export interface JobRow {
  id: string;
  district_code: string;
  path: string;
  node_id: string;
  node_name: string | null;
  kind: 'people' | 'houses' | 'organizations';
  file_name: string;
  file_sha256: string;
  file_size: number;
  file_format: 'csv' | 'xlsx' | 'xls';
  file_encoding: string | null;
  stored_key: string;
  header_row: number | null;
  headers: string[];
  mapping: Record<string, string>;
  status: 'mapping' | 'preview' | 'queued' | 'running' | 'cancelling' | 'cancelled' | 'done' | 'failed';
  decisions: Record<string, string>;
  counts: Record<string, number>;
  total_rows: number;
  to_apply: number;
  applied_rows: number;
  failed_rows: number;
  error: string | null;
  created_by: string;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  version: number;
}

const JOB_SELECT = `j.*, j.path::text AS path, n.name AS node_name, u.username AS created_by_name`;
const JOB_JOINS = 'LEFT JOIN jurisdiction_node n ON n.id = j.node_id LEFT JOIN app_user u ON u.id = j.created_by';

export async function insertJob(tx: Queryable, j: {
  path: string; district_code: string; node_id: string; kind: string; file_name: string; file_sha256: string; file_size: number;
  file_format: string; file_encoding: string | null; stored_key: string; header_row: number | null; headers: string[]; mapping: Record<string, string>; created_by: string;
}): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO import_job (path, district_code, node_id, kind, file_name, file_sha256, file_size, file_format, file_encoding, stored_key, header_row, headers, mapping, created_by)
     VALUES ($1::ltree, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [j.path, j.district_code, j.node_id, j.kind, j.file_name, j.file_sha256, j.file_size, j.file_format, j.file_encoding, j.stored_key, j.header_row, JSON.stringify(j.headers), JSON.stringify(j.mapping), j.created_by],
  );
  return rows[0]!.id;
}

export async function jobById(tx: Queryable, id: string): Promise<JobRow | undefined> {
  const { rows } = await tx.query<JobRow>(`SELECT ${JOB_SELECT} FROM import_job j ${JOB_JOINS} WHERE j.id = $1`, [id]);
  return rows[0];
}

/** Jobs in scope, newest first (keyset on created_at, id). */
export async function listJobs(tx: Queryable, f: { after?: [string, string]; limit: number }) {
  const params: unknown[] = [f.limit + 1];
  let where = '';
  if (f.after) {
    params.push(f.after[0], f.after[1]);
    where = 'WHERE (j.created_at, j.id) < ($2::timestamptz, $3::uuid)';
  }
  const { rows } = await tx.query<JobRow>(`SELECT ${JOB_SELECT} FROM import_job j ${JOB_JOINS} ${where} ORDER BY j.created_at DESC, j.id DESC LIMIT $1`, params);
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

const JOB_COLUMNS = new Set(['status', 'mapping', 'headers', 'header_row', 'decisions', 'counts', 'total_rows', 'to_apply', 'applied_rows', 'failed_rows', 'error', 'started_at', 'finished_at']);

/** Sets job columns (a fixed list); `expectStatus` guards a state change against a concurrent one. */
export async function updateJob(tx: Queryable, id: string, values: Record<string, unknown>, expectStatus?: string[]): Promise<boolean> {
  const cols = Object.keys(values).filter((k) => JOB_COLUMNS.has(k) && values[k] !== undefined);
  const params: unknown[] = [id, ...cols.map((c) => (typeof values[c] === 'object' && values[c] !== null && !(values[c] instanceof Date) ? JSON.stringify(values[c]) : values[c]))];
  let guard = '';
  if (expectStatus) {
    params.push(expectStatus);
    guard = ` AND status = ANY($${params.length}::text[])`;
  }
  const sets = cols.map((c, i) => `${c} = $${i + 2}`);
  const r = await tx.query(`UPDATE import_job SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1${guard}`, params);
  return r.rowCount > 0;
}

/**
 * Holds a job for the rest of the transaction (a batch): batches of one job never overlap, so a
 * batch's pending rows need no row locks (locking each staged row wrote every one of them again).
 */
export async function lockJob(tx: Queryable, id: string) {
  await tx.query('SELECT 1 FROM import_job WHERE id = $1 FOR UPDATE', [id]);
}

export async function addProgress(tx: Queryable, id: string, applied: number, failed: number) {
  await tx.query('UPDATE import_job SET applied_rows = applied_rows + $2, failed_rows = failed_rows + $3, updated_at = now() WHERE id = $1', [id, applied, failed]);
}

export type RowClass = 'new' | 'update' | 'unchanged' | 'duplicate' | 'conflict' | 'error';
export interface StagedRow {
  row_no: number;
  path: string;
  class: RowClass;
  values: Record<string, unknown>;
  /** The source cells, for rows staged before they were kept per chunk (`import_chunk`). */
  raw_enc: string | null;
  secret_enc: string | null;
  sealed?: Record<string, string> | null;
  id_hash: string | null;
  messages: { field: string | null; zh: string; en: string }[];
  changes: string[];
  match_id: string | null;
}

const STAGE_COLUMNS = ['row_no', 'path', 'class', 'values', 'raw_enc', 'secret_enc', 'sealed', 'id_hash', 'messages', 'changes', 'match_id'] as const;
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Stores a chunk of staged rows. Where the connection can COPY, the rows go in COPY's text format
 * to a temporary table (COPY FROM is refused on `import_row`, which is under row-level security)
 * and on with one INSERT … SELECT: a third of the database's time of the one statement over a
 * JSON array (`jsonb_to_recordset`), which parsed every row's JSON twice.
 */
export async function insertRows(tx: Queryable, jobId: string, rows: StagedRow[], chunk: { path: string; rawEnc: string }) {
  if (!rows.length) return;
  await tx.query('INSERT INTO import_chunk (job_id, first_row, last_row, path, raw_enc) VALUES ($1, $2, $3, $4::ltree, $5)', [jobId, rows[0]!.row_no, rows.at(-1)!.row_no, chunk.path, chunk.rawEnc]);
  if (tx.copyIn) {
    await tx.query(`CREATE TEMP TABLE IF NOT EXISTS import_row_stage (row_no int, path text, class text, values jsonb, raw_enc text, secret_enc text, sealed jsonb,
                      id_hash text, messages jsonb, changes jsonb, match_id uuid) ON COMMIT DELETE ROWS`);
    let text = '';
    for (const r of rows) {
      text += `${r.row_no}\t${copyField(r.path)}\t${r.class}\t${copyField(json(r.values))}\t${copyField(r.raw_enc)}\t${copyField(r.secret_enc)}\t${copyField(json(r.sealed))}\t`
        + `${copyField(r.id_hash)}\t${copyField(json(r.messages))}\t${copyField(json(r.changes))}\t${copyField(r.match_id)}\n`;
    }
    await tx.copyIn('import_row_stage', STAGE_COLUMNS, text);
    // moved out of the temporary table as they go in (it is emptied at commit anyway)
    await tx.query(
      `WITH moved AS (DELETE FROM import_row_stage RETURNING *)
       INSERT INTO import_row (job_id, ${STAGE_COLUMNS.join(', ')}) SELECT $1, row_no, path::ltree, class, values, raw_enc, secret_enc, sealed, id_hash, messages, changes, match_id FROM moved`,
      [jobId],
    );
    return;
  }
  await tx.query(
    `INSERT INTO import_row (job_id, ${STAGE_COLUMNS.join(', ')})
     SELECT $1, x.row_no, x.path::ltree, x.class, x.values, x.raw_enc, x.secret_enc, x.sealed, x.id_hash, x.messages, x.changes, x.match_id
       FROM jsonb_to_recordset($2::jsonb) AS x(row_no int, path text, class text, values jsonb, raw_enc text, secret_enc text, sealed jsonb, id_hash text, messages jsonb, changes jsonb, match_id uuid)`,
    [jobId, JSON.stringify(rows)],
  );
}

export async function deleteRows(tx: Queryable, jobId: string) {
  await tx.query('DELETE FROM import_row_result WHERE job_id = $1', [jobId]);
  await tx.query('DELETE FROM import_chunk WHERE job_id = $1', [jobId]);
  await tx.query('DELETE FROM import_row WHERE job_id = $1', [jobId]);
}

export async function countsByClass(tx: Queryable, jobId: string): Promise<Record<string, number>> {
  const { rows } = await tx.query<{ class: string; n: number }>('SELECT class, count(*)::int AS n FROM import_row WHERE job_id = $1 GROUP BY class', [jobId]);
  return Object.fromEntries(rows.map((r) => [r.class, r.n]));
}

export interface RowRecord extends StagedRow {
  result: string | null;
  result_id: string | null;
  applied_at: Date | null;
}

/** A staged row with its result, if it has one (the result's messages say why it failed). */
const ROW_SELECT = `r.row_no, r.path::text AS path, r.class, r.values, r.raw_enc, r.secret_enc, r.sealed, r.id_hash, coalesce(m.messages, r.messages) AS messages,
  r.changes, r.match_id, m.result, m.result_id, m.applied_at FROM import_row r LEFT JOIN import_row_result m ON m.job_id = r.job_id AND m.row_no = r.row_no`;

/** Staged rows of a job in file order, optionally of some classes, after a row number. */
export async function rowsOf(tx: Queryable, jobId: string, f: { classes?: string[]; afterRowNo?: number; limit: number; failedToo?: boolean }) {
  const params: unknown[] = [jobId, f.afterRowNo ?? 0, f.limit + 1];
  let cls = '';
  if (f.classes) {
    params.push(f.classes);
    cls = f.failedToo ? ` AND (r.class = ANY($4::text[]) OR m.result = 'failed')` : ' AND r.class = ANY($4::text[])';
  }
  const { rows } = await tx.query<RowRecord>(
    `SELECT ${ROW_SELECT} WHERE r.job_id = $1 AND r.row_no > $2${cls} ORDER BY r.row_no LIMIT $3`,
    params,
  );
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** What the commit needs to know of a pending row to choose its path (the staged row itself is read only for the per-row path). */
export interface PendingRow {
  row_no: number;
  class: RowClass;
  node_id: string | null;
  household_no: string | null;
  sealed: boolean;
}

/**
 * The next rows to apply (the caller holds the job, `lockJob`): without a result, of the classes
 * the user chose to apply, in a window of row numbers; only the few columns that choose each
 * row's path.
 */
export async function pendingRows(tx: Queryable, jobId: string, classes: string[], limit: number, afterRowNo: number, upToRowNo: number) {
  const { rows } = await tx.query<PendingRow>(
    `SELECT r.row_no, r.class, r.values->>'nodeId' AS node_id, r.values->>'householdNo' AS household_no, r.sealed IS NOT NULL AS sealed FROM import_row r
      WHERE r.job_id = $1 AND r.row_no > $4 AND r.row_no <= $5 AND r.class = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM import_row_result m WHERE m.job_id = r.job_id AND m.row_no = r.row_no)
      ORDER BY r.row_no LIMIT $3`,
    [jobId, classes, limit, afterRowNo, upToRowNo],
  );
  return rows;
}

/** Staged rows of a job by row number, in file order (the per-row path's rows). */
export async function rowsByNo(tx: Queryable, jobId: string, rowNos: number[]) {
  if (!rowNos.length) return [];
  const { rows } = await tx.query<RowRecord>(
    `SELECT ${ROW_SELECT} WHERE r.job_id = $1 AND r.row_no = ANY($2::int[]) AND r.row_no BETWEEN $3 AND $4 ORDER BY r.row_no`,
    [jobId, rowNos, Math.min(...rowNos), Math.max(...rowNos)],
  );
  return rows;
}

/** The last row number of a job's staged rows (0 when none). */
export async function lastRowNo(tx: Queryable, jobId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number | null }>('SELECT max(row_no) AS n FROM import_row WHERE job_id = $1', [jobId]);
  return rows[0]?.n ?? 0;
}

const ROW_CLASSES: RowClass[] = ['new', 'update', 'unchanged', 'duplicate', 'conflict', 'error'];

/** Marks the rows of the classes not applied as skipped, in one statement (again on a re-run: those already marked stay). */
export async function skipRows(tx: Queryable, jobId: string, applyClasses: string[]) {
  await tx.query(
    `INSERT INTO import_row_result (job_id, row_no, path, result) SELECT r.job_id, r.row_no, r.path, 'skipped' FROM import_row r
      WHERE r.job_id = $1 AND r.class = ANY($2::text[]) ON CONFLICT DO NOTHING`,
    [jobId, ROW_CLASSES.filter((c) => !applyClasses.includes(c))],
  );
}

/** A row's result, in the transaction of its change; a row has one result only (a second is an error, and its transaction rolls back). */
export async function markRow(tx: Queryable, jobId: string, rowNo: number, result: 'created' | 'updated' | 'skipped' | 'failed', resultId: string | null, messages?: unknown[]) {
  await tx.query(
    `INSERT INTO import_row_result (job_id, row_no, path, result, result_id, messages) SELECT job_id, row_no, path, $3, $4, $5::jsonb FROM import_row WHERE job_id = $1 AND row_no = $2`,
    [jobId, rowNo, result, resultId, messages ? JSON.stringify(messages) : null],
  );
}

/**
 * The set-based commit of new people: one statement records the staged rows' results (created)
 * and inserts their people from them (the sealed columns computed while staging) into `person`, placed at the
 * given nodes (resolved in the importer's scope; row-level security checks every person again).
 * Row triggers fire per person, statement triggers once. Any error (a citizen ID registered
 * since staging, a row outside the scope) fails the whole statement, and the caller's savepoint
 * hands the rows to the per-row path. Returns the row numbers applied.
 */
export async function createPeopleFromRows(tx: Queryable, jobId: string, rowNos: number[], nodes: { id: string; path: string }[]): Promise<Set<number>> {
  const { rows } = await tx.query<{ row_no: number }>(
    `WITH picked AS (
       SELECT r.row_no, r.path AS row_path, gen_random_uuid() AS id, n.path::ltree AS path, r.values AS v, r.sealed AS s, r.id_hash
         FROM import_row r, unnest($2::int[]) AS k(row_no), unnest($3::uuid[], $4::text[]) AS n(id, path)
        WHERE r.job_id = $1 AND r.row_no = k.row_no AND r.row_no BETWEEN $5 AND $6 AND r.sealed IS NOT NULL AND n.id = (r.values->>'nodeId')::uuid
          AND NOT EXISTS (SELECT 1 FROM import_row_result m WHERE m.job_id = r.job_id AND m.row_no = r.row_no)
     ), marked AS (
       -- the caller holds the job (\`lockJob\`): no other batch gives these rows a result meanwhile
       INSERT INTO import_row_result (job_id, row_no, path, result, result_id) SELECT $1, row_no, row_path, 'created', id FROM picked
     ), inserted AS (
       INSERT INTO person (id, district_code, path, name, name_pinyin, name_initials, citizen_id_enc, citizen_id_hash, citizen_id_masked, gender, birth_date,
                           ethnicity, phone_enc, phone_hash, phone_masked, hukou_address, residence_address, tags, notes)
       SELECT p.id, subpath(p.path, 1, 1)::text, p.path, p.v->>'name', p.s->>'name_pinyin', p.s->>'name_initials', p.s->>'citizen_id_enc', coalesce(p.s->>'citizen_id_hash', p.id_hash),
              coalesce(p.s->>'citizen_id_masked', p.v->>'citizenIdMasked'), coalesce((p.v->>'gender')::smallint, 0), (p.v->>'birthDate')::date, p.v->>'ethnicity', p.s->>'phone_enc', p.s->>'phone_hash',
              coalesce(p.s->>'phone_masked', p.v->>'phoneMasked'), p.v->>'hukouAddress', p.v->>'residenceAddress', ARRAY(SELECT jsonb_array_elements_text(coalesce(p.v->'tags', '[]'))), p.v->>'notes'
         FROM picked p ORDER BY p.row_no
     )
     SELECT row_no FROM picked`,
    // the range keeps the primary key's scan to the batch (the pending rows of a large job are many)
    [jobId, rowNos, nodes.map((n) => n.id), nodes.map((n) => n.path), Math.min(...rowNos), Math.max(...rowNos)],
  );
  return new Set(rows.map((r) => r.row_no));
}

/** The encrypted source cells of the chunk that holds a row (rows staged per chunk). */
export async function chunkOf(tx: Queryable, jobId: string, rowNo: number) {
  const { rows } = await tx.query<{ last_row: number; raw_enc: string }>(
    'SELECT last_row, raw_enc FROM import_chunk WHERE job_id = $1 AND first_row <= $2 ORDER BY first_row DESC LIMIT 1',
    [jobId, rowNo],
  );
  return rows[0];
}

export async function resultCounts(tx: Queryable, jobId: string): Promise<Record<string, number>> {
  const { rows } = await tx.query<{ result: string; n: number }>('SELECT result, count(*)::int AS n FROM import_row_result WHERE job_id = $1 GROUP BY result', [jobId]);
  return Object.fromEntries(rows.map((r) => [r.result, r.n]));
}

// ---- the worker's queue (system scope)

/** Takes the oldest queued job for this worker; another worker skips it. */
export async function claimQueued(tx: Queryable): Promise<{ id: string } | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE import_job SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
      WHERE id = (SELECT id FROM import_job WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id`,
  );
  return rows[0];
}

/** Jobs left running or cancelling by a process that stopped: queued again (they resume where they were). */
export async function requeueInterrupted(tx: Queryable): Promise<number> {
  const r = await tx.query(`UPDATE import_job SET status = CASE status WHEN 'cancelling' THEN 'cancelled' ELSE 'queued' END, updated_at = now() WHERE status IN ('running', 'cancelling')`);
  return r.rowCount;
}

/** The jurisdiction paths and username of a user whose job runs, if the user may still import. */
export async function importerOf(tx: Queryable, userId: string): Promise<{ username: string; paths: string[] } | undefined> {
  const { rows } = await tx.query<{ username: string; paths: string[] | null; allowed: boolean }>(
    `SELECT u.username,
            (SELECT array_agg(n.path::text) FROM user_jurisdiction uj JOIN jurisdiction_node n ON n.id = uj.node_id WHERE uj.user_id = u.id) AS paths,
            EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = u.id AND 'collection.import' = ANY (r.permissions)) AS allowed
       FROM app_user u WHERE u.id = $1 AND u.status = 'active'`,
    [userId],
  );
  const r = rows[0];
  return r && r.allowed ? { username: r.username, paths: r.paths ?? [] } : undefined;
}

/** A user by name, for the command line: id, jurisdiction nodes (with level) and whether they may import. */
export async function userForCli(tx: Queryable, username: string) {
  const { rows } = await tx.query<{ id: string; username: string; display_name: string; nodes: { id: string; code: string; name: string; level: string; path: string }[] | null; permissions: string[] | null }>(
    `SELECT u.id, u.username, u.display_name,
            (SELECT json_agg(json_build_object('id', n.id, 'code', n.code, 'name', n.name, 'level', n.level, 'path', n.path::text) ORDER BY n.path)
               FROM user_jurisdiction uj JOIN jurisdiction_node n ON n.id = uj.node_id WHERE uj.user_id = u.id) AS nodes,
            (SELECT array_agg(DISTINCT p) FROM user_role ur JOIN role r ON r.code = ur.role_code, unnest(r.permissions) p WHERE ur.user_id = u.id) AS permissions
       FROM app_user u WHERE u.username = $1 AND u.status = 'active'`,
    [username],
  );
  return rows[0];
}

/** A jurisdiction node by code (for the command line's --node). */
export async function nodeIdByCode(tx: Queryable, code: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM jurisdiction_node WHERE code = $1 AND valid_to IS NULL', [code]);
  return rows[0]?.id;
}

// ---- matching look-ups (run in the importer's scope: row-level security applies)

export interface NodeHit { id: string; path: string; level: string; name: string }

/** A community or grid in scope by its code or its name. */
export async function nodeByCodeOrName(tx: Queryable, text: string, under: string): Promise<NodeHit[]> {
  const { rows } = await tx.query<NodeHit>(
    `SELECT id, path::text AS path, level, name FROM jurisdiction_node
      WHERE (code = $1 OR name = $1) AND valid_to IS NULL AND level IN ('community', 'grid') AND path <@ $2::ltree ORDER BY path LIMIT 2`,
    [text, under],
  );
  return rows;
}

export interface PersonBrief {
  id: string; name: string; path: string; birth_date: string | null; gender: number; ethnicity: string | null; phone_hash: string | null;
  residence_address: string | null; hukou_address: string | null; tags: string[]; notes: string | null; citizen_id_hash: string | null; version: number;
}
const PERSON_BRIEF = `p.id, p.name, p.path::text AS path, p.birth_date, p.gender, p.ethnicity, p.phone_hash, p.residence_address, p.hukou_address, p.tags, p.notes, p.citizen_id_hash, p.version`;

export async function personBriefs(tx: Queryable, ids: string[]): Promise<PersonBrief[]> {
  if (!ids.length) return [];
  const { rows } = await tx.query<PersonBrief>(`SELECT ${PERSON_BRIEF} FROM person p WHERE p.id = ANY($1::uuid[])`, [ids]);
  return rows;
}

export async function personBrief(tx: Queryable, id: string): Promise<PersonBrief | undefined> {
  const { rows } = await tx.query<PersonBrief>(`SELECT ${PERSON_BRIEF} FROM person p WHERE p.id = $1`, [id]);
  return rows[0];
}

/**
 * Active people in scope who may be the row's person: the registry's duplicate rules (same
 * pinyin and birth date, same phone, same name at the same address).
 */
export async function personCandidates(tx: Queryable, f: { pinyin: string; birthDate: string | null; phoneHash: string | null; name: string; address: string | null }) {
  const { rows } = await tx.query<PersonBrief & { reasons: string[] }>(
    `SELECT ${PERSON_BRIEF}, array_remove(ARRAY[
              CASE WHEN p.name_pinyin = $1 AND p.birth_date = $2::date THEN 'same_pinyin_birth' END,
              CASE WHEN p.phone_hash = $3 THEN 'same_phone' END,
              CASE WHEN p.name = $4 AND p.residence_address = $5 THEN 'same_name_address' END], NULL) AS reasons
       FROM person p
      WHERE p.status = 'active' AND ((p.name_pinyin = $1 AND p.birth_date = $2::date) OR p.phone_hash = $3 OR (p.name = $4 AND p.residence_address = $5))
      ORDER BY p.created_at LIMIT 5`,
    [f.pinyin, f.birthDate, f.phoneHash, f.name, f.address],
  );
  return rows;
}

export interface HouseholdHit { id: string; head_person_id: string | null; house_id: string | null; path: string; district_code: string }

export async function householdByNo(tx: Queryable, householdNo: string): Promise<HouseholdHit | undefined> {
  const { rows } = await tx.query<HouseholdHit>(
    `SELECT id, head_person_id, house_id, path::text AS path, district_code FROM household WHERE household_no = $1 ORDER BY created_at LIMIT 1`,
    [householdNo],
  );
  return rows[0];
}

export async function isMemberOfHouseholdNo(tx: Queryable, personId: string, householdNo: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM household_member m JOIN household h ON h.id = m.household_id WHERE m.person_id = $1 AND h.household_no = $2 AND m.valid_to IS NULL LIMIT 1`,
    [personId, householdNo],
  );
  return rows.length > 0;
}

export async function activeMembersOf(tx: Queryable, householdId: string) {
  const { rows } = await tx.query<{ person_id: string; relation_code: string }>(
    'SELECT person_id, relation_code FROM household_member WHERE household_id = $1 AND valid_to IS NULL',
    [householdId],
  );
  return rows;
}

export async function estateByName(tx: Queryable, name: string, under: string) {
  const { rows } = await tx.query<{ id: string; path: string; district_code: string }>(
    'SELECT id, path::text AS path, district_code FROM estate WHERE name = $1 AND path <@ $2::ltree ORDER BY created_at LIMIT 1',
    [name, under],
  );
  return rows[0];
}

export async function buildingByName(tx: Queryable, estateId: string, name: string) {
  const { rows } = await tx.query<{ id: string; path: string; district_code: string; floors: number; unit_count: number; version: number }>(
    'SELECT id, path::text AS path, district_code, floors, unit_count, version FROM building WHERE estate_id = $1 AND name = $2 ORDER BY created_at LIMIT 1',
    [estateId, name],
  );
  return rows[0];
}

export interface HouseHit { id: string; floor: number; area: number | null; use: string; ownership: string; version: number }

export async function houseAt(tx: Queryable, buildingId: string, unitNo: number, number: string): Promise<HouseHit | undefined> {
  const { rows } = await tx.query<HouseHit>('SELECT id, floor, area, use, ownership, version FROM house WHERE building_id = $1 AND unit_no = $2 AND number = $3', [buildingId, unitNo, number]);
  return rows[0];
}

export interface OrgHit { id: string; name: string; type: string; address: string | null; phone: string | null; credit_code: string | null; version: number }

export async function orgByCreditCode(tx: Queryable, code: string): Promise<OrgHit | undefined> {
  const { rows } = await tx.query<OrgHit>('SELECT id, name, type, address, phone, credit_code, version FROM organization WHERE credit_code = $1', [code]);
  return rows[0];
}

export async function orgByName(tx: Queryable, name: string, under: string): Promise<OrgHit | undefined> {
  const { rows } = await tx.query<OrgHit>('SELECT id, name, type, address, phone, credit_code, version FROM organization WHERE name = $1 AND path <@ $2::ltree LIMIT 1', [name, under]);
  return rows[0];
}

/** Whether a credit code is registered anywhere in the city (outside the scope too). */
export async function creditCodeTaken(tx: Queryable, code: string): Promise<boolean> {
  const { rows } = await tx.query<{ taken: boolean }>('SELECT linli_credit_code_taken($1, NULL) AS taken', [code]);
  return !!rows[0]?.taken;
}
