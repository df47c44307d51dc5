import { describe, expect, it } from 'vitest';
import { changedFields, optionalText } from './patch';

describe('changedFields', () => {
  it('keeps only what differs from the record as read', () => {
    expect(changedFields({ name: 'A', floors: 6, use: 'residential' }, { name: 'A', floors: 7, use: 'residential' })).toEqual({ floors: 7 });
  });

  it('treats null, undefined and empty text as the same "nothing"', () => {
    expect(changedFields({ address: null }, { address: '' })).toEqual({});
    expect(changedFields<{ address?: string }>({ address: 'x' }, { address: undefined })).toEqual({});
  });

  it('sends an emptied text field, so clearing it is kept', () => {
    expect(changedFields({ address: '河东路1号' }, { address: '' })).toEqual({ address: '' });
  });

  it('compares structured values by content', () => {
    expect(changedFields({ footprint: [[1, 2]] }, { footprint: [[1, 2]] })).toEqual({});
    expect(changedFields({ footprint: [[1, 2]] }, { footprint: [[1, 3]] })).toEqual({ footprint: [[1, 3]] });
  });
});

describe('optionalText', () => {
  it('drops blank input', () => {
    expect(optionalText('  ')).toBeUndefined();
    expect(optionalText(undefined)).toBeUndefined();
    expect(optionalText(' 电江路 ')).toBe('电江路');
  });
});
