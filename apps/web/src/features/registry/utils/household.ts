/**
 * 登记家庭 — a household is its head plus members, each with a relation to the head (GB/T 4761).
 * A person is in the list once: these find the rows that repeat the head or an earlier member.
 */
export const HEAD_RELATION = '02'; // 户主

/** Indexes of member rows naming the head or a person already listed above them. */
export function repeatedMembers(headId: string | undefined, memberIds: readonly (string | undefined)[]): number[] {
  const seen = new Set<string>(headId ? [headId] : []);
  const repeated: number[] = [];
  memberIds.forEach((id, i) => {
    if (!id) return;
    if (seen.has(id)) repeated.push(i);
    else seen.add(id);
  });
  return repeated;
}

/** Household kinds (户别). */
export const HOUSEHOLD_KINDS = ['family', 'collective'] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];
