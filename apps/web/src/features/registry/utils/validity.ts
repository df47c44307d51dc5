/**
 * Relationships (person–house, person–person, household membership, person–organisation) carry
 * calendar validity dates; moving out ends one and nothing is deleted. These helpers decide what
 * is current on a given day and order lists current-first.
 */
export interface Validity {
  validFrom: string;
  validTo: string | null;
}

/**
 * In force on `today` (YYYY-MM-DD): started, and not yet at its end date. The end date is the
 * day the relationship ends (迁出 on that day), as the server's graph and lists read it.
 */
export function isCurrent(v: Validity, today: string): boolean {
  return v.validFrom <= today && (v.validTo === null || v.validTo > today);
}

/** Ended: its end date has come. One ending later is still current, with its end date shown. */
export function hasEnded(v: Validity, today: string): boolean {
  return v.validTo !== null && v.validTo <= today;
}

/** Current relationships first (latest start first), then ended ones (latest end first). */
export function currentFirst<T extends Validity>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => {
    const ea = hasEnded(a, today);
    const eb = hasEnded(b, today);
    if (ea !== eb) return ea ? 1 : -1;
    if (ea) return (b.validTo ?? '').localeCompare(a.validTo ?? '');
    return b.validFrom.localeCompare(a.validFrom);
  });
}
