import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { NationalDossier, NationalProgressRow } from '../contracts/national-portal';
import type { DossierSubmission, StatusChange } from '../contracts/provincial-api';
import type { PaymentRequest } from '../contracts/provincial-payments';
import { toNationalTimestamp } from '../functions/core/national-time';
import { toNationalDossier } from '../functions/core/translate-dossier';
import { pushNational, requestToken } from '../infra/local/demo-client';
import {
  demoNationalPortalAccount,
  demoNationalSessionAccount,
  demoPaymentPartner,
  demoWebhookSecret,
} from '../infra/local/demo-credentials';
import { closeServer } from '../infra/local/emulators';
import { createNationalPortalSimulator } from '../infra/simulators/national-portal-simulator';
import { createPaymentPlatformSimulator } from '../infra/simulators/payment-platform-simulator';
import { createProvinceSimulator } from '../infra/simulators/province-simulator';
import type { SimulatorEnv } from '../infra/simulators/simulator-kit';

/**
 * The chaos soak (issue 10): the gateway as a child process, killed with SIGKILL and restarted
 * mid-run, the three receivers beside it in this process with faults on, and traffic with
 * repeats on every flow: provincial dossiers and status changes to the portal, payments whose
 * callbacks come late and several times, and the portal's pushes relayed to the province.
 * Everything stays on 127.0.0.1; every loop is bounded in count and time.
 */
export interface SoakOptions {
  readonly dossiers: number;
  /** Of those dossiers, how many are also paid online (one payment each). */
  readonly payments: number;
  /** Dossiers citizens submit on the national portal, pushed with three status changes each. */
  readonly pushes: number;
  readonly concurrency: number;
  /** Share of requests sent a second time (as a client retrying would). */
  readonly repeatShare: number;
  readonly kills: number;
  readonly outageSeconds: number;
  readonly drainTimeoutSeconds: number;
  /** How late the platform's callbacks arrive; each is sent three times. */
  readonly callbackDelayMs?: number;
  readonly log?: (line: string) => void;
}

/** What one receiver got, against what the gateway accepted for it. */
export interface ReceiverReport {
  readonly accepted: number;
  readonly delivered: number;
  readonly parked: number;
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
  /**
   * Sent again under the same webhook-id (a crash between delivery and its record): Standard
   * Webhooks receivers deduplicate by that id, so the province processes it once.
   */
  readonly redeliveredSameId: number;
  /**
   * Progress rows (of status changes and payments) sent again after the portal carried out a
   * copy but its answer was lost: a row does not change the record TraCuuHoSo answers, so the
   * gateway resends it rather than risk losing it (docs/adr/0013, docs/performance.md).
   */
  readonly resentAfterLostAnswer: number;
  readonly outOfOrder: number;
}

/** The payment platform's side: money taken, and what became of each settled payment. */
export interface PaymentReport {
  readonly created: number;
  readonly paidAtPlatform: number;
  readonly callbacksSent: number;
  /** Dossiers with more than one payment taken at the platform (must be 0). */
  readonly chargedTwice: number;
  /** Paid payments relayed to the province exactly once and to the portal exactly once. */
  readonly relayedExactlyOnce: number;
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
}

export interface SoakReport {
  readonly nationalPortal: ReceiverReport;
  readonly province: ReceiverReport;
  readonly paymentPlatform: PaymentReport;
  /** Totals over the receivers: each must be 0. */
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
  readonly outOfOrder: number;
  readonly refused: number;
  readonly kills: number;
  readonly drainSecondsAfterLastFault: number;
  readonly elapsedSeconds: number;
}

const HOST = '127.0.0.1';
const STATUS_PATH = ['processing', 'awaiting_supplement', 'processing', 'resolved', 'returned'] as const;
/** The portal's changes to a dossier a citizen submitted there: received, processing, resolved. */
const PUSHED_STATUSES = ['2', '4', '9'] as const;
const REFERENCE = /LT[0-9A-F]{32}/;

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
const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

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

