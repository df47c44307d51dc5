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
  // Outbound requests beyond the product fail loudly.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort('blockedbyclient'));
  return page;
}

/**
 * Keeps a screenshot as a test artefact (test-results/screenshots): the whole page, or with
 * `{ fullPage: false }` the window only — for an open dialog or drawer, which covers the window
 * and which a whole-page capture of a longer page splits.
 */
export async function shot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: path.join(inject('screenshotDir'), `${name}.png`), fullPage });
}
