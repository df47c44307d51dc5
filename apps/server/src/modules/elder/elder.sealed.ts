import type { FieldCipher } from '../../crypto/field-cipher.js';
import { RISK_EVENT_KINDS, type RiskEventKind } from './elder.codes.js';

/**
 * The elder module's health data as it is stored: sealed field by field with the key outside the
 * database (SECURITY.md). Each token is bound to its column (`table.column` as associated data).
 * The migration `20261202_0401_elder_seal.step.ts` writes the same shapes for rows that existed
 * before; change both together.
 */
export const ARCHIVE_HEALTH = 'elder_archive.health_enc';
export const ASSESSMENT_HEALTH = 'elder_assessment.health_enc';
export const RISK_KIND = 'elder_risk_event.kind_enc';
export const RISK_KIND_HASH = 'elder_risk_event.kind_hash';
export const RISK_NOTE = 'elder_risk_event.note_enc';

/** The health archive: chronic conditions, ICD-10 diagnoses, medications, allergies, free notes. */
export interface ArchiveHealth {
  chronicConditions: string[];
  diagnosisCodes: string[];
  medications: { name: string; dosage?: string }[];
  allergies: string[];
  notes: string | null;
}
export const EMPTY_HEALTH: ArchiveHealth = { chronicConditions: [], diagnosisCodes: [], medications: [], allergies: [], notes: null };

/** What an assessment holds beyond its total and levels: every answer, the facts, subtotals, the raises and their reasons, notes. */
export interface AssessmentHealth {
  answers: Record<string, number>;
  flags: Record<string, boolean>;
  subtotals: Record<string, { score: number; max: number }>;
  adjustments: string[];
  riskEvents30d: number;
  notes: string | null;
}

export type ElderSeal = ReturnType<typeof elderSeal>;

/** The module's seal and open functions over one cipher (the service's; seeds use the same through `services.elder.sealed`). */
export function elderSeal(cipher: FieldCipher) {
  return {
    health: (h: ArchiveHealth) => cipher.sealJson(h, ARCHIVE_HEALTH),
    /** A bulk-loaded archive may have no health part (null): it reads as empty. */
    openHealth: (token: string | null): ArchiveHealth => (token ? { ...EMPTY_HEALTH, ...cipher.openJson<Partial<ArchiveHealth>>(token, ARCHIVE_HEALTH) } : { ...EMPTY_HEALTH }),
    assessment: (a: AssessmentHealth) => cipher.sealJson(a, ASSESSMENT_HEALTH),
    openAssessment: (token: string): AssessmentHealth => cipher.openJson<AssessmentHealth>(token, ASSESSMENT_HEALTH),
    /** A risk event's kind: ciphertext, and the keyed hash the proposal rule and the adjustments count by. */
    kind: (kind: RiskEventKind) => ({ kind_enc: cipher.encrypt(kind, RISK_KIND), kind_hash: cipher.lookupHash(kind, RISK_KIND_HASH) }),
    kindHashes: (kinds: readonly string[]) => kinds.map((k) => cipher.lookupHash(k, RISK_KIND_HASH)),
    openKind: (token: string): RiskEventKind => {
      const k = cipher.decrypt(token, RISK_KIND);
      if (!(k in RISK_EVENT_KINDS)) throw new Error('unknown risk-event kind in elder_risk_event.kind_enc');
      return k as RiskEventKind;
    },
    note: (note: string | null) => (note ? cipher.encrypt(note, RISK_NOTE) : null),
    openNote: (token: string | null) => (token ? cipher.decrypt(token, RISK_NOTE) : null),
  };
}
