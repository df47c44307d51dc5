import type { FieldCipher } from '../../crypto/field-cipher.js';

/**
 * What the care module keeps sealed, and how. A visit's GPS positions are a location track of
 * the caregiver (and place the elder's home): one ciphertext per fix, opened in Node where a rule
 * or a reader needs them. The column is the associated data, so a value cannot be moved to
 * another column.
 */
export const FIX_COLUMNS = {
  checkIn: 'care_order.check_in_fix_enc',
  checkOut: 'care_order.check_out_fix_enc',
  photo: 'care_photo.fix_enc',
  step: 'care_visit_step.fix_enc',
} as const;
export type FixColumn = (typeof FIX_COLUMNS)[keyof typeof FIX_COLUMNS];

/** A fix as sealed: latitude, longitude (WGS-84 degrees) and the phone's accuracy in metres when it gave one. */
export interface SealedFix { lat: number; lon: number; accuracy: number | null }

/** Seals a position for its column; none stays none. */
export function sealFix(cipher: FieldCipher, column: FixColumn, p: { lat: number; lon: number; accuracy?: number | null } | null | undefined): string | null {
  return p ? cipher.sealJson({ lat: p.lat, lon: p.lon, accuracy: p.accuracy ?? null } satisfies SealedFix, column) : null;
}

/** Opens a sealed position of its column (a ciphertext of another column fails). */
export function openFix(cipher: FieldCipher, column: FixColumn, token: string | null): SealedFix | null {
  return token ? cipher.openJson<SealedFix>(token, column) : null;
}

/** A plan's care needs (codes of `NEEDS`: 失智照护, 康复, 就医 … say things about health), sealed as one value. */
export const NEEDS_COLUMN = 'care_plan.needs_enc';

/** Seals a plan's needs (an empty list too: the column is never empty). */
export function sealNeeds(cipher: FieldCipher, needs: readonly string[]): string {
  return cipher.sealJson([...needs], NEEDS_COLUMN);
}

/** Opens a plan's needs. */
export function openNeeds(cipher: FieldCipher, token: string): string[] {
  return cipher.openJson<string[]>(token, NEEDS_COLUMN);
}
