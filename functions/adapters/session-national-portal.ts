import { catalogueServices } from '../../contracts/national-catalogues';
import {
  isUpdatingValue,
  nationalErrorCodes,
  nationalErrorNumber,
  nationalLoginReplySchema,
  nationalReplySchema,
  type SessionPaths,
  sessionDefaultPaths,
} from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';
import type { NationalPortal } from '../ports/national-portal';
import { readCatalogueResult } from './national-catalogue-result';
import { readLookupResult } from './national-lookup-result';
import { type NationalWriteCalls, nationalWrites, type PortalReply } from './national-writes';
import { defaultRejectedCodes, raiseNationalError } from './raise-national-error';
import { retryAfterSeconds } from './retry-after-seconds';

/**
 * The session-envelope transport of DVCQG (DOMAIN.md) as [OCPS] DVCQGIntegrationActionImpl.java
 * speaks it: POST {base}{auth} with {username, password} for a session, then every call is
 * {session, madonvi, service, ...}: writes to {integration}, reads to {share}; the `dstcode`
 * header on every call, the login included. madonvi and dstcode are constants of the
 * province's account, never a dossier's agency code.
 */
export interface SessionNationalPortalOptions {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  /** madonvi of the account (the province's unit code at the portal). */
  readonly madonvi: string;
  /** The `dstcode` header of the account. */
  readonly dstcode: string;
  /** Overrides of sessionDefaultPaths, relative to baseUrl (or absolute). */
  readonly paths?: Partial<SessionPaths>;
  /**
   * The endpoint TraCuuHoSo goes to: 'share' as DOMAIN.md reads it (default), or 'integration'
   * as [OCPS] searchDossier posts it. [inferred]: configurable.
   */
  readonly lookupEndpoint?: 'share' | 'integration';
  /** error_codes that park the message; default DOMAIN.md's list (config/national-reply-codes.json). */
  readonly rejectedErrorCodes?: readonly number[];
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

type Endpoint = keyof SessionPaths;

/** One session of the portal: the login and the envelope every call goes in. */
export interface SessionCaller {
  callService(endpoint: Endpoint, call: Record<string, unknown>): Promise<PortalReply>;
  login(): Promise<string>;
}

/** The envelope and the session behind it, shared by every port spoken over this transport. */
export function createSessionCaller(
  options: Omit<SessionNationalPortalOptions, 'lookupEndpoint' | 'rejectedErrorCodes'>,
): SessionCaller {
  const doFetch = options.fetch ?? fetch;
  const paths: SessionPaths = { ...sessionDefaultPaths, ...options.paths };
  // Without the trailing slash, `new URL('service', 'https://host/adapter')` drops `adapter`.
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  let session: Promise<string> | undefined;

  async function post(endpoint: Endpoint, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(new URL(paths[endpoint].replace(/^\/+/, ''), base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', dstcode: options.dstcode },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new GatewayError(
        'national.transient',
        `national portal unreachable: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = retryAfterSeconds(response);
      throw new GatewayError('national.transient', `national portal answered HTTP ${response.status}`, {
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      });
    }
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new GatewayError(
        'national.transient',
        `national portal answered HTTP ${response.status} with non-JSON`,
        { cause: error },
      );
    }
  }

  function login(): Promise<string> {
    session ??= (async () => {
      const reply = nationalLoginReplySchema.safeParse(
        await post('auth', { username: options.username, password: options.password }),
      );
      // [OCPS getAccessToken]: a session only with error_code 0, read as a number.
      if (
        !reply.success ||
        nationalErrorNumber(reply.data.error_code) !== nationalErrorCodes.ok ||
        !reply.data.session
      ) {
        throw new GatewayError('national.authentication', 'national portal refused the gateway login');
      }
      return reply.data.session;
    })().catch((error: unknown) => {
      session = undefined;
      throw error;
    });
    return session;
  }

  async function callService(endpoint: Endpoint, call: Record<string, unknown>): Promise<PortalReply> {
    // A session can expire at any time; one fresh login per call is the bound on retrying.
    for (let round = 0; round < 2; round += 1) {
      const current = await login();
      const parsed = nationalReplySchema.safeParse(
        await post(endpoint, { session: current, madonvi: options.madonvi, ...call }),
      );
      if (!parsed.success)
        throw new GatewayError('national.transient', 'national portal reply is not an error_code envelope');
      const code = nationalErrorNumber(parsed.data.error_code);
      if (code !== nationalErrorCodes.authentication) {
        return { code, message: parsed.data.message ?? '', result: parsed.data.result };
      }
      session = undefined;
    }
    throw new GatewayError('national.authentication', 'national portal rejected a fresh session');
  }

  return { callService, login };
}

export function createSessionNationalPortal(options: SessionNationalPortalOptions): NationalPortal {
  const rejectedCodes = options.rejectedErrorCodes ?? defaultRejectedCodes;
  const lookupEndpoint: Endpoint = options.lookupEndpoint ?? 'share';
  const { callService, login } = createSessionCaller(options);

  const calls: NationalWriteCalls = {
    sync: (_agencyCode, dossier, isUpdating) =>
      callService('integration', {
        service: 'DongBoHoSoMC',
        isUpdating: isUpdatingValue(isUpdating),
        data: [dossier],
      }),
    progress: (_agencyCode, rows) =>
      callService('integration', { service: 'CapNhatTienDoHoSoMC', data: rows }),
  };

  return {
    ...nationalWrites(calls, rejectedCodes),
    async lookupDossier(_agencyCode, dossierCode) {
      // The lowercase key `mahoso` [OCPS searchDossier, TH GPLXService].
      const reply = await callService(lookupEndpoint, { service: 'TraCuuHoSo', mahoso: dossierCode });
      if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message, rejectedCodes);
      return readLookupResult(reply.result, dossierCode);
    },
    async listCatalogue(kind) {
      // Catalogues are reads: the share endpoint [OCPS getSharingDictCollection].
      const reply = await callService('share', { service: catalogueServices[kind] });
      if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message, rejectedCodes);
      return readCatalogueResult(kind, reply.result);
    },
    async ping() {
      await login();
    },
  };
}
