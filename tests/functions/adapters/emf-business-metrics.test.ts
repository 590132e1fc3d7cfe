import { describe, expect, it } from 'vitest';
import { createEmfBusinessMetrics } from '../../../functions/adapters/emf-business-metrics';
import { service } from '../../../infra/topology';

type Line = { level: string; message: string; extra: Record<string, unknown> };

function recordingMetrics() {
  const lines: Line[] = [];
  const log =
    (level: string) =>
    (message: string, extra: Record<string, unknown> = {}) =>
      lines.push({ level, message, extra });
  const metrics = createEmfBusinessMetrics({
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    serviceName: service.name,
    namespace: service.metricsNamespace,
    now: () => new Date('2025-03-15T00:00:00Z'),
  });
  return { lines, metrics };
}

describe('business metrics as embedded-metric-format log lines', () => {
  it('writes ReconciliationMismatches with its count, the LienThongGateway namespace and the service dimension', () => {
    const { lines, metrics } = recordingMetrics();

    metrics.count('ReconciliationMismatches', 3, { day: '2025-03-14' });
    metrics.count('ReconciliationMismatches', 0, { day: '2025-03-15' });

    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
    expect(lines[0]?.extra).toMatchObject({
      metric: 'ReconciliationMismatches',
      value: 3,
      ReconciliationMismatches: 3,
      day: '2025-03-14',
      service: 'lien-thong-gateway',
      _aws: {
        Timestamp: Date.parse('2025-03-15T00:00:00Z'),
        CloudWatchMetrics: [
          {
            Namespace: 'LienThongGateway',
            Dimensions: [['service']],
            Metrics: [{ Name: 'ReconciliationMismatches', Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('publishes a side-attributed metric under the service alone and under the service and its side', () => {
    const { lines, metrics } = recordingMetrics();

    metrics.count('DeliveryFailures', 2, { failedSide: 'province-webhooks' });

    expect(lines[0]?.extra).toMatchObject({
      failedSide: 'province-webhooks',
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'LienThongGateway',
            Dimensions: [['service'], ['service', 'failedSide']],
            Metrics: [{ Name: 'DeliveryFailures', Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('keeps a breakdown metric under the service alone when its context names no side', () => {
    const { lines, metrics } = recordingMetrics();

    metrics.count('CircuitBreakerOpen', 1);

    expect(lines[0]?.extra).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Dimensions: [['service']] }] },
    });
  });
});
