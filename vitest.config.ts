import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Emulators and servers bind ports; two cores do not benefit from more forks.
    pool: 'forks',
    maxWorkers: 2,
    // The SDK warns that it will need Node 22 in 2027; Lambda runs 22, this machine 20.
    // Business metrics as EMF lines only where a test reads them (powertools-business-metrics).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
