import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { DossierSubmission, StatusChange } from '../contracts/provincial-api';
import { toNationalTimestamp } from '../functions/core/national-time';
import { demoNationalPortalAccount, demoWebhookSecret } from '../infra/local/demo-credentials';
import { closeServer } from '../infra/local/emulators';
import { createNationalPortalSimulator } from '../infra/simulators/national-portal-simulator';
import { createProvinceSimulator } from '../infra/simulators/province-simulator';
import type { SimulatorEnv } from '../infra/simulators/simulator-kit';
import { requestToken } from '../tests/support/test-runtime';

/**
 * The chaos soak (issue 10): the gateway as a child process, killed with SIGKILL and restarted
 * mid-run, the receivers beside it in this process with faults on, and traffic with repeats.
 * Everything stays on 127.0.0.1; every loop is bounded in count and time.
 */
export interface SoakOptions {
  readonly dossiers: number;
  readonly concurrency: number;
  /** Share of requests sent a second time (as a client retrying would). */
  readonly repeatShare: number;
  readonly kills: number;
  readonly outageSeconds: number;
  readonly drainTimeoutSeconds: number;
  readonly log?: (line: string) => void;
}

export interface SoakReport {
  readonly accepted: number;
  readonly refused: number;
  readonly delivered: number;
  readonly parked: number;
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
  readonly outOfOrder: number;
  readonly kills: number;
  readonly drainSecondsAfterLastFault: number;
  readonly elapsedSeconds: number;
}

const HOST = '127.0.0.1';
const STATUS_PATH = ['processing', 'awaiting_supplement', 'processing', 'resolved', 'returned'] as const;

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

