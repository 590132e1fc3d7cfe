import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

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
