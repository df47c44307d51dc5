import { describe, expect, it } from 'vitest';
import { hasCreditCodeShape, normalizeCreditCode } from './creditCode';

describe('credit code shape', () => {
  it('accepts 18 characters of the GB 32100 set, typed in any case or grouping', () => {
    expect(hasCreditCodeShape('91510900MA62111101')).toBe(true);
    expect(hasCreditCodeShape('9151 0900 ma62 1111 01')).toBe(true);
    expect(normalizeCreditCode(' 9151 0900ma ')).toBe('91510900MA');
  });

  it('refuses wrong lengths and letters the standard leaves out', () => {
    expect(hasCreditCodeShape('91510900MA621111')).toBe(false);
    expect(hasCreditCodeShape('91510900MA6211110I')).toBe(false);
    expect(hasCreditCodeShape('91510900MA6211110S')).toBe(false);
  });
});
