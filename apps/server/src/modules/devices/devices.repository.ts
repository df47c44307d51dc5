import type { Queryable } from '../../db/database.js';
import { nodeFigures } from '../../db/node-figures.js';

/** One fix of a watch, as stored (device_position): the position itself sealed (`devices.sealed.ts`). */
export interface FixRow {
  fixed_at: Date;
  fix_enc: string;
  valid: boolean;
  source: 'gps' | 'wifi' | 'cell';
  device_id: string;
}

/** The fixes of an elder's watches in [from, to], oldest first (uses the (person, time) index). */
export async function fixesOf(tx: Queryable, personId: string, from: Date, to: Date, limit = 20_000): Promise<FixRow[]> {
  const { rows } = await tx.query<FixRow>(
    `SELECT fixed_at, fix_enc, valid, source, device_id FROM device_position
      WHERE person_id = $1 AND fixed_at >= $2 AND fixed_at <= $3
      ORDER BY fixed_at LIMIT $4`,
    [personId, from, to, limit],
  );
  return rows;
}

// ---- devices

export interface DeviceRow {
  id: string; thing_id: string; district_code: string; path: string; kind: 'watch' | 'kiosk'; serial_no: string; maker: string | null;
  model: string | null; person_id: string | null; person_name: string | null; key_hash: string | null; firmware: string | null;
  battery: number | null; last_seen_at: Date | null; online: boolean; worn: boolean | null; last_fix_at: Date | null;
  last_fix_enc: string | null; name: string; node_name: string | null;
  created_at: Date; version: number;
}

const DEVICE_COLS = `d.*, t.name, (SELECT p.name FROM person p WHERE p.id = d.person_id) AS person_name, (SELECT n.name FROM linli_node_at(d.path) n) AS node_name`;

export async function deviceById(tx: Queryable, id: string): Promise<DeviceRow | undefined> {
  const { rows } = await tx.query<DeviceRow>(`SELECT ${DEVICE_COLS} FROM device d JOIN thing t ON t.id = d.thing_id WHERE d.id = $1`, [id]);
  return rows[0];
}

/** What ingestion needs to know of a device, by the serial (IMEI / 3G id) it reports. */
export interface DeviceKey {
  id: string; kind: 'watch' | 'kiosk'; path: string; district_code: string; person_id: string | null; key_hash: string | null;
  worn: boolean | null; online: boolean; battery: number | null; thing_id: string;
}

export async function deviceBySerial(tx: Queryable, serial: string): Promise<DeviceKey | undefined> {
  const { rows } = await tx.query<DeviceKey>(
    'SELECT id, kind, path::text AS path, district_code, person_id, key_hash, worn, online, battery, thing_id FROM device WHERE serial_no = $1',
    [serial],
  );
  return rows[0];
}

export async function serialTaken(tx: Queryable, serial: string): Promise<boolean> {
  const { rows } = await tx.query<{ taken: boolean }>('SELECT linli_device_serial_taken($1) AS taken', [serial]);
  return rows[0]?.taken === true;
}

export interface DeviceFilter { q?: string; kind?: string; personId?: string; status?: 'online' | 'offline'; underPath?: string; offset: number; limit: number; sort: 'serial' | 'last_seen' | 'battery'; order: 'asc' | 'desc' }

const SORTS = { serial: 'd.serial_no', last_seen: 'd.last_seen_at', battery: 'd.battery' } as const;

