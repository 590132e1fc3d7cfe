import type { Context } from 'hono';
import { authenticateClient } from '../../application/authenticate-client';
import { GatewayError, isGatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { limitCredentialChecks } from '../limit-credential-checks';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { Layout } from './console-layout';
import { type ConsoleSession, closeConsoleSession, openConsoleSession } from './console-session';
import { translator } from './console-text';
import { languageOf } from './language-switch';

function signInPage(c: Context, failed: boolean) {
  const language = languageOf(c);
  const t = translator(language);
  return c.html(
    <Layout language={language} t={t} active="login" title={t('signIn')}>
      {failed ? (
        <p class="error" role="alert">
          {t('signInFailed')}
        </p>
      ) : null}
      <form method="post" action={`${CONSOLE_PATH}/login`} class="filters">
        <label>
          {t('clientId')}
          <input name="client_id" autocomplete="username" required />
        </label>
        <label>
          {t('clientSecret')}
          <input name="client_secret" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">{t('signIn')}</button>
      </form>
    </Layout>,
    failed ? 401 : 200,
  );
}

/**
 * Sign-in with an admin client's credentials (the same check as POST /oauth/token, and the
 * same budget per address), and sign-out.
 */
export function registerSignInPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/login', (c) => signInPage(c, false));
  console.post('/login', limitCredentialChecks(deps), async (c) => {
    const form = await c.req.parseBody();
    try {
      const client = await authenticateClient(
        deps.clients,
        String(form.client_id ?? ''),
        String(form.client_secret ?? ''),
      );
      if (!client.scopes.includes('admin')) throw new GatewayError('auth.forbidden', 'not an admin client');
      const token = await deps.tokens.issue({
        clientId: client.clientId,
        scopes: client.scopes,
        agencies: client.agencies,
      });
      openConsoleSession(c, token, deps.tokens.lifetimeSeconds);
      await deps.audit.record({ actor: client.clientId, action: 'console.signIn', target: 'console' });
      return c.redirect(CONSOLE_PATH, 303);
    } catch (error) {
      if (isGatewayError(error, 'auth.invalidClient') || isGatewayError(error, 'auth.forbidden')) {
        return signInPage(c, true);
      }
      throw error;
    }
  });

  console.post('/logout', session, (c) => {
    closeConsoleSession(c);
    return c.redirect(`${CONSOLE_PATH}/login`, 303);
  });
}
