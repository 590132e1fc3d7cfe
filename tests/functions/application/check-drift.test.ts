import { beforeEach, describe, expect, it } from 'vitest';
import {
  type InboundNationalDossier,
  inboundNationalDossierSchema,
} from '../../../contracts/national-portal';
import { createInMemoryDriftRecords } from '../../../functions/adapters/in-memory/drift-records';
import { checkDrift, type DriftCheckDependencies } from '../../../functions/application/check-drift';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { GatewayError } from '../../../functions/core/gateway-error';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import type { NationalPortal } from '../../../functions/ports/national-portal';
import { aDossier, aStoredMessage } from '../../support/fixtures';
import { aGatewayWorld } from '../../support/use-case-fixtures';

/**
 * The drift check over the in-memory store and drift records, a fixed clock and a portal that
 * can be slowed, raced and failed per dossier: what it counts, what it leaves alone, and how it
 * treats the portal.
 */

let serial = 0;

/** An in-memory portal: the records it holds, and how many look-ups were in flight at most. */
interface InMemoryPortal extends NationalPortal {
  readonly held: Map<string, InboundNationalDossier>;
  readonly failFor: Set<string>;
  maxInFlight: number;
  beforeAnswer: (dossierCode: string) => Promise<void>;
}

function aPortal(): InMemoryPortal {
  const held = new Map<string, InboundNationalDossier>();
  let inFlight = 0;
  const portal: InMemoryPortal = {
    held,
    maxInFlight: 0,
    failFor: new Set<string>(),
    beforeAnswer: async () => undefined,
    async lookupDossier(_agencyCode, dossierCode) {
      inFlight += 1;
      portal.maxInFlight = Math.max(portal.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await portal.beforeAnswer(dossierCode);
      inFlight -= 1;
      if (portal.failFor.has(dossierCode)) throw new GatewayError('national.transient', 'portal timeout');
      return held.get(dossierCode);
    },
    syncDossier: async () => ({ errorCode: 0, message: '', switchedToUpdate: false }),
    updateProgress: async () => ({ errorCode: 0, message: '', switchedToUpdate: false }),
    listCatalogue: async () => ({ entries: [], unreadableRows: 0 }),
    ping: async () => undefined,
  };
  return portal;
}

let deps: Omit<DriftCheckDependencies, 'driftCheck'> & {
  nationalPortal: InMemoryPortal;
  driftCheck: DriftCheckDependencies['driftCheck'];
};

function aSyncMessage(dossierCode: string, sequence: number): StoredMessage {
  return aStoredMessage(dossierCode, sequence, { payload: aDossier({ dossierCode }) });
}

/** A dossier the gateway delivered as `received`; the portal holds it with `portalStatus`. */
async function aSyncedDossier(portalStatus: InboundNationalDossier['TrangThaiHoSo'] | 'none' = '2') {
  serial += 1;
  const dossierCode = `000.00.12.H12-250314-${String(serial).padStart(4, '0')}`;
  await deps.store.appendMessage(aSyncMessage(dossierCode, 1));
  await deliver(dossierCode, 1);
  if (portalStatus !== 'none') {
    deps.nationalPortal.held.set(
      dossierCode,
      inboundNationalDossierSchema.parse({
        ...toNationalDossier(aDossier({ dossierCode })),
        TrangThaiHoSo: portalStatus,
      }),
    );
  }
  return dossierCode;
}

const deliver = (dossierCode: string, sequence: number) =>
  deps.store.recordDelivery(
    { channel: 'national', dossierCode, sequence },
    { at: '2025-03-14T02:00:00.000Z', outcome: 'delivered', latencyMs: 1, detail: 'ok' },
    { nationalSynced: true, nationalStatus: 'received' },
  );

beforeEach(() => {
  // A world of its own per test: the sample sees only this test's dossiers.
  const world = aGatewayWorld('2025-03-15T03:00:00.000Z');
  deps = {
    ...world,
    drift: createInMemoryDriftRecords(world.items),
    nationalPortal: aPortal(),
    driftCheck: { sampleSize: 50, scanPageSize: 100, maxScanPages: 5, recheckLimit: 50, concurrency: 2 },
  };
});

describe('checkDrift', () => {
  it('reports what it sampled and opens a finding per drifted or missing dossier, stamped by the clock', async () => {
    await aSyncedDossier('2');
    const drifted = await aSyncedDossier('4');
    const missing = await aSyncedDossier('none');

    const report = await checkDrift(deps);

    expect(report).toEqual({
      runId: expect.any(String),
      startedAt: '2025-03-15T03:00:00.000Z',
      finishedAt: '2025-03-15T03:00:00.000Z',
      sampled: 3,
      checked: 3,
      skippedInFlight: 0,
      agreed: 1,
      drifted: 1,
      missingAtPortal: 1,
      errors: 0,
      opened: 2,
      resolved: 0,
    });
    expect(await deps.drift.getFinding(drifted)).toMatchObject({
      state: 'open',
      kind: 'status',
      ourStatus: 'received',
      portalStatus: '4',
      detectedAt: '2025-03-15T03:00:00.000Z',
    });
    expect(await deps.drift.getFinding(missing)).toMatchObject({ state: 'open', kind: 'missing' });
    expect(await deps.drift.listRuns(5)).toEqual([report]);
  });

  it('does not ask the portal about a dossier with a message still on its way', async () => {
    const dossierCode = await aSyncedDossier('4');
    await deps.store.appendMessage({ ...aSyncMessage(dossierCode, 2), version: 2 });
    const asked: string[] = [];
    deps.nationalPortal.beforeAnswer = async (code) => void asked.push(code);

    expect(await checkDrift(deps)).toMatchObject({ sampled: 1, checked: 0, skippedInFlight: 1, opened: 0 });
    expect(asked).toEqual([]);
  });

  it('skips a dossier whose next message was delivered while the portal was asked', async () => {
    const dossierCode = await aSyncedDossier('4');
    await deps.store.appendMessage({ ...aSyncMessage(dossierCode, 2), version: 2 });
    await deliver(dossierCode, 2);
    // The look-up races a delivery: another message is accepted and delivered meanwhile.
    deps.nationalPortal.beforeAnswer = async (code) => {
      await deps.store.appendMessage({ ...aSyncMessage(code, 3), version: 3 });
      await deliver(code, 3);
    };
    expect(await checkDrift(deps)).toMatchObject({ checked: 0, skippedInFlight: 1, opened: 0 });
    expect(await deps.drift.getFinding(dossierCode)).toBeUndefined();
  });

  it('counts a failed look-up as an error and leaves the dossier for another run', async () => {
    const dossierCode = await aSyncedDossier('4');
    deps.nationalPortal.failFor.add(dossierCode);
    expect(await checkDrift(deps)).toMatchObject({ sampled: 1, checked: 0, errors: 1, opened: 0 });
    expect(await deps.drift.getFinding(dossierCode)).toBeUndefined();
  });

  it('checks open findings again and resolves the ones the portal agrees with', async () => {
    const dossierCode = await aSyncedDossier('4');
    await checkDrift(deps);
    deps.nationalPortal.held.set(dossierCode, {
      ...(deps.nationalPortal.held.get(dossierCode) as InboundNationalDossier),
      TrangThaiHoSo: '2',
    });
    // A sample that reaches nothing: the open finding is still looked at.
    deps.driftCheck = { ...deps.driftCheck, sampleSize: 1, scanPageSize: 1, maxScanPages: 1 };
    const report = await checkDrift(deps);
    expect(report).toMatchObject({ resolved: 1, agreed: 1 });
    expect(await deps.drift.getFinding(dossierCode)).toMatchObject({
      state: 'resolved',
      resolvedAt: '2025-03-15T03:00:00.000Z',
    });
  });

  it('asks the portal no more than `concurrency` look-ups at a time', async () => {
    for (let count = 0; count < 7; count += 1) await aSyncedDossier('2');
    expect(await checkDrift(deps)).toMatchObject({ checked: 7 });
    expect(deps.nationalPortal.maxInFlight).toBe(2);
  });
});
