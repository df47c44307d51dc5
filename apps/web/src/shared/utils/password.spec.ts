import { describe, expect, it } from 'vitest';
import { generatePassword, isStrongPassword } from './password';

describe('password rule (length and character classes)', () => {
  it.each([
    ['Abcdef12', true], // upper, lower, digit
    ['abcdef1!', true], // lower, digit, special
    ['ABCDEF1!', true],
    ['abcdefgh', false], // one class
    ['abcdef12', false], // two classes
    ['Ab1!', false], // too short
    ['Abc 1234', true], // space counts as special
  ])('%s → %s', (pw, ok) => expect(isStrongPassword(pw)).toBe(ok));
});

describe('generated passwords', () => {
  it('always meet the rule and use all four classes', () => {
    for (let i = 0; i < 200; i++) {
      const pw = generatePassword();
      expect(pw).toHaveLength(12);
      expect(isStrongPassword(pw)).toBe(true);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[0-9]/);
      expect(pw).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it('leave out look-alike characters', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword()).not.toMatch(/[0O1lI]/);
  });
});
