import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../support/test-runtime';

/**
 * No header a caller writes can make the gateway fail: whatever the value, the answer is a
 * 2xx, 3xx or 4xx, never a 5xx (issue 17: `Referer: not a url` used to answer 503).
 */

const started = useTestRuntime();

const routes: readonly { method: 'GET' | 'POST'; path: string; body?: string }[] = [
  { method: 'GET', path: '/.well-known/jwks.json' },
  { method: 'GET', path: '/v1/payments/not-a-payment' },
  { method: 'POST', path: '/v1/dossiers', body: '{}' },
  { method: 'POST', path: '/v1/national/dossiers', body: '{}' },
  { method: 'POST', path: '/v1/callbacks/payment', body: '{}' },
  { method: 'GET', path: '/admin' },
  { method: 'GET', path: '/admin/language?to=en' },
  { method: 'POST', path: '/admin/failed/replay', body: 'csrf=x' },
  { method: 'GET', path: '/problems/request.invalid' },
];

const headers = [
  'referer',
  'cookie',
  'origin',
  'authorization',
  'content-type',
  'content-encoding',
  'accept',
  'x-request-id',
  'idempotency-key',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-forwarded-for',
] as const;

const values = [
  'not a url',
  '//evil.example/x',
  '/\\evil.example/x',
  'http://[::1',
  '%',
  '%E0%A4%A',
  'lt_admin=%E0%A4%A; lt_lang=%',
  '=;=;;',
  '"',
  'Bearer',
  'Bearer a b',
  'Bearer ....',
  'Basic !!!',
  'application/json; charset=ebcdic',
  'multipart/form-data; boundary=',
  'gzip',
  'v1,!!!, v1a,',
  '-1',
  'caf\u00e9 \u00ff\u00a0',
  'x'.repeat(8_000),
] as const;

// A connection per header name: each walks its values one request at a time.
const agent = new Agent({ connections: headers.length });
afterAll(() => agent.close());

describe('malformed request headers', () => {
  it.each(routes)(
    'never make $method $path answer 5xx',
    async (route) => {
      const failures: string[] = [];
      // One header at a time per connection, all headers side by side.
      await Promise.all(
        headers.map(async (name) => {
          for (const value of values) {
            const response = await request(`${started.runtime.urls.gateway}${route.path}`, {
              method: route.method,
              dispatcher: agent,
              headers: {
                ...(name === 'authorization' ? {} : { authorization: `Bearer ${started.token}` }),
                ...(route.body === undefined
                  ? {}
                  : {
                      'content-type': route.path.startsWith('/admin')
                        ? 'application/x-www-form-urlencoded'
                        : 'application/json',
                    }),
                [name]: value,
              },
              ...(route.body === undefined ? {} : { body: route.body }),
            });
            const text = await response.body.text();
            if (response.statusCode >= 500)
              failures.push(`${name}: ${value.slice(0, 40)} -> ${response.statusCode} ${text.slice(0, 120)}`);
          }
        }),
      );
      expect(failures).toEqual([]);
    },
    60_000,
  );
});
