import { describe, expect, it } from 'vitest';
import { isFinished, isRunning, missingRequired, percent, remap, rowSummary, rowsToApply } from './importView';

describe('import wizard helpers', () => {
  it('moves a field to the column it is chosen for, and clears a column', () => {
    expect(remap({ 0: 'name', 1: 'phone' }, 2, 'phone')).toEqual({ 0: 'name', 2: 'phone' });
    expect(remap({ 0: 'name', 1: 'phone' }, 1, undefined)).toEqual({ 0: 'name' });
  });
  it('names required fields without a column', () => {
    expect(missingRequired({ 1: 'phone' }, [{ field: 'name', required: true }, { field: 'phone', required: false }])).toEqual(['name']);
  });
  it('counts the rows the decisions apply', () => {
    expect(rowsToApply({ new: 5, update: 2, duplicate: 3, error: 9 }, { new: 'create', update: 'skip', duplicate: 'create' })).toBe(8);
  });
  it('tells running from finished jobs and shows progress', () => {
    expect(isRunning({ status: 'running' })).toBe(true);
    expect(isRunning({ status: 'preview' })).toBe(false);
    expect(isFinished({ status: 'cancelled' })).toBe(true);
    expect(percent({ progress: 0.4567 })).toBe(45.7);
  });
  it('summarises a row by the values of its kind', () => {
    expect(rowSummary('people', { values: { name: '张三', citizenIdMasked: '510903********123X', phoneMasked: null, nodeName: '第一网格' } })).toBe('张三 · 510903********123X · 第一网格');
  });
});
