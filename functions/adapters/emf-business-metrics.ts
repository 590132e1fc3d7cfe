import type { BusinessMetrics } from '../ports/business-metrics';
import type { Logger } from '../ports/logger';

/** CloudWatch namespace of the gateway's business metrics; the AWS stack's alarms use the same. */
export const METRICS_NAMESPACE = 'LienThongGateway';

/**
 * Business metrics as structured log lines in CloudWatch's embedded metric format: CloudWatch
 * turns the `_aws` block into a metric, every log reader sees `metric` and `value`, and no
 * extra dependency or flush is needed. The dimension is `service`, as Powertools Metrics would
 * set it, so alarms written for either match.
 */
export function createEmfBusinessMetrics(options: {
  readonly logger: Logger;
  readonly serviceName: string;
  readonly now?: () => Date;
}): BusinessMetrics {
  const now = options.now ?? (() => new Date());
  return {
    count(metric, value, context = {}) {
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
              Namespace: METRICS_NAMESPACE,
              Dimensions: [['service']],
              Metrics: [{ Name: metric, Unit: 'Count' }],
            },
          ],
        },
      });
    },
  };
}
