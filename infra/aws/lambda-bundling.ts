import { resolve } from 'node:path';
import {
  REFERENCE_SCRIPT_BUNDLED,
  REFERENCE_SCRIPT_SOURCE,
} from '../../functions/http/platform/reference-script';

/** The repository root: NodejsFunction bundles from here, with this lock file. */
export const projectRoot = resolve(import.meta.dirname, '..', '..');

/**
 * How every function is bundled, shared by the stack (NodejsFunction runs the local esbuild
 * CLI with these) and by the bundle-budget test (esbuild's JS API), so the size the test
 * checks is the size that ships.
 */
export const lambdaBundling = {
  target: 'node22',
  format: 'esm',
  platform: 'node',
  minify: true,
  /** The Node.js 22 runtime ships AWS SDK v3; bundling it again would only add cold-start weight. */
  external: ['@aws-sdk/*'],
  /** Prefer packages' ES module builds: they tree-shake, CommonJS builds do not. */
  mainFields: ['module', 'main'],
  /**
   * An ES module bundle has no `require`; CommonJS code inside it (dependencies that require
   * Node built-ins) gets one back from createRequire.
   */
  banner:
    "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);",
} as const;

/** The same bundling through esbuild's JS API, for the bundle-budget test and the benchmarks. */
export function esbuildOptions(entryPoint: string) {
  return {
    entryPoints: [entryPoint],
    absWorkingDir: projectRoot,
    bundle: true,
    logLevel: 'silent' as const,
    platform: lambdaBundling.platform,
    format: lambdaBundling.format,
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    external: [...lambdaBundling.external],
    mainFields: [...lambdaBundling.mainFields],
    banner: { js: lambdaBundling.banner },
  };
}

/** A file a function reads at run time: esbuild bundles code, not what the code reads from disk. */
export interface FileBesideBundle {
  /** Relative to the repository root. */
  readonly from: string;
  /** Its name beside index.mjs. */
  readonly to: string;
}

/**
 * What each handler (by entry) reads beside its bundle: the API serves the reference UI's
 * bundle at /docs/api-reference.js (functions/http/platform/api-docs.tsx), offline.
 */
export const filesBesideBundle: Readonly<Record<string, readonly FileBesideBundle[]>> = {
  'functions/handlers/api.ts': [{ from: REFERENCE_SCRIPT_SOURCE, to: REFERENCE_SCRIPT_BUNDLED }],
};

/** The shell commands NodejsFunction runs after bundling: copy each file into the asset. */
export function copyBesideBundle(files: readonly FileBesideBundle[], inputDir: string, outputDir: string) {
  const quoted = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  return files.map(
    (file) => `cp ${quoted(resolve(inputDir, file.from))} ${quoted(resolve(outputDir, file.to))}`,
  );
}
