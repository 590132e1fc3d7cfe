import { copyFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import {
  REFERENCE_SCRIPT_BUNDLED,
  REFERENCE_SCRIPT_SOURCE,
} from '../../functions/http/platform/reference-script';

/** The repository root: every function is bundled from here. */
export const projectRoot = resolve(import.meta.dirname, '..', '..');

/**
 * The bundle's name in the asset; Lambda's handler is `index.handler`. An ES module bundle has
 * no `require`; CommonJS code inside it (dependencies that require Node built-ins) gets one
 * back from createRequire.
 */
export const BUNDLE_FILE = 'index.mjs';
const banner =
  "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);";

/**
 * @hono/zod-openapi hands zod's whole `z` namespace to extendZodWithOpenApi, which reads only
 * `z.ZodType`, and a namespace used as a value keeps every export of zod: its 40-odd locales
 * and its JSON Schema reader, ~345 KB of the API bundle (issue 24). Given `ZodType` alone
 * and a namespace import, esbuild keeps what the gateway calls. The rewrite fails the build
 * when an upgrade changes the lines it expects, rather than silently bringing the weight back.
 */
const zodOpenApiWithoutWholeZod: Plugin = {
  name: 'zod-openapi-without-whole-zod',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]@hono[\\/]zod-openapi[\\/]dist[\\/]index\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const rewrites = [
        ['import { z } from "zod";', 'import * as z from "zod";'],
        ['extendZodWithOpenApi(z);', 'extendZodWithOpenApi({ ZodType: z.ZodType });'],
      ] as const;
      let contents = source;
      for (const [from, to] of rewrites) {
        if (!contents.includes(from))
          throw new Error(
            `${path} no longer contains ${from}: review the zod-openapi-without-whole-zod plugin`,
          );
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};

/**
 * How every function is bundled, by the stack (gateway-functions.ts, through
 * bundle-function.ts), the bundle-budget test and the benchmarks alike, so the size they check
 * is the size that ships. esbuild's JS API rather than NodejsFunction's CLI run: the CLI takes
 * no plugins.
 */
export function esbuildOptions(entryPoint: string) {
  return {
    entryPoints: [entryPoint],
    absWorkingDir: projectRoot,
    bundle: true,
    logLevel: 'silent',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    /** The Node.js 22 runtime ships AWS SDK v3; bundling it again would only add cold-start weight. */
    external: ['@aws-sdk/*'],
    /** Prefer packages' ES module builds: they tree-shake, CommonJS builds do not. */
    mainFields: ['module', 'main'],
    banner: { js: banner },
    plugins: [zodOpenApiWithoutWholeZod],
  } satisfies BuildOptions;
}

/** A file a function reads at run time: esbuild bundles code, not what the code reads from disk. */
export interface FileBesideBundle {
  /** Relative to the repository root. */
  readonly from: string;
  /** Its name beside index.mjs. */
  readonly to: string;
}

/**
 * What each handler (by entry) reads beside its bundle: the console function serves the
 * reference UI's bundle at /docs/api-reference.js (functions/http/platform/api-docs.tsx), offline.
 */
export const filesBesideBundle: Readonly<Record<string, readonly FileBesideBundle[]>> = {
  'functions/handlers/console.ts': [{ from: REFERENCE_SCRIPT_SOURCE, to: REFERENCE_SCRIPT_BUNDLED }],
};

/**
 * A function's deployment asset in `outputDir`: the minified bundle, its source map (mappings
 * only: stack traces need them, not a second copy of the sources) and the files it reads.
 */
export async function bundleFunction(entry: string, outputDir: string): Promise<void> {
  await build({
    ...esbuildOptions(resolve(projectRoot, entry)),
    outfile: resolve(outputDir, BUNDLE_FILE),
    sourcemap: true,
    sourcesContent: false,
  });
  for (const file of filesBesideBundle[entry] ?? []) {
    await copyFile(resolve(projectRoot, file.from), resolve(outputDir, file.to));
  }
}
