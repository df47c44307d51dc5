/**
 * Step 2 of 3 of sealing the devices module's tracks and readings: encrypts the plaintext values
 * of existing rows into the `…_enc` columns added by `20261202_0200`, in batches by key (keyset,
 * so a city's track is read once, not rescanned per batch), one UPDATE … FROM unnest per batch.
 * The values are sealed in the shape the devices module reads (`devices.sealed.ts`); this file
 * keeps its own copy so the migration does not change when the module does.
 */
import type { Queryable } from '../database.js';
import type { MigrationContext } from '../migrate.js';

const BATCH = 2_000;

interface PlainFix { device_id: string; k: string; lat: number; lng: number; accuracy: number | null; altitude: number | null; speed: number | null; course: number | null }

/** Drops null members, as the module does, so a sealed value carries only what was measured. */
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

export default async function sealDevices(tx: Queryable, { cipher }: MigrationContext): Promise<void> {
  // fixes: key (device_id, fixed_at); the time goes round as text so no microsecond is lost
  let after: [string, string] | null = null;
  for (;;) {
    const res: { rows: PlainFix[] } = await tx.query<PlainFix>(
      `SELECT device_id, fixed_at::text AS k, lat, lng, accuracy, altitude, speed, course FROM device_position
        WHERE fix_enc IS NULL ${after ? 'AND (device_id, fixed_at) > ($2::uuid, $3::timestamptz)' : ''}
        ORDER BY device_id, fixed_at LIMIT $1`,
      after ? [BATCH, after[0], after[1]] : [BATCH],
    );
    const rows = res.rows;
    if (!rows.length) break;
    await tx.query(
      `UPDATE device_position p SET fix_enc = u.enc FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(device_id, k, enc)
        WHERE p.device_id = u.device_id AND p.fixed_at = u.k::timestamptz`,
      [rows.map((r) => r.device_id), rows.map((r) => r.k), rows.map((r) => cipher.sealJson(
        compact({ lat: r.lat, lng: r.lng, accuracy: r.accuracy, altitude: r.altitude, speed: r.speed, course: r.course }), 'device_position.fix_enc'))],
    );
    const last: PlainFix = rows[rows.length - 1]!;
    after = [last.device_id, last.k];
  }

  // by uuid key: the watch's latest fix, an alert's position, a reading's values and findings
  const byId = async <R extends { id: string }>(select: (afterId: string | null) => [string, unknown[]], update: string, seal: (r: R) => string[]) => {
    let afterId: string | null = null;
    for (;;) {
      const [sql, args] = select(afterId);
      const { rows } = await tx.query<R>(sql, args);
      if (!rows.length) break;
      const sealed = rows.map(seal);
      await tx.query(update, [rows.map((r) => r.id), ...sealed[0]!.map((_, i) => sealed.map((s) => s[i]))]);
      afterId = rows[rows.length - 1]!.id;
    }
  };
  const page = (from: string, where: string) => (afterId: string | null): [string, unknown[]] => [
    `SELECT * FROM ${from} WHERE ${where} ${afterId ? 'AND id > $2' : ''} ORDER BY id LIMIT $1`, afterId ? [BATCH, afterId] : [BATCH],
  ];

  await byId<{ id: string; last_lat: number; last_lng: number; last_accuracy: number | null }>(
    page('device', 'last_fix_enc IS NULL AND last_lat IS NOT NULL AND last_lng IS NOT NULL'),
    'UPDATE device d SET last_fix_enc = u.enc FROM unnest($1::uuid[], $2::text[]) AS u(id, enc) WHERE d.id = u.id',
    (r) => [cipher.sealJson(compact({ lat: r.last_lat, lng: r.last_lng, accuracy: r.last_accuracy }), 'device.last_fix_enc')],
  );
  await byId<{ id: string; lat: number; lng: number }>(
    page('device_alert', 'position_enc IS NULL AND lat IS NOT NULL AND lng IS NOT NULL'),
    'UPDATE device_alert a SET position_enc = u.enc FROM unnest($1::uuid[], $2::text[]) AS u(id, enc) WHERE a.id = u.id',
    (r) => [cipher.sealJson({ lat: r.lat, lng: r.lng }, 'device_alert.position_enc')],
  );
  await byId<{ id: string; measures: unknown; abnormal: unknown }>(
    page('health_reading', 'measures_enc IS NULL'),
    'UPDATE health_reading h SET measures_enc = u.m, abnormal_enc = u.a FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, m, a) WHERE h.id = u.id',
    (r) => [cipher.sealJson(r.measures, 'health_reading.measures_enc'), cipher.sealJson(r.abnormal ?? [], 'health_reading.abnormal_enc')],
  );

  // thresholds: key (person_id, metric); few rows per elder, so one pass
  const { rows: limits } = await tx.query<{ person_id: string; metric: string; low: number | null; high: number | null }>(
    'SELECT person_id, metric, low, high FROM health_threshold WHERE limits_enc IS NULL',
  );
  for (let i = 0; i < limits.length; i += BATCH) {
    const part = limits.slice(i, i + BATCH);
    await tx.query(
      `UPDATE health_threshold t SET limits_enc = u.enc FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(person_id, metric, enc)
        WHERE t.person_id = u.person_id AND t.metric = u.metric`,
      [part.map((r) => r.person_id), part.map((r) => r.metric), part.map((r) => cipher.sealJson({ low: r.low, high: r.high }, 'health_threshold.limits_enc'))],
    );
  }
}
