import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nationalStatusCode } from '../../contracts/dossier-status';
import type { StatusChange } from '../../contracts/provincial-api';
import { replayFailedMessage } from '../../functions/application/manage-failed-messages';
import { sweepOutbox } from '../../functions/application/sweep-outbox';
import { toNationalTimestamp } from '../../functions/core/national-time';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import { nationalTimeline, setFaults } from '../support/receiver';
import { callGateway, eventually, quickBreaker, startTestRuntime, tokenFor } from '../support/test-runtime';

let runtime: LocalRuntime;
let token: string;

beforeAll(async () => {
  // A breaker that re-probes after a second keeps recovery inside the test's time bound.
  runtime = await startTestRuntime(null, { endpoints: { nationalPortal: quickBreaker(4) } });
  token = await tokenFor(runtime);
});
afterAll(() => runtime.stop());
beforeEach(() => setFaults(runtime.urls.nationalPortal, {}));

const post = (path: string, body: unknown) => callGateway(runtime, token, 'POST', path, body);

/** A new dossier accepted (stored) while every send to the national queue fails. */
async function acceptedWhileTheQueueIsDown() {
  const queue = runtime.deps.queues.national;
  const send = queue.send;
  (queue as { send: typeof send }).send = async () => {
    throw new Error('SQS unavailable (simulated)');
  };
  const life = aDossierLife();
  try {
    expect((await post('/v1/dossiers', life.dossier)).status).toBe(202);
  } finally {
    (queue as { send: typeof send }).send = send;
  }
  return life;
}

/**
 * A dossier's life at the desk: received, then five status changes. Each change reaches the
 * portal as real clients send it: DongBoHoSoMC (update) with the whole dossier at its new
 * status, then one CapNhatTienDoHoSoMC row [OCPS DVCQGIntegrationActionImpl
 * syncDossierAndDossierStatus].
 */
function aDossierLife() {
  const dossier = aDossier();
  const changes: StatusChange[] = [
    aStatusChange(`${dossier.dossierCode}-e1`, 'processing', 10),
    aStatusChange(`${dossier.dossierCode}-e2`, 'awaiting_supplement', 20),
    aStatusChange(`${dossier.dossierCode}-e3`, 'processing', 30),
    aStatusChange(`${dossier.dossierCode}-e4`, 'resolved', 40),
    aStatusChange(`${dossier.dossierCode}-e5`, 'returned', 50),
  ];
  const expected = [
    'sync:2',
    ...changes.flatMap((change) => [
      `sync:${nationalStatusCode(change.status)}`,
      `progress:${nationalStatusCode(change.status)}@${toNationalTimestamp(change.at)}`,
    ]),
  ];
  return { dossier, changes, expected };
}

async function postLife(life: ReturnType<typeof aDossierLife>, repeat = 1) {
  for (let copy = 0; copy < repeat; copy += 1)
    expect((await post('/v1/dossiers', life.dossier)).status).toBe(202);
  for (const change of life.changes) {
    const answers = await Promise.all(
      Array.from({ length: repeat }, () => post(`/v1/dossiers/${life.dossier.dossierCode}/status`, change)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(repeat).fill(202));
  }
}

async function deliveredExactly(life: ReturnType<typeof aDossierLife>, timeoutMs = 40_000) {
  return eventually(async () => {
    const timeline = await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode);
    return timeline.length >= life.expected.length ? timeline : undefined;
  }, timeoutMs);
}

/** The attempts of a dossier's first national message, once that message is delivered (one item: both together). */
async function deliveredAttempts(dossierCode: string, timeoutMs?: number) {
  return eventually(async () => {
    const first = (await runtime.deps.store.listHistory('national', dossierCode)).find(
      (message) => message.sequence === 1,
    );
    return first?.state === 'delivered' ? first.attempts : undefined;
  }, timeoutMs);
}