export async function listDevices(tx: Queryable, f: DeviceFilter): Promise<{ rows: DeviceRow[]; total: number }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
  if (f.kind) add('d.kind = ?', f.kind);
  if (f.personId) add('d.person_id = ?::uuid', f.personId);
  if (f.status) add('d.online = ?', f.status === 'online');
  if (f.underPath) add('d.path <@ ?::ltree', f.underPath);
  if (f.q) add('(strpos(d.serial_no, ?) > 0 OR EXISTS (SELECT 1 FROM person p WHERE p.id = d.person_id AND strpos(p.name, $Q) > 0))', f.q);
  if (f.q) where[where.length - 1] = where[where.length - 1]!.replace('$Q', `$${args.length}`);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = `${SORTS[f.sort]} ${f.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, d.id`;
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM device d ${w}`, args);
  const { rows } = await tx.query<DeviceRow>(
    `SELECT ${DEVICE_COLS} FROM (SELECT d.* FROM device d ${w} ORDER BY ${order} LIMIT ${f.limit} OFFSET ${f.offset}) d JOIN thing t ON t.id = d.thing_id ORDER BY ${order}`,
    args,
  );
  return { rows, total: total.rows[0]!.n };
}

export async function insertDevice(tx: Queryable, v: { thing_id: string; district_code: string; path: string; kind: string; serial_no: string; maker?: string | null; model?: string | null; person_id?: string | null; key_hash?: string | null; firmware?: string | null }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO device (thing_id, district_code, path, kind, serial_no, maker, model, person_id, key_hash, firmware)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [v.thing_id, v.district_code, v.path, v.kind, v.serial_no, v.maker ?? null, v.model ?? null, v.person_id ?? null, v.key_hash ?? null, v.firmware ?? null],
  );
  return rows[0]!.id;
}

export async function updateDevice(tx: Queryable, id: string, version: number, v: { person_id?: string | null; model?: string | null; key_hash?: string }): Promise<boolean> {
  const sets: string[] = [];
  const args: unknown[] = [id, version];
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    args.push(val);
    sets.push(`${k} = $${args.length}`);
  }
  const r = await tx.query(`UPDATE device SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2`, args);
  return r.rowCount > 0;
}

// ---- contacts

export interface ContactRow { id: string; device_id: string; role: 'family' | 'emergency'; person_id: string; name: string }

export async function contactsOf(tx: Queryable, deviceId: string): Promise<ContactRow[]> {
  const { rows } = await tx.query<ContactRow>(
    `SELECT c.id, c.device_id, c.role, c.person_id, p.name FROM device_contact c JOIN person p ON p.id = c.person_id
      WHERE c.device_id = $1 ORDER BY c.role, c.created_at`,
    [deviceId],
  );
  return rows;
}

export async function replaceContacts(tx: Queryable, device: { id: string; path: string; district_code: string }, contacts: { role: string; personId: string }[]) {
  await tx.query('DELETE FROM device_contact WHERE device_id = $1', [device.id]);
  for (const c of contacts) {
    await tx.query(
      'INSERT INTO device_contact (device_id, district_code, path, role, person_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [device.id, device.district_code, device.path, c.role, c.personId],
    );
  }
}

// ---- positions (ingestion)

export interface PositionIn {
  device_id: string; person_id: string | null; district_code: string; path: string; fixed_at: Date; valid: boolean; source: 'gps' | 'wifi' | 'cell';
  /** the sealed fix (lat, lng, accuracy, altitude, speed, course) */
  fix_enc: string; satellites: number | null; battery: number | null;
}

const POSITION_COLS = ['device_id', 'person_id', 'district_code', 'path', 'fixed_at', 'valid', 'source', 'fix_enc', 'satellites', 'battery'] as const;

/**
 * Stores a batch of fixes in one multi-row INSERT; a fix already stored (same device and time) is
 * skipped. Returns the keys of the rows that were new, so only they go on to zones and alerts.
 */
export async function insertPositions(tx: Queryable, batch: PositionIn[]): Promise<{ device_id: string; fixed_at: Date }[]> {
  if (!batch.length) return [];
  // one array per column (10 parameters whatever the batch size): cheap to send and to plan
  const col = <K extends keyof PositionIn>(k: K) => batch.map((p) => p[k]);
  const { rows } = await tx.query<{ device_id: string; fixed_at: Date }>(
    `INSERT INTO device_position (${POSITION_COLS.join(', ')})
     SELECT u.device_id, u.person_id, u.district_code, u.path::ltree, u.fixed_at, u.valid, u.source, u.fix_enc, u.satellites, u.battery
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::boolean[], $7::text[], $8::text[], $9::smallint[], $10::smallint[])
         AS u(device_id, person_id, district_code, path, fixed_at, valid, source, fix_enc, satellites, battery)
     ON CONFLICT (device_id, fixed_at) DO NOTHING RETURNING device_id, fixed_at`,
    POSITION_COLS.map((c) => col(c)),
  );
  return rows;
}

/** Marks devices seen (and their latest fix, sealed; battery, firmware, worn state) in one statement. */
export async function touchDevices(tx: Queryable, updates: { id: string; seen_at: Date; battery: number | null; fix: { at: Date; enc: string } | null; worn: boolean | null; firmware: string | null }[]) {
  if (!updates.length) return;
  await tx.query(
    `UPDATE device d SET
        last_seen_at = GREATEST(d.last_seen_at, u.seen_at), online = true,
        battery = coalesce(u.battery, d.battery), worn = coalesce(u.worn, d.worn), firmware = coalesce(u.firmware, d.firmware),
        last_fix_at = CASE WHEN u.fix_at IS NOT NULL AND (d.last_fix_at IS NULL OR u.fix_at > d.last_fix_at) THEN u.fix_at ELSE d.last_fix_at END,
        last_fix_enc = CASE WHEN u.fix_at IS NOT NULL AND (d.last_fix_at IS NULL OR u.fix_at > d.last_fix_at) THEN u.fix_enc ELSE d.last_fix_enc END
       FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, seen_at timestamptz, battery smallint, worn boolean, firmware text, fix_at timestamptz, fix_enc text)
      WHERE d.id = u.id`,
    [JSON.stringify(updates.map((u) => ({ id: u.id, seen_at: u.seen_at, battery: u.battery, worn: u.worn, firmware: u.firmware, fix_at: u.fix?.at ?? null, fix_enc: u.fix?.enc ?? null })))],
  );
}

/** Watches online whose last message is older than `before`: they go offline (returned once). */
export async function markOffline(tx: Queryable, before: Date): Promise<{ id: string; person_id: string | null; path: string; district_code: string; last_seen_at: Date; last_fix_enc: string | null }[]> {
  const { rows } = await tx.query<{ id: string; person_id: string | null; path: string; district_code: string; last_seen_at: Date; last_fix_enc: string | null }>(
    `UPDATE device SET online = false WHERE online AND kind = 'watch' AND last_seen_at < $1
     RETURNING id, person_id, path::text AS path, district_code, last_seen_at, last_fix_enc`,
    [before],
  );
  return rows;
}

// ---- safe zones

export interface ZoneRow {
  id: string; person_id: string; path: string; district_code: string; name: string; shape: 'circle' | 'polygon';
  center_lat: number | null; center_lng: number | null; radius_m: number | null; polygon: { lat: number; lng: number }[] | null;
  from_minute: number | null; to_minute: number | null; enabled: boolean; outside_since: Date | null; outside_fixes: number; exited: boolean; version: number;
}

export async function zonesOf(tx: Queryable, personIds: string[], enabledOnly = true): Promise<ZoneRow[]> {
  if (!personIds.length) return [];
  const { rows } = await tx.query<ZoneRow>(
    `SELECT *, path::text AS path FROM safe_zone WHERE person_id = ANY($1::uuid[]) ${enabledOnly ? 'AND enabled' : ''} ORDER BY created_at`,
    [personIds],
  );
  return rows;
}

export async function zoneById(tx: Queryable, id: string): Promise<ZoneRow | undefined> {
  const { rows } = await tx.query<ZoneRow>('SELECT *, path::text AS path FROM safe_zone WHERE id = $1', [id]);
  return rows[0];
}

export async function insertZone(tx: Queryable, z: { person_id: string; path: string; district_code: string; name: string; shape: string; center_lat?: number | null; center_lng?: number | null; radius_m?: number | null; polygon?: unknown; from_minute?: number | null; to_minute?: number | null }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO safe_zone (person_id, path, district_code, name, shape, center_lat, center_lng, radius_m, polygon, from_minute, to_minute)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [z.person_id, z.path, z.district_code, z.name, z.shape, z.center_lat ?? null, z.center_lng ?? null, z.radius_m ?? null, z.polygon ? JSON.stringify(z.polygon) : null, z.from_minute ?? null, z.to_minute ?? null],
  );
  return rows[0]!.id;
}

/** Deletes a zone (when `version` is given, only that version of it). */
export async function deleteZone(tx: Queryable, id: string, version?: number): Promise<boolean> {
  return (await tx.query(`DELETE FROM safe_zone WHERE id = $1 ${version === undefined ? '' : 'AND version = $2'}`, version === undefined ? [id] : [id, version])).rowCount > 0;
}

export interface ZoneChange {
  name?: string; center_lat?: number; center_lng?: number; radius_m?: number; polygon?: { lat: number; lng: number }[];
  from_minute?: number | null; to_minute?: number | null; enabled?: boolean;
}

/**
 * Changes a zone when its version still matches. `reset` (a new outline or hours) starts its exit
 * debounce afresh: what was counted against the old outline says nothing about the new one.
 */
export async function updateZone(tx: Queryable, id: string, version: number, v: ZoneChange, reset: boolean): Promise<boolean> {
  const sets: string[] = [];
  const args: unknown[] = [id, version];
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    args.push(k === 'polygon' ? JSON.stringify(val) : val);
    sets.push(`${k} = $${args.length}`);
  }
  if (reset) sets.push('outside_since = NULL', 'outside_fixes = 0', 'exited = false');
  const r = await tx.query(`UPDATE safe_zone SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2`, args);
  return r.rowCount > 0;
}

/**
 * Saves the debounce state ingestion computed, for zones still at the version it read: a zone
 * edited meanwhile keeps its fresh state (the next fix is weighed against the new outline).
 */
export async function saveZoneStates(tx: Queryable, states: { id: string; version: number; outside_since: Date | null; outside_fixes: number; exited: boolean }[]) {
  if (!states.length) return;
  await tx.query(
    `UPDATE safe_zone z SET outside_since = s.outside_since, outside_fixes = s.outside_fixes, exited = s.exited
       FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, version int, outside_since timestamptz, outside_fixes int, exited boolean)
      WHERE z.id = s.id AND z.version = s.version`,
    [JSON.stringify(states)],
  );
}

// ---- alerts

export interface AlertRow {
  id: string; device_id: string; person_id: string | null; district_code: string; path: string; kind: string; alert_key: string;
  raised_at: Date; created_at: Date; position_enc: string | null; detail: Record<string, unknown>; state: 'open' | 'acknowledged' | 'closed';
  level: number; escalate_at: Date | null; acknowledged_at: Date | null; acknowledged_by: string | null; closed_at: Date | null; closed_by: string | null;
  note: string | null; version: number; person_name?: string | null; serial_no?: string | null; node_name?: string | null;
}

/**
 * Every write of an alert tells the other processes at commit: NOTIFY `linli_alerts` with the
 * alert's id (the api processes push it to their live pages, the devices process to MQTT; other
 * modules may listen too). PGlite delivers it within its one process.
 */
export const ALERTS_CHANNEL = 'linli_alerts';
async function notifyAlerts(tx: Queryable, ids: string[]) {
  if (ids.length) await tx.query(`SELECT pg_notify('${ALERTS_CHANNEL}', id) FROM unnest($1::text[]) AS id`, [ids]);
}

/**
 * Fixes are told to every process the same way at commit: NOTIFY `linli_positions` naming each
 * new fix by its key, `<device id>|<fix time in ms>`, comma-separated, as many per notification as
 * fit under PostgreSQL's 8 000-byte payload. Never a coordinate: a listener reads the sealed fix.
 */
export const POSITIONS_CHANNEL = 'linli_positions';
const POSITION_PAYLOAD_MAX = 7_900;

/** The notifications' payloads for a batch of fix keys (pure; several when they do not fit one). */
export function positionPayloads(keys: { device_id: string; fixed_at: Date }[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const k of keys) {
    const one = `${k.device_id}|${k.fixed_at.getTime()}`;
    if (cur && cur.length + 1 + one.length > POSITION_PAYLOAD_MAX) {
      out.push(cur);
      cur = one;
    } else cur = cur ? `${cur},${one}` : one;
  }
  if (cur) out.push(cur);
  return out;
}

export async function notifyPositions(tx: Queryable, keys: { device_id: string; fixed_at: Date }[]) {
  const payloads = positionPayloads(keys);
  if (payloads.length) await tx.query(`SELECT pg_notify('${POSITIONS_CHANNEL}', p) FROM unnest($1::text[]) AS p`, [payloads]);
}

/** The fixes a notification named (device, time), oldest first, with what the live map shows; the position sealed. */
export async function positionsByKeys(tx: Queryable, keys: { device_id: string; fixed_at: Date }[]) {
  const { rows } = await tx.query<{ device_id: string; person_id: string | null; path: string; fixed_at: Date; valid: boolean; fix_enc: string }>(
    `SELECT p.device_id, p.person_id, p.path::text AS path, p.fixed_at, p.valid, p.fix_enc
       FROM unnest($1::uuid[], $2::timestamptz[]) AS k(device_id, fixed_at)
       JOIN device_position p ON p.device_id = k.device_id AND p.fixed_at = k.fixed_at
      ORDER BY p.fixed_at`,
    [keys.map((k) => k.device_id), keys.map((k) => k.fixed_at)],
  );
  return rows;
}

export interface AlertIn { device_id: string; person_id: string | null; district_code: string; path: string; kind: string; alert_key: string; raised_at: Date; position_enc: string | null; detail: Record<string, unknown>; escalate_at: Date }

/** Stores an alert once per (device, key); returns it only when it is new. */
export async function insertAlert(tx: Queryable, a: AlertIn): Promise<AlertRow | undefined> {
  const { rows } = await tx.query<AlertRow>(
    `INSERT INTO device_alert (device_id, person_id, district_code, path, kind, alert_key, raised_at, position_enc, detail, escalate_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (device_id, alert_key) DO NOTHING RETURNING *, path::text AS path`,
    [a.device_id, a.person_id, a.district_code, a.path, a.kind, a.alert_key, a.raised_at, a.position_enc, JSON.stringify(a.detail), a.escalate_at],
  );
  if (rows[0]) await notifyAlerts(tx, [rows[0].id]);
  return rows[0];
}

const ALERT_COLS = `a.*, a.path::text AS path, (SELECT p.name FROM person p WHERE p.id = a.person_id) AS person_name,
  (SELECT d.serial_no FROM device d WHERE d.id = a.device_id) AS serial_no, (SELECT n.name FROM linli_node_at(a.path) n) AS node_name`;

export async function alertById(tx: Queryable, id: string): Promise<AlertRow | undefined> {
  const { rows } = await tx.query<AlertRow>(`SELECT ${ALERT_COLS} FROM device_alert a WHERE a.id = $1`, [id]);
  return rows[0];
}

/** Alerts by id, in the order asked (the live feed reads what a NOTIFY named). */
export async function alertsByIds(tx: Queryable, ids: string[]): Promise<AlertRow[]> {
  const { rows } = await tx.query<AlertRow>(`SELECT ${ALERT_COLS} FROM device_alert a WHERE a.id = ANY($1::uuid[]) ORDER BY a.raised_at, a.id`, [ids]);
  return rows;
}

export interface AlertFilter { state?: string; kind?: string; personId?: string; underPath?: string; offset: number; limit: number; order: 'asc' | 'desc' }

export async function listAlerts(tx: Queryable, f: AlertFilter): Promise<{ rows: AlertRow[]; total: number }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
  if (f.state) add('a.state = ?', f.state);
  if (f.kind) add('a.kind = ?', f.kind);
  if (f.personId) add('a.person_id = ?::uuid', f.personId);
  if (f.underPath) add('a.path <@ ?::ltree', f.underPath);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = f.order === 'asc' ? 'ASC' : 'DESC';
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM device_alert a ${w}`, args);
  const { rows } = await tx.query<AlertRow>(
    `SELECT ${ALERT_COLS} FROM (SELECT a.* FROM device_alert a ${w} ORDER BY a.raised_at ${dir}, a.id LIMIT ${f.limit} OFFSET ${f.offset}) a ORDER BY a.raised_at ${dir}, a.id`,
    args,
  );
  return { rows, total: total.rows[0]!.n };
}

