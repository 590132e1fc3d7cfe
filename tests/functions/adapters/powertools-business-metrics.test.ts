import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createPowertoolsBusinessMetrics } from '../../../functions/adapters/powertools-business-metrics';
import { service } from '../../../infra/topology';
import { captureOutput } from '../../support/captured-output';

/**
 * The document structure of CloudWatch's embedded metric format, written from the
 * specification (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
 * CloudWatch_Embedded_Metric_Format_Specification.html): a root `_aws` metadata object with a
 * millisecond `Timestamp` and MetricDirectives, each naming a namespace, dimension sets of at
 * most 30 names, and metric definitions; every referenced dimension must be a string member of
 * the root and every metric a number member.
 */
const nameSchema = z.string().min(1).max(255);
const emfDocumentSchema = z
  .object({
    _aws: z.object({
      Timestamp: z.number().int().nonnegative(),
      CloudWatchMetrics: z
        .array(
          z.object({
            Namespace: nameSchema,
            Dimensions: z.array(z.array(nameSchema).max(30)),
            Metrics: z
              .array(z.object({ Name: nameSchema, Unit: z.string().optional() }).strict())
              .min(1)
              .max(100),
          }),
        )
        .min(1),
    }),
  })
  .passthrough()
  .superRefine((document, context) => {
    const root = document as Record<string, unknown>;
    for (const directive of document._aws.CloudWatchMetrics) {
      for (const dimension of directive.Dimensions.flat()) {
        if (typeof root[dimension] !== 'string') {
          context.addIssue({
            code: 'custom',
            message: `dimension ${dimension} is not a string member of the root`,
          });
        }
      }
      for (const metric of directive.Metrics) {
        if (typeof root[metric.Name] !== 'number') {
          context.addIssue({
            code: 'custom',
            message: `metric ${metric.Name} is not a number member of the root`,
          });
        }
      }
    }
  });

let output: ReturnType<typeof captureOutput> | undefined;
afterEach(() => {
  output?.restore();
  vi.unstubAllEnvs();
});

function emittedDocuments(count: (metrics: ReturnType<typeof createPowertoolsBusinessMetrics>) => void) {
  // The suite turns EMF output off (vitest.config.ts); these tests read it, as on AWS.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const metrics = createPowertoolsBusinessMetrics({
    namespace: service.metricsNamespace,
    serviceName: service.name,
  });
  output = captureOutput();
  count(metrics);
  const lines = output.lines();
  output.restore();
  return lines.map(
    (line) =>
      emfDocumentSchema.parse(JSON.parse(line)) as z.infer<typeof emfDocumentSchema> &
        Record<string, unknown>,
  );
}

describe('business metrics through Powertools Metrics', () => {
  it('writes one valid embedded-metric document per count, under the topology namespace and the service dimension', () => {
    const [document] = emittedDocuments((metrics) =>
      metrics.count('ReconciliationMismatches', 3, { day: '2025-03-14' }),
    );

    expect(document?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'LienThongGateway',
        Dimensions: [['service']],
        Metrics: [{ Name: 'ReconciliationMismatches', Unit: 'Count' }],
      },
    ]);
    expect(document).toMatchObject({
      service: 'lien-thong-gateway',
      ReconciliationMismatches: 3,
      day: '2025-03-14',
    });
  });

  it('publishes a breakdown metric under the service alone (what alarms read) and under the service and its breakdown', () => {
    const [document] = emittedDocuments((metrics) =>
      metrics.count('DeliveryFailures', 2, { failedSide: 'province-webhooks' }),
    );

    expect(document?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service'], ['service', 'failedSide']]);
    expect(document).toMatchObject({ failedSide: 'province-webhooks', DeliveryFailures: 2 });
  });

  it('keeps a breakdown metric under the service alone when its context names no breakdown', () => {
    const [document] = emittedDocuments((metrics) => metrics.count('CircuitBreakerOpen', 1));

    expect(document?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
  });

  it('keeps the metric names readable (the log redaction masks `name` keys, so the line must not pass it) and masks personal data in the context', () => {
    const [document] = emittedDocuments((metrics) =>
      metrics.count('PaymentAnomalies', 1, { paymentId: 'pay-1', note: 'gọi 0912345678' }),
    );

    expect(document?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([
      { Name: 'PaymentAnomalies', Unit: 'Count' },
    ]);
    expect(document).toMatchObject({ paymentId: 'pay-1', note: 'gọi ***678', PaymentAnomalies: 1 });
  });
});
