import { describe, expect, it } from 'vitest';
import { hashPassword, meetsPasswordRule, verifyPassword } from './password.js';

describe('password rule (MLPS level 3)', () => {
  it.each([
    ['Demo@2026', true],
    ['abcDEF12', true], // lower, upper, digit
    ['abc#def1', true], // lower, symbol, digit
    ['Abc#1', false], // too short
    ['abcdefgh1', false], // two classes
    ['ABCDEFGH', false],
    ['Zhangsan@2026', false], // contains the username
  ])('%s → %s', (pw, ok) => {
    expect(meetsPasswordRule(pw, 'zhangsan')).toBe(ok);
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Demo@2026');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'Demo@2026')).toBe(true);
    expect(await verifyPassword(h, 'demo@2026')).toBe(false);
  });
});
