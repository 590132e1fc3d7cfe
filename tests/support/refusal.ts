import { GatewayError } from '../../functions/core/gateway-error';

/** The GatewayError `act` throws; any other error is passed on, and none at all fails the test. */
export function refusal(act: () => unknown): GatewayError {
  try {
    act();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a refusal (a GatewayError), and nothing was thrown');
}
