import { describe, expect, it } from 'vitest';
import { today } from './dates.js';
import { defineErrors } from './errors.js';
import { maskCitizenId, maskPhone } from './mask.js';

describe('masking', () => {
  it('masks phones and citizen IDs as SECURITY.md shows', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskCitizenId('51090319520314123X')).toBe('510903********123X');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('typed errors', () => {
  const err = defineErrors({ THING_LOCKED: { status: 423, zh: '已锁定至 {until}', en: 'Locked until {until}' } });
  it('fills both languages and can name a field', () => {
    const e = err('THING_LOCKED', { until: '09:30' }, 'until');
    expect(e.status).toBe(423);
    expect(e.toBody()).toEqual({
      code: 'THING_LOCKED', message: '已锁定至 09:30', messageEn: 'Locked until 09:30',
      fields: [{ field: 'until', message: '已锁定至 09:30', messageEn: 'Locked until 09:30' }],
    });
  });
});

describe('dates', () => {
  it('tells today in China Standard Time', () => {
    expect(today(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-30');
    expect(today(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-29');
  });
});
