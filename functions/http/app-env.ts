import type { AuthVariables } from './require-scope';

/** What a route of the gateway may read from its context: the request id, and the caller once authenticated. */
export type AppEnv = { Variables: AuthVariables & { requestId: string } };
