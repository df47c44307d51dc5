import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, stableStringify } from './audit.hash.js';

const row = {
  occurred_at: new Date('2026-11-29T08:00:00.123Z'),
  actor_id: null,
  actor_name: 'admin',
  action: 'auth.login',
  outcome: 'success',
  ip: '127.0.0.1',
  object_type: null,
  object_id: null,
  reason: null,
  detail: { b: 1, a: { d: [1, 2], c: 'x' } },
};

describe('audit hash chain', () => {
  it('serialises objects with sorted keys, so a jsonb round trip hashes the same', () => {
    expect(stableStringify({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
    expect(stableStringify({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('changes when any field or the previous hash changes', () => {
    const h = chainHash(GENESIS_HASH, row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...row })).toBe(h);
    expect(chainHash(GENESIS_HASH, { ...row, ip: '127.0.0.2' })).not.toBe(h);
    expect(chainHash(GENESIS_HASH, { ...row, detail: { b: 2, a: { d: [1, 2], c: 'x' } } })).not.toBe(h);
    expect(chainHash(GENESIS_HASH, { ...row, occurred_at: new Date('2026-11-29T08:00:00.124Z') })).not.toBe(h);
    expect(chainHash(h, row)).not.toBe(h);
  });
});
