import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { signRequest, verifySignedRequest } from '../../../functions/core/signed-request';

const secret = 'whsec_ZGVtby1uYXRpb25hbC1wdXNoLXNlY3JldC0zMmIhISE=';
const nextSecret = `whsec_${Buffer.from('the-next-national-push-secret-32').toString('base64')}`;
const body = new TextEncoder().encode('{"MaHoSo":"000.00.12.H12-250314-0007"}');
const now = new Date('2025-03-14T01:30:00Z');
const timestamp = Math.floor(now.getTime() / 1000);

function headers(signature: string, id = 'msg_1', at = timestamp) {
  return { id, timestamp: String(at), signature };
}

function verify(overrides: Partial<Parameters<typeof verifySignedRequest>[0]> = {}) {
  return verifySignedRequest({
    secrets: [secret],
    headers: headers(signRequest([secret], 'msg_1', timestamp, body)),
    body,
    now,
    toleranceSeconds: 300,
    ...overrides,
  });
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isGatewayError(error, 'auth.unauthenticated')) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('signed requests (Standard Webhooks)', () => {
  it('signs exactly as the spec says: base64 HMAC-SHA256 over id.timestamp.body', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_1.${timestamp}.`).update(body).digest('base64');
    expect(signRequest([secret], 'msg_1', timestamp, body)).toBe(`v1,${expected}`);
  });

  it('accepts a fresh request signed with any current secret (a roll has two)', () => {
    expect(verify()).toEqual({ id: 'msg_1', timestampSeconds: timestamp });
    const signedWithNext = headers(signRequest([nextSecret], 'msg_1', timestamp, body));
    expect(verify({ secrets: [nextSecret, secret], headers: signedWithNext }).id).toBe('msg_1');
    expect(
      verify({ headers: headers(`v1,AAAA ${signRequest([secret], 'msg_1', timestamp, body)}`) }).id,
    ).toBe('msg_1');
  });

  it('refuses a changed body, id or timestamp, and a secret that was dropped', () => {
    const signature = signRequest([secret], 'msg_1', timestamp, body);
    expect(refusal(() => verify({ body: new TextEncoder().encode('{"MaHoSo":"x"}') }))).toContain('mismatch');
    expect(refusal(() => verify({ headers: headers(signature, 'msg_2') }))).toContain('mismatch');
    expect(refusal(() => verify({ headers: headers(signature, 'msg_1', timestamp + 1) }))).toContain(
      'mismatch',
    );
    expect(refusal(() => verify({ secrets: [nextSecret] }))).toContain('mismatch');
  });

  it('refuses a correctly signed request outside the window, either way', () => {
    const old = timestamp - 301;
    const future = timestamp + 301;
    expect(
      refusal(() => verify({ headers: headers(signRequest([secret], 'msg_1', old, body), 'msg_1', old) })),
    ).toContain('±300 s');
    expect(
      refusal(() =>
        verify({ headers: headers(signRequest([secret], 'msg_1', future, body), 'msg_1', future) }),
      ),
    ).toContain('±300 s');
    const edge = timestamp - 300;
    expect(verify({ headers: headers(signRequest([secret], 'msg_1', edge, body), 'msg_1', edge) }).id).toBe(
      'msg_1',
    );
  });

  it('says what is missing or malformed', () => {
    expect(
      refusal(() => verify({ headers: { id: undefined, timestamp: '1', signature: 'v1,x' } })),
    ).toContain('webhook-id, webhook-timestamp and webhook-signature');
    expect(refusal(() => verify({ headers: { id: 'a b', timestamp: '1', signature: 'v1,x' } }))).toContain(
      'printable ASCII',
    );
    expect(refusal(() => verify({ headers: { id: 'a', timestamp: '1.5', signature: 'v1,x' } }))).toContain(
      'Unix seconds',
    );
    expect(refusal(() => verify({ headers: { id: 'a', timestamp: '1', signature: 'v2,x' } }))).toContain(
      'no v1 signature',
    );
  });

  it('refuses a webhook-id holding ".", which would let one signature cover two splits of the signed text', () => {
    // Signed as id "msg.1700000000", timestamp T: the same bytes as id "msg", timestamp 1700000000, body "T.<body>".
    const shifted = signRequest([secret], 'msg.1700000000', timestamp, body);
    expect(refusal(() => verify({ headers: headers(shifted, 'msg.1700000000', timestamp) }))).toContain(
      'other than "."',
    );
  });
});
