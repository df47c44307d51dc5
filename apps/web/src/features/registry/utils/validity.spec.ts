import { describe, expect, it } from 'vitest';
import { currentFirst, hasEnded, isCurrent } from './validity';

const today = '2026-06-01';

describe('relationship validity', () => {
  it('is current from its start day until its end day', () => {
    expect(isCurrent({ validFrom: '2020-01-01', validTo: null }, today)).toBe(true);
    expect(isCurrent({ validFrom: '2020-01-01', validTo: '2026-06-02' }, today)).toBe(true);
    expect(isCurrent({ validFrom: '2020-01-01', validTo: today }, today)).toBe(false);
    expect(isCurrent({ validFrom: '2020-01-01', validTo: '2026-05-31' }, today)).toBe(false);
    expect(isCurrent({ validFrom: '2026-07-01', validTo: null }, today)).toBe(false);
  });

  it('counts as ended from its end date on', () => {
    expect(hasEnded({ validFrom: '2020-01-01', validTo: '2026-05-31' }, today)).toBe(true);
    expect(hasEnded({ validFrom: '2020-01-01', validTo: today }, today)).toBe(true);
    expect(hasEnded({ validFrom: '2020-01-01', validTo: '2026-12-31' }, today)).toBe(false);
    expect(hasEnded({ validFrom: '2020-01-01', validTo: null }, today)).toBe(false);
  });

  it('lists current ones first, newest first', () => {
    const rows = [
      { id: 'old-ended', validFrom: '2010-01-01', validTo: '2015-01-01' },
      { id: 'current-old', validFrom: '2016-01-01', validTo: null },
      { id: 'late-ended', validFrom: '2012-01-01', validTo: '2020-01-01' },
      { id: 'current-new', validFrom: '2024-01-01', validTo: null },
    ];
    expect(currentFirst(rows, today).map((r) => r.id)).toEqual(['current-new', 'current-old', 'late-ended', 'old-ended']);
  });
});
