import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { toAuditFilter } from './auditFilter';

describe('audit filter', () => {
  it('drops empty fields', () => {
    expect(toAuditFilter({ username: '  ', range: null })).toEqual({});
  });

  it('covers whole days of the chosen range', () => {
    const f = toAuditFilter({ range: [dayjs('2026-03-01T15:00'), dayjs('2026-03-02T08:00')], outcome: 'failure' });
    expect(dayjs(f.from).format('YYYY-MM-DD HH:mm:ss')).toBe('2026-03-01 00:00:00');
    expect(dayjs(f.to).format('YYYY-MM-DD HH:mm:ss')).toBe('2026-03-02 23:59:59');
    expect(f.outcome).toBe('failure');
  });
});
