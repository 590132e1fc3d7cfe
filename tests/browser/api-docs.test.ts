import { describe, expect, it } from 'vitest';
import { type BrowserSuite, chromiumAvailable, startsRuntimeAndChromium } from '../support/browser';
import { startTestRuntime } from '../support/test-runtime';

/** The runtime and Chromium of this file's suite, there once startsRuntimeAndChromium has started them. */
const suite = {} as BrowserSuite;

/**
 * The API answers every page with a deny-all Content-Security-Policy unless the page sets its
 * own (functions/http/security-headers.ts); the reference page must still work under its own.
 */
describe.runIf(chromiumAvailable)('API reference in Chromium, under its Content-Security-Policy', () => {
  startsRuntimeAndChromium(suite, () => startTestRuntime(), 60_000);

  it('renders the operations with no policy violation', async () => {
    const page = await suite.browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${suite.runtime.urls.gateway}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('/v1/dossiers').first().waitFor({ timeout: 20_000 });
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
