import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AccessTokenClaims } from '../../ports/access-tokens';
import type { AppEnv } from '../app-env';
import type { Language } from './console-text';

/** Where the entry point mounts the console; its cookies are scoped to it. */
export const CONSOLE_PATH = '/admin';

/** A console request knows its reader's language and, once signed in, the administrator and the form token. */
export type ConsoleEnv = AppEnv & {
  Variables: { admin: AccessTokenClaims; csrfToken: string; language: Language };
};

export type ConsoleApp = OpenAPIHono<ConsoleEnv>;

/** Rows per page of every console list. */
export const CONSOLE_PAGE_SIZE = 25;
