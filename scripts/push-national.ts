import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { requestToken, signedPushHeaders } from '../infra/local/demo-client';
import { demoClients, demoNationalPushSecret } from '../infra/local/demo-credentials';

/**
 * `npm run push:national -- <file.json>`: sends one push to the gateway as the national portal
 * does (docs/adr/0007-signed-national-pushes.md): a bearer token of the portal's client, then the
 * file's exact bytes signed in the Standard Webhooks scheme (webhook-id, webhook-timestamp,
 * webhook-signature). A vendor uses it to try the national -> province direction by hand; the
 * gateway then delivers the record to the provincial system as a signed webhook.
 */

const demoNationalClient = demoClients.find((client) => client.scopes.includes('national:push'));

export type PushTarget = 'dossiers' | 'status';

export interface NationalPushOptions {
  readonly gatewayUrl: string;
  /** The exact bytes to send: the signature covers them, so they are never re-serialised. */
  readonly body: string;
  readonly target?: PushTarget;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly pushSecret?: string;
}

export interface NationalPushResult {
  readonly path: string;
  readonly status: number;
  readonly answer: string;
}

/**
 * A dossier object of DongBoHoSoMC carries TrangThaiHoSo; a progress row of
 * CapNhatTienDoHoSoMC carries TrangThai. Anything else needs `--to`.
 */
export function targetOf(record: unknown): PushTarget {
  if (typeof record === 'object' && record !== null) {
    if ('TrangThaiHoSo' in record) return 'dossiers';
    if ('TrangThai' in record) return 'status';
  }
  throw new Error(
    'cannot tell a dossier (TrangThaiHoSo) from a status row (TrangThai); pass --to dossiers or --to status',
  );
}

export async function sendNationalPush(options: NationalPushOptions): Promise<NationalPushResult> {
  const gatewayUrl = options.gatewayUrl.replace(/\/$/, '');
  const target = options.target ?? targetOf(JSON.parse(options.body));
  const path = `/v1/national/${target}`;
  const token = await requestToken(
    gatewayUrl,
    options.clientId ?? demoNationalClient?.clientId ?? '',
    options.clientSecret ?? demoNationalClient?.secret ?? '',
  );
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...signedPushHeaders(options.body, { secret: options.pushSecret ?? demoNationalPushSecret }),
    },
    body: options.body,
  });
  return { path, status: response.status, answer: await response.text() };
}

const usage = `usage: npm run push:national -- <file.json> [--to dossiers|status] [--gateway URL]
  signs <file.json> as the national portal does and posts it to /v1/national/dossiers or /status.
  Defaults: the local runtime's demo-national client and push secret; GATEWAY_URL or
  http://127.0.0.1:\${GATEWAY_PORT:-3000}. NATIONAL_PUSH_SECRET, NATIONAL_CLIENT_ID and
  NATIONAL_CLIENT_SECRET override the demo credentials.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { to: { type: 'string' }, gateway: { type: 'string' }, help: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (values.help || !file || positionals.length > 1) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  if (values.to !== undefined && values.to !== 'dossiers' && values.to !== 'status') {
    console.error(`--to must be dossiers or status, got ${values.to}\n${usage}`);
    return 2;
  }
  const gatewayUrl =
    values.gateway ?? process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT || 3000}`;
  const result = await sendNationalPush({
    gatewayUrl,
    body: await readFile(resolve(file), 'utf8'),
    ...(values.to ? { target: values.to as PushTarget } : {}),
    ...(process.env.NATIONAL_CLIENT_ID ? { clientId: process.env.NATIONAL_CLIENT_ID } : {}),
    ...(process.env.NATIONAL_CLIENT_SECRET ? { clientSecret: process.env.NATIONAL_CLIENT_SECRET } : {}),
    ...(process.env.NATIONAL_PUSH_SECRET ? { pushSecret: process.env.NATIONAL_PUSH_SECRET } : {}),
  });
  console.log(`POST ${gatewayUrl}${result.path} -> ${result.status}`);
  console.log(result.answer);
  return result.status >= 200 && result.status < 300 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
