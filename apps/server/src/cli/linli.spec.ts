import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('linli start', () => {
  it('stops at start with a message naming a wrong setting', () => {
    const r = spawnSync(process.execPath, ['bin/linli.mjs', 'start', '--no-build'], {
      env: { ...process.env, PORT: 'not-a-port', SESSION_IDLE_MINUTES: '90' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('SESSION_IDLE_MINUTES');
    // starting a second Node program (tsx compiles the CLI) takes seconds on a busy machine
  }, 90_000);
});
