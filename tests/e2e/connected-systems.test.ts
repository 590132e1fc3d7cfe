import { afterAll, describe, expect, it } from 'vitest';
import { tokenResponse } from '../../infra/local/demo-client';
import { demoWebhookSecret } from '../../infra/local/demo-credentials';
import { closeServer } from '../../infra/local/emulators';
import { serveOverHttp } from '../../infra/local/serve-over-http';
import { createProvinceSimulator, PROVINCE_WEBHOOK_PATH } from '../../infra/simulators/province-simulator';
import { aDossier } from '../support/fixtures';
import { pushedToProvince } from '../support/relay-dossier';
import { callGateway, tokenFor, useTestRuntime } from '../support/test-runtime';

/**
 * Connected systems through the local runtime's admin API (issue 19 item 1, DESIGN.md
 * "Operating the gateway"): registration, tokens with the issued secret, rotation with an
 * overlap, webhooks carrying both signatures, and the refusals of bad input.
 */
const started = useTestRuntime();
const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
  callGateway(started.runtime, started.admin, method, path, body);
const patch = (path: string, body: unknown) =>
  fetch(`${started.runtime.urls.gateway}${path}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${started.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function tokenStatus(clientId: string, secret: string): Promise<number> {
  const response = await tokenResponse(started.runtime.urls.gateway, clientId, secret);
  await response.body?.cancel();
  return response.status;
}

async function registered(body: unknown) {
  const response = await admin('POST', '/v1/admin/systems', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { systemId: string; clientSecret: string; webhookSecret?: string };
}

async function rotated(systemId: string, which: 'client-secret' | 'webhook-secret', body: unknown = {}) {
  const response = await admin('POST', `/v1/admin/systems/${systemId}/${which}`, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as {
    clientSecret?: string;
    webhookSecret?: string;
    previousValidUntil: string;
  };
}

describe('a registered system', () => {
  it('gets tokens with its issued secret and acts for its agencies only', async () => {
    const issued = await registered({
      name: 'Một cửa điện tử tỉnh H56',
      kind: 'province',
      agencies: ['*.H56'],
    });
    expect(issued.systemId).toMatch(/^province-/);
    expect(issued.webhookSecret).toMatch(/^whsec_/);
    const token = await tokenFor(started.runtime, issued.systemId, issued.clientSecret);
    const own = aDossier({ dossierCode: '000.00.12.H56-251202-0001', agencyCode: '000.00.12.H56' });
    expect((await callGateway(started.runtime, token, 'POST', '/v1/dossiers', own)).status).toBe(202);
    const other = aDossier({ dossierCode: '000.00.12.H12-251202-0001', agencyCode: '000.00.12.H12' });
    expect((await callGateway(started.runtime, token, 'POST', '/v1/dossiers', other)).status).toBe(403);
  });

  it('keeps the old client secret working until the overlap ends, and not after', async () => {
    const { systemId, clientSecret: first } = await registered({
      name: 'Công cụ đối soát',
      kind: 'admin',
      agencies: [],
    });
    const second = await rotated(systemId, 'client-secret');
    expect(Date.parse(second.previousValidUntil) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    expect(await tokenStatus(systemId, first)).toBe(200);
    expect(await tokenStatus(systemId, second.clientSecret ?? '')).toBe(200);
    // An overlap of zero ends at once: only the newest secret authenticates.
    const third = await rotated(systemId, 'client-secret', { previousValidForSeconds: 0 });
    expect(await tokenStatus(systemId, second.clientSecret ?? '')).toBe(401);
    expect(await tokenStatus(systemId, first)).toBe(401);
    expect(await tokenStatus(systemId, third.clientSecret ?? '')).toBe(200);
  });

  it('stops getting tokens once disabled', async () => {
    const { systemId, clientSecret } = await registered({
      name: 'Cổng thử nghiệm',
      kind: 'national',
      agencies: [],
    });
    const response = await patch(`/v1/admin/systems/${systemId}`, { disabled: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ systemId, disabled: true });
    expect(await tokenStatus(systemId, clientSecret)).toBe(401);
  });

  it('never shows a secret in the list, the view or the audit log', async () => {
    const issued = await registered({ name: 'Hệ thống kiểm tra bí mật', kind: 'admin', agencies: [] });
    await rotated(issued.systemId, 'client-secret');
    const seen = await Promise.all(
      ['/v1/admin/systems', `/v1/admin/systems/${issued.systemId}`, '/v1/admin/audit?limit=50'].map(
        async (path) => (await admin('GET', path)).text(),
      ),
    );
    const text = seen.join('\n');
    expect(text).toContain(issued.systemId);
    expect(text).toContain('system.rotateClientSecret');
    expect(text).not.toContain(issued.clientSecret);
    expect(text).not.toMatch(/scrypt|secretHash|sealed|whsec_|gcm1\./);
  });
});

describe('rotating the webhook secret of the demo province', () => {
  let closeSecond: (() => Promise<void>) | undefined;
  afterAll(() => closeSecond?.());

  it('sends webhooks with both signatures, which a receiver holding either secret accepts', async () => {
    const rotation = await rotated('demo-province', 'webhook-secret');
    expect(rotation.webhookSecret).not.toBe(demoWebhookSecret);
    // The runtime's simulator holds the old (demo) secret: it accepted the delivery.
    const delivered = await pushedToProvince(started.runtime, '000.00.12.H12-251202-0099', '000.00.12.H12');
    const signatures = String(delivered.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures.every((signature) => signature.startsWith('v1,'))).toBe(true);
    // A receiver that already switched to the new secret accepts the same request.
    const receiver = createProvinceSimulator({ webhookSecret: rotation.webhookSecret ?? '' });
    const served = await serveOverHttp(receiver.app, 0, '127.0.0.1');
    closeSecond = () => closeServer(served.server);
    const replayed = await fetch(`${served.url}${PROVINCE_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': String(delivered.headers['webhook-id']),
        'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
        'webhook-signature': String(delivered.headers['webhook-signature']),
      },
      body: JSON.stringify(delivered.body),
    });
    expect(replayed.status).toBeLessThan(300);
  });
});

