/**
 * The architecture as allow-lists (STYLE.md habit 2, DESIGN.md): each layer names the folders
 * and packages it may import; anything else fails `npm run lint` and tests/architecture.test.ts.
 * Rules are by folder, so a new file or subfolder of a layer follows its layer's rule.
 * Type-only imports, re-exports (`export … from`) and dynamic `import()` all count.
 */

/** A folder of the repository, matched with everything below it (or the one file of that name). */
const under = (...folders) => `^(${folders.join('|')})(/|\\.tsx?$)`;
/** An npm package, as resolved under node_modules. */
const npm = (...names) => `^node_modules/(${names.join('|')})/`;
const inner = ['contracts', 'functions/core', 'functions/ports'];
/** The layers around them that wiring puts together and handlers start. */
const outer = ['functions/application', 'functions/adapters', 'functions/http', 'functions/wiring'];

/**
 * Each layer: the folder it is (`from`, a path pattern), the folders (`to`) and npm packages it
 * may import, and whether it may use Node's built-in modules (contracts are schemas only).
 */
const layers = [
  { from: 'contracts/', to: ['contracts'], packages: ['zod'], builtins: false },
  { from: 'functions/core/', to: ['contracts', 'functions/core'], packages: [], builtins: true },
  { from: 'functions/ports/', to: inner, packages: [], builtins: true },
  { from: 'functions/application/', to: [...inner, 'functions/application'], packages: [], builtins: true },
  {
    from: 'functions/adapters/',
    to: [...inner, 'functions/adapters'],
    packages: [
      '@aws-sdk',
      '@aws-lambda-powertools',
      '@smithy',
      'jose',
      'openid-client',
      'standardwebhooks',
      'opossum',
      'p-limit',
      // Items are read through schemas: typed reads, never casts.
      'zod',
    ],
    builtins: true,
  },
  {
    from: 'functions/http/',
    to: [...inner, 'functions/application', 'functions/http'],
    // write-excel-file: the console's .xlsx exports, a rendering like its HTML; read-excel-file:
    // the mapping tables' .xlsx imports (issue 21), the same format read back.
    packages: ['hono', '@hono', 'zod', 'write-excel-file', 'read-excel-file'],
    builtins: true,
  },
  {
    from: 'functions/wiring/',
    to: [...inner, ...outer, 'infra/topology', 'config'],
    packages: ['@aws-sdk', '@aws-lambda-powertools', '@smithy'],
    builtins: true,
  },
  {
    from: 'functions/handlers/',
    to: [...inner, ...outer, 'functions/handlers'],
    packages: ['hono', '@aws-lambda-powertools', '@types/aws-lambda', 'zod'],
    builtins: true,
  },
  // The conformance kit is written from the evidence, never from the gateway's own code.
  {
    from: 'infra/simulators/',
    to: ['infra/simulators'],
    packages: ['hono', '@hono', 'zod', 'standardwebhooks'],
    builtins: true,
  },
  {
    from: 'infra/(?!simulators/)',
    to: ['contracts', 'functions', 'infra', 'config'],
    packages: [
      'aws-cdk-lib',
      'constructs',
      'cdk-nag',
      // Bundles the functions for the stack, with a plugin (infra/aws/lambda-bundling.ts).
      'esbuild',
      'hono',
      '@hono',
      'zod',
      '@aws-sdk',
      '@smithy',
      '@types/aws-lambda',
      'jose',
      'dynalite',
      'local-aws-sqs',
      'oidc-provider',
    ],
    builtins: true,
  },
  // The operator's commands (`npm run admin`) write through the use cases, wired as the API is.
  {
    from: 'scripts/admin',
    to: ['contracts', 'functions/wiring', 'scripts'],
    packages: ['@aws-sdk'],
    builtins: true,
  },
  // Operator and vendor scripts talk to a running gateway as a client would.
  {
    from: 'scripts/',
    to: ['contracts', 'functions/core', 'infra/local', 'scripts'],
    packages: [],
    builtins: true,
  },
  {
    from: 'bench/',
    to: ['contracts', 'functions', 'infra', 'config', 'bench'],
    // Powertools' batch and idempotency: the peer relay the benchmark measures ours against.
    packages: ['hono', '@hono', '@aws-sdk', 'esbuild', '@aws-lambda-powertools', '@types/aws-lambda'],
    builtins: true,
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere: each module can be read, tested and mounted on its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing would hide an edge from every other rule.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  allowed: [
    ...layers.flatMap((layer) => [
      { from: { path: `^${layer.from}` }, to: { path: under(...layer.to) } },
      ...(layer.packages.length
        ? [{ from: { path: `^${layer.from}` }, to: { path: npm(...layer.packages) } }]
        : []),
      ...(layer.builtins ? [{ from: { path: `^${layer.from}` }, to: { dependencyTypes: ['core'] } }] : []),
    ]),
    // Tests may reach everything, to prove it.
    { from: { path: '^(tests/|vitest\\.config\\.ts$)' }, to: {} },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: '^node_modules' },
    exclude: { path: '^(cdk\\.out|\\.data|vendor|docs)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
