import type { Queryable } from '../../db/database.js';
import type { NodeRef } from '../../shared/actor.js';

/** Every query of the accounts module: users, roles, their jurisdictions, passwords, sessions. */

export interface LoginRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
}

export async function findLoginByUsername(tx: Queryable, username: string): Promise<LoginRow | undefined> {
  const { rows } = await tx.query<LoginRow>(
    `SELECT id, username, display_name, password_hash, password_changed_at, must_change_password, status,
            failed_attempts, locked_until, totp_secret, totp_enabled, totp_last_step
       FROM app_user WHERE lower(username) = lower($1)`,
    [username],
  );
  return rows[0];
}

export async function findLoginById(tx: Queryable, id: string): Promise<LoginRow | undefined> {
  const { rows } = await tx.query<LoginRow>(
    `SELECT id, username, display_name, password_hash, password_changed_at, must_change_password, status,
            failed_attempts, locked_until, totp_secret, totp_enabled, totp_last_step
       FROM app_user WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** Counts a wrong password; at the threshold the account locks for `lockMs` and the count restarts. */
export async function recordLoginFailure(tx: Queryable, userId: string, threshold: number, lockMs: number) {
  const { rows } = await tx.query<{ locked_until: Date | null; failed_attempts: number }>(
    `UPDATE app_user
        SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
            locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + $3 * interval '1 millisecond' ELSE locked_until END
      WHERE id = $1
      RETURNING locked_until, failed_attempts`,
    [userId, threshold, lockMs],
  );
  return rows[0]!;
}

export async function recordLoginSuccess(tx: Queryable, userId: string, ip: string, mustChangePassword: boolean) {
  await tx.query(
    `UPDATE app_user SET failed_attempts = 0, locked_until = NULL,
            previous_login_at = last_login_at, previous_login_ip = last_login_ip, last_login_at = now(), last_login_ip = $2,
            must_change_password = must_change_password OR $3
      WHERE id = $1`,
    [userId, ip, mustChangePassword],
  );
}

export async function setTotpLastStep(tx: Queryable, userId: string, step: number) {
  await tx.query('UPDATE app_user SET totp_last_step = $2 WHERE id = $1', [userId, step]);
}

export async function setTotpSecret(tx: Queryable, userId: string, secret: string) {
  await tx.query('UPDATE app_user SET totp_secret = $2, totp_enabled = false WHERE id = $1', [userId, secret]);
}

export async function enableTotp(tx: Queryable, userId: string, step: number) {
  await tx.query('UPDATE app_user SET totp_enabled = true, totp_last_step = $2 WHERE id = $1', [userId, step]);
}

export async function recentPasswordHashes(tx: Queryable, userId: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await tx.query<{ password_hash: string }>(
    'SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
    [userId, count],
  );
  return rows.map((r) => r.password_hash);
}

/** Sets a new password and remembers it in the history. */
export async function setPassword(tx: Queryable, userId: string, passwordHash: string, mustChange: boolean) {
  await tx.query(
    `UPDATE app_user SET password_hash = $2, password_changed_at = now(), must_change_password = $3,
            version = version + 1, updated_at = now() WHERE id = $1`,
    [userId, passwordHash, mustChange],
  );
  await tx.query('INSERT INTO password_history (user_id, password_hash) VALUES ($1, $2)', [userId, passwordHash]);
}

// ---------------------------------------------------------------- sessions

export async function insertSession(tx: Queryable, s: { id: string; userId: string; csrf: string; ip: string; userAgent: string | null }) {
  await tx.query('INSERT INTO user_session (id, user_id, csrf_token, ip, user_agent) VALUES ($1,$2,$3,$4,$5)', [
    s.id, s.userId, s.csrf, s.ip, s.userAgent,
  ]);
}

export async function touchSession(tx: Queryable, id: string) {
  await tx.query('UPDATE user_session SET last_seen_at = now() WHERE id = $1', [id]);
}

export async function endSession(tx: Queryable, id: string, reason: string): Promise<boolean> {
  const r = await tx.query('UPDATE user_session SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL', [id, reason]);
  return r.rowCount > 0;
}

/** Ends every open session of a user, except `keep` (the one changing its own password). */
export async function endUserSessions(tx: Queryable, userId: string, reason: string, keep: string | null = null) {
  await tx.query(
    'UPDATE user_session SET ended_at = now(), end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL AND id IS DISTINCT FROM $3',
    [userId, reason, keep],
  );
}

/** Open sessions of the users visible in the transaction's scope, most recently active first. */
export async function listOpenSessions(tx: Queryable, idleSince: Date) {
  const { rows } = await tx.query<{
    id: string; user_id: string; username: string; display_name: string; ip: string | null;
    user_agent: string | null; created_at: Date; last_seen_at: Date;
  }>(
    `SELECT s.id, s.user_id, u.username, u.display_name, s.ip, s.user_agent, s.created_at, s.last_seen_at
       FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.ended_at IS NULL AND s.last_seen_at > $1
      ORDER BY s.last_seen_at DESC LIMIT 500`,
    [idleSince],
  );
  return rows;
}

export async function findSessionOwner(tx: Queryable, sessionId: string) {
  const { rows } = await tx.query<{ user_id: string; username: string }>(
    `SELECT s.user_id, u.username FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.id = $1 AND s.ended_at IS NULL`,
    [sessionId],
  );
  return rows[0];
}

// ---------------------------------------------------------------- principal

export interface SessionPrincipal {
  session_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  id: string;
  username: string;
  display_name: string;
  status: 'active' | 'disabled';
  locked_until: string | null;
  must_change_password: boolean;
  password_changed_at: string;
  totp_enabled: boolean;
  previous_login_at: string | null;
  previous_login_ip: string | null;
  roles: { code: string; name: string; nameEn: string; isAdmin: boolean }[];
  permissions: string[];
  nodes: NodeRef[];
}

/** An open session with its user's roles, permissions and current nodes, in one round trip. */
export async function sessionPrincipal(db: Queryable, tokenHash: string): Promise<SessionPrincipal | undefined> {
  const { rows } = await db.query<{ p: SessionPrincipal | null }>('SELECT linli_session_principal($1) AS p', [tokenHash]);
  return rows[0]?.p ?? undefined;
}


// ---------------------------------------------------------------- user administration

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  status: 'active' | 'disabled';
  locked_until: Date | null;
  failed_attempts: number;
  last_login_at: Date | null;
  created_at: Date;
  version: number;
  roles: { code: string; name: string; nameEn: string; isAdmin: boolean }[];
  nodes: NodeRef[];
}

const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.phone, u.status, u.locked_until, u.failed_attempts,
         u.last_login_at, u.created_at, u.version,
         coalesce((SELECT json_agg(json_build_object('code', r.code, 'name', r.name, 'nameEn', r.name_en, 'isAdmin', r.is_admin) ORDER BY r.code)
                     FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = u.id), '[]') AS roles,
         coalesce((SELECT json_agg(json_build_object('id', n.id, 'code', n.code, 'name', n.name, 'level', n.level, 'path', n.path::text) ORDER BY n.path)
                     FROM user_jurisdiction uj JOIN jurisdiction_node n ON n.id = uj.node_id WHERE uj.user_id = u.id), '[]') AS nodes
    FROM app_user u`;

export interface UserFilter {
  q?: string;
  role?: string;
  status?: 'active' | 'disabled' | 'locked';
  after?: string;
  limit: number;
}

function userWhere(f: UserFilter, params: unknown[], withCursor: boolean): string {
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.q) add(`(u.username ILIKE '%' || ? || '%' OR u.display_name ILIKE '%' || ? || '%')`, f.q);
  if (f.role) add('EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.role_code = ?)', f.role);
  if (f.status === 'locked') where.push('u.locked_until > now()');
  else if (f.status) add('u.status = ?', f.status);
  if (withCursor && f.after) add('lower(u.username) > lower(?)', f.after);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Users visible in scope, by username, keyset-paged on the username. */
export async function listUsers(tx: Queryable, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  const params: unknown[] = [];
  const where = userWhere(f, params, true);
  params.push(f.limit);
  const { rows } = await tx.query<UserRow>(`${USER_SELECT} ${where} ORDER BY lower(u.username) LIMIT $${params.length}`, params);
  const countParams: unknown[] = [];
  const countWhere = userWhere(f, countParams, false);
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user u ${countWhere}`, countParams);
  return { rows, total: total.rows[0]!.n };
}

export async function getUser(tx: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await tx.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return rows[0];
}

export async function usernameExists(tx: Queryable, username: string): Promise<boolean> {
  // Usernames are unique across the city, so the check must see every row, not only the scope's.
  const { rows } = await tx.query<{ taken: boolean }>('SELECT linli_username_taken($1) AS taken', [username]);
  return rows[0]!.taken;
}

export async function insertUser(
  tx: Queryable,
  u: { username: string; displayName: string; phone: string | null; passwordHash: string; mustChangePassword: boolean; path: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, phone, password_hash, must_change_password, path)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [u.username, u.displayName, u.phone, u.passwordHash, u.mustChangePassword, u.path],
  );
  await tx.query('INSERT INTO password_history (user_id, password_hash) VALUES ($1, $2)', [rows[0]!.id, u.passwordHash]);
  return rows[0]!.id;
}

/** Optimistic update: returns false when the version moved on (someone else saved first). */
export async function updateUser(
  tx: Queryable,
  id: string,
  version: number,
  patch: { displayName?: string; phone?: string | null; status?: 'active' | 'disabled'; path?: string },
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE app_user SET
        display_name = coalesce($3, display_name),
        phone = CASE WHEN $4::boolean THEN $5 ELSE phone END,
        status = coalesce($6, status),
        path = coalesce($7::ltree, path),
        version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, patch.displayName ?? null, patch.phone !== undefined, patch.phone ?? null, patch.status ?? null, patch.path ?? null],
  );
  return r.rowCount > 0;
}

export async function replaceUserRoles(tx: Queryable, userId: string, roleCodes: string[]) {
  await tx.query('DELETE FROM user_role WHERE user_id = $1', [userId]);
  await tx.query('INSERT INTO user_role (user_id, role_code) SELECT $1, unnest($2::text[])', [userId, roleCodes]);
}

export async function replaceUserNodes(tx: Queryable, userId: string, nodeIds: string[]) {
  await tx.query('DELETE FROM user_jurisdiction WHERE user_id = $1', [userId]);
  await tx.query('INSERT INTO user_jurisdiction (user_id, node_id) SELECT $1, unnest($2::uuid[])', [userId, nodeIds]);
}

export async function unlockUser(tx: Queryable, id: string): Promise<boolean> {
  const r = await tx.query('UPDATE app_user SET locked_until = NULL, failed_attempts = 0 WHERE id = $1', [id]);
  return r.rowCount > 0;
}

export async function listLockedUsers(tx: Queryable) {
  const { rows } = await tx.query<{ id: string; username: string; display_name: string; locked_until: Date; failed_attempts: number }>(
    `SELECT id, username, display_name, locked_until, failed_attempts FROM app_user
      WHERE locked_until > now() ORDER BY locked_until DESC LIMIT 500`,
  );
  return rows;
}

export interface RoleRow {
  code: string;
  name: string;
  name_en: string;
  permissions: string[];
  is_admin: boolean;
}

export async function listRoles(tx: Queryable): Promise<RoleRow[]> {
  const { rows } = await tx.query<RoleRow>('SELECT code, name, name_en, permissions, is_admin FROM role ORDER BY is_admin DESC, code');
  return rows;
}

export async function countUsers(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
  return rows[0]!.n;
}

// ---------------------------------------------------------------- colleagues
// An active account within the caller's jurisdiction (row-level security on app_user) whose roles
// grant a permission: who work can be handed to.
const HOLDS = `u.status = 'active' AND EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.code = ur.role_code
  WHERE ur.user_id = u.id AND $1 = ANY (r.permissions))`;

export async function activeHolder(tx: Queryable, permission: string, id: string) {
  const { rows } = await tx.query(`SELECT 1 FROM app_user u WHERE ${HOLDS} AND u.id = $2`, [permission, id]);
  return rows.length > 0;
}

/** Active holders of a permission, by name prefix or exact username. */
export async function activeHolders(tx: Queryable, permission: string, q: string | undefined, limit: number) {
  const { rows } = await tx.query<{ id: string; display_name: string; node_name: string | null }>(
    `SELECT u.id, u.display_name, (SELECT n.name FROM linli_node_at(u.path) n) AS node_name
       FROM app_user u
      WHERE ${HOLDS} AND ($2::text IS NULL OR (u.display_name ~>=~ $2 AND u.display_name ~<~ ($2 || chr(1114111))) OR u.username = $2)
      ORDER BY u.display_name, u.id LIMIT $3`,
    [permission, q ?? null, limit],
  );
  return rows;
}


