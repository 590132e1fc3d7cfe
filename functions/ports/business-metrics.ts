/** Business metrics the AWS stack alarms on (namespace LienThongGateway). */
export type BusinessMetric = 'ReconciliationMismatches' | 'PaymentAnomalies';

export interface BusinessMetrics {
  count(metric: BusinessMetric, value: number, context?: Readonly<Record<string, string>>): void;
}
