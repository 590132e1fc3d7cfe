import { describe, expect, it } from 'vitest';
import {
  assertDeliverableUrl,
  createStandardWebhookSender,
  type ResolveHost,
} from '../../../functions/adapters/standard-webhook-sender';
import { GatewayError, isGatewayError } from '../../../functions/core/gateway-error';
import { aStatusChangedEvent } from '../../support/fixtures';

const event = aStatusChangedEvent('evt_1');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isGatewayError(error) ? error.code : 'unexpected';
  }
}

describe('webhook URLs', () => {
  it.each([
    'http://province.example.vn/hooks',
    'https://user:pass@province.example.vn/hooks',
    'https://127.0.0.1/hooks',
    'https://2130706433/hooks',
    'https://0x7f.1/hooks',
    'https://[::1]/hooks',
    'https://[::ffff:169.254.169.254]/latest',
    'https://169.254.169.254/latest/meta-data',
    'https://10.0.0.5/hooks',
    'https://100.64.1.1/hooks',
    'https://localhost/hooks',
    'https://api.localhost/hooks',
    'https://metadata/hooks',
    'https://db.internal/hooks',
    'https://printer.local/hooks',
  ])('refuses %s', (url) => {
    expect(codeOf(() => assertDeliverableUrl(new URL(url), false))).toBe('province.rejected');
  });

  it('accepts an external https host, and loopback http only in the local runtime', () => {
    expect(
      codeOf(() => assertDeliverableUrl(new URL('https://motcua.example.vn/hooks'), false)),
    ).toBeUndefined();
    expect(codeOf(() => assertDeliverableUrl(new URL('http://127.0.0.1:3003/hooks'), true))).toBeUndefined();
    expect(codeOf(() => assertDeliverableUrl(new URL('http://127.0.0.1:3003/hooks'), false))).toBe(
      'province.rejected',
    );
  });
});

describe('webhook delivery resolves the host first', () => {
  const sent: string[] = [];
  const fakeFetch = (async (url: URL) => {
    sent.push(String(url));
    return new Response(null, { status: 204 });
  }) as unknown as typeof fetch;
  const sender = (resolveHost: ResolveHost) =>
    createStandardWebhookSender({
      secrets: () => ['whsec_ZGVtby13ZWJob29rLXNlY3JldC1rZXktMzJieXRlcyE='],
      timeoutMs: 1000,
      allowLoopbackHttp: false,
      fetch: fakeFetch,
      resolveHost,
    });
  const system = { clientId: 'vendor', agencies: ['*.H12'], webhookUrl: 'https://motcua.example.vn/hooks' };

  it('delivers when every address of the host is public', async () => {
    const receipt = await sender(async () => [
      { address: '203.162.4.191' },
      { address: '2001:4860::1' },
    ]).send(system, event);
    expect(receipt.status).toBe(204);
    expect(sent).toContain('https://motcua.example.vn/hooks');
  });

  it.each([['169.254.169.254'], ['10.1.2.3'], ['::1'], ['fd00::1']])(
    'refuses, without calling, a host that resolves to %s',
    async (internal) => {
      sent.length = 0;
      const error = await sender(async () => [{ address: '203.162.4.191' }, { address: internal }])
        .send(system, event)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('province.rejected');
      expect((error as GatewayError).message).toContain(internal);
      expect(sent).toEqual([]);
    },
  );

  it('treats a name that does not resolve as transient', async () => {
    const error = await sender(async () => {
      throw new Error('ENOTFOUND');
    })
      .send(system, event)
      .catch((caught: unknown) => caught);
    expect((error as GatewayError).code).toBe('province.transient');
  });
});
