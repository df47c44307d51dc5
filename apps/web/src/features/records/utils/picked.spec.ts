import { describe, expect, it } from 'vitest';
import { pickedRecord } from './picked';

describe('pickedRecord', () => {
  it('is empty when the record points to nothing', () => {
    expect(pickedRecord(null, undefined)).toBeUndefined();
    expect(pickedRecord(undefined, 'ignored')).toBeUndefined();
    expect(pickedRecord('', '1栋')).toBeUndefined();
  });

  it('shows … until the label has arrived, then the label', () => {
    expect(pickedRecord('h1', undefined)).toEqual({ value: 'h1', label: '…' });
    expect(pickedRecord('h1', '幸福小区 1栋 101')).toEqual({ value: 'h1', label: '幸福小区 1栋 101' });
  });
});
