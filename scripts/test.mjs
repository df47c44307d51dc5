#!/usr/bin/env node
// `npm test`: every test tier (unit, database on PGlite and — with TEST_DATABASE_URL — on
// PostgreSQL, browser in Chromium), then one line `N passed, N failed` for the whole run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * The browser tests need Debian's Chromium (and a CJK font, so the screenshots they keep show
 * Chinese); install them when we can, else say what is missing.
 */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM) && fs.existsSync(CJK_FONT)) return true;
  const canApt = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (!canApt) {
    if (!fs.existsSync(CHROMIUM)) {
      console.error(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH).`);
      return false;
    }
    console.warn('No CJK font: screenshots will not show Chinese. Install it with: sudo apt-get install -y fonts-wqy-microhei');
    return true;
  }
  console.log('Installing Chromium and a CJK font for the browser tests (apt-get install chromium fonts-wqy-microhei) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], { stdio: 'inherit', env });
  return r.status === 0 && fs.existsSync(CHROMIUM);
}

const results = path.resolve('.tmp/test-results.json');
fs.mkdirSync(path.dirname(results), { recursive: true });
fs.rmSync(results, { force: true });

const chromiumOk = ensureChromium();
const args = ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });

let passed = 0;
let failed = chromiumOk ? 0 : 1;
if (fs.existsSync(results)) {
  const r = JSON.parse(fs.readFileSync(results, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  // a file that failed to load has no tests to count: count it as one failure
  for (const f of r.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed += 1;
} else {
  failed += 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && run.status === 0 ? 0 : 1);
