/**
 * Whether a node is out of use on a given day. `validTo` is the last day in force (inclusive), as
 * the server reads it; YYYY-MM-DD strings compare correctly as text.
 */
export function isRetired(node: { validTo: string | null }, day: string): boolean {
  return node.validTo !== null && node.validTo < day;
}
