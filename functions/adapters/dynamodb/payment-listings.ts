import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Payment } from '../../core/payment';
import { vietnamDay } from '../../core/vietnam-time';
import { accessPatterns, itemKeys } from './gateway-table';
import { parseItem } from './parse-item';
import { queryAllPages } from './query-pages';

const MAX_PAGES = 1000;

const listingSchema = z.object({ paymentId: z.string() });

/**
 * Listing items that find payments without an index: under the dossier
 * (DOSSIER#<code> / PAYMENT#<id>) and under the Vietnam day it was created
 * (PAYDAY#<yyyy-MM-dd> / PAYMENT#<id>). Written before the payment, so no stored payment is
 * missing from a list; a listing of a payment never stored is skipped by the reader.
 */
export function createPaymentListings(
  client: DynamoDBDocumentClient,
  options: { readonly tableName: string },
) {
  const { tableName } = options;

  async function list(partition: string, prefix: string): Promise<string[]> {
    const items = await queryAllPages(
      client,
      {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        ProjectionExpression: 'paymentId',
        ConsistentRead: true,
      },
      MAX_PAGES,
    );
    return items.map((item) => parseItem(listingSchema, item, 'payment listing').paymentId);
  }

  return {
    /** Lists the payment under its dossier and its day; repeatable. */
    async add(payment: Payment): Promise<void> {
      const entry = { paymentId: payment.paymentId, reference: payment.reference };
      const day = vietnamDay(new Date(payment.createdAt));
      for (const key of [
        itemKeys.dossierPayment(payment.dossierCode, payment.paymentId),
        itemKeys.dayPayment(day, payment.paymentId),
      ]) {
        await client.send(new PutCommand({ TableName: tableName, Item: { ...key, ...entry } }));
      }
    },

    ofDossier: (dossierCode: string) =>
      list(
        accessPatterns.paymentsOfDossier.partition(dossierCode),
        accessPatterns.paymentsOfDossier.sortPrefix,
      ),

    ofDay: (day: string) =>
      list(accessPatterns.paymentsOfDay.partition(day), accessPatterns.paymentsOfDay.sortPrefix),
  };
}
