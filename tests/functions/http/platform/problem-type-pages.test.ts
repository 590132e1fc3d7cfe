import { describe, expect, it } from 'vitest';
import { problemCatalogue } from '../../../../functions/http/problem-catalogue';
import { useTestRuntime } from '../../../support/test-runtime';

const started = useTestRuntime();

/** The page a problem's `type` names, resolved against the answer's URL (RFC 9457 section 3.1.1). */
const pageOf = (type: string) => fetch(new URL(type, started.runtime.urls.gateway));

describe('problem type pages', () => {
  it('resolve the type of a real answer to a page that explains it, in Vietnamese and English', async () => {
    const refused = await fetch(`${started.runtime.urls.gateway}/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const { type } = (await refused.json()) as { type: string };
    expect(type).toBe('/problems/request.invalid');
    const page = await pageOf(type);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const [vietnamese, english] = problemCatalogue['request.invalid'].explanation;
    expect(html).toContain('Yêu cầu không hợp lệ / Invalid request');
    expect(html).toContain(vietnamese);
    expect(html).toContain(english);
  });

  it.each(Object.keys(problemCatalogue))('exist for %s', async (code) => {
    const page = await pageOf(`/problems/${code}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<code>${code}</code>`);
  });

  it('answer 404 problem+json for a type that does not exist', async () => {
    const page = await pageOf('/problems/no.suchCode');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('application/problem+json');
  });
});