async function serveOn(fetchApp: Pick<Hono<SimulatorEnv>, 'fetch'>) {
  const server = serve({ fetch: fetchApp.fetch, port: 0, hostname: HOST }) as Server;
  if (!server.listening) await new Promise((done) => server.once('listening', done));
  return { server, url: `http://${HOST}:${(server.address() as AddressInfo).port}` };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function dossierFor(index: number): DossierSubmission {
  const code = `000.00.12.H12-250314-${String(index % 10_000).padStart(4, '0')}`;
  return {
    dossierCode: code,
    version: 1,
    agencyCode: '000.00.12.H12',
    procedureCode: '1.010708.000.00.00.H12',
    procedureName: 'Đăng ký khai sinh',
    channel: 'counter',
    applicant: { type: 'citizen', name: 'Công dân thử nghiệm', idNumber: '001203004567' },
    summary: `Hồ sơ soak ${index}`,
    receivedAt: '2025-03-14T08:30:00+07:00',
    dueAt: '2025-03-20T17:00:00+07:00',
    status: 'received',
  };
}

function changesFor(index: number): StatusChange[] {
  return STATUS_PATH.map((status, step) => ({
    eventId: `soak-${index}-${step}`,
    status,
    at: new Date(Date.parse('2025-03-14T01:30:00Z') + (step + 1) * 60_000).toISOString(),
    handledBy: { name: 'Cán bộ một cửa' },
  }));
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const national = createNationalPortalSimulator(demoNationalPortalAccount);
  const province = createProvinceSimulator({ webhookSecret: demoWebhookSecret });
  const nationalServer = await serveOn(national.app);
  const provinceServer = await serveOn(province.app);
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-soak-'));
  const ports = { gateway: await freePort(), dynamodb: await freePort(), sqs: await freePort() };
  const gatewayUrl = `http://${HOST}:${ports.gateway}`;
  let child: ChildProcess | undefined;
  let kills = 0;

  const startGateway = async () => {
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
          GATEWAY_DATA_DIR: dataDir,
          EXTERNAL_NATIONAL_PORTAL_URL: nationalServer.url,
          EXTERNAL_PROVINCE_URL: provinceServer.url,
          LOG_LEVEL: 'ERROR',
          RETRY_BASE_SECONDS: '1',
          RETRY_CAP_SECONDS: '8',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${gatewayUrl}/health`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error('gateway did not become healthy within 60 s');
  };

  const killGateway = async (counted = true) => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child?.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    if (!counted) return;
    kills += 1;
    log(`killed the gateway with SIGKILL (${kills}/${options.kills})`);
  };

  let token = '';
  const refreshToken = async () => {
    token = await requestToken(gatewayUrl, 'demo-province', 'demo-secret');
  };

  const accepted = new Set<string>();
  let refused = 0;
  /** A client that retries on connection errors and 5xx (the gateway may be restarting). */
  const send = async (path: string, body: unknown, key: string) => {
    for (let attempt = 0; attempt < 60; attempt += 1) {
      try {
        const response = await fetch(`${gatewayUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.status === 202) {
          accepted.add(key);
          return;
        }
        if (response.status === 401) await refreshToken();
        else if (response.status === 429) {
          // Over the client's request budget (SECURITY.md): wait as told, as a vendor's system must.
          await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
          continue;
        } else if (response.status < 500) {
          refused += 1;
          return;
        }
      } catch {
        // connection refused while the gateway restarts
      }
      await sleep(500);
    }
    throw new Error(`${path} was never answered`);
  };

  try {
    await startGateway();
    await refreshToken();
    await fetch(`${nationalServer.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ failRate: 0.3, failStatus: 503 }),
    });
    await fetch(`${provinceServer.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ failRate: 0.2, failStatus: 500 }),
    });

    const killPoints = Array.from({ length: options.kills }, (_, index) =>
      Math.floor(((index + 1) * options.dossiers) / (options.kills + 2)),
    );
    const outageAt = Math.floor(options.dossiers / 2);
    let next = 0;
    let lastFaultAt = Date.now();
    const worker = async () => {
      while (next < options.dossiers) {
        const index = next;
        next += 1;
        const dossier = dossierFor(index);
        const requests: [string, unknown, string][] = [
          ['/v1/dossiers', dossier, `${dossier.dossierCode}#v1`],
          ...changesFor(index).map((change): [string, unknown, string] => [
            `/v1/dossiers/${dossier.dossierCode}/status`,
            change,
            `${dossier.dossierCode}#${change.eventId}`,
          ]),
        ];
        for (const [path, body, key] of requests) {
          await send(path, body, key);
          if (Math.random() < options.repeatShare) await send(path, body, key);
        }
      }
    };
    const chaos = (async () => {
      for (const point of killPoints) {
        while (next < point) await sleep(50);
        await killGateway();
        await startGateway();
        lastFaultAt = Date.now();
      }
    })();
    const outage = (async () => {
      while (next < outageAt) await sleep(50);
      log(`national portal outage for ${options.outageSeconds} s`);
      await fetch(`${nationalServer.url}/_sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ down: true }),
      });
      await sleep(options.outageSeconds * 1000);
      await fetch(`${nationalServer.url}/_sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ failRate: 0.3, failStatus: 429 }),
      });
      lastFaultAt = Date.now();
    })();
    await Promise.all([...Array.from({ length: options.concurrency }, worker), chaos, outage]);
    log(`traffic sent: ${accepted.size} accepted`);
    await fetch(`${nationalServer.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({}) });
    await fetch(`${provinceServer.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({}) });
    lastFaultAt = Math.max(lastFaultAt, Date.now());

    // Drain: wait until the receiver has every accepted message, or the time is up.
    const expectedAtReceiver = accepted.size;
    const drainDeadline = Date.now() + options.drainTimeoutSeconds * 1000;
    let deliveredKeys = new Set<string>();
    while (Date.now() < drainDeadline) {
      deliveredKeys = new Set(receivedKeys(national.received).keys);
      if (deliveredKeys.size >= expectedAtReceiver) break;
      await sleep(500);
    }
    const drainSecondsAfterLastFault = (Date.now() - lastFaultAt) / 1000;
    const { keys, duplicates, outOfOrder } = receivedKeys(national.received);
    const lost = [...accepted].filter((key) => !keys.includes(key)).length;
    const parked = await countParked(gatewayUrl);
    return {
      accepted: accepted.size,
      refused,
      delivered: new Set(keys).size,
      parked,
      lost: Math.max(0, lost - parked),
      duplicatedAtReceiver: duplicates,
      outOfOrder,
      kills,
      drainSecondsAfterLastFault: Math.round(drainSecondsAfterLastFault),
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await killGateway(false).catch(() => undefined);
    await closeServer(nationalServer.server);
    await closeServer(provinceServer.server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * What the national simulator accepted, as the same keys the client counted: `<code>#v1` for
 * the dossier, `<code>#soak-i-step` for each progress row (found by its time). Order is
 * checked per dossier: the sync first, then the rows in the order they were made.
 */
function receivedKeys(received: readonly { body: unknown }[]) {
  const keys: string[] = [];
  const perDossier = new Map<string, string[]>();
  for (const request of received) {
    const body = request.body as { service: string; data: { MaHoSo: string; ThoiDiemXuLy?: string }[] };
    for (const item of body.data ?? []) {
      const index = Number(item.MaHoSo.slice(-4));
      const key =
        body.service === 'DongBoHoSoMC'
          ? `${item.MaHoSo}#v1`
          : `${item.MaHoSo}#${changesFor(index).find((change) => toNationalTimestamp(change.at) === item.ThoiDiemXuLy)?.eventId}`;
      keys.push(key);
      perDossier.set(item.MaHoSo, [...(perDossier.get(item.MaHoSo) ?? []), key]);
    }
  }
  const duplicates = keys.length - new Set(keys).size;
  let outOfOrder = 0;
  for (const [code, sequence] of perDossier) {
    const expected = [
      `${code}#v1`,
      ...changesFor(Number(code.slice(-4))).map((change) => `${code}#${change.eventId}`),
    ];
    const positions = [...new Set(sequence)].map((key) => expected.indexOf(key));
    if (positions.some((position, index) => index > 0 && position < (positions[index - 1] ?? 0)))
      outOfOrder += 1;
  }
  return { keys, duplicates, outOfOrder };
}

async function countParked(gatewayUrl: string): Promise<number> {
  const access_token = await requestToken(gatewayUrl, 'demo-admin', 'demo-admin-secret');
  const overview = await fetch(`${gatewayUrl}/v1/admin/queues`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  const body = (await overview.json()) as { queues: { parked: number }[] };
  return body.queues.reduce((sum, queue) => sum + queue.parked, 0);
}
