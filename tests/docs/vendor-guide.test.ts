import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GatewayErrorCode } from '../../functions/core/gateway-error';
import { statusOf } from '../../functions/http/problem-response';

const root = join(import.meta.dirname, '..', '..');
const guide = readFileSync(join(root, 'docs', 'vendor-guide.md'), 'utf8');

/**
 * The catalogue is a type (functions/core/gateway-error.ts), so its codes are read from the
 * source: a code added there and not to the guide fails here.
 */
function catalogueCodes(): GatewayErrorCode[] {
  const source = readFileSync(join(root, 'functions', 'core', 'gateway-error.ts'), 'utf8');
  const union = /export type GatewayErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1] as GatewayErrorCode);
}

/** Rows of the guide's error tables: | `code` | HTTP | meaning | what to do | */
function documentedRows(): Map<string, { status: number; advice: string }> {
  const rows = new Map<string, { status: number; advice: string }>();
  for (const match of guide.matchAll(
    /^\| `([a-z][A-Za-z]*\.[A-Za-z]+)` \| (\d{3}) \| ([^|]+)\| ([^|]+)\|$/gm,
  )) {
    rows.set(match[1] ?? '', { status: Number(match[2]), advice: (match[4] ?? '').trim() });
  }
  return rows;
}

describe('the vendor guide (docs/vendor-guide.md)', () => {
  it('reads the whole error catalogue', () => {
    expect(catalogueCodes().length).toBeGreaterThanOrEqual(30);
    expect(catalogueCodes()).toContain('request.invalid');
  });

  it('lists every error code of the catalogue with the HTTP status the gateway answers and what to do', () => {
    const rows = documentedRows();
    const wrong = catalogueCodes().flatMap((code) => {
      const row = rows.get(code);
      if (!row) return [`${code}: missing`];
      if (row.status !== statusOf(code))
        return [`${code}: guide says ${row.status}, gateway answers ${statusOf(code)}`];
      return row.advice.length < 10 ? [`${code}: no advice`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('documents every webhook event type the gateway sends', async () => {
    const { webhookEventSchema } = await import('../../contracts/webhooks');
    const types = webhookEventSchema.options.map((option) => option.shape.type.value);
    expect(types.filter((type) => !guide.includes(`| \`${type}\` |`))).toEqual([]);
  });
});
