import type { BusinessMetric, BusinessMetrics } from '../../ports/business-metrics';

export interface CountedMetric {
  readonly metric: BusinessMetric;
  readonly value: number;
  readonly context: Readonly<Record<string, string>>;
}

/** Business metrics in memory: every count, in order. */
export function createInMemoryBusinessMetrics(): BusinessMetrics & { readonly counted: CountedMetric[] } {
  const counted: CountedMetric[] = [];
  return {
    counted,
    count(metric, value, context = {}) {
      counted.push({ metric, value, context });
    },
  };
}
