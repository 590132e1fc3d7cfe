import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Imports point inward (STYLE.md habit 2, DESIGN.md architecture). Each layer lists the
 * layers it may import; anything else fails the build.
 */
const root = resolve(import.meta.dirname, '..');
const allowed: Record<string, string[]> = {
  contracts: ['contracts'],
  'functions/core': ['contracts', 'functions/core'],
  'functions/ports': ['contracts', 'functions/core', 'functions/ports'],
  'functions/application': ['contracts', 'functions/core', 'functions/ports', 'functions/application'],
  'functions/adapters': ['contracts', 'functions/core', 'functions/ports', 'functions/adapters'],
  'functions/http': [
    'contracts',
    'functions/core',
    'functions/ports',
    'functions/application',
    'functions/http',
  ],
};
const forbiddenPackages: Record<string, RegExp> = {
  contracts: /^(?!zod$)/,
  'functions/core': /^(@aws-sdk|hono|@hono|jose)/,
  'functions/ports': /^(@aws-sdk|hono|@hono|jose)/,
  'functions/application': /^(@aws-sdk|hono|@hono)/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function layerOf(file: string): string | undefined {
  const path = relative(root, file);
  return Object.keys(allowed)
    .sort((a, b) => b.length - a.length)
    .find((layer) => path === layer || path.startsWith(`${layer}/`));
}

describe('architecture', () => {
  for (const layer of Object.keys(allowed)) {
    it(`${layer} imports only ${allowed[layer]?.join(', ')}`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(root, layer))) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
          const specifier = match[1] ?? '';
          if (specifier.startsWith('.')) {
            const target =
              layerOf(resolve(file, '..', specifier)) ?? relative(root, resolve(file, '..', specifier));
            if (!allowed[layer]?.includes(target)) violations.push(`${relative(root, file)} -> ${specifier}`);
          } else if (!specifier.startsWith('node:') && forbiddenPackages[layer]?.test(specifier)) {
            violations.push(`${relative(root, file)} -> ${specifier}`);
          }
        }
        if (layer === 'functions/core' && /process\.env/.test(text))
          violations.push(`${relative(root, file)} reads process.env`);
      }
      expect(violations).toEqual([]);
    });
  }
});
