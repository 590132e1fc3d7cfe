import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dayOfDossierCode } from '../../contracts/codes';
import { envelopeOf } from '../../functions/application/accept-message';
import { createNationalRelayHandler } from '../../functions/handlers/national-relay';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { nationalTimeline } from '../support/receiver';
import { callGateway, startTestRuntime, tokenFor } from '../support/test-runtime';

/**
 * Issue 24: a relay batch shares its round trips to the store. The relay handler is invoked
 * directly with a hand-built batch (the pollers stopped), so which records travel together is
 * the test's choice, not the emulator's.
 */
let runtime: LocalRuntime;
let token: string;
/** Every DynamoDB request the gateway sends, in order, while `recording`. */
const sent: { command: string; keys: number; listing?: true }[] = [];
let recording = false;
/** A test may make one kind of request fail (a store fault, or a process dying before it lands). */
let failing: ((command: string, input: Record<string, unknown>) => boolean) | undefined;

beforeAll(async () => {
  runtime = await startTestRuntime();
  token = await tokenFor(runtime);
  for (const poller of runtime.pollers.values()) await poller.stop();
  runtime.deps.aws.dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      if (failing?.(command, input)) throw new Error(`${command} failed (simulated)`);
      if (recording) {
        const requestItems = Object.values((input.RequestItems ?? {}) as Record<string, unknown>)[0] as
          | { Keys?: unknown[] }
          | unknown[]
          | undefined;
        const keys = Array.isArray(requestItems) ? requestItems.length : (requestItems?.Keys?.length ?? 1);
        sent.push({
          command,
          keys,
          ...(JSON.stringify(input).includes('DOSSIERS#') ? { listing: true } : {}),
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'relay-batching-probe' },
  );
});
afterAll(() => runtime.stop());
beforeEach(() => {
  sent.length = 0;
  recording = false;
  failing = undefined;
});

/** New dossiers accepted through the API, each one message waiting for the relay. */
async function acceptedDossiers(count: number) {
  const codes: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const dossier = aDossier();
    const response = await callGateway(runtime, token, 'POST', '/v1/dossiers', dossier);
    expect(response.status).toBe(202);
    codes.push(dossier.dossierCode);
  }
  return codes;
}

async function recordOf(dossierCode: string, sequence: number): Promise<SQSRecord> {
  const message = await runtime.deps.store.getMessage('national', dossierCode, sequence);
  if (!message) throw new Error(`${dossierCode}#${sequence} is not stored`);
  return {
    messageId: `${dossierCode}#${sequence}`,
    receiptHandle: 'not-a-queue-message',
    body: JSON.stringify(envelopeOf(message)),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
      MessageGroupId: dossierCode,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:test',
    awsRegion: 'local',
  };
}

/** The dossier on the console's recent-dossiers list, as the relay left it. */
async function listingOf(dossierCode: string) {
  const day = dayOfDossierCode(dossierCode);
  const { items } = await runtime.deps.store.listDossiers({ fromDay: day, toDay: day, limit: 1000 });
  return items.find((item) => item.dossierCode === dossierCode);
}

const relayBatch = (records: SQSRecord[]) =>
  createNationalRelayHandler(runtime.deps)({ Records: records } satisfies SQSEvent, {} as Context);

describe('a relay batch', () => {
  it("reads every record's progress and message in one round trip and delivers each once", async () => {
    const codes = await acceptedDossiers(3);
    const records = await Promise.all(codes.map((code) => recordOf(code, 1)));
    // Accepted is not listed yet: the listing is the relay's write (issue 24).
    for (const code of codes) expect(await listingOf(code)).toBeUndefined();
    recording = true;

    const response = await relayBatch(records);
    recording = false;

    expect(response.batchItemFailures).toEqual([]);
    expect(sent[0]).toEqual({ command: 'BatchGetItem', keys: 6 });
    // Nothing of the batch is read one item at a time before the portal is called.
    expect(sent.filter((request) => request.command === 'Query')).toEqual([]);
    for (const code of codes) {
      expect(await nationalTimeline(runtime.urls.nationalPortal, code)).toHaveLength(1);
      expect((await runtime.deps.store.getMessage('national', code, 1))?.state).toBe('delivered');
      expect((await runtime.deps.store.getDeliveryProgress('national', code)).deliveredSequence).toBe(1);
      expect(await listingOf(code)).toMatchObject({ sequence: 1 });
    }
    // The listing has no request of its own: it travels with the messages' Put-back.
    const listingWrites = sent.filter((request) => request.listing).map((request) => request.command);
    expect(listingWrites.length).toBeGreaterThan(0);
    expect(new Set(listingWrites)).toEqual(new Set(['BatchWriteItem']));
  });

  it('sends a dossier once when the write marking its message delivered is lost, and a redelivery tidies it', async () => {
    const [code = ''] = await acceptedDossiers(1);
    // The progress moved (the conditional write landed), then the message's own write failed, as
    // when the process dies between the two.
    const record = await recordOf(code, 1);
    failing = (command, input) =>
      (command === 'PutItem' || command === 'BatchWriteItem' || command === 'UpdateItem') &&
      JSON.stringify(input).includes('"delivered"') &&
      JSON.stringify(input).includes('MSG#national');

    const first = await relayBatch([record]);
    failing = undefined;

    expect(first.batchItemFailures).toHaveLength(1);
    expect((await runtime.deps.store.getDeliveryProgress('national', code)).deliveredSequence).toBe(1);
    expect((await runtime.deps.store.getMessage('national', code, 1))?.state).toBe('accepted');
    // The lost write was recorded as a failed attempt, which puts the dossier on the list.
    expect(await listingOf(code)).toMatchObject({ sequence: 1 });

    const again = await relayBatch([record]);

    expect(again.batchItemFailures).toEqual([]);
    expect(await nationalTimeline(runtime.urls.nationalPortal, code)).toHaveLength(1);
    expect((await runtime.deps.store.getMessage('national', code, 1))?.state).toBe('delivered');
    expect(await listingOf(code)).toMatchObject({ sequence: 1 });
    expect(await runtime.deps.store.listPending('9999', 10_000)).not.toContainEqual(
      expect.objectContaining({ dossierCode: code }),
    );
  });
});
