import type { Context } from 'hono';
import type { ConsoleEnv } from './console-env';
import type { PageFrame } from './console-layout';
import { translator } from './console-text';

/**
 * The frame of a signed-in page: language, navigation, the administrator, the form token, and
 * the notice a form leaves behind when it redirects here with `?done=…`.
 */
export function pageFrame(c: Context<ConsoleEnv>, active: PageFrame['active'], title: string): PageFrame {
  const language = c.var.language;
  const t = translator(language);
  const done = c.req.query('done');
  return {
    language,
    t,
    active,
    title,
    signedInAs: c.var.admin.person
      ? `${c.var.admin.person.name} · ${c.var.admin.person.roles.join(', ')}`
      : c.var.admin.clientId,
    csrfToken: c.var.csrfToken,
    roles: c.var.admin.person?.roles ?? [],
    ...(done ? { notice: `${t('done')}: ${done}` } : {}),
  };
}
