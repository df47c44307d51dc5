import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';

describe('configuration', () => {
  it('defaults to the embedded database, demo mode and the MLPS session limits', () => {
    const c = loadConfig({});
    expect(c.database).toMatchObject({ kind: 'pglite' });
    expect(c.mode).toBe('demo');
    expect(c.auth.sessionIdleMs).toBe(30 * 60_000);
    expect(c.auth.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(c.auth.lockoutThreshold).toBe(5);
    expect(c.auth.lockoutMs).toBe(30 * 60_000);
    expect(c.auth.requireTotpForAdmins).toBe(false);
  });

  it('switches to PostgreSQL with DATABASE_URL and to production by NODE_ENV', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', NODE_ENV: 'production' });
    expect(c.database).toEqual({ kind: 'postgresql', url: 'postgres://u@h:5432/db' });
    expect(c.mode).toBe('production');
    expect(c.auth.requireTotpForAdmins).toBe(true);
    expect(c.http.cookieSecure).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
    ['SESSION_IDLE_MINUTES', '45'],
    ['SESSION_ABSOLUTE_HOURS', '24'],
    ['LINLI_MODE', 'staging'],
    ['LINLI_ROLES', 'api,web'],
    ['MQTT_URL', 'http://broker'],
  ])('refuses a wrong %s, naming it', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [key]: value });
    } catch (e) {
      expect((e as ConfigError).message).toContain(key);
    }
  });
});
