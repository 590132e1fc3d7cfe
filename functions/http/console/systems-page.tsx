import type { Context } from 'hono';
import {
  type SystemKind,
  type SystemView,
  secretRotationSchema,
  systemChangeSchema,
  systemRegistrationSchema,
} from '../../../contracts/connected-systems';
import { actorOf } from '../../application/audit-actor';
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { fieldErrorsOf } from '../problem-response';
import { CONSOLE_PATH, type ConsoleApp, type ConsoleEnv } from './console-env';
import { CsrfField, DataTable, Layout, type PageFrame, PostButton } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, type TextKey, translator } from './console-text';
import { Facts } from './facts';
import { pageFrame } from './page-frame';
import { systemIdParam } from './system-id-param';

const kindLabels: Readonly<Record<SystemKind, TextKey>> = {
  province: 'kindProvince',
  national: 'kindNational',
  admin: 'kindAdmin',
};

function SystemsPage(props: { frame: PageFrame & { csrfToken: string }; systems: readonly SystemView[] }) {
  const { t, csrfToken } = props.frame;
  return (
    <Layout {...props.frame}>
      <h2>{t('systems')}</h2>
      <DataTable
        empty={t('noSystems')}
        rows={props.systems}
        columns={[
          {
            header: t('systemId'),
            rowHeader: true,
            cell: (system) => (
              <a href={`${CONSOLE_PATH}/systems/${encodeURIComponent(system.systemId)}`}>{system.systemId}</a>
            ),
          },
          { header: t('systemName'), cell: (system) => system.name },
          { header: t('systemKind'), cell: (system) => t(kindLabels[system.kind]) },
          { header: t('agencyCode'), cell: (system) => system.agencies.join(', ') || '—' },
          { header: t('status'), cell: (system) => t(system.disabled ? 'disabledState' : 'enabled') },
        ]}
      />
      <h2>{t('registerSystem')}</h2>
      <form method="post" action={`${CONSOLE_PATH}/systems`} class="filters" aria-label={t('registerSystem')}>
        <CsrfField token={csrfToken} />
        <label>
          {t('systemName')}
          <input name="name" required minlength={3} maxlength={120} />
        </label>
        <label>
          {t('systemKind')}
          <select name="kind">
            {(Object.keys(kindLabels) as SystemKind[]).map((kind) => (
              <option value={kind}>{t(kindLabels[kind])}</option>
            ))}
          </select>
        </label>
        <label>
          {t('agencyGrants')}
          <input name="agencies" placeholder="*.H12" />
        </label>
        <label>
          {t('webhookUrl')}
          <input name="webhookUrl" type="url" placeholder="https://" />
        </label>
        <button type="submit">{t('registerSystem')}</button>
      </form>
    </Layout>
  );
}

function SystemPage(props: { frame: PageFrame & { csrfToken: string }; system: SystemView }) {
  const { t, csrfToken } = props.frame;
  const { system } = props;
  const action = (path: string) => `${CONSOLE_PATH}/systems/${encodeURIComponent(system.systemId)}/${path}`;
  return (
    <Layout {...props.frame}>
      <h2>{system.name}</h2>
      <Facts
        label={system.name}
        facts={[
          [t('systemId'), system.systemId],
          [t('systemKind'), t(kindLabels[system.kind])],
          [t('agencyCode'), system.agencies.join(', ') || '—'],
          [t('webhookUrl'), system.webhookUrl ?? '—'],
          [t('status'), t(system.disabled ? 'disabledState' : 'enabled')],
          [t('updatedAt'), formatVietnamTime(system.updatedAt)],
          system.previousClientSecretValidUntil
            ? [
                `${t('clientSecret')}: ${t('previousValidUntil')}`,
                formatVietnamTime(system.previousClientSecretValidUntil),
              ]
            : undefined,
          system.previousWebhookSecretValidUntil
            ? [
                `${t('webhookSecret')}: ${t('previousValidUntil')}`,
                formatVietnamTime(system.previousWebhookSecretValidUntil),
              ]
            : undefined,
        ]}
      />
      <PostButton action={action('client-secret')} csrfToken={csrfToken} label={t('rotateClientSecret')} />
      {system.kind === 'province' ? (
        <PostButton
          action={action('webhook-secret')}
          csrfToken={csrfToken}
          label={t('rotateWebhookSecret')}
        />
      ) : null}
      <PostButton
        action={action('state')}
        csrfToken={csrfToken}
        fields={{ disabled: system.disabled ? 'false' : 'true' }}
        label={t(system.disabled ? 'enableSystem' : 'disableSystem')}
      />
    </Layout>
  );
}

