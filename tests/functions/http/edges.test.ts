import { describe, expect, it } from 'vitest';
import { aDossier } from '../../support/fixtures';
import { tokenFor, useTestRuntime } from '../../support/test-runtime';

const started = useTestRuntime();

const tokenRequest = (body: string | URLSearchParams, contentType: string) =>
  fetch(`${started.runtime.urls.gateway}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });

/** A form the demo province's client would send, with `fields` instead of its own. */
const tokenForm = (fields: Record<string, string> = {}) =>
  tokenRequest(
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'demo-province',
      client_secret: 'demo-secret',
      ...fields,
    }),
    'application/x-www-form-urlencoded',
  );

describe('POST /oauth/token', () => {
  it('accepts JSON as well as a form, and narrows to the scope asked for', async () => {
    const response = await tokenRequest(
      JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'demo-province',
        client_secret: 'demo-secret',
        scope: 'dossiers:write',
      }),
      'application/json',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'dossiers:write',
    });
  });

  it('answers a wrong secret and an unknown client alike, with the OAuth error code', async () => {
    const wrongSecret = await tokenForm({ client_secret: 'nope' });
    const unknown = await tokenForm({ client_id: 'nobody', client_secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [
      (await wrongSecret.json()) as Record<string, unknown>,
      (await unknown.json()) as Record<string, unknown>,
    ];
    expect(a.error).toBe('invalid_client');
    expect(a.detail).toBe(b.detail);
  });

  it('refuses a scope the client was not granted', async () => {
    const response = await tokenForm({ scope: 'admin' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_scope', errors: [{ path: '$.scope' }] });
  });

  it('refuses another grant type with a field error', async () => {
    const response = await tokenForm({ grant_type: 'password' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: '$.grant_type' }] });
  });
});

describe('request edges', () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${started.runtime.urls.gateway}/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.token}`, ...headers },
      body,
    });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await post('dossierCode=x', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'request.unsupportedMediaType', status: 415 });
  });

  it('answers 400 to malformed JSON, pointing at the whole body', async () => {
    const response = await post('{"dossierCode":', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'request.invalid', errors: [{ path: '$' }] });
  });

  it('answers 413 to a body over the limit', async () => {
    const huge = JSON.stringify({ ...aDossier(), note: 'x'.repeat(2 * 1024 * 1024) });
    const response = await post(huge, { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'request.tooLarge' });
  });

  it('answers 404 problem+json to an unknown route', async () => {
    const response = await fetch(`${started.runtime.urls.gateway}/v2/nothing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a client without the scope a route needs', async () => {
    const adminToken = await tokenFor(started.runtime, 'demo-admin', 'demo-admin-secret');
    const response = await fetch(`${started.runtime.urls.gateway}/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(aDossier()),
    });
    expect(response.status).toBe(403);
  });
});
