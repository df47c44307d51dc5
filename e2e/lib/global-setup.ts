import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWebBuilt } from '../../apps/server/src/cli/web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    screenshotDir: string;
    /** The started product's embedded MQTT broker (devices publish there). */
    mqttURL: string;
  }
}

const DATA_DIR = path.resolve('.tmp/e2e-data');
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let child: ChildProcess | undefined;

/**
 * Starts the product the way the README's quick start does (`linli start`, embedded PGlite and
 * MQTT, demo data on a fresh data folder) and gives the browser tests its URL.
 */
export default async function setup(project: TestProject) {
  await ensureWebBuilt();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const port = await freePort();
  const mqttPort = await freePort();
  fs.mkdirSync(path.resolve('.tmp'), { recursive: true });
  const watchPort = await freePort();
  const log = fs.openSync(path.resolve('.tmp/e2e-server.log'), 'w');
  child = spawn(process.execPath, ['bin/linli.mjs', 'start', '--no-build'], {
    env: { ...process.env, PORT: String(port), MQTT_PORT: String(mqttPort), WATCH_TCP_PORT: String(watchPort), LINLI_DATA_DIR: DATA_DIR, LINLI_MODE: 'demo', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 420_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`linli start exited (${child.exitCode}); see .tmp/e2e-server.log`);
    try {
      const r = await fetch(`${baseURL}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('linli did not start within 420 s; see .tmp/e2e-server.log');
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseURL', baseURL);
  project.provide('screenshotDir', SCREENSHOT_DIR);
  project.provide('mqttURL', `mqtt://127.0.0.1:${mqttPort}`);
  return async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
  };
}
