/**
 * Where the API reference is served. Constants alone, so that the topology can route them to
 * the console function (ADR 17) without bundling the reference into every function.
 */
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';
export const REFERENCE_SCRIPT_PATH = `${DOCS_PATH}/api-reference.js`;

/** The documentation routes themselves; they are not part of the API they describe. */
export const documentationPaths: readonly string[] = [OPENAPI_PATH, DOCS_PATH, REFERENCE_SCRIPT_PATH];