/** The secrets just issued, shown this once; the page is never cached. */
function SecretsPage(props: {
  frame: PageFrame;
  systemId: string;
  secrets: { clientSecret?: string; webhookSecret?: string; previousValidUntil?: string };
}) {
  const { t } = props.frame;
  const { secrets } = props;
  return (
    <Layout {...props.frame}>
      <p role="alert">{t('secretsOnce')}</p>
      <Facts
        label={t('secretsOnce')}
        facts={[
          [t('systemId'), <code>{props.systemId}</code>],
          secrets.clientSecret
            ? [t('clientSecret'), <code data-secret="client">{secrets.clientSecret}</code>]
            : undefined,
          secrets.webhookSecret
            ? [t('webhookSecret'), <code data-secret="webhook">{secrets.webhookSecret}</code>]
            : undefined,
          secrets.previousValidUntil
            ? [t('previousValidUntil'), formatVietnamTime(secrets.previousValidUntil)]
            : undefined,
        ]}
      />
      <p>
        <a href={`${CONSOLE_PATH}/systems/${encodeURIComponent(props.systemId)}`}>{t('backToSystem')}</a>
      </p>
    </Layout>
  );
}

/** Form fields as the API's JSON: empty inputs left out, agency grants split on commas and spaces. */
async function registrationOf(c: Context<ConsoleEnv>) {
  const form = await c.req.parseBody();
  const text = (name: string) => String(form[name] ?? '').trim();
  const parsed = systemRegistrationSchema.safeParse({
    name: text('name'),
    kind: text('kind'),
    agencies: text('agencies')
      .split(/[\s,]+/)
      .filter(Boolean),
    ...(text('webhookUrl') ? { webhookUrl: text('webhookUrl') } : {}),
  });
  if (!parsed.success) {
    throw new GatewayError('request.invalid', 'Thông tin hệ thống không hợp lệ / Invalid system', {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  return parsed.data;
}

/**
 * `${CONSOLE_PATH}/systems` (role security): connected systems, registered, disabled and given
 * new secrets through the same use case as the admin API; a secret appears once, on the answer
 * to the form that issued it, never in a URL.
 */
export function registerSystemsPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  const frameOf = (c: Context<ConsoleEnv>, title: string) => ({
    ...pageFrame(c, 'systems', title),
    csrfToken: c.var.csrfToken,
  });
  const showSecrets = (
    c: Context<ConsoleEnv>,
    systemId: string,
    secrets: { clientSecret?: string; webhookSecret?: string; previousValidUntil?: string },
  ) => {
    c.header('cache-control', 'no-store');
    const t = translator(c.var.language);
    return c.html(<SecretsPage frame={frameOf(c, t('systems'))} systemId={systemId} secrets={secrets} />);
  };

  console.get('/systems', session, async (c) => {
    const t = translator(c.var.language);
    return c.html(<SystemsPage frame={frameOf(c, t('systems'))} systems={await deps.systems.list()} />);
  });

  console.post('/systems', session, async (c) => {
    const issued = await deps.systems.register(await registrationOf(c), actorOf(c.var.admin));
    return showSecrets(c, issued.systemId, issued);
  });

  console.get('/systems/:id', session, async (c) => {
    const system = await deps.systems.show(systemIdParam(c));
    return c.html(<SystemPage frame={frameOf(c, system.name)} system={system} />);
  });

  console.post('/systems/:id/client-secret', session, async (c) => {
    const id = systemIdParam(c);
    const rotation = secretRotationSchema.parse({});
    return showSecrets(c, id, await deps.systems.rotateClientSecret(id, rotation, actorOf(c.var.admin)));
  });

  console.post('/systems/:id/webhook-secret', session, async (c) => {
    const id = systemIdParam(c);
    const rotation = secretRotationSchema.parse({});
    return showSecrets(c, id, await deps.systems.rotateWebhookSecret(id, rotation, actorOf(c.var.admin)));
  });

  console.post('/systems/:id/state', session, async (c) => {
    const id = systemIdParam(c);
    const form = await c.req.parseBody();
    const change = systemChangeSchema.parse({ disabled: form.disabled === 'true' });
    const system = await deps.systems.change(id, change, actorOf(c.var.admin));
    const done = `${translator(c.var.language)(system.disabled ? 'disableSystem' : 'enableSystem')} ${id}`;
    return c.redirect(
      `${CONSOLE_PATH}/systems/${encodeURIComponent(id)}?done=${encodeURIComponent(done)}`,
      303,
    );
  });
}
