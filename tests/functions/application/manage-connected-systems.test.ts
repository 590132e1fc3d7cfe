import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { SystemRegistration } from '../../../contracts/connected-systems';
import { createAesGcmSecretSealer } from '../../../functions/adapters/aes-gcm-secret-sealer';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createInMemoryClientRegistry } from '../../../functions/adapters/in-memory/client-registry';
import { createInMemoryConnectedSystems } from '../../../functions/adapters/in-memory/connected-systems';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import { createWebhookUrlCheck } from '../../../functions/adapters/standard-webhook-sender';
import { authenticateClient } from '../../../functions/application/authenticate-client';
import { createConnectedSystemOperations } from '../../../functions/application/manage-connected-systems';
import { createWebhookSigningSecrets } from '../../../functions/application/webhook-signing-secrets';

/** Connected systems (issue 19) over in-memory ports; the local runtime test proves the wiring. */
const security = { type: 'person', subject: 'security@demo', name: 'Lê Thị An Ninh' } as const;
const publicHosts: Record<string, string> = {
  'motcua.h12.gov.vn': '203.162.4.191',
  'intranet.h12.gov.vn': '10.1.2.3',
};

function setUp() {
  const clock = createManualClock('2026-12-02T08:00:00.000Z');
  const clients = createInMemoryClientRegistry();
  const store = createInMemoryConnectedSystems(clients);
  const audit = createInMemoryAuditLog({ clock, newId: randomUUID });
  const sealer = createAesGcmSecretSealer(randomBytes(32));
  const systems = createConnectedSystemOperations({
    systems: store,
    clients,
    sealer,
    audit,
    clock,
    checkWebhookUrl: createWebhookUrlCheck({
      allowLoopbackHttp: false,
      resolveHost: async (host) => {
        const address = publicHosts[host];
        if (!address) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
        return [{ address }];
      },
    }),
  });
  const signingSecrets = createWebhookSigningSecrets({ sealer, clock }, () => []);
  return { clock, clients, store, audit, systems, signingSecrets };
}

const h12: SystemRegistration = {
  systemId: 'vnpt-h12',
  name: 'Một cửa điện tử tỉnh H12',
  kind: 'province',
  agencies: ['*.H12'],
  webhookUrl: 'https://motcua.h12.gov.vn/hooks',
};

describe('registering a connected system', () => {
  it('issues secrets once, keeps the client secret only as a hash and the webhook secret only sealed', async () => {
    const { systems, clients, store } = setUp();
    const issued = await systems.register(h12, security);
    expect(issued).toMatchObject({ systemId: 'vnpt-h12', clientId: 'vnpt-h12' });
    expect(issued.webhookSecret).toMatch(/^whsec_/);
    const stored = JSON.stringify([await store.find('vnpt-h12'), await clients.findClient('vnpt-h12')]);
    expect(stored).not.toContain(issued.clientSecret);
    expect(stored).not.toContain(issued.webhookSecret?.slice('whsec_'.length));
    expect(await authenticateClient(clients, 'vnpt-h12', issued.clientSecret)).toMatchObject({
      scopes: ['dossiers:write', 'payments:write', 'feedback:write'],
      agencies: ['*.H12'],
    });
  });

  it('shows no secret, not even a hash, in the list, the view or the audit log', async () => {
    const { systems, audit } = setUp();
    const issued = await systems.register(h12, security);
    const [view] = await systems.list();
    const seen = JSON.stringify([view, await systems.show('vnpt-h12'), audit.entries]);
    expect(seen).not.toMatch(/scrypt|secretHash|sealed|whsec_|gcm1/);
    expect(seen).not.toContain(issued.clientSecret);
    expect(audit.entries).toMatchObject([{ action: 'system.register', target: 'vnpt-h12', actor: security }]);
  });

  it('refuses grants that overlap another system’s, naming it', async () => {
    const { systems } = setUp();
    await systems.register(h12, security);
    const attempt = systems.register(
      { name: 'Phần mềm khác', kind: 'province', agencies: ['000.00.12.H12'] },
      security,
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'system.grantsOverlap',
      message: expect.stringContaining('Một cửa điện tử tỉnh H12 (vnpt-h12)'),
      fieldErrors: [{ path: '$.agencies[0]' }],
    });
    expect(await systems.list()).toHaveLength(1);
  });

  it.each([
    ['http://motcua.h12.gov.vn/hooks', 'is not https'],
    ['https://10.0.0.8/hooks', 'is not an external https address'],
    ['https://intranet.h12.gov.vn/hooks', 'resolves to a non-public address'],
    ['https://nowhere.h12.gov.vn/hooks', 'did not resolve'],
  ])('refuses the webhook URL %s, saying why, and stores nothing', async (webhookUrl, why) => {
    const { systems } = setUp();
    await expect(systems.register({ ...h12, webhookUrl }, security)).rejects.toMatchObject({
      code: 'system.webhookUrlRefused',
      fieldErrors: [{ path: '$.webhookUrl', message: expect.stringContaining(why) }],
    });
    expect(await systems.list()).toEqual([]);
  });

  it('refuses settings that do not fit the kind, with the fields to fix', async () => {
    const { systems } = setUp();
    await expect(
      systems.register(
        { name: 'Cổng DVCQG', kind: 'national', agencies: ['*.H12'], webhookUrl: h12.webhookUrl },
        security,
      ),
    ).rejects.toMatchObject({
      code: 'request.invalid',
      fieldErrors: [{ path: '$.agencies' }, { path: '$.webhookUrl' }],
    });
  });

  it('refuses an id that is taken', async () => {
    const { systems } = setUp();
    await systems.register(h12, security);
    await expect(systems.register({ ...h12, agencies: ['*.H29'] }, security)).rejects.toMatchObject({
      code: 'system.exists',
    });
  });
});

