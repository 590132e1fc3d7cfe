import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, driven by playwright-core (no browser download). CI installs it
 * (.ci/run); on a developer machine without it the browser tests skip with a notice.
 */
export const chromiumAvailable = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine's network is closed: background services would only fail and slow start-up.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Where the browser tests write their screenshots: test-artifacts/ (not committed) unless
 * SCREENSHOT_DIR names another place; `npm run docs:screenshots` writes the console guide's.
 */
export const artifactsDir = process.env.SCREENSHOT_DIR
  ? resolve(process.env.SCREENSHOT_DIR)
  : join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
mkdirSync(artifactsDir, { recursive: true });

/**
 * Signs a demo person in to the console as a browser does: the console's button, the embedded
 * identity provider's form, back through the callback to the dashboard.
 */
export async function signInAs(page: Page, gatewayUrl: string, login: string, password = 'demo') {
  await page.goto(`${gatewayUrl}/admin`);
  await page.getByRole('button', { name: /Đăng nhập bằng tài khoản cơ quan/ }).click();
  await submitIdentityProviderForm(page, login, password);
  await page.waitForURL(`${gatewayUrl}/admin`);
}

/** Fills and sends the embedded identity provider's sign-in form. */
export async function submitIdentityProviderForm(page: Page, login: string, password: string) {
  await page.getByLabel(/Tên đăng nhập/).fill(login);
  await page.getByLabel(/Mật khẩu/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
}

/** What a browser suite runs against, once its set-up has run. */
export interface BrowserSuite {
  runtime: LocalRuntime;
  browser: Browser;
}

/**
 * A browser suite's set-up, called inside its describe: the local runtime `start` gives, then
 * Chromium, before the suite; both stopped after it. They are `suite.runtime` and
 * `suite.browser` from then on.
 */
export function startsRuntimeAndChromium(
  suite: BrowserSuite,
  start: () => Promise<LocalRuntime>,
  timeoutMs: number,
) {
  beforeAll(async () => {
    suite.runtime = await start();
    suite.browser = await launchChromium();
  }, timeoutMs);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.runtime?.stop();
  });
}

/**
 * Chromium beside the runtime `useTestRuntime` starts, called inside a describe: launched before
 * its tests, closed after them. The answer reads as a BrowserSuite from then on.
 */
export function startsChromiumBeside(started: { readonly runtime: LocalRuntime }, timeoutMs: number) {
  const suite = {
    get runtime() {
      return started.runtime;
    },
  } as BrowserSuite;
  beforeAll(async () => {
    suite.browser = await launchChromium();
  }, timeoutMs);
  afterAll(() => suite.browser?.close());
  return suite;
}

/** A page of its own browser context (no cookie shared) with a demo person signed in to the console. */
export async function signedInPage(suite: BrowserSuite, login: string): Promise<Page> {
  const page = await (await suite.browser.newContext()).newPage();
  await signInAs(page, suite.runtime.urls.gateway, login);
  return page;
}

/** The whole page into the artifacts directory as `name`.png. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
