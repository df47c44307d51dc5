import { describe, expect, it } from 'vitest';
import { mergeFields, sameValue } from './survey.merge.js';

describe('per-field merge of an offline change', () => {
  it('applies every field nobody else touched', () => {
    const r = mergeFields({ name: { base: '张三', value: '张叁' }, notes: { base: null, value: '独居' } }, { name: '张三', notes: null, phone: '138****8000' });
    expect(r.apply).toEqual({ name: '张叁', notes: '独居' });
    expect(r.conflicts).toEqual([]);
  });

  it('returns a field changed by someone else as a conflict with both values, and applies the others', () => {
    const r = mergeFields(
      { residenceAddress: { base: '滨江路1号', value: '滨江路2号' }, notes: { base: null, value: '新租户' } },
      { residenceAddress: '滨江路3号', notes: null },
    );
    expect(r.apply).toEqual({ notes: '新租户' });
    expect(r.conflicts).toEqual([{ field: 'residenceAddress', base: '滨江路1号', mine: '滨江路2号', theirs: '滨江路3号' }]);
  });

  it('sees no conflict when the other change made the same value', () => {
    const r = mergeFields({ tags: { base: [], value: ['elderly_alone', 'low_income'] } }, { tags: ['low_income', 'elderly_alone'] });
    expect(r).toEqual({ apply: {}, alreadyEqual: ['tags'], conflicts: [] });
  });

  it('compares a new phone number by its mask, as the phone holds it', () => {
    const shown = (f: string, v: unknown) => (f === 'phone' && typeof v === 'string' ? `${v.slice(0, 3)}****${v.slice(-4)}` : v) as never;
    const unchanged = mergeFields({ phone: { base: '138****8000', value: '13900001111' } }, { phone: '138****8000' }, shown);
    expect(unchanged.apply).toEqual({ phone: '13900001111' });
    const replayed = mergeFields({ phone: { base: '138****8000', value: '13900001111' } }, { phone: '139****1111' }, shown);
    expect(replayed.alreadyEqual).toEqual(['phone']);
    const moved = mergeFields({ phone: { base: '138****8000', value: '13900001111' } }, { phone: '137****2222' }, shown);
    expect(moved.conflicts[0]).toMatchObject({ field: 'phone', theirs: '137****2222' });
  });

  it('treats blank text as no value and tag lists as sets', () => {
    expect(sameValue('', null)).toBe(true);
    expect(sameValue('  ', undefined)).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue(1, 2)).toBe(false);
  });
});
