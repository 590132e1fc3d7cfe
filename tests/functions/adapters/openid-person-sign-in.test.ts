import { afterEach, describe, expect, it } from 'vitest';
import { createOpenIdPersonSignIn } from '../../../functions/adapters/openid-person-sign-in';
import type { ConsoleRole } from '../../../functions/core/console-roles';
import {
  type EmbeddedIdentityProvider,
  startEmbeddedIdentityProvider,
} from '../../../infra/local/embedded-identity-provider';

/**
 * The console's sign-in adapter against a real OpenID provider (the embedded oidc-provider),
 * set up as a province's Keycloak would be: groups in `realm_access.roles`, named in Vietnamese,
 * mapped to roles by configuration. The browser's part is played by fetch with a cookie jar.
 */
const client = { clientId: 'lien-thong-console', clientSecret: 'test-console-secret' };
const redirectUri = 'http://127.0.0.1:9/admin/callback';
const postLogoutRedirectUri = 'http://127.0.0.1:9/admin/login?notice=signed-out';
const keycloakMapping: Record<string, ConsoleRole> = {
  'lt-xem': 'viewer',
  'lt-van-hanh': 'operator',
  'lt-an-ninh': 'security',
};
const people = [
  { subject: 'van-hanh@h12', name: 'Trần Văn Vận Hành', groups: ['lt-van-hanh', 'offline_access'] },
  { subject: 'ke-toan@h12', name: 'Phạm Thị Kế Toán', groups: ['ke-toan'] },
];

let provider: EmbeddedIdentityProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

async function startProvider(groupsClaim: string) {
  provider = await startEmbeddedIdentityProvider({
    port: 0,
    host: '127.0.0.1',
    people,
    password: 'mat-khau',
    groupsClaim,
  });
  provider.serve({ ...client, redirectUri, postLogoutRedirectUri });
  return provider;
}

/** The console's sign-in at the provider, reading the groups from `groupsClaim`. */
const consoleSignIn = (issuer: string, groupsClaim: string, postLogoutRedirectParameter?: string) =>
  createOpenIdPersonSignIn({
    issuer,
    ...client,
    redirectUri,
    postLogoutRedirectUri,
    groupsClaim,
    roleOfGroup: keycloakMapping,
    allowHttpIssuer: true,
    ...(postLogoutRedirectParameter ? { postLogoutRedirectParameter } : {}),
  });

/** Signs `login` in at the provider and redeems the code as the console does. */
async function personAfterSignIn(issuer: string, groupsClaim: string, login: string) {
  const signIn = consoleSignIn(issuer, groupsClaim);
  const { url, transaction } = await signIn.begin();
  return signIn.finish(await signInAtProvider(url, login), transaction);
}

/** Follows the provider's redirects as a browser would, keeping its cookies, up to the console's callback. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URLSearchParams> {
  const cookies = new Map<string, string>();
  const visit = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const next = (response: Response, base: URL) => new URL(response.headers.get('location') ?? '', base);

  const start = new URL(authorizationUrl);
  const interaction = next(await visit(start), start);
  expect(interaction.pathname).toMatch(/^\/interaction\//);
  const resume = next(
    await visit(new URL(`${interaction.pathname}/login`, interaction), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password: 'mat-khau' }).toString(),
    }),
    interaction,
  );
  const callback = next(await visit(resume), resume);
  expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
  return callback.searchParams;
}

describe('roles from the claim and mapping the console is configured with', () => {
  it.each([
    ['a nested Keycloak path', 'realm_access.roles'],
    ["Cognito's claim", 'cognito:groups'],
  ])('reads the groups from %s and grants the mapped role', async (_case, groupsClaim) => {
    const { issuer } = await startProvider(groupsClaim);
    expect(await personAfterSignIn(issuer, groupsClaim, 'van-hanh@h12')).toEqual({
      subject: 'van-hanh@h12',
      name: 'Trần Văn Vận Hành',
      roles: ['operator'],
    });
  });

  it('grants no role when the groups are read from another claim than the provider sends', async () => {
    const { issuer } = await startProvider('realm_access.roles');
    expect((await personAfterSignIn(issuer, 'groups', 'van-hanh@h12')).roles).toEqual([]);
  });

  it('grants no role for groups the mapping does not name', async () => {
    const { issuer } = await startProvider('realm_access.roles');
    expect(await personAfterSignIn(issuer, 'realm_access.roles', 'ke-toan@h12')).toMatchObject({
      subject: 'ke-toan@h12',
      roles: [],
    });
  });
});

describe('the sign-out address at the issuer', () => {
  it("names the console's signed-out page with the standard parameter, or the one configured (Cognito's logout_uri)", async () => {
    const { issuer } = await startProvider('groups');
    const standard = new URL((await consoleSignIn(issuer, 'groups').signOutUrl()) ?? '');
    expect(standard.searchParams.get('post_logout_redirect_uri')).toBe(postLogoutRedirectUri);
    expect(standard.searchParams.get('client_id')).toBe(client.clientId);
    const cognito = new URL((await consoleSignIn(issuer, 'groups', 'logout_uri').signOutUrl()) ?? '');
    expect(cognito.searchParams.get('logout_uri')).toBe(postLogoutRedirectUri);
    expect(cognito.searchParams.has('post_logout_redirect_uri')).toBe(false);
    expect(cognito.searchParams.get('client_id')).toBe(client.clientId);
  });
});
