import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { OpenPaymentSlot, PaymentKeyClaim, PaymentStore } from '../../ports/payment-store';
import { type PutCondition, writeIfCondition } from './conditional-write';
import { itemKeys, type TableKey } from './gateway-table';
import { parseItem } from './parse-item';

const keyClaimSchema = z.object({
  paymentId: z.string(),
  requestHash: z.string(),
}) satisfies z.ZodType<PaymentKeyClaim>;
const openSlotSchema = keyClaimSchema.extend({ takenAt: z.string() }) satisfies z.ZodType<OpenPaymentSlot>;

/** Attempts at the open-payment slot while its holders keep changing; each round is two requests. */
const SLOT_ROUNDS = 4;

/**
 * The two claims that keep payments single, each one conditional write on its own item:
 *   PAYKEY#<clientId>#<key> / PAYKEY    an Idempotency-Key of POST /v1/payments, for one payment
 *   DOSSIER#<code> / PAYMENT_OPEN       the dossier's one open payment (initiating or pending)
 */
export function createPaymentClaims(
  client: DynamoDBDocumentClient,
  options: { readonly tableName: string },
): Pick<PaymentStore, 'claimKey' | 'repointKey' | 'takeOpenSlot' | 'releaseOpenSlot'> {
  const { tableName } = options;

  /**
   * Puts `item` at `key` where `condition` allows; when it does not, the holder's item, read
   * consistently (absent if the holder let go in between).
   */
  async function putUnlessHeld(
    key: TableKey,
    item: object,
    condition: PutCondition,
  ): Promise<{ taken: true } | { taken: false; holder?: Record<string, unknown> }> {
    const taken = await writeIfCondition(() =>
      client.send(new PutCommand({ TableName: tableName, Item: { ...key, ...item }, ...condition })),
    );
    if (taken) return { taken };
    const held = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return { taken, holder: held.Item };
  }

  return {
    async claimKey(clientId: string, key: string, claim: PaymentKeyClaim & { readonly at: string }) {
      const attempt = await putUnlessHeld(itemKeys.paymentKeyClaim(clientId, key), claim, {
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      if (attempt.taken) return { paymentId: claim.paymentId, requestHash: claim.requestHash };
      // Claims are never deleted: a refused claim has a holder to read.
      return parseItem(keyClaimSchema, attempt.holder ?? {}, 'payment key claim');
    },

    async repointKey(clientId: string, key: string, from: string, to: string): Promise<void> {
      // False: the key points elsewhere already; nothing to move.
      await writeIfCondition(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: itemKeys.paymentKeyClaim(clientId, key),
            UpdateExpression: 'SET paymentId = :to',
            ConditionExpression: 'paymentId = :from',
            ExpressionAttributeValues: { ':from': from, ':to': to },
          }),
        ),
      );
    },

    async takeOpenSlot(dossierCode: string, slot: OpenPaymentSlot): Promise<OpenPaymentSlot> {
      // A holder may free the slot between our refused write and our read: then try again.
      for (let round = 0; round < SLOT_ROUNDS; round += 1) {
        const attempt = await putUnlessHeld(itemKeys.openPaymentSlot(dossierCode), slot, {
          ConditionExpression: 'attribute_not_exists(pk) OR paymentId = :mine',
          ExpressionAttributeValues: { ':mine': slot.paymentId },
        });
        if (attempt.taken) return slot;
        if (attempt.holder) return parseItem(openSlotSchema, attempt.holder, 'open payment slot');
      }
      throw new Error(`the open-payment slot of ${dossierCode} changed hands ${SLOT_ROUNDS} times in a row`);
    },

    async releaseOpenSlot(dossierCode: string, paymentId: string): Promise<void> {
      // False: another payment holds the slot (or none does); it is not ours to free.
      await writeIfCondition(() =>
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: itemKeys.openPaymentSlot(dossierCode),
            ConditionExpression: 'paymentId = :mine',
            ExpressionAttributeValues: { ':mine': paymentId },
          }),
        ),
      );
    },
  };
}
