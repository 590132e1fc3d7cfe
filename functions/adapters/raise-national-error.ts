import { nationalErrorCodes } from '../../contracts/national-portal';
import { GatewayError } from '../core/gateway-error';

/** Codes that mean "this record is wrong": retrying the same bytes cannot succeed. */
const permanentCodes = new Set<string>([
  nationalErrorCodes.ipNotAllowed,
  nationalErrorCodes.wrongAgency,
  nationalErrorCodes.wrongProvince,
  nationalErrorCodes.incompleteRecord,
  nationalErrorCodes.notFound,
  nationalErrorCodes.wrongDataType,
  nationalErrorCodes.wrongData,
]);

/**
 * Turns a non-zero `error_code` of the portal into the port's failure: 'national.rejected'
 * (park) for the permanent codes of DOMAIN.md, 'national.transient' (retry) for anything
 * else, so an unknown code never parks a dossier. Shared by both transports so they cannot
 * drift apart.
 */
export function raiseNationalError(code: string, message: string): never {
  if (permanentCodes.has(code)) {
    throw new GatewayError('national.rejected', `national portal rejected the record (${code}): ${message}`, {
      details: { nationalErrorCode: code },
    });
  }
  throw new GatewayError('national.transient', `national portal error ${code}: ${message}`, {
    details: { nationalErrorCode: code },
  });
}
