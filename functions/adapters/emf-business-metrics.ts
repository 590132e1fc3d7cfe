import { type BusinessMetrics, businessMetrics } from '../ports/business-metrics';
import type { Logger } from '../ports/logger';

/**
 * Business metrics as structured log lines in CloudWatch's embedded metric format: CloudWatch
 * turns the `_aws` block into a metric, every log reader sees `metric` and `value`, and no
 * extra dependency or flush is needed. The dimension is `service`, as Powertools Metrics would
 * set it, so alarms written for either match; a metric that declares a breakdown dimension
 * (`endpoint`, `failedSide`) is also published under `service` plus that dimension.
 */
export function createEmfBusinessMetrics(options: {
  readonly logger: Logger;
  readonly serviceName: string;
  /** CloudWatch namespace (the topology's service.metricsNamespace). */
  readonly namespace: string;
  readonly now?: () => Date;
}): BusinessMetrics {
  const now = options.now ?? (() => new Date());
  return {
    count(metric, value, context = {}) {
      const declared: { readonly dimension?: string } = businessMetrics[metric];
      const breakdown = declared.dimension && context[declared.dimension] ? declared.dimension : undefined;
      const log = value > 0 ? options.logger.warn : options.logger.info;
      log.call(options.logger, `metric ${metric}`, {
        ...context,
        metric,
        value,
        service: options.serviceName,
        [metric]: value,
        _aws: {
          Timestamp: now().getTime(),
          CloudWatchMetrics: [
            {
              Namespace: options.namespace,
              Dimensions: breakdown ? [['service'], ['service', breakdown]] : [['service']],
              Metrics: [{ Name: metric, Unit: 'Count' }],
            },
          ],
        },
      });
    },
  };
}
