import { describe, expect, it } from 'vitest';
import { afterLoginPath, groupSecret } from './auth.utils';

describe('after sign-in', () => {
  it('forces the password change first', () => {
    expect(afterLoginPath(true, '/audit')).toBe('/change-password');
  });

  it('returns to where the user was sent away from', () => {
    expect(afterLoginPath(false, '/admin/users?q=li')).toBe('/admin/users?q=li');
  });

  it('never loops back to login, the password page, or another site', () => {
    expect(afterLoginPath(false, undefined)).toBe('/');
    expect(afterLoginPath(false, '/login')).toBe('/');
    expect(afterLoginPath(false, '/change-password')).toBe('/');
    expect(afterLoginPath(false, '//evil.example')).toBe('/');
  });
});

describe('TOTP secret display', () => {
  it('groups by four for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
  });
});
