import { isGatewayError } from './gateway-error';

export interface RetryPolicy {
  readonly baseSeconds: number;
  readonly capSeconds: number;
}

/** SQS caps a message's visibility timeout at 12 hours. */
const SQS_MAX_VISIBILITY_SECONDS = 43_200;

export const defaultRetryPolicy: RetryPolicy = { baseSeconds: 2, capSeconds: 900 };

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): spreads retries of many dossiers after an outage instead of synchronising them.
 * A Retry-After from the receiver is a floor.
 */
export function retryDelaySeconds(
  attempt: number,
  random: () => number,
  policy: RetryPolicy = defaultRetryPolicy,
  retryAfterSeconds?: number,
): number {
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.min(SQS_MAX_VISIBILITY_SECONDS, Math.max(jittered, retryAfterSeconds ?? 0, 1));
}

export type FailureClass =
  | { readonly retry: true; readonly retryAfterSeconds?: number }
  | { readonly retry: false };

/** The one mapping from an error to a retry decision. */
export function classifyFailure(error: Error): FailureClass {
  if (!isGatewayError(error)) return { retry: true };
  switch (error.code) {
    case 'national.rejected':
    case 'province.rejected':
    case 'payment.platformRejected':
      return { retry: false };
    case 'national.transient':
    case 'province.transient':
    case 'national.authentication':
    case 'dependency.unavailable':
    case 'payment.platformUnavailable':
      return error.retryAfterSeconds === undefined
        ? { retry: true }
        : { retry: true, retryAfterSeconds: error.retryAfterSeconds };
    default:
      return { retry: true };
  }
}
