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

/** The GatewayError `promise` rejects with; any other error is passed on, and success fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a rejection (a GatewayError), and the promise resolved');
}
