import { describe, expect, it } from 'vitest';
import { ageBandName, createMeasureRegistry, monthsBack, pivot, sliceDepth, toCubeValues } from './analysis.catalogue.js';
import { levelFor } from './analysis.repository.js';

describe('analysis catalogue', () => {
  it('counts months back across a year end', () => {
    expect(monthsBack('2026-02-01', 4)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });

  it('pivots values into rows × columns with totals per measure', () => {
    const p = pivot([
      { measure: 'people', keys: { area: 'a', gender: '1' }, value: 3 },
      { measure: 'people', keys: { area: 'a', gender: '2' }, value: 4 },
      { measure: 'people', keys: { area: 'b', gender: '2' }, value: 5 },
      { measure: 'elders', keys: { area: 'b', gender: '2' }, value: 1 },
    ], 'area', 'gender');
    expect(p.rowKeys).toEqual(['a', 'b']);
    expect(p.colKeys).toEqual(['1', '2']);
    expect(p.cell('a', '2', 'people')).toBe(4);
    expect(p.cell('b', '1', 'people')).toBe(0);
    expect(p.rowTotal('a', 'people')).toBe(7);
    expect(p.colTotal('2', 'people')).toBe(9);
    expect(p.total('people')).toBe(12);
    expect(p.total('elders')).toBe(1);
  });

  it('names age bands, the last open-ended', () => {
    expect(ageBandName(6).zh).toBe('60-69岁');
    expect(ageBandName(9).zh).toBe('90岁及以上');
    expect(ageBandName(-1).zh).toBe('不详');
  });

  it('refuses a measure registered twice or with a bad code', () => {
    const r = createMeasureRegistry();
    const m = { code: 'visits', name: '服务', nameEn: 'Visits', unit: '次', unitEn: 'visits', source: 'eldercare', dims: [], kind: 'flow' as const, history: true, values: async () => [] };
    r.register(m);
    expect(() => r.register(m)).toThrow(/twice/);
    expect(() => r.register({ ...m, code: 'Bad-Code' })).toThrow(/bad measure code/);
    expect(r.all().map((x) => x.code)).toEqual(['visits']);
  });

  it('reads the coarsest ledger level that still holds the cells asked for', () => {
    const base = { months: ['2026-11-01'], filters: {} };
    expect(levelFor({ ...base, path: '5109', areaDepth: 2, dims: ['area'] })).toBe(2);
    expect(levelFor({ ...base, path: '5109', areaDepth: 3, dims: ['area'] })).toBe(3);
    expect(levelFor({ ...base, path: '5109.510903', areaDepth: 4, dims: ['area', 'gender'] })).toBe(0);
    expect(levelFor({ ...base, path: '5109.510903.510903001', areaDepth: 5, dims: ['gender'] })).toBe(3);
    expect(levelFor({ ...base, path: '5109.510903.510903001.510903001001', areaDepth: 5, dims: [] })).toBe(0);
  });

  it('keeps a provider\'s rows to the slice\'s dimensions, summing what they then share', () => {
    const slice = { path: '5109.510903', areaDepth: 3, months: ['2026-11-01'], dims: ['area'] as const, filters: {} };
    const rows = [
      { keys: { area: '5109.510903.510903001', abilityLevel: '1' }, n: 2 },
      { keys: { area: '5109.510903.510903001', abilityLevel: '2' }, n: 3 },
      { keys: { area: '5109.510903.510903002', abilityLevel: '1' }, n: 1 },
      { keys: { area: '5109.510903.510903002', abilityLevel: '2' }, n: -1 },
    ];
    expect(toCubeValues({ ...slice, dims: ['area'] }, rows)).toEqual([{ keys: { area: '5109.510903.510903001' }, value: 5 }]);
    expect(toCubeValues({ ...slice, dims: [] }, rows)).toEqual([{ keys: {}, value: 5 }]);
    expect(sliceDepth({ ...slice, dims: ['area'] })).toBe(3);
    expect(sliceDepth({ ...slice, dims: ['abilityLevel'] })).toBe(2);
  });
});
