import type { Queryable } from '../database.js';
import type { MigrationContext } from '../migrate.js';

/**
 * Seals the care module's plaintext positions (see `20261202_0300_care_sealed.sql`): each fix
 * becomes `sealJson({lat, lon, accuracy}, '<table>.<column>')` in its `…_enc` column, a batch of
 * rows at a time by key. Positions copied elsewhere are taken out: an exception's detail kept the
 * check-in's latitude and longitude (the distance stays; the position is the order's, sealed), a
 * step's payload its position (now sealed beside it), and the change history the plaintext values
 * of both. The figure, history and cockpit triggers of the tables are off while the step rewrites
 * them: it changes no figure, and a history row per sealed value would only be noise. A plan's
 * care needs are sealed the same way (`care_plan.needs_enc`, a JSON list; '[]' when none).
 */
const BATCH = 2000;
const PLAIN_ORDER_KEYS = ['check_in_lat', 'check_in_lon', 'check_in_acc', 'check_out_lat', 'check_out_lon', 'check_out_acc'];

type Fix = { lat: number; lon: number; accuracy: number | null };
const fixOf = (lat: number | null, lon: number | null, accuracy: number | null = null): Fix | null =>
  lat === null || lon === null ? null : { lat: Number(lat), lon: Number(lon), accuracy: accuracy === null ? null : Number(accuracy) };

/** Runs `fn` with the table's enabled user triggers off, and turns the same ones on again. */
async function withoutTriggers(tx: Queryable, table: string, fn: () => Promise<void>) {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgenabled <> 'D'`, [table]);
  for (const t of rows) await tx.exec(`ALTER TABLE ${table} DISABLE TRIGGER "${t.name}"`);
  await fn();
  for (const t of rows) await tx.exec(`ALTER TABLE ${table} ENABLE TRIGGER "${t.name}"`);
}

/** Pages through a table's rows that still need sealing, by key. */
async function inBatches<R extends { id: string }>(tx: Queryable, select: (after: string) => Promise<R[]>, write: (rows: R[]) => Promise<void>) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await select(after);
    if (!rows.length) return;
    await write(rows);
    after = rows.at(-1)!.id;
  }
}

export default async function sealCarePositions(tx: Queryable, { cipher }: MigrationContext) {
  const seal = (fix: Fix | null, column: string) => (fix ? cipher.sealJson(fix, column) : null);

  await withoutTriggers(tx, 'care_order', () => inBatches(tx,
    async (after) => (await tx.query<{ id: string; il: number | null; io: number | null; ia: number | null; ol: number | null; oo: number | null; oa: number | null }>(
      `SELECT id, check_in_lat AS il, check_in_lon AS io, check_in_acc AS ia, check_out_lat AS ol, check_out_lon AS oo, check_out_acc AS oa
         FROM care_order WHERE id > $1 AND (check_in_lat IS NOT NULL OR check_out_lat IS NOT NULL) ORDER BY id LIMIT ${BATCH}`, [after])).rows,
    async (rows) => {
      await tx.query(
        `UPDATE care_order o SET check_in_fix_enc = x.i, check_out_fix_enc = x.o
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, i, o) WHERE o.id = x.id`,
        [rows.map((r) => r.id), rows.map((r) => seal(fixOf(r.il, r.io, r.ia), 'care_order.check_in_fix_enc')),
          rows.map((r) => seal(fixOf(r.ol, r.oo, r.oa), 'care_order.check_out_fix_enc'))],
      );
    }));

  await inBatches(tx,
    async (after) => (await tx.query<{ id: string; lat: number | null; lon: number | null }>(
      `SELECT id, lat, lon FROM care_photo WHERE id > $1 AND lat IS NOT NULL ORDER BY id LIMIT ${BATCH}`, [after])).rows,
    async (rows) => {
      await tx.query('UPDATE care_photo c SET fix_enc = x.f FROM unnest($1::uuid[], $2::text[]) AS x(id, f) WHERE c.id = x.id',
        [rows.map((r) => r.id), rows.map((r) => seal(fixOf(r.lat, r.lon), 'care_photo.fix_enc'))]);
    });

  await inBatches(tx,
    async (after) => (await tx.query<{ id: string; position: { lat?: number; lon?: number; accuracy?: number } | null }>(
      `SELECT id, payload->'position' AS position FROM care_visit_step WHERE id > $1 AND payload ? 'position' ORDER BY id LIMIT ${BATCH}`, [after])).rows,
    async (rows) => {
      await tx.query(
        `UPDATE care_visit_step s SET fix_enc = x.f, payload = s.payload - 'position' FROM unnest($1::uuid[], $2::text[]) AS x(id, f) WHERE s.id = x.id`,
        [rows.map((r) => r.id), rows.map((r) => seal(fixOf(r.position?.lat ?? null, r.position?.lon ?? null, r.position?.accuracy ?? null), 'care_visit_step.fix_enc'))],
      );
    });

  await withoutTriggers(tx, 'care_plan', () => inBatches(tx,
    async (after) => (await tx.query<{ id: string; needs: string[] }>(
      `SELECT id, needs FROM care_plan WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [after])).rows,
    async (rows) => {
      await tx.query('UPDATE care_plan p SET needs_enc = x.n FROM unnest($1::uuid[], $2::text[]) AS x(id, n) WHERE p.id = x.id',
        [rows.map((r) => r.id), rows.map((r) => cipher.sealJson(r.needs ?? [], 'care_plan.needs_enc'))]);
    }));

  // the distance exceptions kept the check-in's or check-out's position beside the distance
  await withoutTriggers(tx, 'care_exception', async () => {
    await tx.query(`UPDATE care_exception SET detail = detail - 'lat' - 'lon' WHERE detail ?| ARRAY['lat', 'lon']`);
  });

  // the change history of orders and exceptions holds the plaintext values it saw
  await tx.query(
    `UPDATE change_log SET old_values = old_values - $1::text[], new_values = new_values - $1::text[]
      WHERE table_name = 'care_order' AND (old_values ?| $1::text[] OR new_values ?| $1::text[])`, [PLAIN_ORDER_KEYS]);
  await tx.query(
    `UPDATE change_log SET old_values = old_values - 'needs', new_values = new_values - 'needs'
      WHERE table_name = 'care_plan' AND (old_values ? 'needs' OR new_values ? 'needs')`);
  await tx.query(
    `UPDATE change_log SET
        old_values = CASE WHEN jsonb_typeof(old_values->'detail') = 'object' THEN jsonb_set(old_values, '{detail}', (old_values->'detail') - 'lat' - 'lon') ELSE old_values END,
        new_values = CASE WHEN jsonb_typeof(new_values->'detail') = 'object' THEN jsonb_set(new_values, '{detail}', (new_values->'detail') - 'lat' - 'lon') ELSE new_values END
      WHERE table_name = 'care_exception' AND (old_values->'detail' ?| ARRAY['lat', 'lon'] OR new_values->'detail' ?| ARRAY['lat', 'lon'])`);
}
