import { resolve } from 'node:path';

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
