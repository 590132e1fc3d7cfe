import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { gatewayTable, itemKeys } from '../../../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbFeedbackStore } from '../../../functions/adapters/dynamodb-feedback-store';
import { createInMemoryFeedbackStore } from '../../../functions/adapters/in-memory/feedback-store';
import { applyFeedbackStep, newFeedbackRecord } from '../../../functions/core/feedback-item';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The FeedbackStore contract, in memory and on DynamoDB (dynalite): conditional writes, no transactions. */
const table = useGatewayTable();

const stores = inMemoryAndDynamoDb(table, createInMemoryFeedbackStore, ({ documents, tableName }) =>
  createDynamoDbFeedbackStore(documents, { tableName }),
);

let serial = 0;
const anItem = (agencyCode = '000.00.12.H12') => {
  serial += 1;
  return newFeedbackRecord(
    {
      feedbackId: `c${String(serial).padStart(5, '0')}`,
      agencyCode,
      content: 'Đề nghị hướng dẫn thủ tục đăng ký khai sinh.',
      citizen: { name: 'Lê Văn Cường', phone: '0912345678' },
      sentAt: '2025-03-14T09:15:00+07:00',
    },
    '2025-03-14T02:20:00.000Z',
  );
};

describe.each(stores)('feedback store contract: $name', ({ create }) => {
  it('stores a new item once: a repeat changes nothing', async () => {
    const store = create();
    const item = anItem();

    expect(await store.addFeedback(item)).toBe(true);
    expect(await store.addFeedback({ ...item, state: 'refused' })).toBe(false);
    expect(await store.getFeedback(item.feedbackId)).toEqual(item);
  });

  it('replaces an item only over the revision it was read at', async () => {
    const store = create();
    const item = anItem();
    await store.addFeedback(item);
    const received = applyFeedbackStep(item, { state: 'received', at: '2025-03-14T10:00:00+07:00' }, 'now');
    const refused = applyFeedbackStep(item, { state: 'refused', at: '2025-03-14T10:00:00+07:00' }, 'now');

    expect(await store.replaceFeedback(received)).toBe(true);
    // Another writer read the same revision: it lost.
    expect(await store.replaceFeedback(refused)).toBe(false);
    expect(await store.getFeedback(item.feedbackId)).toMatchObject({
      state: 'received',
      receivedAt: '2025-03-14T10:00:00+07:00',
      revision: 2,
    });
  });

  it('lists items by agency and state, a page at a time', async () => {
    const store = create();
    const items = [anItem(), anItem('000.00.13.H12'), anItem(), anItem()];
    for (const item of items) await store.addFeedback(item);
    const ids = new Set(items.map((item) => item.feedbackId));

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listFeedback({
        agencyCode: '000.00.12.H12',
        state: 'waiting',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(...page.items.map((item) => item.feedbackId).filter((id) => ids.has(id)));
      cursor = page.cursor;
    } while (cursor);

    expect(pages).toEqual([items[0], items[2], items[3]].map((item) => item?.feedbackId));
  });

  it('keeps each rating of a dossier once', async () => {
    const store = create();
    const rating = {
      ratingId: `r-${serial}`,
      agencyCode: '000.00.12.H12',
      dossierCode: '000.00.12.H12-250314-0001',
      verdict: 'dislike',
      ratedAt: '2025-03-20T10:00:00+07:00',
    } as const;

    expect(await store.addRating(rating)).toBe(true);
    expect(await store.addRating(rating)).toBe(false);
    expect((await store.listDossierRatings()).filter((kept) => kept.ratingId === rating.ratingId)).toEqual([
      rating,
    ]);
  });
});

describe('DynamoDB feedback store: retention (ADR 6)', () => {
  it('writes each item and rating with the table’s expiry, counted from the write', async () => {
    const { documents, tableName } = table();
    const store = createDynamoDbFeedbackStore(documents, {
      tableName,
      retentionSeconds: 400 * 86_400,
      now: () => new Date('2025-03-14T02:00:00Z'),
    });
    const item = anItem();
    await store.addFeedback(item);

    const stored = await documents.send(
      new GetCommand({ TableName: tableName, Key: itemKeys.feedback(item.feedbackId) }),
    );
    expect(stored.Item?.[gatewayTable.ttlAttribute]).toBe(
      Date.parse('2025-03-14T02:00:00Z') / 1000 + 400 * 86_400,
    );
  });
});
