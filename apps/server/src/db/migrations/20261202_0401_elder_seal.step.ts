import type { Queryable } from '../database.js';
import type { DataStep } from '../migrate.js';

/**
 * Seals the elder module's plaintext health data in place, in batches by key: the archive's
 * health part, an assessment's answers / facts / subtotals / raises / notes, a risk event's kind
 * (with its keyed hash) and note. The health values the change log kept of archives are sealed
 * by 20261202_0910_change_log_sealed.step.ts (the change history's own convention, `sealed_enc`).
 * The shapes are those of `modules/elder/elder.sealed.ts` as of this migration (kept here, so
 * this step stays what it was when it ran). Rows already sealed are left as they are. Row
 * triggers stay off meanwhile: sealing changes no statistic and is not an edit of the archive.
 */
const BATCH = 2000;

async function batches<R extends { id: string }>(tx: Queryable, select: string, write: (rows: R[]) => Promise<void>) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await tx.query<R>(select, [after, BATCH]);
    if (!rows.length) return;
    await write(rows);
    after = rows.at(-1)!.id;
  }
}

const step: DataStep = async (tx, { cipher }) => {
  await tx.exec('ALTER TABLE elder_archive DISABLE TRIGGER USER');

  await batches<{ id: string; chronic_conditions: string[]; diagnosis_codes: string[]; medications: unknown; allergies: string[]; notes: string | null }>(
    tx,
    `SELECT id, chronic_conditions, diagnosis_codes, medications, allergies, notes FROM elder_archive WHERE id > $1 AND health_enc IS NULL ORDER BY id LIMIT $2`,
    async (rows) => {
      const sealed = rows.map((r) => cipher.sealJson({
        chronicConditions: r.chronic_conditions, diagnosisCodes: r.diagnosis_codes, medications: r.medications, allergies: r.allergies, notes: r.notes,
      }, 'elder_archive.health_enc'));
      await tx.query(`UPDATE elder_archive a SET health_enc = v.h FROM unnest($1::uuid[], $2::text[]) v(id, h) WHERE a.id = v.id`, [rows.map((r) => r.id), sealed]);
    },
  );

  await batches<{ id: string; answers: unknown; flags: unknown; subtotals: unknown; adjustments: unknown; risk_events_30d: number; notes: string | null }>(
    tx,
    `SELECT id, answers, flags, subtotals, adjustments, risk_events_30d, notes FROM elder_assessment WHERE id > $1 AND health_enc IS NULL ORDER BY id LIMIT $2`,
    async (rows) => {
      const sealed = rows.map((r) => cipher.sealJson({
        answers: r.answers, flags: r.flags, subtotals: r.subtotals, adjustments: r.adjustments, riskEvents30d: r.risk_events_30d, notes: r.notes,
      }, 'elder_assessment.health_enc'));
      await tx.query(`UPDATE elder_assessment a SET health_enc = v.h FROM unnest($1::uuid[], $2::text[]) v(id, h) WHERE a.id = v.id`, [rows.map((r) => r.id), sealed]);
    },
  );

  await batches<{ id: string; kind: string; note: string | null }>(
    tx,
    `SELECT id, kind, note FROM elder_risk_event WHERE id > $1 AND kind_enc IS NULL ORDER BY id LIMIT $2`,
    async (rows) => {
      await tx.query(
        `UPDATE elder_risk_event e SET kind_enc = v.k, kind_hash = v.h, note_enc = v.n FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) v(id, k, h, n) WHERE e.id = v.id`,
        [
          rows.map((r) => r.id), rows.map((r) => cipher.encrypt(r.kind, 'elder_risk_event.kind_enc')),
          rows.map((r) => cipher.lookupHash(r.kind, 'elder_risk_event.kind_hash')), rows.map((r) => (r.note ? cipher.encrypt(r.note, 'elder_risk_event.note_enc') : null)),
        ],
      );
    },
  );

  await tx.exec('ALTER TABLE elder_archive ENABLE TRIGGER USER');
};

export default step;
