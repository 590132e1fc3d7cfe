import type { Context } from 'hono';
import { actorOf } from '../../application/audit-actor';
import { isGatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { limitCredentialChecks } from '../limit-credential-checks';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { Layout } from './console-layout';
import {
  type ConsoleSession,
  closeConsoleSession,
  keepSignInTransaction,
  openConsoleSession,
  takeSignInTransaction,
} from './console-session';
import { translator } from './console-text';
import { languageOf } from './language-switch';

type Notice = 'signInFailed' | 'signInNoRole' | 'signInUnavailable' | 'signedOut';

const notices: Readonly<Record<string, Notice>> = {
  failed: 'signInFailed',
  'no-role': 'signInNoRole',
  'signed-out': 'signedOut',
};

function signInPage(
  c: Context,
  deps: ApiDependencies,
  notice: Notice | undefined,
  status: 200 | 400 | 403 = 200,
) {
  const language = languageOf(c);
  const t = translator(language);
  const shown = deps.personSignIn ? notice : 'signInUnavailable';
  return c.html(
    <Layout language={language} t={t} active="login" title={t('signIn')}>
      {shown ? (
        <p
          class={shown === 'signedOut' ? 'notice' : 'error'}
          role={shown === 'signedOut' ? 'status' : 'alert'}
        >
          {t(shown)}
        </p>
      ) : null}
      {deps.personSignIn ? (
        <form method="post" action={`${CONSOLE_PATH}/login`} class="filters">
          <button type="submit">{t('signInWithIssuer')}</button>
        </form>
      ) : null}
    </Layout>,
    status,
  );
}

/**
 * The page a successful sign-in lands on: it opens the console with a navigation of this site's
 * own, because a SameSite=Strict session cookie set during the identity provider's cross-site
 * redirect is not sent on the redirects that follow it.
 */
function signedInPage(c: Context) {
  const language = languageOf(c);
  const t = translator(language);
  return c.html(
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content={`0;url=${CONSOLE_PATH}`} />
        <title>{t('signIn')}</title>
      </head>
      <body>
        <a href={CONSOLE_PATH}>{t('signInContinue')}</a>
      </body>
    </html>,
  );
}

/**
 * People sign in through the identity provider (OpenID Connect, authorization code + PKCE): the
 * button sends the browser there, the provider sends it back to the callback, which opens a
 * session for a person holding a role. Every outcome of a callback is audited; sign-out ends the
 * session here and, when the provider offers it, there too.
 */
export function registerSignInPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/login', (c) => signInPage(c, deps, notices[c.req.query('notice') ?? '']));

  console.post('/login', async (c) => {
    if (!deps.personSignIn) return signInPage(c, deps, 'signInUnavailable');
    const { url, transaction } = await deps.personSignIn.begin();
    keepSignInTransaction(c, transaction);
    return c.redirect(url, 303);
  });

  console.get('/callback', limitCredentialChecks(deps), async (c) => {
    const transaction = takeSignInTransaction(c);
    const refused = async (reason: string, notice: Notice = 'signInFailed') => {
      await deps.audit.record({
        actor: { type: 'anonymous', address: deps.remoteAddress(c) ?? '' },
        action: 'console.signInFailed',
        target: 'console',
        reason,
      });
      // Not a sign-in this browser has in progress: a bad request, not a wrong password.
      return signInPage(c, deps, notice, 400);
    };
    if (!deps.personSignIn) return signInPage(c, deps, 'signInUnavailable');
    if (!transaction) return refused('no sign-in in progress in this browser (or it was already used)');
    let person: Awaited<ReturnType<typeof deps.personSignIn.finish>>;
    try {
      person = await deps.personSignIn.finish(new URL(c.req.url).searchParams, transaction);
    } catch (error) {
      if (isGatewayError(error, 'auth.unauthenticated')) return refused(error.message);
      throw error;
    }
    const claims = {
      clientId: `person:${person.subject}`,
      // Every role reads the console; personal data unmasked only for security.
      scopes: person.roles.includes('security') ? (['admin', 'pii:read'] as const) : (['admin'] as const),
      agencies: [],
      person: { subject: person.subject, name: person.name, roles: person.roles },
    };
    if (person.roles.length === 0) {
      await deps.audit.record({
        actor: actorOf(claims),
        action: 'console.signInFailed',
        target: 'console',
        reason: 'no role',
      });
      return signInPage(c, deps, 'signInNoRole', 403);
    }
    const token = await deps.tokens.issue({ ...claims, scopes: [...claims.scopes] });
    openConsoleSession(c, token, deps.tokens.lifetimeSeconds);
    await deps.audit.record({
      actor: actorOf(claims),
      action: 'console.signIn',
      target: 'console',
      after: { roles: person.roles },
    });
    return signedInPage(c);
  });

  console.post('/logout', session, async (c) => {
    closeConsoleSession(c);
    await deps.audit.record({ actor: actorOf(c.var.admin), action: 'console.signOut', target: 'console' });
    const atIssuer = await deps.personSignIn?.signOutUrl().catch(() => undefined);
    return c.redirect(atIssuer ?? `${CONSOLE_PATH}/login?notice=signed-out`, 303);
  });
}
