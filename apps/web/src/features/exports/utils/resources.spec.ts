import { describe, expect, it } from 'vitest';
import { fileNameFrom } from '../../../shared/utils/download';
import { exportFilters, progressPercent, resourceForRoute } from './resources';

describe('export resources', () => {
  it('finds the list of a route, and none for a page that is not a list', () => {
    expect(resourceForRoute('/registry/things')).toBe('things');
    expect(resourceForRoute('/registry/people/')).toBe('people');
    expect(resourceForRoute('/registry/people/abc')).toBeUndefined();
    expect(resourceForRoute('/audit')).toBeUndefined();
  });

  it('sends the filters without paging and without empty values', () => {
    expect(exportFilters({ limit: 20, cursor: 'x', q: '张', kind: undefined, status: '', gender: 0 })).toEqual({ q: '张', gender: 0 });
  });

  it('shows progress only when the total is known', () => {
    expect(progressPercent(50, 200)).toBe(25);
    expect(progressPercent(10, null)).toBeUndefined();
    expect(progressPercent(300, 200)).toBe(100);
  });

  it('reads the Chinese file name of the download', () => {
    expect(fileNameFrom(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('人口_202611291530.xlsx')}`, 'x.xlsx')).toBe('人口_202611291530.xlsx');
    expect(fileNameFrom(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
