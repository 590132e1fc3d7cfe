import type { BusinessMetric, BusinessMetrics } from '../../ports/business-metrics';

export interface CountedMetric {
  readonly metric: BusinessMetric;
  readonly value: number;
  readonly context: Readonly<Record<string, string>>;
}

/** Business metrics in memory: every count as it was made, and the sum per metric. */
export function createInMemoryBusinessMetrics(): BusinessMetrics & {
  readonly counted: readonly CountedMetric[];
  total(metric: BusinessMetric): number;
} {
  const counted: CountedMetric[] = [];
  return {
    counted,
    count(metric, value, context = {}) {
      counted.push({ metric, value, context });
    },
    total: (metric) =>
      counted.filter((entry) => entry.metric === metric).reduce((sum, entry) => sum + entry.value, 0),
  };
}