describe('changing a connected system', () => {
  it('disables it: its client no longer authenticates, and it stops receiving webhooks', async () => {
    const { systems, clients, store } = setUp();
    const issued = await systems.register(h12, security);
    const view = await systems.change('vnpt-h12', { disabled: true }, security);
    expect(view.disabled).toBe(true);
    await expect(authenticateClient(clients, 'vnpt-h12', issued.clientSecret)).rejects.toMatchObject({
      code: 'auth.invalidClient',
    });
    expect(await store.findOwner('000.00.12.H12')).toBeUndefined();
  });

  it('lets another system take the grants of a disabled one, and refuses re-enabling it then', async () => {
    const { systems } = setUp();
    await systems.register(h12, security);
    await systems.change('vnpt-h12', { disabled: true }, security);
    await systems.register({ ...h12, systemId: 'viettel-h12', name: 'Phần mềm mới' }, security);
    await expect(systems.change('vnpt-h12', { disabled: false }, security)).rejects.toMatchObject({
      code: 'system.grantsOverlap',
    });
  });

  it('audits what changed, before and after', async () => {
    const { systems, audit } = setUp();
    await systems.register(h12, security);
    await systems.change('vnpt-h12', { agencies: ['*.H12', '000.00.00.G09'] }, security);
    expect(audit.entries.at(-1)).toMatchObject({
      action: 'system.change',
      before: { agencies: ['*.H12'] },
      after: { agencies: ['*.H12', '000.00.00.G09'] },
    });
  });

  it('answers 404 for a system that does not exist', async () => {
    const { systems } = setUp();
    await expect(systems.change('nobody', { name: 'Không ai' }, security)).rejects.toMatchObject({
      code: 'system.notFound',
    });
  });
});

describe('rotating secrets with an overlap', () => {
  it('accepts the previous client secret until the overlap ends, then only the new one', async () => {
    const { systems, clients, clock } = setUp();
    const issued = await systems.register(h12, security);
    const rotated = await systems.rotateClientSecret('vnpt-h12', { previousValidForSeconds: 3600 }, security);
    expect(rotated.previousValidUntil).toBe('2026-12-02T09:00:00.000Z');
    await expect(authenticateClient(clients, 'vnpt-h12', issued.clientSecret, clock)).resolves.toBeDefined();
    await expect(authenticateClient(clients, 'vnpt-h12', rotated.clientSecret, clock)).resolves.toBeDefined();
    clock.set('2026-12-02T09:00:00.000Z');
    await expect(authenticateClient(clients, 'vnpt-h12', issued.clientSecret, clock)).rejects.toMatchObject({
      code: 'auth.invalidClient',
    });
    await expect(authenticateClient(clients, 'vnpt-h12', rotated.clientSecret, clock)).resolves.toBeDefined();
  });

  it('signs webhooks with both secrets during the overlap, each verifying alone, then with the new one', async () => {
    const { systems, store, signingSecrets, clock, audit } = setUp();
    const issued = await systems.register(h12, security);
    const rotated = await systems.rotateWebhookSecret('vnpt-h12', { previousValidForSeconds: 600 }, security);
    const route = await store.findOwner('000.00.12.H12');
    if (!route) throw new Error('the system should own H12');
    expect(await signingSecrets(route)).toEqual([rotated.webhookSecret, issued.webhookSecret]);
    const body = '{"id":"evt_1"}';
    // The library checks the timestamp against the real clock, as a receiver does.
    const at = new Date();
    const signature = (await signingSecrets(route))
      .map((secret) => new Webhook(secret).sign('msg_1', at, body))
      .join(' ');
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    };
    expect(new Webhook(issued.webhookSecret ?? '').verify(body, headers)).toEqual({ id: 'evt_1' });
    expect(new Webhook(rotated.webhookSecret).verify(body, headers)).toEqual({ id: 'evt_1' });
    expect((await systems.show('vnpt-h12')).previousWebhookSecretValidUntil).toBe('2026-12-02T08:10:00.000Z');
    clock.set('2026-12-02T08:10:00.000Z');
    expect(await signingSecrets(route)).toEqual([rotated.webhookSecret]);
    expect(JSON.stringify(audit.entries)).not.toContain(rotated.webhookSecret.slice('whsec_'.length));
  });

  it('refuses a webhook rotation for a system that receives no webhooks', async () => {
    const { systems } = setUp();
    await systems.register({ name: 'Cổng DVCQG', kind: 'national', agencies: [] }, security);
    const [national] = await systems.list();
    await expect(
      systems.rotateWebhookSecret(national?.systemId ?? '', { previousValidForSeconds: 0 }, security),
    ).rejects.toMatchObject({ code: 'request.invalid' });
  });
});
