import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Linli 邻里';

/** RFC 6238 TOTP, 30-second steps, 6 digits, SHA-1 (what every authenticator app reads). */
function totpFor(secretBase32: string, username: string) {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(username: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpFor(secret, username).toString() };
}

/** The time step the code belongs to (±1 step of drift), or null; callers refuse a step already used. */
export function totpStep(secretBase32: string, username: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, username).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** The current code (for tests and the simulator). */
export const totpNow = (secretBase32: string, username: string, now = Date.now()) =>
  totpFor(secretBase32, username).generate({ timestamp: now });
