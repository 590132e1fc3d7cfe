import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { redactText } from '../core/redact-personal-data';
import { type BusinessMetrics, businessMetrics } from '../ports/business-metrics';

/**
 * Business metrics through Powertools Metrics: each count is flushed at once as its own line in
 * CloudWatch's embedded metric format, with the `service` dimension Powertools sets and, for a
 * metric that declares a breakdown (`endpoint`, `failedSide`), a second dimension set of
 * `service` plus that breakdown — the alarms read the first, the dashboard the second.
 *
 * Powertools writes the line to stdout itself, so it never passes the redacting log formatter
 * (which would mask the EMF `Name` keys and leave CloudWatch nothing to extract); the context
 * values that ride along as metadata are masked here instead.
 */
export function createPowertoolsBusinessMetrics(options: {
  /** CloudWatch namespace (the topology's service.metricsNamespace). */
  readonly namespace: string;
  readonly serviceName: string;
}): BusinessMetrics {
  const metrics = new Metrics({ namespace: options.namespace, serviceName: options.serviceName });
  return {
    count(metric, value, context = {}) {
      const single = metrics.singleMetric();
      const declared: { readonly dimension?: string } = businessMetrics[metric];
      const breakdown = declared.dimension ? context[declared.dimension] : undefined;
      if (declared.dimension && breakdown) {
        // An empty set stands for `service` alone: Powertools adds its default dimension to every set.
        single.addDimensions({});
        single.addDimensions({ [declared.dimension]: breakdown });
      }
      for (const [key, text] of Object.entries(context)) {
        if (key !== declared.dimension) single.addMetadata(key, redactText(text));
      }
      // singleMetric() publishes as soon as the metric is added.
      single.addMetric(metric, MetricUnit.Count, value);
    },
  };
}
