/** The API reference UI's standalone bundle, kept in the repository (vendor/scalar-api-reference/README.md). */
export const REFERENCE_SCRIPT_SOURCE = 'vendor/scalar-api-reference/standalone.js';

/**
 * Its name beside a Lambda bundle: esbuild bundles code, not files a module reads, so the stack
 * copies it next to index.mjs (infra/aws/lambda-bundling.ts, `filesBesideBundle`).
 */
export const REFERENCE_SCRIPT_BUNDLED = 'api-reference.js';
