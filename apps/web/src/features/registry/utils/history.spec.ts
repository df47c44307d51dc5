import { describe, expect, it } from 'vitest';
import { fieldLabelKey, formatChangeValue, pathCode, shownFields, type CodeNames } from './history';

const names: CodeNames = {
  gender: (c) => ({ '1': '男', '2': '女' })[c] ?? c,
  ethnicity: (c) => ({ '01': '汉族' })[c] ?? c,
  tag: (c) => ({ elderly_alone: '独居老人', low_income: '低保' })[c] ?? c,
  status: (c) => ({ active: '在册' })[c] ?? c,
  dateTime: (iso) => `T(${iso})`,
  node: (code) => ({ '510903001001001': '第一网格' })[code] ?? code,
};

describe('change history values', () => {
  it('names coded values', () => {
    expect(formatChangeValue('gender', 2, names)).toBe('女');
    expect(formatChangeValue('ethnicity', '01', names)).toBe('汉族');
    expect(formatChangeValue('status', 'active', names)).toBe('在册');
    expect(formatChangeValue('tags', ['elderly_alone', 'low_income'], names)).toBe('独居老人、低保');
    expect(formatChangeValue('verifiedAt', '2026-03-05T06:07:00Z', names)).toBe('T(2026-03-05T06:07:00Z)');
  });

  it('shows empty values as a dash and keeps unknown codes visible', () => {
    expect(formatChangeValue('notes', null, names)).toBe('—');
    expect(formatChangeValue('tags', [], names)).toBe('—');
    expect(formatChangeValue('ethnicity', '99', names)).toBe('99');
    expect(formatChangeValue('phoneMasked', '138****8000', names)).toBe('138****8000');
  });

  it('shows the node a record was moved to by name, or by code when it is unknown', () => {
    expect(pathCode('5109.510903.510903001.510903001001001')).toBe('510903001001001');
    expect(formatChangeValue('path', '5109.510903.510903001.510903001001001', names)).toBe('第一网格');
    expect(formatChangeValue('path', '5109.510903.510903001.510903001002', names)).toBe('510903001002');
  });

  it('lists only labelled fields, in form order, and on registration only the filled ones', () => {
    const fields = [
      { field: 'birthDate', from: null, to: '1950-03-07' },
      { field: 'name', from: null, to: '张三' },
      { field: 'notes', from: null, to: null },
      { field: 'tags', from: null, to: [] },
      { field: 'citizenIdHash', from: null, to: 'x' },
    ];
    expect(shownFields('insert', fields).map((f) => f.field)).toEqual(['name', 'birthDate']);
    expect(shownFields('update', fields).map((f) => f.field)).toEqual(['name', 'birthDate', 'tags', 'notes']);
  });

  it('has labels for the person fields and none for internals', () => {
    expect(fieldLabelKey('phoneMasked')).toBe('person.phone');
    expect(fieldLabelKey('citizenIdEnc')).toBeUndefined();
  });
});
