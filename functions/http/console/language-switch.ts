import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import type { Language } from './console-text';

const LANGUAGE_COOKIE = 'lt_lang';

/** Vietnamese unless the reader chose English. */
export const languageOf = (c: Context): Language => (getCookie(c, LANGUAGE_COOKIE) === 'en' ? 'en' : 'vi');

const isConsolePage = (path: string) =>
  (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`)) && path !== `${CONSOLE_PATH}/language`;

/**
 * Where to go back to after a switch: the page the reader came from when the Referer names a
 * console page of this origin, else the dashboard. Only ever a path under the console: the
 * Referer is the caller's to write (`//evil.example`, `/\evil.example`, or not a URL at all).
 */
function returnPath(referer: string | undefined, requestUrl: string): string {
  if (referer === undefined || !URL.canParse(referer)) return CONSOLE_PATH;
  const back = new URL(referer);
  if (back.origin !== new URL(requestUrl).origin || !isConsolePage(back.pathname)) return CONSOLE_PATH;
  return back.pathname;
}

/** `GET /admin/language?to=en|vi`: remembers the choice for a year and goes back. */
export function registerLanguageSwitch(console: ConsoleApp) {
  console.get('/language', (c) => {
    setCookie(c, LANGUAGE_COOKIE, c.req.query('to') === 'en' ? 'en' : 'vi', {
      path: CONSOLE_PATH,
      sameSite: 'Strict',
      secure: true,
      httpOnly: true,
      maxAge: 31_536_000,
    });
    return c.redirect(returnPath(c.req.header('referer'), c.req.url), 303);
  });
}
