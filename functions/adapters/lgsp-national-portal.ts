import { catalogueServices } from '../../contracts/national-catalogues';
import {
  LGSP_AGENCY_HEADER,
  type LgspPaths,
  lgspDefaultPaths,
  lgspTokenReplySchema,
  nationalErrorCodes,
  nationalErrorNumber,
  nationalReplySchema,
} from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';
import type { NationalPortal } from '../ports/national-portal';
import { readCatalogueResult } from './national-catalogue-result';
import { readLookupResult } from './national-lookup-result';
import { nationalWrites, type PortalReply } from './national-writes';
import { defaultRejectedCodes, raiseNationalError } from './raise-national-error';
import { retryAfterSeconds } from './retry-after-seconds';

/**
 * The DVCQG transport through a provincial LGSP (DOMAIN.md, docs/adr/0003): one URL per
 * operation, each with a JSON array body [TH SyncLocalDataToDVCQGService.cs]. [TH] sends no
 * Authorization header and no unit header; an OAuth2 client-credentials token (when a client is
 * configured) and a `madonvi` header (unless turned off) are [inferred] and optional.
 */
export interface LgspNationalPortalOptions {
  /** The LGSP API base, e.g. `https://lgsp.example.gov.vn/gateway/`; `paths` resolve against it. */
  readonly baseUrl: string;
  /** The OAuth2 client; without one, calls carry no Authorization header (as [TH]'s). */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /**
   * How the client authenticates at the token endpoint (RFC 6749 section 2.3.1): HTTP Basic,
   * which every server must accept, or client_id / client_secret form fields.
   */
  readonly clientAuthentication?: 'basic' | 'body';
  /** Overrides of lgspDefaultPaths; an absolute URL (a token server elsewhere) is used as it is. */
  readonly paths?: Partial<LgspPaths>;
  /**
   * Header carrying the unit code: LGSP_AGENCY_HEADER unless the LGSP names another, or false
   * to send none (as [TH]). Its value is `madonvi` when configured, else the dossier's agency.
   */
  readonly agencyHeader?: string | false;
  /** The account's unit code for the header, a constant like the session transport's madonvi. */
  readonly madonvi?: string;
  /** error_codes that park the message; default DOMAIN.md's list (config/national-reply-codes.json). */
  readonly rejectedErrorCodes?: readonly number[];
  readonly timeoutMs: number;
  /** Renew a token this long before it expires, at most half its lifetime. Default 60. */
  readonly renewBeforeSeconds?: number;
  readonly fetch?: typeof fetch;
  /** Epoch milliseconds; injected so tests can move past a token's expiry. */
  readonly now?: () => number;
}

/** RFC 6749 makes expires_in optional; without it, renew this often and let a 401 do the rest. */
const ASSUMED_TOKEN_LIFETIME_SECONDS = 300;
const DEFAULT_RENEW_BEFORE_SECONDS = 60;

interface CachedToken {
  readonly value: string;
  /** Epoch milliseconds after which the token is renewed before use. */
  readonly renewAt: number;
}

/** The RFC 6749 section 5.2 `error` of a refusal, when the body is one; only for the message. */
function oauthErrorOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = (parsed as { error?: unknown } | null)?.error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}

