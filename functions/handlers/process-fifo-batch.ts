import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';

/**
 * Runs a FIFO batch the way its order allows: the records of one message group one after
 * another, different groups at the same time. A failed record fails the rest of its group
 * (they must not overtake it) and nothing else. Each dossier is its own group, so a batch of
 * ten is usually ten independent deliveries; running them one by one (as a generic FIFO batch
 * processor does) left the relay waiting on one round trip at a time (docs/performance.md).
 */
export async function processFifoBatch(
  records: readonly SQSRecord[],
  handle: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const [index, record] of group.entries()) {
        try {
          await handle(record);
        } catch {
          for (const unprocessed of group.slice(index)) failed.add(unprocessed.messageId);
          return;
        }
      }
    }),
  );
  return {
    batchItemFailures: records
      .filter((record) => failed.has(record.messageId))
      .map((record) => ({ itemIdentifier: record.messageId })),
  };
}
