import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { processFifoBatch } from '../../../functions/handlers/process-fifo-batch';

const record = (messageId: string, group: string) =>
  ({ messageId, attributes: { MessageGroupId: group }, body: '' }) as unknown as SQSRecord;

describe('processFifoBatch', () => {
  it('runs different groups side by side and one group in order', async () => {
    const events: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const batch = [record('a1', 'a'), record('b1', 'b'), record('a2', 'a'), record('c1', 'c')];

    const response = await processFifoBatch(batch, async ({ messageId }) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      events.push(`start ${messageId}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`end ${messageId}`);
      running -= 1;
    });

    expect(response.batchItemFailures).toEqual([]);
    expect(mostAtOnce).toBe(3);
    expect(events.indexOf('start a2')).toBeGreaterThan(events.indexOf('end a1'));
  });

  it('fails the rest of a failed record’s group and nothing else', async () => {
    const handled: string[] = [];
    const batch = [
      record('a1', 'a'),
      record('a2', 'a'),
      record('a3', 'a'),
      record('b1', 'b'),
      record('b2', 'b'),
    ];

    const response = await processFifoBatch(batch, async ({ messageId }) => {
      handled.push(messageId);
      if (messageId === 'a2') throw new Error('portal down');
    });

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a2' }, { itemIdentifier: 'a3' }]);
    expect(handled).not.toContain('a3');
    expect(handled).toEqual(expect.arrayContaining(['a1', 'a2', 'b1', 'b2']));
  });
});
