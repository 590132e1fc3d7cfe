import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { requestToken } from '../infra/local/demo-client';
import { aDossier } from '../infra/local/demo-dossier';
import { closeServer } from '../infra/local/emulators';
import { channelQueues } from '../infra/topology';
import { measureBundles } from './bundles';
import { startMeasurementRuntime } from './measurement-runtime';
import { benchScorecard } from './scorecard';

/**
 * `npm run bench`: every number next to its baseline, measured in the same run on the same
 * emulators, so the ratios mean something on a shared, noisy machine. Never part of npm test.
 */
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const HOST = '127.0.0.1';

interface LoadResult {
  readonly connections: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

/** A closed-loop load: `connections` callers, each sending the next request when one returns. */
async function load(connections: number, request: (index: number) => Promise<Response>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const deadline = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const index = counter;
        counter += 1;
        const started = performance.now();
        const response = await request(index);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status >= 300) errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    connections,
    requests: latencies.length,
    perSecond: Math.round(latencies.length / (DURATION_MS / 1000)),
    p50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
    errors,
  };
}

async function main() {
  const runtime = await startMeasurementRuntime();
  const counts = new Map<string, number>();
  /** Off while the benchmark itself asks the store whether the backlog is drained. */
  let counting = true;
  /**
   * Queues whose requests count: the relayed queue's. The other pollers' empty long polls are
   * a cost per hour, not per message (on AWS too), and would swamp a short drain.
   */
  let countedQueue: string | undefined;
  /** Counts every AWS request a client sends, by service and command (SDK middleware). */
  const countRequests = (
    client: {
      middlewareStack: { add: (middleware: never, options: { step: 'initialize'; name: string }) => void };
    },
    service: string,
  ) => {
    const middleware =
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        const queueUrl = (args as { input?: { QueueUrl?: string } }).input?.QueueUrl;
        const counted = counting && (!queueUrl || !countedQueue || queueUrl === countedQueue);
        const name = `${service}:${context.commandName ?? 'unknown'}`;
        if (counted) counts.set(name, (counts.get(name) ?? 0) + 1);
        return next(args);
      };
    client.middlewareStack.add(middleware as never, { step: 'initialize', name: `count-${service}` });
  };
  countRequests(runtime.deps.aws.dynamodb, 'dynamodb');
  countRequests(runtime.deps.aws.sqs, 'sqs');

  const token = await requestToken(runtime.urls.gateway, 'demo-province', 'demo-secret');

  // The floor: only the unavoidable work of accepting a message, behind a bare Hono route.
  const floorApp = new Hono();
  const queueUrl = runtime.queueUrls.get(channelQueues.national.queue.name) ?? '';
  floorApp.post('/floor', async (c) => {
    const body = await c.req.json<{ dossierCode: string }>();
    await runtime.deps.aws.dynamodb.send(
      new PutItemCommand({
        TableName: 'local-gateway',
        Item: { pk: { S: `FLOOR#${body.dossierCode}` }, sk: { S: crypto.randomUUID() } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await runtime.deps.aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(body).slice(0, 200),
        MessageGroupId: `floor-${body.dossierCode}`,
        MessageDeduplicationId: crypto.randomUUID(),
      }),
    );
    return c.json({ ok: true }, 202);
  });
  const floorServer = serve({ fetch: floorApp.fetch, port: 0, hostname: HOST }) as Server;
  if (!floorServer.listening) await new Promise((done) => floorServer.once('listening', done));
  const floorUrl = `http://${HOST}:${(floorServer.address() as AddressInfo).port}/floor`;

  // Relays would compete with the load for the same two cores; measure ingest alone.
  for (const poller of runtime.pollers.values()) await poller.stop();

  // The raw loop: the emulator moving messages with no work between, sent one by one as the
  // API does, received and deleted in batches of ten as the relay's poller does. On a queue of
  // its own: a stopped poller's last long poll on a topology queue still takes up to ten
  // messages and hides them for the visibility timeout, which made this loop look like
  // 8 messages/s.
  const { QueueUrl: rawQueueUrl = '' } = await runtime.deps.aws.sqs.send(
    new CreateQueueCommand({ QueueName: 'bench-raw.fifo', Attributes: { FifoQueue: 'true' } }),
  );
  const rawStarted = performance.now();
  const rawMessages = 500;
  for (let sent = 0; sent < rawMessages; sent += 1) {
    await runtime.deps.aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: rawQueueUrl,
        MessageBody: 'x',
        MessageGroupId: `raw-${sent}`,
        MessageDeduplicationId: `raw-${sent}`,
      }),
    );
  }
  let rawMoved = 0;
  for (let round = 0; round < rawMessages && rawMoved < rawMessages; round += 1) {
    const { Messages = [] } = await runtime.deps.aws.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: rawQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) continue;
    await runtime.deps.aws.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: rawQueueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle ?? '',
        })),
      }),
    );
    rawMoved += Messages.length;
  }
  const rawPerSecond = rawMoved / ((performance.now() - rawStarted) / 1000);

  let dossierNumber = 0;
  const dossierBody = () => {
    dossierNumber += 1;
    const code = `000.${String(Math.floor(dossierNumber / 10_000) % 100).padStart(2, '0')}.12.H12-250314-${String(dossierNumber % 10_000).padStart(4, '0')}`;
    return JSON.stringify(aDossier({ dossierCode: code, agencyCode: code.split('-')[0] }));
  };
  const ingest: { gateway: LoadResult; floor: LoadResult; ratio: number }[] = [];
  for (const connections of [1, 16, 64]) {
    const floor = await load(connections, () =>
      fetch(floorUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: dossierBody(),
      }),
    );
    counts.clear();
    const gateway = await load(connections, () =>
      fetch(`${runtime.urls.gateway}/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: dossierBody(),
      }),
    );
    ingest.push({
      gateway,
      floor,
      ratio: Math.round((gateway.perSecond / Math.max(1, floor.perSecond)) * 100) / 100,
    });
  }
  const acceptedInLastRun = ingest.at(-1)?.gateway.requests ?? 1;
  const acceptRequests = Object.fromEntries(
    [...counts].map(([name, count]) => [name, Math.round((count / acceptedInLastRun) * 100) / 100]),
  );

  // Relay: drain what the ingest accepted, and compare with the raw emulator loop.
  counts.clear();
  countedQueue = queueUrl;
  const backlog = ingest.reduce((sum, entry) => sum + entry.gateway.requests, 0);
  const drainStarted = performance.now();
  for (const poller of runtime.pollers.values()) poller.start();
  const drainDeadline = Date.now() + 300_000;
  const pending = async () => {
    counting = false;
    const oldest = await runtime.deps.store.oldestPendingSince();
    counting = true;
    return oldest;
  };
  while (Date.now() < drainDeadline && (await pending())) {
    await new Promise((done) => setTimeout(done, 250));
  }
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  counting = false;
  const relayRequests = Object.fromEntries(
    [...counts].map(([name, count]) => [name, Math.round((count / backlog) * 100) / 100]),
  );

  await closeServer(floorServer);
  await runtime.stop();

  const bundles = await measureBundles();
  // One province-month of the QĐ 766 scorecard: stored verdicts against a full Scan (ADR 14).
  const scorecard = await benchScorecard();
  const results = {
    at: new Date().toISOString(),
    durationSecondsPerLoad: DURATION_MS / 1000,
    ingest,
    awsRequestsPerAcceptedMessage: acceptRequests,
    awsRequestsPerRelayedMessage: relayRequests,
    relay: {
      backlog,
      drainSeconds: Math.round(drainSeconds * 10) / 10,
      drainPerSecond: Math.round(backlog / drainSeconds),
      rawSqsSendReceiveDeletePerSecond: Math.round(rawPerSecond),
      ratioToRaw: Math.round((backlog / drainSeconds / rawPerSecond) * 100) / 100,
    },
    bundles,
    scorecard,
  };
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

await main();
