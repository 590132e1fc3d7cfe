import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PaymentStore } from '../ports/payment-store';
import { createPaymentClaims } from './dynamodb/payment-claims';
import { createPaymentItems } from './dynamodb/payment-items';
import { createPaymentListings } from './dynamodb/payment-listings';

export interface DynamoDbPaymentStoreOptions {
  readonly tableName: string;
  /** Shards of the status poller's list (`paymentsDueByShard`). */
  readonly dueShards: number;
}

/**
 * The payment store over the gateway table's payment item kinds (dynamodb/gateway-table.ts):
 * the payment itself, the idempotency-key and open-slot claims, and the listings by dossier and
 * day. Every change of a payment's state is one conditional write on the payment item.
 */
export function createDynamoDbPaymentStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbPaymentStoreOptions,
): PaymentStore {
  const payments = createPaymentItems(client, options);
  const claims = createPaymentClaims(client, options);
  const listings = createPaymentListings(client, options);
  return {
    ...claims,
    getPayment: payments.get,
    indexPayment: listings.add,
    insertPayment: payments.insert,
    updatePayment: payments.update,
    recordOutcome: payments.recordOutcome,
    listDue: payments.listDue,
    listDossierPayments: async (dossierCode) => payments.getMany(await listings.ofDossier(dossierCode)),
    listDayPayments: async (day) => payments.getMany(await listings.ofDay(day)),
  };
}
