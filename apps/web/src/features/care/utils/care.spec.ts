import { describe, expect, it } from 'vitest';
import { addDays, cstTime, cstToday, exceptionDetail, metres } from './care';

describe('care utils', () => {
  it('shows times in China Standard Time', () => {
    expect(cstTime('2026-11-30T01:00:00Z')).toBe('2026-11-30 09:00');
    expect(cstToday(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('measures metres and reads exception details', () => {
    expect(metres({ lat: 30.53, lon: 105.59 }, { lat: 30.539, lon: 105.59 })).toBeGreaterThan(990);
    expect(exceptionDetail('check_in_distance', { distanceM: 800, toleranceM: 300 }, 'zh')).toBe('距住址 800 米（容差 300 米）');
    expect(exceptionDetail('missing_photo', { stages: ['check_out'] }, 'zh')).toBe('缺少：签出照片');
  });
});
