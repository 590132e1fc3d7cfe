import { describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../support/test-runtime';

const started = useTestRuntime();

const switchLanguage = (referer: string | undefined) =>
  fetch(`${started.runtime.urls.gateway}/admin/language?to=en`, {
    redirect: 'manual',
    headers: referer === undefined ? {} : { referer },
  });

describe('GET /admin/language', () => {
  it('remembers English and goes back to the console page the reader came from', async () => {
    const response = await switchLanguage(
      `${started.runtime.urls.gateway}/admin/failed?queue=to-national.fifo`,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/failed');
    expect(response.headers.get('set-cookie')).toMatch(/^lt_lang=en; .*Path=\/admin/);
  });

  // Issue 17: the Referer is the caller's to write; the redirect must stay on a console path.
  it.each([
    ['a scheme-relative path', () => `${started.runtime.urls.gateway}//evil.example/x`],
    [
      'a backslash path browsers read as scheme-relative',
      () => `${started.runtime.urls.gateway}/\\evil.example/x`,
    ],
    ['another origin', () => 'https://evil.example/admin/failed'],
    ['a page of this origin outside the console', () => `${started.runtime.urls.gateway}/docs`],
    ['the switch itself', () => `${started.runtime.urls.gateway}/admin/language?to=vi`],
    ['a path that climbs out of the console', () => `${started.runtime.urls.gateway}/admin/../evil`],
    ['text that is not a URL', () => 'not a url'],
    ['nothing', () => undefined],
  ])('goes to the dashboard when the Referer is %s', async (_, referer) => {
    const response = await switchLanguage(referer());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
  });

  it('never redirects off the console, whatever path of this origin the Referer names', async () => {
    for (const path of ['/admin//evil.example', '/admin/%2F%2Fevil.example', '/admin/failed/..%2F..%2Fx']) {
      const location =
        (await switchLanguage(`${started.runtime.urls.gateway}${path}`)).headers.get('location') ?? '';
      expect(location).toMatch(/^\/admin(\/|$)/);
      // Resolved as a browser would, against the page's own origin.
      expect(new URL(location, started.runtime.urls.gateway).origin).toBe(started.runtime.urls.gateway);
    }
  });
});
