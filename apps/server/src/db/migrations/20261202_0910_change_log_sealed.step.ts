import type { MigrationContext } from '../migrate.js';
import type { Queryable } from '../database.js';

/**
 * The change history kept the old and new values of every changed column, so the elder health
 * archive and the visit check-in positions written before they were sealed (20261202_03xx, _04xx)
 * still sit there in plaintext. Those keys move into one sealed value per row (`sealed_enc`, AAD
 * `change_log.sealed_enc`); what the history shows of other columns is unchanged, and rows written
 * since hold only the sealed columns' ciphertext.
 */
export const PLAINTEXT_KEYS: Record<string, string[]> = {
  elder_archive: ['chronic_conditions', 'diagnosis_codes', 'medications', 'allergies', 'notes'],
  care_order: ['check_in_lat', 'check_in_lon', 'check_in_acc', 'check_out_lat', 'check_out_lon', 'check_out_acc'],
};

export const SEALED_KEY = 'sealed_enc';
export const SEALED_COLUMN = 'change_log.sealed_enc';

type Values = Record<string, unknown> | null;

export default async function sealChangeLog(tx: Queryable, { cipher }: MigrationContext): Promise<void> {
  for (const [table, keys] of Object.entries(PLAINTEXT_KEYS)) {
    let after = 0;
    for (;;) {
      const { rows } = await tx.query<{ id: number; old_values: Values; new_values: Values }>(
        `SELECT id, old_values, new_values FROM change_log
          WHERE table_name = $1 AND id > $2 AND (coalesce(old_values, '{}') ?| $3 OR coalesce(new_values, '{}') ?| $3)
          ORDER BY id LIMIT 1000`,
        [table, after, keys],
      );
      if (rows.length === 0) break;
      const seal = (v: Values): Values => {
        if (!v) return v;
        const moved = Object.fromEntries(keys.filter((k) => k in v).map((k) => [k, v[k]]));
        if (Object.keys(moved).length === 0) return v;
        const rest = Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k)));
        return { ...rest, [SEALED_KEY]: cipher.sealJson(moved, SEALED_COLUMN) };
      };
      await tx.query(
        `UPDATE change_log c SET old_values = u.old_values, new_values = u.new_values
           FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, old_values jsonb, new_values jsonb)
          WHERE c.id = u.id`,
        [JSON.stringify(rows.map((r) => ({ id: r.id, old_values: seal(r.old_values), new_values: seal(r.new_values) })))],
      );
      after = Number(rows[rows.length - 1]!.id);
    }
  }
}