/** Open alerts whose escalation time has passed, locked so two job runners never move one twice. */
export async function dueAlerts(tx: Queryable, now: Date, limit: number): Promise<AlertRow[]> {
  const { rows } = await tx.query<AlertRow>(
    `SELECT *, path::text AS path FROM device_alert WHERE state = 'open' AND escalate_at <= $1 ORDER BY escalate_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows;
}

export async function setEscalation(tx: Queryable, id: string, level: number, escalateAt: Date | null) {
  await tx.query('UPDATE device_alert SET level = $2, escalate_at = $3, version = version + 1 WHERE id = $1', [id, level, escalateAt]);
  await notifyAlerts(tx, [id]);
}

export async function insertStep(tx: Queryable, s: { alert_id: string; path: string; district_code: string; level: number; target: string; recipients: unknown[] }) {
  await tx.query(
    `INSERT INTO device_alert_step (alert_id, path, district_code, level, target, recipients) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (alert_id, level) DO NOTHING`,
    [s.alert_id, s.path, s.district_code, s.level, s.target, JSON.stringify(s.recipients)],
  );
}

export async function stepsOf(tx: Queryable, alertId: string): Promise<{ level: number; target: string; recipients: { name: string }[]; at: Date }[]> {
  const { rows } = await tx.query<{ level: number; target: string; recipients: { name: string }[]; at: Date }>(
    'SELECT level, target, recipients, at FROM device_alert_step WHERE alert_id = $1 ORDER BY level', [alertId],
  );
  return rows;
}

/** Acknowledge (stops escalation) or close an alert, when its version still matches. */
export async function setAlertState(tx: Queryable, id: string, version: number, state: 'acknowledged' | 'closed', by: string, note: string | null): Promise<boolean> {
  const r = await tx.query(
    state === 'acknowledged'
      ? `UPDATE device_alert SET state = 'acknowledged', acknowledged_at = now(), acknowledged_by = $3, note = coalesce($4, note), escalate_at = NULL, version = version + 1
          WHERE id = $1 AND version = $2 AND state = 'open'`
      : `UPDATE device_alert SET state = 'closed', closed_at = now(), closed_by = $3, note = coalesce($4, note), escalate_at = NULL,
            acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, $3), version = version + 1
          WHERE id = $1 AND version = $2 AND state <> 'closed'`,
    [id, version, by, note],
  );
  if (r.rowCount > 0) await notifyAlerts(tx, [id]);
  return r.rowCount > 0;
}

export async function alertCounts(tx: Queryable): Promise<{ state: string; kind: string; n: number }[]> {
  const { rows } = await tx.query<{ state: string; kind: string; n: number }>('SELECT state, kind, count(*)::int AS n FROM device_alert GROUP BY state, kind');
  return rows;
}

// ---- health readings

/** A kiosk reading as stored: its values and the metrics beyond the limits sealed (`devices.sealed.ts`). */
export interface ReadingRow { id: string; device_id: string; person_id: string; kind: string; measured_at: Date; measures_enc: string; unit: string; abnormal_enc: string; event_id: string | null }

export async function insertReading(tx: Queryable, r: { device_id: string; person_id: string; path: string; district_code: string; reading_key: string; kind: string; measured_at: Date; measures_enc: string; unit: string; abnormal_enc: string }): Promise<ReadingRow | undefined> {
  const { rows } = await tx.query<ReadingRow>(
    `INSERT INTO health_reading (device_id, person_id, path, district_code, reading_key, kind, measured_at, measures_enc, unit, abnormal_enc)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (device_id, reading_key) DO NOTHING RETURNING *`,
    [r.device_id, r.person_id, r.path, r.district_code, r.reading_key, r.kind, r.measured_at, r.measures_enc, r.unit, r.abnormal_enc],
  );
  return rows[0];
}

export async function setReadingEvent(tx: Queryable, id: string, eventId: string) {
  await tx.query('UPDATE health_reading SET event_id = $2 WHERE id = $1', [id, eventId]);
}

export async function readingsOf(tx: Queryable, personId: string, since: Date, limit = 200): Promise<ReadingRow[]> {
  const { rows } = await tx.query<ReadingRow>(
    'SELECT * FROM health_reading WHERE person_id = $1 AND measured_at >= $2 ORDER BY measured_at DESC LIMIT $3', [personId, since, limit],
  );
  return rows;
}

/** An elder's own limits, sealed ({low, high} per metric). */
export async function thresholdsOf(tx: Queryable, personId: string): Promise<{ metric: string; limits_enc: string }[]> {
  const { rows } = await tx.query<{ metric: string; limits_enc: string }>('SELECT metric, limits_enc FROM health_threshold WHERE person_id = $1 ORDER BY metric', [personId]);
  return rows;
}

export async function upsertThreshold(tx: Queryable, t: { person_id: string; metric: string; path: string; district_code: string; limits_enc: string }) {
  await tx.query(
    `INSERT INTO health_threshold (person_id, metric, path, district_code, limits_enc) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (person_id, metric) DO UPDATE SET limits_enc = EXCLUDED.limits_enc, updated_at = now()`,
    [t.person_id, t.metric, t.path, t.district_code, t.limits_enc],
  );
}

// ---- retention

/** Deletes up to `limit` fixes taken before `before` (one batch; the caller loops). */
export async function purgePositions(tx: Queryable, before: Date, limit: number): Promise<number> {
  const r = await tx.query(
    `DELETE FROM device_position WHERE (device_id, fixed_at) IN (SELECT device_id, fixed_at FROM device_position WHERE fixed_at < $1 LIMIT $2)`,
    [before, limit],
  );
  return r.rowCount;
}

/** Deletes up to `limit` kiosk readings measured before `before`. */
export async function purgeReadings(tx: Queryable, before: Date, limit: number): Promise<number> {
  const r = await tx.query(`DELETE FROM health_reading WHERE id IN (SELECT id FROM health_reading WHERE measured_at < $1 LIMIT $2)`, [before, limit]);
  return r.rowCount;
}

// ---- people the module refers to (read only)

/** A registry person's place and age, for binding a watch or filing a reading. */
export async function personPlace(tx: Queryable, id: string): Promise<{ id: string; name: string; path: string; district_code: string; birth_date: string | null } | undefined> {
  const { rows } = await tx.query<{ id: string; name: string; path: string; district_code: string; birth_date: string | null }>(
    'SELECT id, name, path::text AS path, district_code, birth_date FROM person WHERE id = $1', [id],
  );
  return rows[0];
}

/** The jurisdiction node a path names (an owner lookup through linli_node_at). */
export async function nodeIdAt(tx: Queryable, path: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string | null }>('SELECT n.id FROM linli_node_at($1::ltree) n', [path]);
  return rows[0]?.id ?? null;
}

/** Demo seeding: elders (60+) of a jurisdiction subtree without a watch, with their home building's position when known. */
export async function eldersWithoutWatch(tx: Queryable, underPath: string, bornBefore: string, limit: number): Promise<{ id: string; name: string; lat: number | null; lng: number | null }[]> {
  const { rows } = await tx.query<{ id: string; name: string; lat: number | null; lng: number | null }>(
    `SELECT p.id, p.name,
            (SELECT b.lat FROM person_house ph JOIN house h ON h.id = ph.house_id JOIN building b ON b.id = h.building_id WHERE ph.person_id = p.id AND ph.valid_to IS NULL LIMIT 1) AS lat,
            (SELECT b.lon FROM person_house ph JOIN house h ON h.id = ph.house_id JOIN building b ON b.id = h.building_id WHERE ph.person_id = p.id AND ph.valid_to IS NULL LIMIT 1) AS lng
       FROM person p
      WHERE p.path <@ $1::ltree AND p.status = 'active' AND p.birth_date <= $2::date
        AND NOT EXISTS (SELECT 1 FROM device d WHERE d.person_id = p.id)
      ORDER BY p.path, p.id LIMIT $3`,
    [underPath, bornBefore, limit],
  );
  return rows;
}

export async function countDevices(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM device');
  return rows[0]!.n;
}

/** A node's path by its code (demo seeding places the kiosk in a named community). */
export async function pathOfCode(tx: Queryable, code: string): Promise<string | null> {
  const { rows } = await tx.query<{ path: string }>('SELECT path::text AS path FROM jurisdiction_node WHERE code = $1 AND valid_to IS NULL LIMIT 1', [code]);
  return rows[0]?.path ?? null;
}

/**
 * Alerts in a state (open: not yet acknowledged) under a node, by kind, cut by the nodes at
 * `depth`: the cockpit's 未处置告警, from `device_alert_stats` (kept by triggers), not the alerts.
 */
export async function alertFigures(tx: Queryable, nodePath: string, depth: number, q: { state: string; kind?: string }) {
  const rows = await nodeFigures(tx, {
    table: 'device_alert_stats', value: 'n', keys: { kind: 'kind' },
    where: ['state = $3', ...(q.kind ? ['kind = $4'] : [])], params: [q.state, ...(q.kind ? [q.kind] : [])],
  }, nodePath, depth);
  return rows.map((r) => ({ area: r.area, kind: String(r.kind), n: r.n }));
}
