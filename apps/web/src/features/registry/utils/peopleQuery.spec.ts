import { describe, expect, it } from 'vitest';
import { ageRange, searchKind, totalLabel } from './peopleQuery';

describe('people search box', () => {
  it.each([
    ['', 'none'],
    ['   ', 'none'],
    ['510903195003071236', 'citizenId'],
    ['11010519491231002x', 'citizenId'],
    ['13800138000', 'phone'],
    ['+86 138 0013 8000', 'phone'],
    ['zs', 'pinyin'],
    ['ZhangSan', 'pinyin'],
    ['张', 'name'],
    ['张三', 'name'],
    ['1380013', 'name'],
  ])('%j is read as %s', (q, kind) => expect(searchKind(q)).toBe(kind));
});

describe('age bands', () => {
  it('turns a band into inclusive ageMin / ageMax', () => {
    expect(ageRange('0-17')).toEqual({ ageMin: 0, ageMax: 17 });
    expect(ageRange('60-79')).toEqual({ ageMin: 60, ageMax: 79 });
    expect(ageRange('80+')).toEqual({ ageMin: 80 });
    expect(ageRange(undefined)).toEqual({});
  });
});

describe('list total', () => {
  it('shows a capped count as N+', () => {
    expect(totalLabel(37, false)).toBe('37');
    expect(totalLabel(10000, true)).toBe('10000+');
  });
});
