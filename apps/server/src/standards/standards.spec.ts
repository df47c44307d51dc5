import { describe, expect, it } from 'vitest';
import { checkCharacter, parseCitizenId, upgrade15 } from './citizen-id.js';
import { creditCodeCheck, isValidCreditCode } from './credit-code.js';

describe('citizen ID (GB 11643)', () => {
  it('accepts the standard’s own example and reads birth date and gender', () => {
    const r = parseCitizenId('11010519491231002x');
    expect(r).toEqual({ ok: true, value: { number: '11010519491231002X', birthDate: '1949-12-31', gender: 2, divisionCode: '110105' } });
  });

  it('tells a wrong check character, an impossible date and a future date apart', () => {
    expect(parseCitizenId('110105194912310021')).toEqual({ ok: false, problem: 'checksum' });
    const feb30 = '51090319500230123';
    expect(parseCitizenId(feb30 + checkCharacter(feb30))).toEqual({ ok: false, problem: 'birth_date' });
    const future = '51090320990101123';
    expect(parseCitizenId(future + checkCharacter(future), new Date('2026-11-29'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseCitizenId('5109031950')).toEqual({ ok: false, problem: 'format' });
  });

  it('recognises the damage Excel does, never fixing it', () => {
    expect(parseCitizenId('5.10903E+17')).toEqual({ ok: false, problem: 'excel_scientific' });
    expect(parseCitizenId('5.1090319520314E+17')).toEqual({ ok: false, problem: 'excel_scientific' });
    const valid = '51090319520314123';
    const full = valid + checkCharacter(valid);
    if (!full.endsWith('000')) expect(parseCitizenId(full.slice(0, 15) + '000')).toEqual({ ok: false, problem: 'excel_rounded' });
  });

  it('accepts full-width digits and spaces', () => {
    const r = parseCitizenId('１１０１０５ 1949 1231 002X');
    expect(r.ok).toBe(true);
  });

  it('upgrades a 15-digit number', () => {
    expect(upgrade15('110105491231002')).toBe('11010519491231002X');
    expect(upgrade15('12345')).toBeNull();
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('validates the check character', () => {
    const first17 = '91510903MA62A1B2C';
    const code = first17 + creditCodeCheck(first17);
    expect(isValidCreditCode(code)).toBe(true);
    const wrong = first17 + (code[17] === '0' ? '1' : '0');
    expect(isValidCreditCode(wrong)).toBe(false);
    expect(isValidCreditCode('91510903MA62A1B2CI')).toBe(false); // I is not in the set
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true); // a published code
  });
});
