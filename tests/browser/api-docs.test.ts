import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startTestRuntime } from '../support/test-runtime';

let runtime: LocalRuntime;
let browser: Browser;

/**
 * The API answers every page with a deny-all Content-Security-Policy unless the page sets its
 * own (functions/http/security-headers.ts); the reference page must still work under its own.
 */
describe.runIf(chromiumAvailable)('API reference in Chromium, under its Content-Security-Policy', () => {
  beforeAll(async () => {
    runtime = await startTestRuntime();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('renders the operations with no policy violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${runtime.urls.gateway}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('/v1/dossiers').first().waitFor({ timeout: 20_000 });
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
