import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
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
import { soakGateway } from './soak-gateway';
import {
  arrivalsOf,
  countParked,
  type Kill,
  nationalKeys,
  onePerWebhookId,
  paymentsReport,
  provinceKeys,
  receiverReport,
  type SoakReport,
  setAsideRowsResentUnconfirmed,
} from './soak-report';
import {
  changesFor,
  dossierFor,
  feedbackRowFor,
  feedbackStepsFor,
  onlineDossierFor,
  paymentFor,
  pushedRowsFor,
  REFERENCE,
} from './soak-traffic';

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
  /**
   * Citizens' feedback items the portal pushes (and lists), each answered by the province:
   * received then answered, relayed back to the portal (issue 23). Default 0.
   */
  readonly feedback?: number;
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

const HOST = '127.0.0.1';

async function serveOn(fetchApp: Pick<Hono<SimulatorEnv>, 'fetch'>) {
  const server = serve({ fetch: fetchApp.fetch, port: 0, hostname: HOST }) as Server;
  if (!server.listening) await new Promise((done) => server.once('listening', done));
  return { server, url: `http://${HOST}:${(server.address() as AddressInfo).port}` };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const national = createNationalPortalSimulator({
    ...demoNationalPortalAccount,
    ...demoNationalSessionAccount,
  });
  const province = createProvinceSimulator({ webhookSecret: demoWebhookSecret });
  // The gateway's address is known only once its ports are chosen, after the receivers listen.
  let gatewayUrl = '';
  const platform = createPaymentPlatformSimulator({
    ...demoPaymentPartner,
    callbackUrl: () => `${gatewayUrl}/v1/callbacks/payment`,
  });
  const nationalServer = await serveOn(national.app);
  const provinceServer = await serveOn(province.app);
  const platformServer = await serveOn(platform.app);
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-soak-'));
  const gateway = await soakGateway(
    {
      nationalPortalUrl: nationalServer.url,
      provinceUrl: provinceServer.url,
      paymentPlatformUrl: platformServer.url,
    },
    dataDir,
  );
  gatewayUrl = gateway.url;
  /** When each fault began and ended, for the trace a failing soak prints. */
  const faultTimeline: string[] = [];
  const kills: Kill[] = [];
  const markFault = (what: string) => faultTimeline.push(`${new Date().toISOString()} ${what}`);

  const killGateway = async () => {
    const killTime = new Date();
    if (!(await gateway.kill())) return;
    const exitedAt = new Date();
    kills.push({ at: killTime, exitedAt });
    faultTimeline.push(
      `${killTime.toISOString()} gateway killed (SIGKILL), seen gone at ${exitedAt.toISOString()}`,
    );
    log(`killed the gateway with SIGKILL (${kills.length}/${options.kills})`);
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
    // The portal lists only the soak's feedback: the schedule's pull at each start meets the pushes.
    const feedbackCount = options.feedback ?? 0;
    await postJson(`${nationalServer.url}/_sim/feedback`, {
      empty: true,
      feedback: Array.from({ length: feedbackCount }, (_, index) => feedbackRowFor(index)),
    });
    await gateway.start();
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
    /**
     * Citizens' feedback: the portal lists and pushes each item (so the pull and the push meet,
     * and must deliver it once), the province receives it, then answers it.
     */
    let nextFeedback = 0;
    const feedbackWorker = async () => {
      while (nextFeedback < feedbackCount) {
        const index = nextFeedback;
        nextFeedback += 1;
        while (next < options.dossiers && next < (index * options.dossiers) / feedbackCount) await sleep(50);
        const row = feedbackRowFor(index);
        const subject = `PAKN.${row.HOIDAPID}`;
        if (!(await twiceSometimes('national', '/v1/national/feedback', row))) continue;
        accepted.province.add(`${subject}#feedback`);
        const steps = feedbackStepsFor(index);
        if (await twiceSometimes('province', `/v1/feedback/${row.HOIDAPID}/state`, steps.received))
          accepted.national.add(`${subject}#2`);
        if (await twiceSometimes('province', `/v1/feedback/${row.HOIDAPID}/answer`, steps.answer))
          accepted.national.add(`${subject}#5`);
      }
    };
    const chaos = (async () => {
      for (const point of killPoints) {
        while (next < point) await sleep(50);
        await killGateway();
        const restarting = Date.now();
        await gateway.start();
        markFault('gateway healthy again');
        log(`gateway healthy again ${Math.round((Date.now() - restarting) / 1000)} s after the kill`);
        lastFaultAt = Date.now();
      }
    })();
    const outage = (async () => {
      while (next < outageAt) await sleep(50);
      log(`national portal outage for ${options.outageSeconds} s`);
      await postJson(`${nationalServer.url}/_sim/faults`, { down: true });
      markFault('national portal down');
      await sleep(options.outageSeconds * 1000);
      await postJson(`${nationalServer.url}/_sim/faults`, {
        failRate: 0.3,
        failStatus: 429,
        hangRate: 0.02,
        answerLostRate: 0.01,
        hangMs: 12_000,
      });
      markFault('national portal up');
      lastFaultAt = Date.now();
    })();
    await Promise.all([
      ...Array.from({ length: options.concurrency }, worker),
      ...Array.from({ length: Math.min(2, options.pushes) }, pushWorker),
      ...Array.from({ length: Math.min(2, options.feedback ?? 0) }, feedbackWorker),
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
    const { counted: nationalCounted, rowsResentUnconfirmed } = setAsideRowsResentUnconfirmed(
      national.received,
      kills,
    );
    const nationalReport = receiverReport(
      accepted.national,
      nationalKeys(nationalCounted),
      parked.national,
      0,
      rowsResentUnconfirmed,
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
    const duplicatedDossiers = new Set(
      [...nationalReport.duplicatedKeys, ...provinceReport.duplicatedKeys].map(
        (key) => key.split('#')[0] ?? key,
      ),
    );
    return {
      duplicateTrace: duplicatedDossiers.size
        ? [...faultTimeline, ...arrivalsOf(duplicatedDossiers, national.received, province.received)].sort()
        : [],
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
      kills: kills.length,
      drainSecondsAfterLastFault,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await gateway.kill().catch(() => undefined);
    await closeServer(nationalServer.server);
    await closeServer(provinceServer.server);
    await closeServer(platformServer.server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