/**
 * Each change moves the promised date to a day of its own, so the DongBoHoSoMC update it sends
 * (the whole dossier, NgayHenTra included) tells which change it belongs to.
 */
function changesFor(index: number): StatusChange[] {
  return STATUS_PATH.map((status, step) => ({
    eventId: `soak-${index}-${step}`,
    status,
    at: new Date(Date.parse('2025-03-14T01:30:00Z') + (step + 1) * 60_000).toISOString(),
    handledBy: { name: 'Cán bộ một cửa' },
    dueAt: new Date(Date.parse('2025-03-21T10:00:00Z') + step * 86_400_000).toISOString(),
  }));
}

function paymentFor(dossierCode: string): PaymentRequest {
  return {
    dossierCode,
    lines: [{ code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000 }],
    payer: { name: 'Công dân thử nghiệm', idNumber: '001203004567' },
    returnUrl: 'https://motcua.example.vn/payments/return',
  };
}

/** A dossier submitted online on the portal (a different day in its code than the desk's). */
function onlineDossierFor(index: number): NationalDossier {
  const dossier = dossierFor(index);
  return {
    ...toNationalDossier({
      ...dossier,
      dossierCode: `000.00.12.H12-250315-${String(index % 10_000).padStart(4, '0')}`,
      channel: 'online',
      status: 'submitted',
      summary: `Hồ sơ trực tuyến soak ${index}`,
    }),
    MaDoiTuong: `vneid-soak-${index}`,
  };
}

