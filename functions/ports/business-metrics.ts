/**
 * The business metrics the gateway emits, each counted under the `service` dimension and, where
 * declared, also broken down by one more dimension taken from the context it is counted with.
 * The AWS stack's alarms and dashboard read this list; the namespace and service name are the
 * topology's (infra/topology/service.ts).
 */
export const businessMetrics = {
  /** Payments whose state differs between the platform's report and the gateway (đối soát). */
  ReconciliationMismatches: {},
  /** Payment outcomes recorded but not applied (a wrong amount, a contradicting answer). */
  PaymentAnomalies: {},
  /** 1 when the circuit breaker to an outbound endpoint opens, 0 when it closes; by endpoint. */
  CircuitBreakerOpen: { dimension: 'endpoint' },
  /** Failed delivery attempts, by the side that failed (functions/core/failure-side.ts). */
  DeliveryFailures: { dimension: 'failedSide' },
} as const satisfies Record<string, { readonly dimension?: string }>;

export type BusinessMetric = keyof typeof businessMetrics;

export interface BusinessMetrics {
  count(metric: BusinessMetric, value: number, context?: Readonly<Record<string, string>>): void;
}
