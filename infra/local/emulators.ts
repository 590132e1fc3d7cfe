import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createSqsServer } from 'local-aws-sqs';

/**
 * In-process AWS emulators, pure npm packages: dynalite (DynamoDB on LevelDB, or in memory)
 * and local-aws-sqs (SQS, in memory only). Their gaps are pinned by tests under
 * tests/infra/local/emulator-gaps.test.ts.
 */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

export async function startDynamoDbEmulator(options: {
  port: number;
  dataDir: string | null;
}): Promise<RunningServer> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const port = await listen(server, options.port);
  return { url: `http://${HOST}:${port}`, close: () => closeServer(server) };
}

export async function startSqsEmulator(options: { port: number }): Promise<RunningServer> {
  const server = await createSqsServer({
    port: options.port,
    hostname: HOST,
    emulateQueueCreationLifecycle: false,
  });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://${HOST}:${port}`, close: () => closeServer(server) };
}
