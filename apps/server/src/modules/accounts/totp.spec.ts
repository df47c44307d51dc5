import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpNow, totpStep } from './totp.js';

describe('TOTP', () => {
  const { secret } = newTotpSecret('admin');
  const t = Date.UTC(2026, 10, 29, 8, 0, 0);

  it('accepts the current code and one step of drift, and tells the step', () => {
    const step = Math.floor(t / 30_000);
    expect(totpStep(secret, 'admin', totpNow(secret, 'admin', t), t)).toBe(step);
    expect(totpStep(secret, 'admin', totpNow(secret, 'admin', t - 30_000), t)).toBe(step - 1);
  });

  it('refuses an old code, a malformed one and another secret’s', () => {
    expect(totpStep(secret, 'admin', totpNow(secret, 'admin', t - 120_000), t)).toBeNull();
    expect(totpStep(secret, 'admin', '12ab56', t)).toBeNull();
    const other = newTotpSecret('admin').secret;
    const code = totpNow(other, 'admin', t);
    if (code !== totpNow(secret, 'admin', t)) expect(totpStep(secret, 'admin', code, t)).toBeNull();
  });

  it('writes an otpauth URL authenticator apps read', () => {
    expect(newTotpSecret('zhang.wei').otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*zhang\.wei\?.*secret=[A-Z2-7]+/);
  });
});
