import { type LocalRuntime, startLocalRuntime } from '../infra/local/start-local-runtime';

const unlimited = { burst: 1e9, perSecond: 1e9 };

/**
 * The whole local runtime in memory, schedules off, for the benchmarks and profiles: they
 * measure the gateway's cost per request, not its per-client policy, so request budgets are lifted.
 */
export function startMeasurementRuntime(): Promise<LocalRuntime> {
  return startLocalRuntime({
    ports: { gateway: 0, nationalPortal: 0, province: 0, payment: 0, dynamodb: 0, sqs: 0 },
    dataDir: null,
    logLevel: 'SILENT',
    schedules: false,
    security: {
      rateLimits: { perClient: unlimited, perAddress: unlimited, tokenEndpointPerAddress: unlimited },
    },
  });
}
