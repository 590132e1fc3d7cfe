import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const HOST = '127.0.0.1';
const HEALTHY_WITHIN_MS = 60_000;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Where the soak's gateway sends what it relays: the receivers in the soak's own process. */
export interface SoakReceivers {
  readonly nationalPortalUrl: string;
  readonly provinceUrl: string;
  readonly paymentPlatformUrl: string;
}

/**
 * The gateway of the soak as a child process (`npm start`'s entry, on free loopback ports, its
 * emulators' data in `dataDir`), so that it can be killed with SIGKILL mid-run and restarted on
 * the same ports and data, as a Lambda instance or the whole local runtime would die.
 */
export async function soakGateway(receivers: SoakReceivers, dataDir: string) {
  const ports = { gateway: await freePort(), dynamodb: await freePort(), sqs: await freePort() };
  const url = `http://${HOST}:${ports.gateway}`;
  let child: ChildProcess | undefined;

  /** Starts the gateway and waits until it answers its health check. */
  const start = async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, '../infra/local/main.ts')],
      {
        env: {
          ...process.env,
          GATEWAY_PORT: String(ports.gateway),
          DYNAMODB_PORT: String(ports.dynamodb),
          SQS_PORT: String(ports.sqs),
          NATIONAL_SIM_PORT: '0',
          PROVINCE_SIM_PORT: '0',
          PAYMENT_SIM_PORT: '0',
          IDP_PORT: '0',
          GATEWAY_DATA_DIR: dataDir,
          EXTERNAL_NATIONAL_PORTAL_URL: receivers.nationalPortalUrl,
          EXTERNAL_PROVINCE_URL: receivers.provinceUrl,
          EXTERNAL_PAYMENT_URL: receivers.paymentPlatformUrl,
          LOG_LEVEL: 'ERROR',
          RETRY_BASE_SECONDS: '1',
          RETRY_CAP_SECONDS: '8',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${url}/health`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`gateway did not become healthy within ${HEALTHY_WITHIN_MS / 1000} s`);
  };

  /** SIGKILL, no goodbye; resolves once the process is gone. False when it was not running. */
  const kill = async (): Promise<boolean> => {
    if (!child || child.exitCode !== null) return false;
    const exited = new Promise((done) => child?.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    return true;
  };

  return { url, start, kill };
}
