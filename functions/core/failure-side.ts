import { isGatewayError } from './gateway-error';

/**
 * Who failed, for labels, metrics and the dashboard: one of the outbound endpoints (the names
 * their endpoint guards carry), or the gateway itself. A province's webhook being down is the
 * province's failure, never the national portal's.
 */
export const failureSides = ['national-portal', 'province-webhooks', 'payment-platform', 'gateway'] as const;

export type FailureSide = (typeof failureSides)[number];

/** An outbound endpoint: every side but the gateway's own. */
export type EndpointName = Exclude<FailureSide, 'gateway'>;

const endpointNames: readonly string[] = failureSides.filter((side) => side !== 'gateway');

const isEndpointName = (value: unknown): value is EndpointName =>
  typeof value === 'string' && endpointNames.includes(value);

/**
 * The side an error belongs to, from its code: `national.*` the portal, `province.*` the
 * province's system, `payment.platform*` the payment platform; a paused endpoint (circuit open,
 * `dependency.unavailable`) names itself in `details.endpoint`. Anything else, an unexpected
 * error included, is the gateway's own.
 */
export function failureSideOf(error: unknown): FailureSide {
  if (!isGatewayError(error)) return 'gateway';
  if (error.code.startsWith('national.')) return 'national-portal';
  if (error.code === 'province.transient' || error.code === 'province.rejected') return 'province-webhooks';
  if (error.code === 'payment.platformUnavailable' || error.code === 'payment.platformRejected')
    return 'payment-platform';
  if (error.code === 'dependency.unavailable' && isEndpointName(error.details.endpoint))
    return error.details.endpoint;
  return 'gateway';
}