describe('bad input at registration', () => {
  async function refusal(body: unknown) {
    const response = await admin('POST', '/v1/admin/systems', body);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return {
      status: response.status,
      problem: (await response.json()) as {
        code: string;
        detail: string;
        errors: { path: string; message: string }[];
      },
    };
  }

  it.each([
    ['a plain-http address off loopback', 'http://motcua.example.vn/hooks', 'is not https'],
    ['a private address', 'https://10.0.0.5/hooks', 'is not an external https address'],
    ['the metadata service', 'https://169.254.169.254/latest', 'is not an external https address'],
  ])('refuses %s as the webhook URL, saying why, and stores nothing', async (_, webhookUrl, why) => {
    const before = await (await admin('GET', '/v1/admin/systems')).text();
    const { status, problem } = await refusal({
      name: 'Phần mềm một cửa',
      kind: 'province',
      agencies: ['*.H77'],
      webhookUrl,
    });
    expect(status).toBe(422);
    expect(problem.code).toBe('system.webhookUrlRefused');
    expect(problem.errors).toEqual([{ path: '$.webhookUrl', message: expect.stringContaining(why) }]);
    expect(await (await admin('GET', '/v1/admin/systems')).text()).toBe(before);
  });

  it('refuses grants that overlap another system’s, naming that system', async () => {
    const { status, problem } = await refusal({
      name: 'Phần mềm trùng',
      kind: 'province',
      agencies: ['000.00.12.H12'],
    });
    expect(status).toBe(409);
    expect(problem.code).toBe('system.grantsOverlap');
    expect(problem.detail).toContain('demo-province');
  });

  it('answers field paths for a malformed body, and never a 5xx', async () => {
    const { status, problem } = await refusal({
      name: 'x',
      kind: 'vendor',
      agencies: ['H12'],
      secret: 'mine',
    });
    expect(status).toBe(400);
    expect(problem.errors.map((error) => error.path).sort()).toEqual(
      expect.arrayContaining(['$.agencies[0]', '$.kind', '$.name']),
    );
  });

  it('answers 404 for a system that does not exist', async () => {
    const response = await admin('GET', '/v1/admin/systems/no-such-system');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('system.notFound');
  });
});
