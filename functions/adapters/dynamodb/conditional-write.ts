import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';

/** The condition of a conditional put, for a helper that writes one item kind several ways. */
export type PutCondition = Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeValues'>;

/**
 * True when a conditional write was refused because its condition did not hold: the one
 * failure the adapters turn into an answer (another writer got there first) instead of an error.
 * The name check covers errors deserialised by another copy of the SDK.
 */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

/** Runs a conditional write; false when its condition did not hold, any other error thrown. */
export async function writeIfCondition(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
