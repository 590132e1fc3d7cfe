import { nationalErrorCodes } from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';

/**
 * Codes that mean "this record is wrong" (retrying the same bytes cannot succeed) unless the
 * deployment says otherwise (config/national-reply-codes.json): DOMAIN.md's list, [inferred].
 */
export const defaultRejectedCodes: readonly number[] = [
  nationalErrorCodes.ipNotAllowed,
  nationalErrorCodes.wrongAgency,
  nationalErrorCodes.wrongProvince,
  nationalErrorCodes.incompleteRecord,
  nationalErrorCodes.notFound,
  nationalErrorCodes.wrongDataType,
  nationalErrorCodes.wrongData,
];

/**
 * Turns a non-zero `error_code` of the portal (compared as a number, DOMAIN.md) into the port's
 * failure: 'national.rejected' (park) for the rejected codes, 'national.transient' (retry) for
 * anything else, so an unknown code never parks a dossier. Shared by both transports so they
 * cannot drift apart.
 */
export function raiseNationalError(code: number, message: string, rejectedCodes: readonly number[]): never {
  const shown = Number.isNaN(code) ? 'unreadable' : String(code);
  if (rejectedCodes.includes(code)) {
    throw new GatewayError(
      'national.rejected',
      `national portal rejected the record (${shown}): ${message}`,
      {
        details: { nationalErrorCode: shown },
      },
    );
  }
  throw new GatewayError('national.transient', `national portal error ${shown}: ${message}`, {
    details: { nationalErrorCode: shown },
  });
}

/** Whether an error_code is one of the "already exists, call update instead" codes [TH]. */
export const isAlreadyExists = (code: number) =>
  (nationalErrorCodes.alreadyExists as readonly number[]).includes(code);
