import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { OpenPaymentSlot, PaymentKeyClaim } from '../../ports/payment-store';
import { writeIfCondition } from './conditional-write';
import { itemKeys } from './gateway-table';
import { parseItem } from './parse-item';

const keyClaimSchema = z.object({
  paymentId: z.string(),
  requestHash: z.string(),
}) satisfies z.ZodType<PaymentKeyClaim>;
const openSlotSchema = z.object({
  paymentId: z.string(),
  requestHash: z.string(),
  takenAt: z.string(),
}) satisfies z.ZodType<OpenPaymentSlot>;

/** Attempts at the open-payment slot while its holders keep changing; each round is two requests. */
const SLOT_ROUNDS = 4;

/**
 * The two claims that keep payments single, each one conditional write on its own item:
 *   PAYKEY#<clientId>#<key> / PAYKEY    an Idempotency-Key of POST /v1/payments, for one payment
 *   DOSSIER#<code> / PAYMENT_OPEN       the dossier's one open payment (initiating or pending)
 */
export function createPaymentClaims(client: DynamoDBDocumentClient, options: { readonly tableName: string }) {
  const { tableName } = options;

  return {
    async claimKey(clientId: string, key: string, claim: PaymentKeyClaim & { readonly at: string }) {
      const itemKey = itemKeys.paymentKeyClaim(clientId, key);
      const claimed = await writeIfCondition(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemKey, ...claim },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (claimed) return { paymentId: claim.paymentId, requestHash: claim.requestHash };
      // Claims are never deleted: a refused claim has a holder to read.
      const holder = await client.send(
        new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
      );
      return parseItem(keyClaimSchema, holder.Item ?? {}, 'payment key claim');
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
      const itemKey = itemKeys.openPaymentSlot(dossierCode);
      // A holder may free the slot between our refused write and our read: then try again.
      for (let round = 0; round < SLOT_ROUNDS; round += 1) {
        const taken = await writeIfCondition(() =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...itemKey, ...slot },
              ConditionExpression: 'attribute_not_exists(pk) OR paymentId = :mine',
              ExpressionAttributeValues: { ':mine': slot.paymentId },
            }),
          ),
        );
        if (taken) return slot;
        const holder = await client.send(
          new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
        );
        if (holder.Item) return parseItem(openSlotSchema, holder.Item, 'open payment slot');
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
