import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Imports point inward (STYLE.md habit 2, DESIGN.md architecture), as allow-lists per layer in
 * .dependency-cruiser.cjs, checked by dependency-cruiser (also `npm run lint`). The first test
 * holds the repository to them; the second plants one violation of each kind in a small tree
 * and proves the same rules catch every one of them, and nothing else.
 */
const root = resolve(import.meta.dirname, '..');
const optionsOf = () => extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));

const described = (violation: IViolation) => `${violation.from} -> ${violation.to}: ${violation.rule.name}`;

async function violations(paths: string[], options: ICruiseOptions): Promise<string[]> {
  const result = await cruise(paths, { ...options, validate: true });
  return (result.output as ICruiseResult).summary.violations
    .filter((violation) => violation.rule.severity !== 'ignore')
    .map(described)
    .sort();
}

describe('architecture', () => {
  it('holds the repository to every layer’s allow-list, with no import cycle', async () => {
    const found = await violations(
      ['contracts', 'functions', 'infra', 'bench', 'scripts', 'tests', 'vitest.config.ts'],
      { ...(await optionsOf()), baseDir: root },
    );
    expect(found).toEqual([]);
  }, 120_000);

  describe('on a tree with a violation of each kind planted', () => {
    const tree = mkdtempSync(join(tmpdir(), 'architecture-'));
    afterAll(() => rmSync(tree, { recursive: true, force: true }));

    const files: Record<string, string> = {
      // Within the rules, in folders the rules have never heard of: they follow their layer.
      'contracts/shape.ts': "import { z } from 'zod';\nexport const shape = z.string();\n",
      'functions/core/scorecard/score.ts':
        "import { shape } from '../../../contracts/shape';\nexport const score = shape;\n",
      'functions/ports/store.ts':
        "import type { score } from '../core/scorecard/score';\nexport type Store = typeof score;\n",
      'functions/adapters/in-memory/memory-store.ts':
        "import type { Store } from '../../ports/store';\nexport const memory: Store | undefined = undefined;\n",
      'functions/application/use-case.ts':
        "import type { Store } from '../ports/store';\nexport type UseCase = Store;\n",
      'functions/wiring/wire.ts':
        "import { memory } from '../adapters/in-memory/memory-store';\nexport const wire = memory;\n",
      'tests/support/helper.ts':
        "import { wire } from '../../functions/wiring/wire';\nexport const helper = wire;\n",
      // Planted: each breaks one rule, each in a way a grep for `^import` would miss or allow.
      'functions/core/leak.ts':
        "import { memory } from '../adapters/in-memory/memory-store';\nexport const leak = memory;\n",
      'functions/core/framework.ts': "import { Hono } from 'hono';\nexport const framework = Hono;\n",
      'functions/ports/type-leak.ts':
        "import type { UseCase } from '../application/use-case';\nexport type Leak = UseCase;\n",
      'functions/http/re-export.ts': "export { wire } from '../wiring/wire';\n",
      'functions/application/lazy.ts':
        "export const lazy = () => import('../adapters/in-memory/memory-store');\n",
      'contracts/io.ts': "import { readFileSync } from 'node:fs';\nexport const io = readFileSync;\n",
      'infra/simulators/sim.ts':
        "import { shape } from '../../contracts/shape';\nexport const sim = shape;\n",
      'bench/load.ts': "import { helper } from '../tests/support/helper';\nexport const load = helper;\n",
      'functions/http/ping.ts': "import { pong } from './pong';\nexport const ping = () => pong;\n",
      'functions/http/pong.ts': "import { ping } from './ping';\nexport const pong = () => ping;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    writeFileSync(join(tree, 'tsconfig.json'), readFileSync(join(root, 'tsconfig.json')));
    // Stand-ins for two packages, so the tree resolves them as the repository would.
    for (const name of ['zod', 'hono']) {
      mkdirSync(join(tree, 'node_modules', name), { recursive: true });
      writeFileSync(
        join(tree, 'node_modules', name, 'package.json'),
        JSON.stringify({ name, version: '0.0.0', main: 'index.js' }),
      );
      writeFileSync(
        join(tree, 'node_modules', name, 'index.js'),
        'export const z = {}; export const Hono = {};\n',
      );
    }

    it('reports exactly the planted violations: static, type-only, re-export, dynamic import, package, built-in, cycle', async () => {
      const found = await violations(['contracts', 'functions', 'infra', 'bench', 'tests'], {
        ...(await optionsOf()),
        baseDir: tree,
      });
      expect(found).toEqual(
        [
          'functions/core/leak.ts -> functions/adapters/in-memory/memory-store.ts: not-in-allowed',
          'functions/core/framework.ts -> node_modules/hono/index.js: not-in-allowed',
          'functions/ports/type-leak.ts -> functions/application/use-case.ts: not-in-allowed',
          'functions/http/re-export.ts -> functions/wiring/wire.ts: not-in-allowed',
          'functions/application/lazy.ts -> functions/adapters/in-memory/memory-store.ts: not-in-allowed',
          'contracts/io.ts -> fs: not-in-allowed',
          'infra/simulators/sim.ts -> contracts/shape.ts: not-in-allowed',
          'bench/load.ts -> tests/support/helper.ts: not-in-allowed',
          'functions/http/ping.ts -> functions/http/pong.ts: no-circular',
        ].sort(),
      );
    }, 60_000);
  });
});
