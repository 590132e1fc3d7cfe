import { bundleFunction } from './lambda-bundling';

/**
 * `node --import tsx infra/aws/bundle-function.ts <entry> <outputDir>`: CDK asks for an asset
 * synchronously (gateway-functions.ts), and esbuild runs plugins only in an asynchronous
 * build, so the stack runs this in a child process.
 */
const [entry, outputDir] = process.argv.slice(2);
if (!entry || !outputDir) throw new Error('usage: bundle-function.ts <entry> <outputDir>');
await bundleFunction(entry, outputDir);
