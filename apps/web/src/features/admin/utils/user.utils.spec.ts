import { describe, expect, it } from 'vitest';
import { isPhoneNumber, USERNAME_PATTERN } from './user.utils';

describe('user form checks (same as the server)', () => {
  it.each(['13800138000', '138-0013-8000', '+86 138 0013 8000', '0825-2221234'])('accepts phone %s', (p) =>
    expect(isPhoneNumber(p)).toBe(true),
  );
  it.each(['12345', '1380013800', '23800138000', 'abc'])('rejects phone %s', (p) => expect(isPhoneNumber(p)).toBe(false));

  it('takes usernames of 2–40 letters, digits, _ . -', () => {
    expect(USERNAME_PATTERN.test('li.ming_01')).toBe(true);
    expect(USERNAME_PATTERN.test('a')).toBe(false);
    expect(USERNAME_PATTERN.test('李明')).toBe(false);
  });
});
