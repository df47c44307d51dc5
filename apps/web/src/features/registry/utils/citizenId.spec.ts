import { describe, expect, it } from 'vitest';
import { normalizeCitizenId, readCitizenId } from './citizenId';

// 510903 + 1950-03-07 + sequence 123 (odd → male) + check character.
const MALE = '510903195003071236';

describe('citizen ID on the person form', () => {
  it('reads birth date and gender from a valid number', () => {
    const r = readCitizenId(MALE);
    expect(r).toEqual({ ok: true, value: { number: MALE, birthDate: '1950-03-07', gender: 1 } });
  });

  it('reads an even sequence as female and takes a lower-case or full-width x', () => {
    // 11010519491231002X is the standard's own example (female).
    expect(readCitizenId('11010519491231002x')).toMatchObject({ ok: true, value: { gender: 2, birthDate: '1949-12-31' } });
    expect(normalizeCitizenId(' 1101 0519 4912 3100 2ｘ')).toBe('11010519491231002X');
  });

  it.each([
    ['51090319500307123', 'format'],
    ['5109031950030712A5', 'format'],
    ['510903195003071235', 'checksum'],
    ['510903195002301234', 'birthDate'],
    ['510903209901011234', 'birthDate'],
  ])('%s → %s', (raw, problem) => expect(readCitizenId(raw, new Date('2026-06-01'))).toEqual({ ok: false, problem }));
});