export function createLgspNationalPortal(options: LgspNationalPortalOptions): NationalPortal {
  const rejectedCodes = options.rejectedErrorCodes ?? defaultRejectedCodes;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const paths: LgspPaths = { ...lgspDefaultPaths, ...options.paths };
  const agencyHeader = options.agencyHeader ?? LGSP_AGENCY_HEADER;
  const renewBeforeSeconds = options.renewBeforeSeconds ?? DEFAULT_RENEW_BEFORE_SECONDS;
  // Without the trailing slash, `new URL('dvcqg/…', 'https://host/gateway')` drops `gateway`.
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const urlOf = (path: string) => new URL(path.replace(/^\/+/, ''), base);

  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  /** Network errors, timeouts, 429 and 5xx: the same transient mapping as the session transport. */
  async function send(url: URL, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      throw new GatewayError('national.transient', `LGSP unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = retryAfterSeconds(response, now());
      throw new GatewayError('national.transient', `LGSP answered HTTP ${response.status}`, {
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      });
    }
    return response;
  }

  async function readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      // [TH] reads the progress URL's plain-text answer and takes "thành công" for success.
      if (response.ok && /thành công/i.test(text)) {
        return { error_code: nationalErrorCodes.ok, message: text.slice(0, 200) };
      }
      throw new GatewayError('national.transient', `LGSP answered HTTP ${response.status} with non-JSON`, {
        cause: error,
      });
    }
  }

  async function requestToken(): Promise<CachedToken> {
    const issuedAt = now();
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const clientId = options.clientId ?? '';
    const clientSecret = options.clientSecret ?? '';
    if (options.clientAuthentication === 'body') {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    } else {
      // RFC 6749 section 2.3.1: both parts are form-encoded before they are joined and base64-encoded.
      const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
      headers.authorization = `Basic ${btoa(credentials)}`;
    }
    const response = await send(urlOf(paths.token), { method: 'POST', headers, body: form.toString() });
    if (response.status >= 400) {
      // invalid_client, unauthorized_client, or a token URL that is not one: a new try cannot help.
      const error = oauthErrorOf(await response.text().catch(() => ''));
      throw new GatewayError(
        'national.authentication',
        `LGSP token endpoint refused the gateway (HTTP ${response.status}${error ? `, ${error}` : ''})`,
        { details: { httpStatus: response.status, ...(error ? { oauthError: error } : {}) } },
      );
    }
    const reply = lgspTokenReplySchema.safeParse(await readJson(response));
    if (!reply.success)
      throw new GatewayError('national.transient', 'LGSP token endpoint answered without an access_token');
    const lifetimeSeconds = reply.data.expires_in ?? ASSUMED_TOKEN_LIFETIME_SECONDS;
    const marginSeconds = Math.min(renewBeforeSeconds, lifetimeSeconds / 2);
    return {
      value: reply.data.access_token,
      renewAt: issuedAt + (lifetimeSeconds - marginSeconds) * 1000,
    };
  }

  /** The cached token while it is fresh; concurrent callers share one renewal. */
  function accessToken(): Promise<string> {
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.value);
    pending ??= requestToken().then(
      (fresh) => {
        cached = fresh;
        pending = undefined;
        return fresh;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending.then((token) => token.value);
  }

  /** Drops a refused token, unless a concurrent call has already replaced it. */
  function forget(value: string) {
    if (cached?.value === value) cached = undefined;
  }

  const usesToken = options.clientId !== undefined;

  async function call(path: string, agencyCode: string, body: unknown): Promise<PortalReply> {
    // A token can be revoked or expire early at any time; one renewal per call bounds the retry.
    const unit = options.madonvi ?? agencyCode;
    for (let round = 0; round < 2; round += 1) {
      const token = usesToken ? await accessToken() : undefined;
      const response = await send(urlOf(path), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          // A catalogue call names no dossier: without an account madonvi it has no unit to send.
          ...(agencyHeader === false || unit === '' ? {} : { [agencyHeader]: unit }),
        },
        body: JSON.stringify(body),
      });
      // The API gateway in front of the LGSP refuses a bad token with HTTP 401 and its own body,
      // not necessarily an error_code envelope; the service behind it answers error_code 100.
      if (response.status === 401) {
        await response.body?.cancel();
        if (token === undefined) break;
        forget(token);
        continue;
      }
      const parsed = nationalReplySchema.safeParse(await readJson(response));
      if (!parsed.success)
        throw new GatewayError('national.transient', 'LGSP reply is not an error_code envelope');
      const code = nationalErrorNumber(parsed.data.error_code);
      if (code !== nationalErrorCodes.authentication || token === undefined) {
        return { code, message: parsed.data.message ?? '', result: parsed.data.result };
      }
      forget(token);
    }
    if (!usesToken)
      throw new GatewayError('national.authentication', 'LGSP refused a call without a token (HTTP 401)');
    throw new GatewayError('national.authentication', 'LGSP rejected a freshly issued token');
  }

  return {
    ...nationalWrites(
      {
        sync: (agencyCode, dossier, isUpdating) =>
          call(isUpdating ? paths.updateDossier : paths.createDossier, agencyCode, [dossier]),
        progress: (agencyCode, rows) => call(paths.updateProgress, agencyCode, rows),
      },
      rejectedCodes,
    ),
    async lookupDossier(agencyCode, dossierCode) {
      const reply = await call(paths.lookupDossier, agencyCode, { mahoso: dossierCode });
      // A look-up asks "does the portal hold it?": 201 "not found" answers no, it rejects nothing.
      if (reply.code === nationalErrorCodes.notFound) return undefined;
      if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message, rejectedCodes);
      return readLookupResult(reply.result, dossierCode);
    },
    async listCatalogue(kind) {
      // No dossier is involved: the unit header carries the account's madonvi, or nothing.
      const reply = await call(paths.catalogue, options.madonvi ?? '', { service: catalogueServices[kind] });
      if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message, rejectedCodes);
      return readCatalogueResult(kind, reply.result);
    },
    async ping() {
      if (usesToken) await accessToken();
    },
  };
}
