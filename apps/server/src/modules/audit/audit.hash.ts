import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so a jsonb round trip hashes the same. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(',')}}`;
}

export interface HashedFields {
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  outcome: string;
  ip: string | null;
  object_type: string | null;
  object_id: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}

/** The row's fields in a fixed order as JSON with sorted keys: what the hash covers. */
export function canonicalOf(r: HashedFields): string {
  return stableStringify([r.occurred_at.toISOString(), r.actor_id, r.actor_name, r.action, r.outcome, r.ip, r.object_type, r.object_id, r.reason, r.detail]);
}

/** hash = SHA-256(prev_hash ‖ "\n" ‖ canonical row): altering or removing any row breaks every later link. */
export function chainHash(prevHash: string, r: HashedFields): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalOf(r)).digest('hex');
}
