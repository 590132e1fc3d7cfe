import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions, projectRoot } from '../infra/aws/lambda-bundling';
import { topology } from '../infra/topology';

export interface BundleMeasure {
  readonly name: string;
  /** Minified size, as the stack ships it (lambda-bundling.ts). */
  readonly kb: number;
  /** Module init: CPU time of importing the bundle in a fresh process, median of the rounds. */
  readonly initMs: number;
  /** Init against the hello-world that loads the AWS SDK clients every function calls. */
  readonly initRatio: number;
}

/** Init is read this many times per bundle, the bundles taking turns so that the machine's load falls on all alike. */
const ROUNDS = 7;

const HELLO_WORLD = 'hello-world';
const HELLO_WORLD_SDK = 'hello-world + AWS SDK clients';

/** Two baselines built the same way: a Hono Lambda, and the same loading what every function must (the AWS SDK clients). */
function writeBaselines(dir: string) {
  const hello = join(dir, 'hello.ts');
  writeFileSync(
    hello,
    "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nexport const handler = handle(new Hono().get('/', (c) => c.text('hi')));\n",
  );
  const helloSdk = join(dir, 'hello-sdk.ts');
  writeFileSync(
    helloSdk,
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
      "import { SQSClient } from '@aws-sdk/client-sqs';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      "import { Hono } from 'hono';",
      "import { handle } from 'hono/aws-lambda';",
      'export const clients = [DynamoDBDocumentClient.from(new DynamoDBClient({})), new SQSClient({}), new SecretsManagerClient({})];',
      "export const handler = handle(new Hono().get('/', (c) => c.text('hi')));",
      '',
    ].join('\n'),
  );
  return [
    { name: HELLO_WORLD, entry: hello },
    { name: HELLO_WORLD_SDK, entry: helloSdk },
  ];
}

/**
 * A fresh Node process importing the bundle, what a cold start's init phase does: the CPU time
 * it takes (user and system). Wall time on a machine shared with other work mostly measures the
 * wait for a core, and swung 2-3x between runs; the CPU an import needs is what a Lambda
 * instance, with its core to itself, spends as init.
 */
function importMs(file: string): number {
  return Number(
    execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `const c=process.cpuUsage(); await import(${JSON.stringify(file)}); const u=process.cpuUsage(c); process.stdout.write(String((u.user+u.system)/1000));`,
    ]).toString(),
  );
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Every function's bundle (one per topology entry), its size and its module init against the
 * hello-world that loads the AWS SDK clients (issue 24: the API within 1.2x of it). `npm run
 * bench` reports these; `npm run bench:bundles` measures only them.
 */
export async function measureBundles(): Promise<BundleMeasure[]> {
  // Inside the project so that the external @aws-sdk/* imports resolve from its node_modules.
  const dir = mkdtempSync(join(projectRoot, 'bench', '.bundles-'));
  try {
    const entries = [
      ...writeBaselines(dir),
      ...topology.functions.map((fn) => ({ name: fn.name, entry: resolve(projectRoot, fn.entry) })),
    ];
    const built = [];
    for (const { name, entry } of entries) {
      const outfile = join(dir, `${name.replace(/\W+/g, '-')}.mjs`);
      await build({ ...esbuildOptions(entry), outfile });
      built.push({
        name,
        outfile,
        kb: Math.round((statSync(outfile).size / 1024) * 10) / 10,
        samples: [] as number[],
      });
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const bundle of built) bundle.samples.push(importMs(bundle.outfile));
    }
    const sdkBaseline = median(built.find((bundle) => bundle.name === HELLO_WORLD_SDK)?.samples ?? [1]);
    return built.map(({ name, kb, samples }) => ({
      name,
      kb,
      initMs: Math.round(median(samples) * 10) / 10,
      initRatio: Math.round((median(samples) / sdkBaseline) * 100) / 100,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
