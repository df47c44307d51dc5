import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing reaching outside the machine. */
export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run "apt-get install chromium" (npm test does this on Debian as root)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser context (its own cookies) on the started product; `options` adds e.g. a granted geolocation. */
export async function newPage(browser: Browser, viewport = DESKTOP, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: inject('baseURL'), locale: 'zh-CN', ...options });
  // generous: CI runs the database tiers beside the browser on two cores, and the PGlite server
  // may be busy with its data-quality catch-up after the demo seed
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  track(page);
  // Outbound requests beyond the product fail loudly.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort('blockedbyclient'));
  return page;
}

/** The pages of the running test, with the last API answers each saw (for a failure's record). */
const open = new Map<Page, string[]>();

function track(page: Page) {
  const seen: string[] = [];
  open.set(page, seen);
  page.on('close', () => open.delete(page));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    seen.push(`${new Date().toISOString()} ${r.request().method()} ${url.pathname}${url.search} → ${r.status()}`);
    if (seen.length > 40) seen.shift();
  });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
}

/**
 * After a failed test: a window screenshot of every page still open (the newest first), and beside it the page's
 * last API answers and the HTML of any open dropdown, so a failure in CI can be read afterwards.
 */
export async function recordFailure(testName: string) {
  const base = testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  let i = 0;
  for (const [page, seen] of [...open].reverse()) {
    const name = `FAILED-${base}-${i++}`;
    try {
      await page.screenshot({ path: path.join(inject('screenshotDir'), `${name}.png`), timeout: 10_000 });
      const dropdowns = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 4000)));
      fs.writeFileSync(path.join(inject('screenshotDir'), `${name}.txt`), [page.url(), ...seen, ...dropdowns].join('\n') + '\n');
    } catch (e) {
      console.warn(`could not record ${name}: ${(e as Error).message}`);
    }
  }
}

/**
 * Keeps a screenshot as a test artefact (test-results/screenshots): the whole page, or with
 * `{ fullPage: false }` the window only — for an open dialog or drawer, which covers the window
 * and which a whole-page capture of a longer page splits.
 */
export async function shot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: path.join(inject('screenshotDir'), `${name}.png`), fullPage });
}
