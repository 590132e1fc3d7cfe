import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContext } from 'oidc-provider';
import { closeServer } from './emulators';

/** A person the embedded provider knows: the subject is also the sign-in name. */
export interface LocalPerson {
  readonly subject: string;
  readonly name: string;
  readonly groups: readonly string[];
}

/** A sign-in attempt at the provider's form, told to the runtime so the audit log has it. */
export interface SignInAttempt {
  readonly login: string;
  readonly outcome: 'wrongPassword' | 'slowedDown';
}

export interface EmbeddedIdentityProvider {
  readonly issuer: string;
  /** Registers the console as the one client, once the gateway's address is known, and serves. */
  serve(client: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    postLogoutRedirectUri: string;
  }): void;
  close(): Promise<void>;
}

/**
 * The claims that carry `groups` at `claim`, as the console reads them (groupsInClaims): a
 * dotted claim nests (`realm_access.roles` -> `{realm_access: {roles}}`, as Keycloak sends it).
 */
function groupClaims(claim: string, groups: readonly string[]): Record<string, unknown> {
  return claim.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), [...groups]) as Record<
    string,
    unknown
  >;
}

/**
 * Failures in a row after which an account's next attempt must wait, and how long: the wait
 * doubles with each further failure up to the cap, whatever address the attempts come from.
 */
export const ACCOUNT_FAILURES_BEFORE_WAIT = 3;
const FIRST_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 15 * 60;
const MAX_LOGIN_LENGTH = 200;
const SESSION_SECONDS = 8 * 60 * 60;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto}label{display:block;margin:.5rem 0}input{width:100%}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

