import { GatewayError } from '../core/gateway-error';
import type { PaymentPlatform } from '../ports/payment-platform';
import type { EndpointGuard } from './endpoint-guard';

/** The payment platform behind the endpoint guard: a concurrency cap and a circuit breaker. */
export function guardPaymentPlatform(platform: PaymentPlatform, guard: EndpointGuard): PaymentPlatform {
  return {
    initiate: (payment) => guard.run(() => platform.initiate(payment)),
    query: (payment) => guard.run(() => platform.query(payment)),
    getBill: (payment) => guard.run(() => platform.getBill(payment)),
    listTransactions: (day) => guard.run(() => platform.listTransactions(day)),
  };
}

/** Stands in where no platform is configured (an AWS stage before its partner account exists). */
export function unconfiguredPaymentPlatform(): PaymentPlatform {
  const refuse = async (): Promise<never> => {
    throw new GatewayError(
      'payment.platformUnavailable',
      'Chưa cấu hình nền tảng thanh toán / No payment platform is configured for this stage',
      { retryAfterSeconds: 3600 },
    );
  };
  return { initiate: refuse, query: refuse, getBill: refuse, listTransactions: refuse };
}
