// Debian's Chromium (/usr/bin/chromium) through playwright-core, never a downloaded browser, for
// the browser tests of the pages; screenshots go to .scratch/web-screenshots/ (CI keeps them as
// artefacts). Without Chromium a test file is skipped locally and fails in CI.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../.scratch/web-screenshots/', import.meta.url));

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
/** false: skip the file (locally without Chromium); in CI a missing Chromium fails the launch instead */
export const browserAvailable = existsSync(CHROMIUM) || inCi;
if (!existsSync(CHROMIUM) && !inCi) console.warn(`SKIPPED browser tests: ${CHROMIUM} not found (apt-get install chromium). In CI (CI set) they fail instead.`);

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESK = { viewport: { width: 1440, height: 900 } };

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A new browser context (its own cookies and storage) whose pages fail the test on a script error. */
export async function contextOf(browser: Browser, options: Parameters<Browser['newContext']>[0] = DESK): Promise<{ context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const errors: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  });
  return { context, errors };
}

/**
 * Logs `username` in through the staff login page (demo password): opens `path` (the login page,
 * or a staff page that sends there first) and waits until the page has left the login form.
 */
export async function logIn(page: Page, baseUrl: string, username: string, path = '/workbench/login'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('[data-test=username]').fill(username);
  await page.locator('[data-test=password]').fill('demo');
  await page.locator('[data-test=login]').click();
  await page.waitForURL((url) => url.pathname !== '/workbench/login');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
