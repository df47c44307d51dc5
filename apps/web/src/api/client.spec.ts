import { describe, expect, it } from 'vitest';
import { isSessionLoss, needsCsrf, readCookie } from './client';

describe('CSRF and session rules of the API client', () => {
  it('reads the csrf cookie among others', () => {
    expect(readCookie('linli_csrf', 'a=1; linli_csrf=abc%3D; b=2')).toBe('abc=');
    expect(readCookie('linli_csrf', 'a=1')).toBeNull();
    expect(readCookie('linli_csrf', '')).toBeNull();
  });

  it('sends the header on every state-changing call except login', () => {
    expect(needsCsrf('GET', '/api/users')).toBe(false);
    expect(needsCsrf('POST', '/api/auth/login')).toBe(false);
    expect(needsCsrf('POST', '/api/auth/logout')).toBe(true);
    expect(needsCsrf('patch', '/api/users/1')).toBe(true);
    expect(needsCsrf('DELETE', '/api/security/sessions/x')).toBe(true);
  });

  it('treats a 401 as a lost session except on login', () => {
    expect(isSessionLoss(401, '/api/auth/me')).toBe(true);
    expect(isSessionLoss(401, '/api/auth/login')).toBe(false);
    expect(isSessionLoss(403, '/api/users')).toBe(false);
  });
});
