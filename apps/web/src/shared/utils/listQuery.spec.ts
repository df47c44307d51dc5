import { describe, expect, it } from 'vitest';
import { compactQuery, hasActiveFilter } from './listQuery';

describe('compactQuery', () => {
  it('leaves out parameters that are unset, null or blank', () => {
    expect(compactQuery({ limit: 20, q: undefined, type: null, state: '', cursor: undefined })).toEqual({ limit: 20 });
    expect(Object.keys(compactQuery({ q: undefined }))).toEqual([]);
  });

  it('keeps set values in the order given, false and 0 included', () => {
    const q = compactQuery({ limit: 10, q: '王', overdue: false, offset: 0, cursor: 'abc' });
    expect(q).toEqual({ limit: 10, q: '王', overdue: false, offset: 0, cursor: 'abc' });
    expect(Object.keys(q)).toEqual(['limit', 'q', 'overdue', 'offset', 'cursor']);
  });

  it('does not change what it was given', () => {
    const params = { q: '', limit: 20 };
    compactQuery(params);
    expect(params).toEqual({ q: '', limit: 20 });
  });
});

describe('hasActiveFilter', () => {
  it('is false when every filter is empty or off', () => {
    expect(hasActiveFilter({})).toBe(false);
    expect(hasActiveFilter({ q: undefined, type: undefined, overdue: undefined })).toBe(false);
    expect(hasActiveFilter({ q: '', overdue: false, place: null })).toBe(false);
  });

  it('is true as soon as one filter is on', () => {
    expect(hasActiveFilter({ q: '消防' })).toBe(true);
    expect(hasActiveFilter({ overdue: true })).toBe(true);
    expect(hasActiveFilter({ jurisdiction: { value: 'id', label: '东城社区' } })).toBe(true);
  });
});
