import { describe, expect, it } from 'vitest';
import { isRetired } from './validity';

describe('node validity', () => {
  it('is in use without an end date, and up to and including its last day', () => {
    expect(isRetired({ validTo: null }, '2026-03-01')).toBe(false);
    expect(isRetired({ validTo: '2026-04-01' }, '2026-03-01')).toBe(false);
    expect(isRetired({ validTo: '2026-03-01' }, '2026-03-01')).toBe(false);
  });

  it('is retired the day after its last day', () => {
    expect(isRetired({ validTo: '2026-03-01' }, '2026-03-02')).toBe(true);
  });
});