function loginForm(uid: string, login: string, error?: string) {
  return page(
    'Đăng nhập — nhà cung cấp định danh cục bộ / Local identity provider',
    `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Tên đăng nhập / Username <input name="login" autocomplete="username" required value="${escapeHtml(login)}"></label>
<label>Mật khẩu / Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập / Sign in</button>
</form>`,
  );
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface StoredPayload {
  readonly grantId?: string;
  readonly uid?: string;
  readonly userCode?: string;
  consumed?: number;
}

/**
 * The provider's state (sessions, interactions, codes) in this process's memory: the local
 * runtime forgets sign-ins when it stops, which is what a demo wants.
 */
function memoryAdapter() {
  const entries = new Map<string, { payload: StoredPayload; expiresAtMs: number }>();
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: StoredPayload, expiresIn: number) {
      entries.set(this.key(id), { payload, expiresAtMs: Date.now() + expiresIn * 1000 });
    }
    async find(id: string) {
      const entry = entries.get(this.key(id));
      if (!entry || entry.expiresAtMs < Date.now()) return undefined;
      return entry.payload;
    }
    async findByUid(uid: string) {
      return this.findWhere((payload) => payload.uid === uid);
    }
    async findByUserCode(userCode: string) {
      return this.findWhere((payload) => payload.userCode === userCode);
    }
    async consume(id: string) {
      const entry = entries.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      entries.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) {
        if (entry.payload.grantId === grantId) entries.delete(key);
      }
    }
    private findWhere(match: (payload: StoredPayload) => boolean) {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.model}:`) && match(entry.payload) && entry.expiresAtMs >= Date.now())
          return entry.payload;
      }
      return undefined;
    }
  };
}

/** Per-account failures: an account under attack slows down even when every try comes from a new address. */
function accountThrottle(now: () => number) {
  const failures = new Map<string, { count: number; lastAtMs: number }>();
  return {
    waitSeconds(login: string): number {
      const entry = failures.get(login);
      if (!entry || entry.count < ACCOUNT_FAILURES_BEFORE_WAIT) return 0;
      const wait = Math.min(
        FIRST_WAIT_SECONDS * 2 ** (entry.count - ACCOUNT_FAILURES_BEFORE_WAIT),
        MAX_WAIT_SECONDS,
      );
      return Math.max(0, Math.ceil(wait - (now() - entry.lastAtMs) / 1000));
    },
    failed(login: string) {
      const entry = failures.get(login) ?? { count: 0, lastAtMs: 0 };
      failures.set(login, { count: entry.count + 1, lastAtMs: now() });
    },
    succeeded(login: string) {
      failures.delete(login);
    },
  };
}

/**
 * The local runtime's OpenID provider (oidc-provider, a certified implementation): the demo
 * people sign in at its own form with a password, the console is its one client, with
 * authorization code + PKCE only; groups travel in the claim the console reads them from
 * (CONSOLE_GROUPS_CLAIM, `groups` by default). It listens first (so the
 * issuer's address is known to the gateway) and serves once the gateway's address is known.
 */
export async function startEmbeddedIdentityProvider(options: {
  port: number;
  host: string;
  people: readonly LocalPerson[];
  password: string;
  /** Where the ID token carries each person's groups: a claim name or a dotted path. */
  groupsClaim: string;
  onAttempt?: (attempt: SignInAttempt) => Promise<unknown>;
  now?: () => number;
}): Promise<EmbeddedIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port, options.host, () => resolve());
  });
  const issuer = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  const people = new Map(options.people.map((person) => [person.subject, person]));
  const throttle = accountThrottle(options.now ?? Date.now);

  function createProvider(client: Parameters<EmbeddedIdentityProvider['serve']>[0]) {
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'jwk',
    });
    return new Provider(issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          client_name: 'Liên thông Gateway console',
          redirect_uris: [client.redirectUri],
          post_logout_redirect_uris: [client.postLogoutRedirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          id_token_signed_response_alg: 'ES256',
        },
      ],
      jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'ES256', kid: 'local-idp' }] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      pkce: { required: () => true },
      adapter: memoryAdapter(),
      scopes: ['openid', 'profile'],
      // Groups travel with the profile, as Keycloak's group mapper sends them.
      claims: { openid: ['sub'], profile: ['name', options.groupsClaim.split('.')[0] ?? ''] },
      // The console reads who signed in from the ID token alone.
      conformIdTokenClaims: false,
      async findAccount(_ctx: unknown, id: string) {
        const person = people.get(id);
        if (!person) return undefined;
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            name: person.name,
            ...groupClaims(options.groupsClaim, person.groups),
          }),
        };
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      // The console is this provider's own first-party client: no consent screen.
      async loadExistingGrant(ctx: KoaContext) {
        const { client: rp, session } = ctx.oidc;
        if (!rp || !session.accountId) return undefined;
        const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(rp.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: rp.clientId, accountId: session.accountId });
        grant.addOIDCScope('openid profile');
        await grant.save();
        return grant;
      },
      ttl: {
        Session: SESSION_SECONDS,
        Grant: SESSION_SECONDS,
        Interaction: 10 * 60,
        AuthorizationCode: 60,
        AccessToken: 10 * 60,
        IdToken: 10 * 60,
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource(ctx: KoaContext, form: string) {
            ctx.body = page(
              'Đăng xuất / Sign out',
              `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất / Sign out</button>`,
            );
          },
          postLogoutSuccessSource(ctx: KoaContext) {
            ctx.body = page('Đã đăng xuất / Signed out', '<p>Đã đăng xuất / You are signed out.</p>');
          },
        },
      },
      renderError(ctx: KoaContext, out: { error: string; error_description?: string }) {
        ctx.type = 'html';
        ctx.body = page(
          'Lỗi đăng nhập / Sign-in error',
          `<p>${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? '')}</p>`,
        );
      },
    });
  }

  async function login(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) {
    const form = await formOf(req);
    const login = (form.get('login') ?? '').slice(0, MAX_LOGIN_LENGTH);
    const answer = (status: number, error: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid, login, error));
    };
    const wait = throttle.waitSeconds(login);
    if (wait > 0) {
      await options.onAttempt?.({ login, outcome: 'slowedDown' });
      return answer(
        429,
        `Quá nhiều lần sai; thử lại sau ${wait} giây / Too many failures; try again in ${wait} s`,
      );
    }
    const person = people.get(login);
    if (!person || !samePassword(form.get('password') ?? '', options.password)) {
      throttle.failed(login);
      await options.onAttempt?.({ login, outcome: 'wrongPassword' });
      return answer(401, 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password');
    }
    throttle.succeeded(login);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.subject } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    serve(client) {
      const provider = createProvider(client);
      const callback = provider.callback();
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
        if (!match?.[1]) return callback(req, res);
        const uid = match[1];
        const handled =
          req.method === 'POST' && match[2]
            ? login(provider, req, res, uid)
            : provider.interactionDetails(req, res).then(() => {
                res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid, ''));
              });
        handled.catch(() => {
          if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            page(
              'Phiên đăng nhập không hợp lệ / Sign-in session not valid',
              '<p>Hãy bắt đầu lại từ bảng điều khiển / Start again from the console.</p>',
            ),
          );
        });
      });
    },
    close: () => closeServer(server),
  };
}
