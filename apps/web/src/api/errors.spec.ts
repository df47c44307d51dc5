import { describe, expect, it } from 'vitest';
import { ApiError, CLIENT_ERROR, errorText, formFieldName, toApiError } from './errors';

describe('server errors', () => {
  const body = { code: 'AUTH_LOCKED', message: '账号已锁定', messageEn: 'Account locked' };

  it('keep code, status and both messages', () => {
    const e = toApiError(423, body);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(423);
    expect(e.code).toBe('AUTH_LOCKED');
    expect(e.text('zh')).toBe('账号已锁定');
    expect(e.text('en')).toBe('Account locked');
  });

  it('fall back to Chinese when English is missing', () => {
    expect(toApiError(400, { code: 'X', message: '错误' }).text('en')).toBe('错误');
  });

  it('turn an unreadable answer into a readable error', () => {
    const e = toApiError(502, '<html>Bad Gateway</html>');
    expect(e.code).toBe(CLIENT_ERROR.unexpected);
    expect(e.text('zh')).toContain('502');
  });

  it('give a generic text for anything else thrown', () => {
    expect(errorText(new Error('boom'), 'zh')).toBe('操作失败，请稍后重试。');
  });

  it('map server field paths to form field names', () => {
    expect(formFieldName('username')).toBe('username');
    expect(formFieldName('body.roleCodes.0')).toBe('roleCodes');
    expect(formFieldName('jurisdictionIds[2]')).toBe('jurisdictionIds');
    expect(formFieldName('/body/newPassword')).toBe('newPassword');
  });
});
