import type { FieldError } from '../../contracts/problem';

/**
 * The one error type of the gateway. Codes are typed; each code has exactly one mapping to
 * an HTTP problem (functions/http/problem-catalogue.ts) and one to a retry decision
 * (`classifyFailure` in functions/core/retry-policy.ts).
 */
export type GatewayErrorCode =
  | 'request.invalid'
  | 'request.unsupportedMediaType'
  | 'request.tooLarge'
  | 'request.rateLimited'
  | 'request.timeout'
  | 'request.replayed'
  | 'auth.unauthenticated'
  | 'auth.forbidden'
  | 'auth.invalidClient'
  | 'route.notFound'
  | 'dossier.notFound'
  | 'dossier.transitionNotAllowed'
  | 'dossier.staleVersion'
  | 'feedback.notFound'
  | 'feedback.transitionNotAllowed'
  | 'failedMessage.notFound'
  | 'failedMessage.notParked'
  | 'idempotency.conflict'
  | 'idempotency.inProgress'
  | 'sequence.taken'
  | 'sequence.waiting'
  | 'national.transient'
  | 'national.rejected'
  | 'national.authentication'
  | 'province.transient'
  | 'province.rejected'
  | 'province.notRegistered'
  | 'system.notFound'
  | 'dependency.unavailable'
  | 'payment.notFound'
  | 'payment.alreadyOpen'
  | 'payment.transitionNotAllowed'
  | 'payment.platformUnavailable'
  | 'payment.platformRejected'
  | 'reconciliation.notFound'
  | 'schedule.notFound'
  | 'reconciliation.fileInvalid'
  | 'agency.retired'
  | 'agency.nameUnknown'
  | 'procedure.unknown'
  | 'agency.unknown'
  | 'config.invalid'
  | 'driftFinding.notFound'
  | 'driftFinding.notOpen'
  | 'system.notFound'
  | 'system.exists'
  | 'system.changed'
  | 'system.grantsOverlap'
  | 'system.webhookUrlRefused'
  | 'mapping.notFound'
  | 'mapping.nationalCodeUnknown'
  | 'mapping.importInvalid';

export interface GatewayErrorOptions {
  readonly fieldErrors?: readonly FieldError[];
  readonly retryAfterSeconds?: number;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  readonly fieldErrors: readonly FieldError[];
  readonly retryAfterSeconds: number | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details ?? {};
  }
}

export function isGatewayError(error: unknown, code?: GatewayErrorCode): error is GatewayError {
  return error instanceof GatewayError && (code === undefined || error.code === code);
}
