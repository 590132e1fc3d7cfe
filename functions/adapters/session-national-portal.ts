import {
  NATIONAL_PROGRESS_CHUNK,
  type NationalDossier,
  nationalDossierSchema,
  nationalErrorCodes,
  nationalLoginReplySchema,
  nationalReplySchema,
} from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';
import type { NationalPortal } from '../ports/national-portal';
import { raiseNationalError } from './raise-national-error';
import { retryAfterSeconds } from './retry-after-seconds';

/**
 * The older DVCQG transport: POST {base}/login for a session, then POST {base}/service with
 * {session, madonvi, service, ...} and the `dstcode` header (DOMAIN.md).
 */
export interface SessionNationalPortalOptions {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

export function createSessionNationalPortal(options: SessionNationalPortalOptions): NationalPortal {
  const doFetch = options.fetch ?? fetch;
  let session: Promise<string> | undefined;

  async function post(path: string, body: unknown, agencyCode?: string): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(new URL(path, options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(agencyCode ? { dstcode: agencyCode } : {}) },
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
        {
          cause: error,
        },
      );
    }
  }

  function login(): Promise<string> {
    session ??= (async () => {
      const reply = nationalLoginReplySchema.safeParse(
        await post('login', { username: options.username, password: options.password }),
      );
      if (!reply.success || String(reply.data.error_code) !== nationalErrorCodes.ok || !reply.data.session) {
        throw new GatewayError('national.authentication', 'national portal refused the gateway login');
      }
      return reply.data.session;
    })().catch((error: unknown) => {
      session = undefined;
      throw error;
    });
    return session;
  }

  async function callService(agencyCode: string, call: Record<string, unknown>) {
    // A session can expire at any time; one fresh login per call is the bound on retrying.
    for (let round = 0; round < 2; round += 1) {
      const current = await login();
      const parsed = nationalReplySchema.safeParse(
        await post('service', { session: current, madonvi: agencyCode, ...call }, agencyCode),
      );
      if (!parsed.success)
        throw new GatewayError('national.transient', 'national portal reply is not an error_code envelope');
      const code = String(parsed.data.error_code);
      if (code !== nationalErrorCodes.authentication) {
        return { code, message: parsed.data.message ?? '', result: parsed.data.result };
      }
      session = undefined;
    }
    throw new GatewayError('national.authentication', 'national portal rejected a fresh session');
  }

  return {
    async syncDossier(agencyCode, dossier, isUpdating) {
      const first = await callService(agencyCode, { service: 'DongBoHoSoMC', isUpdating, data: [dossier] });
      if (first.code === nationalErrorCodes.ok)
        return { errorCode: first.code, message: first.message, switchedToUpdate: false };
      const alreadyExists = (nationalErrorCodes.alreadyExists as readonly string[]).includes(first.code);
      if (!alreadyExists || isUpdating) raiseNationalError(first.code, first.message);
      const update = await callService(agencyCode, {
        service: 'DongBoHoSoMC',
        isUpdating: true,
        data: [dossier],
      });
      if (update.code !== nationalErrorCodes.ok) raiseNationalError(update.code, update.message);
      return { errorCode: update.code, message: update.message, switchedToUpdate: true };
    },
    async updateProgress(agencyCode, rows) {
      let last = { errorCode: nationalErrorCodes.ok as string, message: '', switchedToUpdate: false };
      for (let start = 0; start < rows.length; start += NATIONAL_PROGRESS_CHUNK) {
        const chunk = rows.slice(start, start + NATIONAL_PROGRESS_CHUNK);
        const reply = await callService(agencyCode, { service: 'CapNhatTienDoHoSoMC', data: chunk });
        if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message);
        last = { errorCode: reply.code, message: reply.message, switchedToUpdate: false };
      }
      return last;
    },
    async lookupDossier(agencyCode, dossierCode): Promise<NationalDossier | undefined> {
      const reply = await callService(agencyCode, { service: 'TraCuuHoSo', MaHoSo: dossierCode });
      if (reply.code !== nationalErrorCodes.ok) raiseNationalError(reply.code, reply.message);
      const [first] = Array.isArray(reply.result) ? reply.result : [];
      if (first === undefined) return undefined;
      const parsed = nationalDossierSchema.safeParse(first);
      if (!parsed.success)
        throw new GatewayError('national.transient', 'TraCuuHoSo answered a record the gateway cannot read');
      return parsed.data;
    },
    async ping() {
      await login();
    },
  };
}
