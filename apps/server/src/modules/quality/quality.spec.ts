import { describe, expect, it } from 'vitest';
import { makeCitizenId } from '../../standards/citizen-id.js';
import { CHECK_KINDS, judgeCitizenId, parseParams } from './quality.catalogue.js';
import { qualityScore, scoreBand } from './quality.scoring.js';
import { describeFinding } from './quality.service.js';

describe('parameters are validated per check kind', () => {
  it('accepts the seeded parameters of every kind', () => {
    const seeded: Record<string, unknown> = {
      citizen_id_checksum: {}, citizen_id_excel: { trailingZeros: 3 }, id_gender_birth: { checkGender: true, checkBirthDate: true },
      missing_fields: { fields: ['citizenId', 'phone'] }, duplicate_candidate: { reasons: ['same_phone'] },
      house_no_residents: { uses: ['residential'] }, person_no_house: {}, not_verified: { months: 12 },
    };
    expect(Object.keys(seeded).sort()).toEqual(Object.keys(CHECK_KINDS).sort());
    for (const [kind, params] of Object.entries(seeded)) expect(parseParams(kind as keyof typeof CHECK_KINDS, params).ok).toBe(true);
  });

  it('names the field and the reason, in Chinese and English', () => {
    const months = parseParams('not_verified', { months: 0 });
    expect(months).toEqual({ ok: false, issues: [{ field: 'params.months', message: '月数至少为 1', messageEn: 'At least 1 month' }] });
    const tooMany = parseParams('not_verified', { months: 121 });
    expect(!tooMany.ok && tooMany.issues[0]!.messageEn).toBe('At most 120 months');
    const fraction = parseParams('not_verified', { months: 1.5 });
    expect(!fraction.ok && fraction.issues[0]!.message).toBe('应为整数');
    const zeros = parseParams('citizen_id_excel', { trailingZeros: 1 });
    expect(!zeros.ok && zeros.issues[0]!.field).toBe('params.trailingZeros');
  });

  it('refuses unknown fields, empty lists, repeats and unknown values', () => {
    const extra = parseParams('person_no_house', { anything: 1 });
    expect(extra.ok).toBe(false);
    const empty = parseParams('missing_fields', { fields: [] });
    expect(!empty.ok && empty.issues[0]).toMatchObject({ field: 'params.fields', message: '至少选择一个必填字段' });
    const repeated = parseParams('missing_fields', { fields: ['phone', 'phone'] });
    expect(!repeated.ok && repeated.issues[0]!.message).toBe('字段不能重复');
    const unknownField = parseParams('missing_fields', { fields: ['salary'] });
    expect(!unknownField.ok && unknownField.issues[0]!.field).toBe('params.fields.0');
    const reason = parseParams('duplicate_candidate', { reasons: ['same_face'] });
    expect(!reason.ok && reason.issues[0]!.message).toBe('未知的重复判断依据');
    const use = parseParams('house_no_residents', { uses: ['castle'] });
    expect(!use.ok && use.issues[0]!.message).toBe('未知的房屋用途');
    const nothing = parseParams('id_gender_birth', { checkGender: false, checkBirthDate: false });
    expect(!nothing.ok && nothing.issues[0]!.message).toBe('性别和出生日期至少核对一项');
  });
});

describe('citizen ID verdicts', () => {
  const p = { trailingZeros: 3, checkGender: true, checkBirthDate: true };
  const woman = makeCitizenId('510903', '1980-05-05', 124);
  it('passes a number that agrees with the record', () => {
    expect(judgeCitizenId(woman, { gender: 2, birthDate: '1980-05-05' }, p)).toEqual({ kind: 'ok' });
    expect(judgeCitizenId(woman, { gender: 0, birthDate: null }, p)).toEqual({ kind: 'ok' });
  });
  it('tells Excel damage from a wrong number', () => {
    expect(judgeCitizenId('5.10903E+17', { gender: 1, birthDate: null }, p)).toEqual({ kind: 'excel', problem: 'excel_scientific' });
    const wrong = woman.slice(0, 17) + (woman[17] === '1' ? '2' : '1');
    expect(judgeCitizenId(wrong, { gender: 2, birthDate: null }, p)).toMatchObject({ kind: 'invalid', problem: 'checksum' });
    const rounded = `${woman.slice(0, 15)}000`;
    const verdict = judgeCitizenId(rounded, { gender: 2, birthDate: null }, p);
    if (woman.endsWith('000')) expect(verdict.kind).toBe('ok');
    else expect(verdict).toEqual({ kind: 'excel', problem: 'excel_rounded' });
    // with a stricter parameter, "…000" alone is not taken for Excel rounding
    if (!woman.endsWith('000')) expect(judgeCitizenId(rounded, { gender: 2, birthDate: null }, { ...p, trailingZeros: 4 }).kind).not.toBe('excel');
    expect(judgeCitizenId('51090319800230124X', { gender: 2, birthDate: null }, p)).toMatchObject({ kind: 'invalid', problem: 'birth_date' });
  });
  it('finds gender and birth-date mismatches, only those asked for', () => {
    expect(judgeCitizenId(woman, { gender: 1, birthDate: '1980-05-06' }, p)).toEqual({ kind: 'mismatch', gender: true, birthDate: true, idGender: 2, idBirthDate: '1980-05-05' });
    expect(judgeCitizenId(woman, { gender: 1, birthDate: '1980-05-05' }, { ...p, checkGender: false }).kind).toBe('ok');
    expect(describeFinding('id_gender_birth', { gender: false, birthDate: true, idBirthDate: '1980-05-05' }).zh).toBe('出生日期（证件为 1980-05-05）与身份证号不符');
  });
});

describe('scoring', () => {
  it('is 100 without findings and falls with the weighted share of bad records', () => {
    expect(qualityScore([{ weight: 5, entity: 'person', findings: 0 }], { person: 10, house: 0 })).toBe(100);
    // one rule of weight 3 with half the people bad, one of weight 1 with none: 100 × (1 − 1.5/4)
    expect(qualityScore([{ weight: 3, entity: 'person', findings: 5 }, { weight: 1, entity: 'person', findings: 0 }], { person: 10, house: 0 })).toBe(62.5);
  });
  it('ignores rules whose records the node does not have, and caps a rule at its records', () => {
    expect(qualityScore([{ weight: 2, entity: 'person', findings: 1 }, { weight: 9, entity: 'house', findings: 0 }], { person: 4, house: 0 })).toBe(75);
    expect(qualityScore([{ weight: 1, entity: 'person', findings: 40 }], { person: 4, house: 0 })).toBe(0);
    expect(qualityScore([{ weight: 1, entity: 'person', findings: 1 }], { person: 0, house: 0 })).toBeNull();
    expect(qualityScore([{ weight: 0, entity: 'person', findings: 3 }], { person: 3, house: 0 })).toBeNull();
  });
  it('bands scores for colour', () => {
    expect([95, 80, 40, null].map(scoreBand)).toEqual(['good', 'fair', 'poor', 'none']);
  });
});
