import type { LocalRuntime } from '../../infra/local/start-local-runtime';

/** Collects cookies per response, as a browser's jar would for one site. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    take(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    },
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  };
}

/**
 * A sign-in through the embedded identity provider taken as far as its answer and not further,
 * as someone who caught the answer holds it: the callback URL (code and state) and the
 * browser's kept transaction (the lt_signin cookie's value).
 */
export async function signInWithoutFollowing(gateway: string, login: string, password = 'demo') {
  const started = await fetch(`${gateway}/admin/login`, {
    method: 'POST',
    headers: { origin: gateway },
    redirect: 'manual',
  });
  const transaction = /lt_signin=([^;]+)/.exec(started.headers.getSetCookie().join('\n'))?.[1] ?? '';
  const provider = cookieJar();
  let location = started.headers.get('location') ?? '';
  let response = await fetch(location, { redirect: 'manual' });
  provider.take(response);
  const interaction = new URL(response.headers.get('location') ?? '', location);
  response = await fetch(`${interaction.href}/login`, {
    method: 'POST',
    headers: { cookie: provider.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }).toString(),
    redirect: 'manual',
  });
  provider.take(response);
  // The provider resumes the authorization and answers with a redirect to the console's callback.
  for (let hops = 0; response.status === 303 && hops < 5; hops += 1) {
    location = new URL(response.headers.get('location') ?? '', location).href;
    if (location.startsWith(`${gateway}/admin/callback`)) return { callback: location, transaction };
    response = await fetch(location, { headers: { cookie: provider.header() }, redirect: 'manual' });
    provider.take(response);
  }
  throw new Error(`the identity provider did not send ${login} back: ${response.status}`);
}

/** A demo person's console session cookie (`lt_admin=…`), signed in through the identity provider without a browser. */
export async function consoleSessionOf(runtime: LocalRuntime, login: string): Promise<string> {
  const { callback, transaction } = await signInWithoutFollowing(runtime.urls.gateway, login);
  const response = await fetch(callback, {
    headers: { cookie: `lt_signin=${transaction}` },
    redirect: 'manual',
  });
  const cookie = /lt_admin=[^;]+/.exec(response.headers.getSetCookie().join('\n'))?.[0];
  if (!cookie) throw new Error(`no console session for ${login}: ${response.status}`);
  return cookie;
}
