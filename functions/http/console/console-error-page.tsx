import type { Context } from 'hono';
import type { GatewayError } from '../../core/gateway-error';
import { statusOf } from '../problem-response';
import { CONSOLE_PATH } from './console-env';
import { Layout } from './console-layout';
import { translator } from './console-text';
import { languageOf } from './language-switch';

/**
 * A console request that failed: an HTML page the administrator can act on, not JSON, with
 * the same status and Retry-After the API would answer.
 */
export function consoleErrorPage(c: Context, error: GatewayError): Response | Promise<Response> {
  const language = languageOf(c);
  const t = translator(language);
  const status = statusOf(error.code);
  const fields = error.fieldErrors.map((field) => `${field.path}: ${field.message}`);
  if (error.retryAfterSeconds !== undefined) c.header('retry-after', String(error.retryAfterSeconds));
  return c.html(
    <Layout language={language} t={t} active="dashboard" title={`${status}`}>
      <p class="error" role="alert">
        {error.message}
      </p>
      {fields.length ? (
        <ul>
          {fields.map((field) => (
            <li>{field}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={CONSOLE_PATH}>{t('dashboard')}</a>
      </p>
    </Layout>,
    status,
  );
}
