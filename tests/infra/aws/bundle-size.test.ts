import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, projectRoot } from '../../../infra/aws/lambda-bundling';
import { type FunctionSpec, topology } from '../../../infra/topology';

interface Bundle {
  readonly bytes: number;
  readonly exports: readonly string[];
  /** Every source file bundled in. */
  readonly inputs: readonly string[];
  /** The largest packages or source folders in the bundle, for the failure message. */
  readonly heaviest: string;
}

const functions = topology.functions as readonly FunctionSpec[];

/** Bundles one entry the way the stack does (lambda-bundling.ts), in memory. */
async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    ...esbuildOptions(resolve(projectRoot, entry)),
    write: false,
    outfile: 'index.mjs',
    metafile: true,
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('index.mjs'));
  const meta = (result.metafile as Metafile).outputs['index.mjs'];
  if (!output || !meta) throw new Error(`esbuild produced no index.mjs for ${entry}`);
  const byOrigin = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
    const origin =
      input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + bytesInOutput);
  }
  const heaviest = [...byOrigin]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([origin, bytes]) => `${origin} ${Math.round(bytes / 1024)} KB`)
    .join(', ');
  return {
    bytes: output.contents.byteLength,
    exports: meta.exports,
    inputs: Object.keys(meta.inputs),
    heaviest,
  };
}

const bundles = new Map<string, Bundle>();
beforeAll(async () => {
  for (const fn of functions) bundles.set(fn.name, await bundle(fn.entry));
});

// The sizes, for whoever reads the test output (annotations show only when a test fails).
afterAll(() => {
  const lines = [...bundles].map(
    ([name, built]) => `  ${name}: ${(built.bytes / 1024).toFixed(1)} KB (${built.heaviest})`,
  );
  process.stdout.write(`minified bundle sizes:\n${lines.join('\n')}\n`);
});

describe('function bundles', () => {
  it.for(functions)(
    '$name stays within its bundle budget of $bundleBudgetKb KB',
    async (fn, { annotate }) => {
      const built = bundles.get(fn.name);
      if (!built) throw new Error(`${fn.name} was not bundled`);
      const kb = built.bytes / 1024;
      await annotate(
        `${fn.name}: ${kb.toFixed(1)} KB minified (budget ${fn.bundleBudgetKb} KB); ${built.heaviest}`,
      );
      expect(kb, `${fn.name} is ${kb.toFixed(1)} KB; heaviest: ${built.heaviest}`).toBeLessThanOrEqual(
        fn.bundleBudgetKb,
      );
    },
  );

  it.each(functions)('$name exports the Lambda handler', (fn) => {
    expect(bundles.get(fn.name)?.exports).toContain('handler');
  });

  it('keeps the console, the admin API, the API reference and their packages out of every function but the console', () => {
    // What only operators use (ADR 17): if one of these reaches another function, an import
    // chain from its entry reaches the console (createHttpApp, functions/http/index.ts, or the
    // OpenID Connect sign-in in shared wiring).
    const consoleOnly = [
      'functions/http/console/',
      'functions/http/admin-api/',
      'functions/http/platform/api-docs.tsx',
      'functions/http/create-http-app.ts',
      'node_modules/openid-client/',
      'node_modules/write-excel-file/',
    ];
    for (const fn of functions) {
      const inputs = bundles.get(fn.name)?.inputs ?? [];
      const found = inputs.filter(
        (input) =>
          consoleOnly.some((part) => input.includes(part)) &&
          // The console's path, which the topology routes by: a constant, and types.
          input !== 'functions/http/console/console-env.ts',
      );
      if (fn.access.servesConsole) expect(found.length, fn.name).toBeGreaterThan(0);
      else expect(found, fn.name).toEqual([]);
    }
  });

  it("bundles only zod's English messages, in every function (the rest is 250 KB of locales)", () => {
    for (const [name, built] of bundles) {
      const locales = built.inputs.filter((input) => input.includes('node_modules/zod/v4/locales/'));
      // More means zod's namespace is used as a value: `import { z } from 'zod'` (or from
      // '@hono/zod-openapi') where `import * as z from 'zod'` keeps only what is called.
      expect(locales, `${name}: import zod as \`import * as z from 'zod'\``).toEqual([
        'node_modules/zod/v4/locales/en.js',
      ]);
    }
  });

  it('leaves the AWS SDK to the Lambda runtime', () => {
    for (const [name, built] of bundles) {
      expect(built.inputs.length, name).toBeGreaterThan(0);
      expect(
        built.inputs.filter((input) => input.includes('node_modules/@aws-sdk/')),
        name,
      ).toEqual([]);
    }
  });
});