describe('province -> national relay', () => {
  it('delivers a dossier and its status changes once each, in order, though every request came three times', async () => {
    const life = aDossierLife();
    await postLife(life, 3);
    expect(await deliveredExactly(life)).toEqual(life.expected);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual(
      life.expected,
    );
  }, 60_000);

  it('keeps everything accepted during a portal outage and delivers it in order after', async () => {
    await setFaults(runtime.urls.nationalPortal, { down: true });
    const life = aDossierLife();
    await postLife(life);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual([]);
    const view = (await (
      await fetch(`${runtime.urls.gateway}/v1/dossiers/${life.dossier.dossierCode}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { sync: { state: string; lastError?: string } };
    expect(view.sync.state).toBe('failing');
    await setFaults(runtime.urls.nationalPortal, {});
    expect(await deliveredExactly(life, 50_000)).toEqual(life.expected);
  }, 70_000);

  it('delivers in order through a portal that fails 40 % of its calls', async () => {
    await setFaults(runtime.urls.nationalPortal, { failRate: 0.4, failStatus: 503 });
    const lives = [aDossierLife(), aDossierLife()];
    await Promise.all(lives.map((life) => postLife(life)));
    // Each status change is two calls now, each failing 40 % of the time: a generous bound.
    for (const life of lives) expect(await deliveredExactly(life, 120_000)).toEqual(life.expected);
  }, 150_000);

  it('parks a rejected change, holds the later ones behind it, and a replay releases them in order', async () => {
    const life = aDossierLife();
    expect((await post('/v1/dossiers', life.dossier)).status).toBe(202);
    await eventually(async () =>
      (await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).length === 1
        ? true
        : undefined,
    );
    await setFaults(runtime.urls.nationalPortal, { reject: true });
    const first = (await (
      await post(`/v1/dossiers/${life.dossier.dossierCode}/status`, life.changes[0])
    ).json()) as {
      messageId: string;
    };
    const parked = await eventually(async () => {
      const failed = await runtime.deps.store.getFailedMessage(first.messageId);
      return failed?.status === 'parked' ? failed : undefined;
    });
    expect(parked).toMatchObject({ reason: 'rejected', sequence: 2, dossierCode: life.dossier.dossierCode });
    expect(parked.lastError).toContain('500');

    await setFaults(runtime.urls.nationalPortal, {});
    expect((await post(`/v1/dossiers/${life.dossier.dossierCode}/status`, life.changes[1])).status).toBe(202);
    await eventually(async () =>
      (await runtime.deps.store.getMessage('national', life.dossier.dossierCode, 3))?.state === 'held'
        ? true
        : undefined,
    );
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual(['sync:2']);

    await replayFailedMessage(runtime.deps, first.messageId, {
      actor: { type: 'client', clientId: 'test-admin' },
    });
    expect(
      await eventually(async () => {
        const timeline = await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode);
        return timeline.length === 5 ? timeline : undefined;
      }),
    ).toEqual(life.expected.slice(0, 5));
  }, 60_000);

  it('refuses a change for an unknown dossier and a move the status machine forbids', async () => {
    const life = aDossierLife();
    const unknown = await post(`/v1/dossiers/${life.dossier.dossierCode}/status`, life.changes[0]);
    expect(unknown.status).toBe(404);
    expect((await post('/v1/dossiers', { ...life.dossier, status: 'returned' })).status).toBe(202);
    const forbidden = await post(`/v1/dossiers/${life.dossier.dossierCode}/status`, life.changes[0]);
    expect(forbidden.status).toBe(422);
    expect(await forbidden.json()).toMatchObject({
      code: 'dossier.transitionNotAllowed',
      from: 'returned',
      to: 'processing',
    });
  });

  it('delivers a message whose enqueue failed after it was stored, once the sweeper runs', async () => {
    const life = await acceptedWhileTheQueueIsDown();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual([]);
    expect(await sweepOutbox(runtime.deps, { staleAfterSeconds: 0, limit: 1000 })).toBeGreaterThanOrEqual(1);
    expect(
      await eventually(async () => {
        const timeline = await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode);
        return timeline.length === 1 ? timeline : undefined;
      }),
    ).toEqual(['sync:2']);
  }, 30_000);

  it('does not send again a dossier the portal took but whose answer never came back', async () => {
    // The portal records the sync, then the answer is lost: the gateway times out (2 s here).
    await setFaults(runtime.urls.nationalPortal, { answerLostRate: 1, hangMs: 3_000 });
    const life = aDossierLife();
    expect((await post('/v1/dossiers', life.dossier)).status).toBe(202);
    await eventually(async () =>
      (await runtime.deps.store.getDeliveryProgress('national', life.dossier.dossierCode)).lastError
        ? true
        : undefined,
    );
    await setFaults(runtime.urls.nationalPortal, {});
    const attempts = await deliveredAttempts(life.dossier.dossierCode, 20_000);
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual(['sync:2']);
    expect(attempts.at(-1)?.detail).toContain('TraCuuHoSo');
  }, 30_000);

  it('does not send again what reached the portal before a crash, when the message is recovered from the store', async () => {
    // The process "dies" after the portal accepted the dossier but before the gateway recorded it:
    // here, the enqueue is lost and the portal receives the dossier through another path.
    const life = await acceptedWhileTheQueueIsDown();
    // Exactly the record the relay would send, the unit's configured name as DonViXuLy.
    const agencyName = await runtime.deps.agencyNames.nameOf(life.dossier.agencyCode);
    await runtime.deps.nationalPortal.syncDossier(
      life.dossier.agencyCode,
      toNationalDossier(life.dossier, { ...(agencyName ? { agencyName } : {}) }),
      false,
    );
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual(['sync:2']);

    await sweepOutbox(runtime.deps, { staleAfterSeconds: 0, limit: 1000 });
    const attempts = await deliveredAttempts(life.dossier.dossierCode);
    expect(await nationalTimeline(runtime.urls.nationalPortal, life.dossier.dossierCode)).toEqual(['sync:2']);
    expect(attempts.at(-1)?.detail).toContain('not sent again');
  }, 30_000);
});
