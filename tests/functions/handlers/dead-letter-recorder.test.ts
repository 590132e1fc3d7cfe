import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { envelopeOf } from '../../../functions/application/accept-message';
import { createDeadLetterRecorderHandler } from '../../../functions/handlers/dead-letter-recorder';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { setFaults } from '../../support/receiver';
import { eventually, useTestRuntime } from '../../support/test-runtime';

const started = useTestRuntime();
const { post } = started;

function deadLetterEvent(bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `dlq-${index}`,
      receiptHandle: `r-${index}`,
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:local-to-national-dlq.fifo',
      awsRegion: 'local',
    })),
  };
}

describe('dead-letter recorder', () => {
  it('parks an exhausted message with its last error, and records a repeat only once', async () => {
    const dossier = aDossier();
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    await eventually(async () =>
      (await started.runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode))
        .deliveredSequence === 1
        ? true
        : undefined,
    );
    await setFaults(started.runtime.urls.nationalPortal, { down: true });
    try {
      const change = aStatusChange('dl-1', 'processing', 5);
      expect((await post(`/v1/dossiers/${dossier.dossierCode}/status`, change)).status).toBe(202);
      await eventually(async () =>
        (await started.runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode)).lastError
          ? true
          : undefined,
      );
      const stuck = await started.runtime.deps.store.getMessage('national', dossier.dossierCode, 2);
      if (!stuck) throw new Error('message 2 not stored');

      const recorder = createDeadLetterRecorderHandler(started.runtime.deps);
      const response = await recorder(
        deadLetterEvent([envelopeOf(stuck), { not: 'an envelope' }]),
        {} as Context,
      );
      // A malformed dead letter stays in the DLQ (reported as failed) rather than vanishing.
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'dlq-1' }]);

      const failed = await started.runtime.deps.store.getFailedMessage(stuck.messageId);
      expect(failed).toMatchObject({
        reason: 'exhausted',
        status: 'parked',
        queue: 'to-national.fifo',
        sequence: 2,
      });
      expect(failed?.lastError).toMatch(/unreachable|socket|fetch failed/i);
      expect(
        (await started.runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode))
          .parkedSequence,
      ).toBe(2);

      const again = await recorder(deadLetterEvent([envelopeOf(stuck)]), {} as Context);
      expect(again.batchItemFailures).toEqual([]);
      expect((await started.runtime.deps.store.getFailedMessage(stuck.messageId))?.attempts).toBe(
        failed?.attempts,
      );
    } finally {
      await setFaults(started.runtime.urls.nationalPortal, {});
    }
  }, 30_000);
});