function pushedRowsFor(dossierCode: string): NationalProgressRow[] {
  return PUSHED_STATUSES.map((status, step) => ({
    MaHoSo: dossierCode,
    NguoiXuLy: 'Cổng DVCQG',
    ChucDanh: '',
    ThoiDiemXuLy: `2025031509${String(step + 1).padStart(2, '0')}00`,
    PhongBanXuLy: '',
    NoiDungXuLy: '',
    TrangThai: status,
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: '',
  }));
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const ports = { gateway: await freePort(), dynamodb: await freePort(), sqs: await freePort() };
  const gatewayUrl = `http://${HOST}:${ports.gateway}`;
  const national = createNationalPortalSimulator({
    ...demoNationalPortalAccount,
    ...demoNationalSessionAccount,
  });
  const province = createProvinceSimulator({ webhookSecret: demoWebhookSecret });
  const platform = createPaymentPlatformSimulator({
    ...demoPaymentPartner,
    callbackUrl: () => `${gatewayUrl}/v1/callbacks/payment`,
  });
  const nationalServer = await serveOn(national.app);
  const provinceServer = await serveOn(province.app);
  const platformServer = await serveOn(platform.app);
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-soak-'));
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
          EXTERNAL_PAYMENT_URL: platformServer.url,
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

  const tokens = { province: '', national: '' };
  const refreshToken = async (who: 'province' | 'national') => {
    tokens[who] =
      who === 'province'
        ? await requestToken(gatewayUrl, 'demo-province', 'demo-secret')
        : await requestToken(
            gatewayUrl,
            demoNationalPortalAccount.username,
            demoNationalPortalAccount.password,
          );
  };

  /** Keys of what the gateway acknowledged, per receiver, as the receivers' records are keyed. */
  const accepted = { national: new Set<string>(), province: new Set<string>() };
  let refused = 0;
  /**
   * A client that retries on connection errors, 5xx and 429 (the gateway may be restarting,
   * or over the caller's budget: SECURITY.md); the answer's body once it is a success.
   */
  const call = async (
    who: 'province' | 'national',
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<unknown> => {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      try {
        const response =
          who === 'national'
            ? await pushNational(gatewayUrl, path, body, tokens.national)
            : await fetch(`${gatewayUrl}${path}`, {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${tokens.province}`,
                  'content-type': 'application/json',
                  ...headers,
                },
                body: JSON.stringify(body),
              });
        if (response.ok) return await response.json();
        if (response.status === 401) await refreshToken(who).catch(() => undefined);
        else if (response.status === 429 || response.headers.has('retry-after')) {
          // Over the caller's budget, or the same request still in progress (409): wait as told.
          await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
          continue;
        } else if (response.status < 500) {
          refused += 1;
          log(`refused ${path}: ${response.status} ${await response.text()}`);
          return undefined;
        }
      } catch {
        // connection refused while the gateway restarts
      }
      await sleep(500);
    }
    throw new Error(`${path} was never answered`);
  };
  const twiceSometimes = async (
    who: 'province' | 'national',
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ) => {
    const answer = await call(who, path, body, headers);
    if (Math.random() < options.repeatShare) await call(who, path, body, headers);
    return answer;
  };

  /** Every payment the gateway created: its dossier and its reference (MaThamChieu). */
  const payments = new Map<string, { code: string; reference: string }>();
  /** Payments whose callback the gateway acknowledged: settled, so relayed to both receivers. */
  const settled = new Set<string>();
  const paying: Promise<void>[] = [];
  /**
   * The payer pays; the platform calls back (late, several times, per the callback faults) and
   * calls back again while the gateway has not acknowledged it, as a platform retries its IPN.
   */
  const pay = async (paymentId: string, reference: string) => {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const answer = (await (
        await postJson(`${platformServer.url}/_sim/pay/${reference}`, { outcome: 'paid' })
      )
        .json()
        .catch(() => undefined)) as { sent?: { reply?: { MaLoi?: string } }[] } | undefined;
      if (answer?.sent?.some((sent) => sent.reply?.MaLoi === '00')) {
        settled.add(paymentId);
        return;
      }
      await sleep(1000);
    }
    log(`payment ${paymentId} was never acknowledged`);
  };
  const stride = options.payments > 0 ? Math.max(1, Math.floor(options.dossiers / options.payments)) : 0;
  const isPaid = (index: number) => stride > 0 && index % stride === 0 && index / stride < options.payments;

  try {
    await startGateway();
    await refreshToken('province');
    await refreshToken('national');
    await postJson(`${nationalServer.url}/_sim/faults`, {
      failRate: 0.3,
      failStatus: 503,
      hangRate: 0.02,
      answerLostRate: 0.01,
      hangMs: 12_000,
    });
    await postJson(`${provinceServer.url}/_sim/faults`, { failRate: 0.2, failStatus: 500 });
    await postJson(`${platformServer.url}/_sim/payment-faults`, {
      duplicateCallbacks: 3,
      callbackDelayMs: options.callbackDelayMs ?? 1500,
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
        const code = dossier.dossierCode;
        if (await twiceSometimes('province', '/v1/dossiers', dossier)) accepted.national.add(`${code}#v1`);
        for (const change of changesFor(index)) {
          // A status change reaches the portal as two calls: the update, then the row.
          if (await twiceSometimes('province', `/v1/dossiers/${code}/status`, change)) {
            accepted.national.add(`${code}#${change.eventId}:update`);
            accepted.national.add(`${code}#${change.eventId}`);
          }
        }
        if (!isPaid(index)) continue;
        const created = (await twiceSometimes('province', '/v1/payments', paymentFor(code), {
          'idempotency-key': `soak-payment-${index}`,
        })) as { paymentId: string; paymentUrl: string } | undefined;
        const reference = created?.paymentUrl.match(REFERENCE)?.[0];
        if (!created || !reference) continue;
        payments.set(created.paymentId, { code, reference });
        paying.push(pay(created.paymentId, reference));
      }
    };
    /** The portal's pushes, spread over the run so they meet the kills and the outage too. */
    let nextPush = 0;
    const pushWorker = async () => {
      while (nextPush < options.pushes) {
        const index = nextPush;
        nextPush += 1;
        while (next < options.dossiers && next < (index * options.dossiers) / options.pushes) await sleep(50);
        const online = onlineDossierFor(index);
        if (await twiceSometimes('national', '/v1/national/dossiers', online))
          accepted.province.add(`${online.MaHoSo}#submitted`);
        for (const row of pushedRowsFor(online.MaHoSo)) {
          if (await twiceSometimes('national', '/v1/national/status', row))
            accepted.province.add(`${online.MaHoSo}#status-${row.TrangThai}`);
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
      await postJson(`${nationalServer.url}/_sim/faults`, { down: true });
      await sleep(options.outageSeconds * 1000);
      await postJson(`${nationalServer.url}/_sim/faults`, {
        failRate: 0.3,
        failStatus: 429,
        hangRate: 0.02,
        answerLostRate: 0.01,
        hangMs: 12_000,
      });
      lastFaultAt = Date.now();
    })();
    await Promise.all([
      ...Array.from({ length: options.concurrency }, worker),
      ...Array.from({ length: Math.min(2, options.pushes) }, pushWorker),
      chaos,
      outage,
    ]);
    await Promise.all(paying);
    for (const paymentId of settled) {
      const code = payments.get(paymentId)?.code ?? '';
      accepted.national.add(`${code}#payment`);
      accepted.province.add(`${code}#payment`);
    }
    log(
      `traffic sent: ${accepted.national.size} accepted for the portal, ${accepted.province.size} for the province, ${settled.size} payments settled`,
    );
    await postJson(`${nationalServer.url}/_sim/faults`, {});
    await postJson(`${provinceServer.url}/_sim/faults`, {});
    await postJson(`${platformServer.url}/_sim/payment-faults`, {});
    lastFaultAt = Math.max(lastFaultAt, Date.now());

    // Drain: wait until each receiver has every message accepted for it, or the time is up.
    const drainDeadline = Date.now() + options.drainTimeoutSeconds * 1000;
    const hasAll = (expected: Set<string>, keys: readonly string[]) => {
      const got = new Set(keys);
      return [...expected].every((key) => got.has(key));
    };
    while (Date.now() < drainDeadline) {
      if (
        hasAll(accepted.national, nationalKeys(national.received).keys) &&
        hasAll(accepted.province, provinceKeys(province.received).keys)
      )
        break;
      await sleep(500);
    }
    const drainSecondsAfterLastFault = Math.round((Date.now() - lastFaultAt) / 1000);
    const parked = await countParked(gatewayUrl);
    const { counted: nationalCounted, resentAfterLostAnswer } = setAsideRowsResentAfterLostAnswer(
      national.received,
    );
    const nationalReport = receiverReport(
      accepted.national,
      nationalKeys(nationalCounted),
      parked.national,
      0,
      resentAfterLostAnswer,
    );
    const webhooks = onePerWebhookId(province.received);
    const provinceReport = receiverReport(
      accepted.province,
      provinceKeys(webhooks),
      parked.province,
      province.received.length - webhooks.length,
      0,
    );
    const paymentReport = paymentsReport(platform, payments, settled, nationalCounted, webhooks);
    return {
      nationalPortal: nationalReport,
      province: provinceReport,
      paymentPlatform: paymentReport,
      // A settled payment is a message for each receiver, so the receivers' counts include it.
      lost: nationalReport.lost + provinceReport.lost,
      duplicatedAtReceiver:
        nationalReport.duplicatedAtReceiver +
        provinceReport.duplicatedAtReceiver +
        paymentReport.chargedTwice,
      outOfOrder: nationalReport.outOfOrder + provinceReport.outOfOrder,
      refused,
      kills,
      drainSecondsAfterLastFault,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await killGateway(false).catch(() => undefined);
    await closeServer(nationalServer.server);
    await closeServer(provinceServer.server);
    await closeServer(platformServer.server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ReceivedKeys {
  /** Every accepted request's key, in arrival order, repeats included. */
  readonly keys: string[];
  /** Per dossier, its keys in arrival order and the order they were made in. */
  readonly perDossier: Map<string, { arrived: string[]; expected: string[] }>;
}

function receiverReport(
  accepted: Set<string>,
  received: ReceivedKeys,
  parked: number,
  redeliveredSameId: number,
  resentAfterLostAnswer: number,
): ReceiverReport {
  const delivered = new Set(received.keys);
  const missing = [...accepted].filter((key) => !delivered.has(key)).length;
  let outOfOrder = 0;
  for (const { arrived, expected } of received.perDossier.values()) {
    const positions = [...new Set(arrived)].map((key) => expected.indexOf(key));
    if (positions.some((position, index) => index > 0 && position < (positions[index - 1] ?? 0)))
      outOfOrder += 1;
  }
  return {
    accepted: accepted.size,
    delivered: [...accepted].filter((key) => delivered.has(key)).length,
    parked,
    lost: Math.max(0, missing - parked),
    duplicatedAtReceiver: received.keys.length - delivered.size,
    redeliveredSameId,
    resentAfterLostAnswer,
    outOfOrder,
  };
}

/**
 * Splits the portal's record into what counts and the progress rows sent again after an earlier
 * copy was carried out with its answer lost. Only those: a dossier record (a first sync or a
 * status change's update) resent after a lost answer still counts as a duplicate, since
 * TraCuuHoSo can tell the gateway it landed.
 */
function setAsideRowsResentAfterLostAnswer<T extends { body: unknown; answerLost?: boolean }>(
  received: readonly T[],
): { counted: T[]; resentAfterLostAnswer: number } {
  const lostAnswerRows = new Set<string>();
  const counted: T[] = [];
  let resentAfterLostAnswer = 0;
  for (const request of received) {
    const body = request.body as {
      service?: string;
      data?: { MaHoSo: string; ThoiDiemXuLy?: string; NoiDungXuLy?: string }[];
    };
    const row = body.service === 'CapNhatTienDoHoSoMC' && body.data?.length === 1 ? body.data[0] : undefined;
    const key = row ? `${row.MaHoSo}#${row.ThoiDiemXuLy}#${row.NoiDungXuLy ?? ''}` : undefined;
    if (key && lostAnswerRows.has(key)) {
      resentAfterLostAnswer += 1;
      continue;
    }
    if (key && request.answerLost) lostAnswerRows.add(key);
    counted.push(request);
  }
  return { counted, resentAfterLostAnswer };
}

function collect(entries: Iterable<[code: string, key: string]>, expectedFor: (code: string) => string[]) {
  const keys: string[] = [];
  const perDossier = new Map<string, { arrived: string[]; expected: string[] }>();
  for (const [code, key] of entries) {
    keys.push(key);
    const entry = perDossier.get(code) ?? { arrived: [], expected: expectedFor(code) };
    entry.arrived.push(key);
    perDossier.set(code, entry);
  }
  return { keys, perDossier };
}

/**
 * What the portal simulator accepted, as the keys the client counted: `<code>#v1` for the
 * dossier, `<code>#soak-i-step:update` for a status change's DongBoHoSoMC update (found by the
 * promised date it moved), `<code>#soak-i-step` for its row (found by its time), `<code>#payment`
 * for a payment's row. Order per dossier: the sync, each change's update then row, the payment.
 */
function nationalKeys(received: readonly { body: unknown }[]): ReceivedKeys {
  const entries: [string, string][] = [];
  for (const request of received) {
    const body = request.body as {
      service: string;
      data: { MaHoSo: string; NgayHenTra?: string; ThoiDiemXuLy?: string; NoiDungXuLy?: string }[];
    };
    for (const item of body.data ?? []) {
      const changes = changesFor(Number(item.MaHoSo.slice(-4)));
      const key =
        body.service === 'DongBoHoSoMC'
          ? `${item.MaHoSo}#${changes.filter((change) => change.dueAt && toNationalTimestamp(change.dueAt) === item.NgayHenTra).map((change) => `${change.eventId}:update`)[0] ?? 'v1'}`
          : REFERENCE.test(item.NoiDungXuLy ?? '')
            ? `${item.MaHoSo}#payment`
            : `${item.MaHoSo}#${changes.find((change) => toNationalTimestamp(change.at) === item.ThoiDiemXuLy)?.eventId}`;
      entries.push([item.MaHoSo, key]);
    }
  }
  return collect(entries, (code) => [
    `${code}#v1`,
    ...changesFor(Number(code.slice(-4))).flatMap((change) => [
      `${code}#${change.eventId}:update`,
      `${code}#${change.eventId}`,
    ]),
    `${code}#payment`,
  ]);
}

/** The webhooks a Standard Webhooks receiver processes: the first of each webhook-id. */
function onePerWebhookId<T extends { headers: Record<string, string> }>(received: readonly T[]): T[] {
  const seen = new Set<string>();
  return received.filter((request) => {
    const id = request.headers['webhook-id'] ?? '';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The province simulator's webhooks: the portal's pushes in the order pushed, and payments. */
function provinceKeys(received: readonly { body: unknown }[]): ReceivedKeys {
  const entries: [string, string][] = [];
  for (const request of received) {
    const event = request.body as {
      type: string;
      data: { dossierCode: string; nationalStatusCode?: number };
    };
    const code = event.data.dossierCode;
    const key =
      event.type === 'dossier.submitted'
        ? `${code}#submitted`
        : event.type === 'dossier.status_changed'
          ? `${code}#status-${event.data.nationalStatusCode}`
          : `${code}#payment`;
    entries.push([code, key]);
  }
  return collect(entries, (code) => [
    `${code}#submitted`,
    ...PUSHED_STATUSES.map((status) => `${code}#status-${status}`),
  ]);
}

function paymentsReport(
  platform: ReturnType<typeof createPaymentPlatformSimulator>,
  payments: ReadonlyMap<string, { code: string; reference: string }>,
  settled: ReadonlySet<string>,
  nationalReceived: readonly { body: unknown }[],
  provinceReceived: readonly { body: unknown }[],
): PaymentReport {
  const paidPerDossier = new Map<string, number>();
  for (const transaction of platform.transactions.values()) {
    if (transaction.state !== 'paid') continue;
    const code = transaction.init.ThongTinBienLai.MaHoSo;
    paidPerDossier.set(code, (paidPerDossier.get(code) ?? 0) + 1);
  }
  const count = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const toProvince = count(
    provinceReceived.flatMap((request) => {
      const event = request.body as { type: string; data: { paymentId?: string } };
      return event.type.startsWith('payment.') && event.data.paymentId ? [event.data.paymentId] : [];
    }),
  );
  const toNational = count(
    nationalReceived.flatMap((request) =>
      ((request.body as { data?: { NoiDungXuLy?: string }[] }).data ?? []).flatMap(
        (row) => row.NoiDungXuLy?.match(REFERENCE)?.[0] ?? [],
      ),
    ),
  );
  let exactlyOnce = 0;
  let lost = 0;
  let duplicated = 0;
  for (const paymentId of settled) {
    const province = toProvince.get(paymentId) ?? 0;
    const national = toNational.get(payments.get(paymentId)?.reference ?? '') ?? 0;
    if (province === 1 && national === 1) exactlyOnce += 1;
    lost += (province === 0 ? 1 : 0) + (national === 0 ? 1 : 0);
    duplicated += Math.max(0, province - 1) + Math.max(0, national - 1);
  }
  return {
    created: payments.size,
    paidAtPlatform: [...paidPerDossier.values()].reduce((sum, paid) => sum + paid, 0),
    callbacksSent: platform.callbacks.length,
    chargedTwice: [...paidPerDossier.values()].filter((paid) => paid > 1).length,
    relayedExactlyOnce: exactlyOnce,
    lost,
    duplicatedAtReceiver: duplicated,
  };
}

async function countParked(gatewayUrl: string): Promise<{ national: number; province: number }> {
  const access_token = await requestToken(gatewayUrl, 'demo-admin', 'demo-admin-secret');
  const overview = await fetch(`${gatewayUrl}/v1/admin/queues`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  const body = (await overview.json()) as { queues: { name: string; parked: number }[] };
  const sum = (channel: string) =>
    body.queues
      .filter((queue) => queue.name.includes(channel))
      .reduce((total, queue) => total + queue.parked, 0);
  return { national: sum('national'), province: sum('province') };
}
