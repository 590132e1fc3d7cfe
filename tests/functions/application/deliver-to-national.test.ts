import { beforeEach, describe, expect, it } from 'vitest';
import type { DossierSubmission, StatusChange } from '../../../contracts/provincial-api';
import type { NationalCall } from '../../../functions/adapters/in-memory/national-portal';
import { envelopeOf } from '../../../functions/application/accept-message';
import { relayMessage } from '../../../functions/application/relay-message';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { toNationalTimestamp } from '../../../functions/core/national-time';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import { aDossier, aStoredMessage } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { aGatewayWorld, type GatewayWorld } from '../../support/use-case-fixtures';

/**
 * The national deliverer over the in-memory store and portal (which keeps records and rows and
 * can fail a call or lose its answer): the pair a status change becomes, in order, once each,
 * across a failed row, a crash and a replay [OCPS DVCQGIntegrationActionImpl
 * syncDossierAndDossierStatus: DongBoHoSoMC (update) with the whole dossier, then the row].
 */

let world: GatewayWorld;
let store: DossierStore;
let serial = 0;

beforeEach(() => {
  world = aGatewayWorld();
  store = world.store;
});

/** A dossier synced (#1) and its status changes (#2...), stored as accepted; payloads as given. */
async function aStoredLife(dossier: DossierSubmission, changes: readonly unknown[]) {
  const version = aStoredMessage(dossier.dossierCode, 1, { payload: dossier, status: dossier.status });
  await store.appendMessage(version);
  const stored = [version];
  for (const [index, change] of changes.entries()) {
    const message = aStoredMessage(dossier.dossierCode, index + 2, {
      kind: 'dossier.status',
      naturalKey: `event:${index}`,
      idempotencyKey: `event:${index}`,
      version: undefined,
      status: (change as StatusChange).status,
      acceptedAt: `2025-03-14T0${index + 2}:00:00.000Z`,
      payload: change,
    });
    await store.appendMessage(message);
    stored.push(message);
  }
  return stored;
}

function aLife() {
  serial += 1;
  return aDossier({ dossierCode: `000.00.12.H12-250314-${String(serial).padStart(4, '0')}` });
}

/** Relays a stored message as the relay function would, from its queued envelope. */
const send = (message: StoredMessage, recovered = false) =>
  relayMessage(world, envelopeOf(message, { recovered }), world.deliverers.national);

/** A dossier whose create the portal took, and one status change (by default to processing) stored after it. */
async function createdThenChanged(next: unknown = aStatusChange('e1', 'processing', 10)) {
  const dossier = aLife();
  const [first, change] = await aStoredLife(dossier, [next]);
  await send(first as StoredMessage);
  return { dossier, change: change as StoredMessage, calls: world.portal.calls };
}

/** What the portal took, call by call; look-ups are questions and take nothing. */
const summary = (calls: readonly NationalCall[]) =>
  calls.flatMap((call) =>
    call.refusedWith !== undefined
      ? []
      : call.kind === 'sync'
        ? [`sync ${call.isUpdating ? 'True' : 'False'} ${call.record.TrangThaiHoSo}`]
        : call.kind === 'progress'
          ? call.rows.map((row) => `row ${row.TrangThai}`)
          : [],
  );

const syncedRecords = (calls: readonly NationalCall[]) =>
  calls.flatMap((call) => (call.kind === 'sync' ? [call.record] : []));

describe('national deliverer: a status change is the pair real clients send', () => {
  it('sends DongBoHoSoMC (update) with the whole current dossier, then the row', async () => {
    const dossier = aLife();
    const moved = { ...aStatusChange('e1', 'processing', 10), dueAt: '2025-03-21T17:00:00+07:00' };
    const [first, change] = await aStoredLife(dossier, [moved]);
    const { calls } = world.portal;
    expect(await send(first as StoredMessage)).toBe('delivered');
    expect(await send(change as StoredMessage)).toBe('delivered');

    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
    const [, update] = syncedRecords(calls);
    // The portal's NgayHenTra follows the moved due date; the unit goes by its name.
    expect(update).toMatchObject({
      MaHoSo: dossier.dossierCode,
      NgayHenTra: '20250321170000',
      DonViXuLy: 'UBND phường Hoàn Kiếm',
      TaiLieuNop: [expect.objectContaining({ TepDinhKemId: 'doc-1' })],
    });
  });

  it('derives NgayKetThucXuLy and NgayTra from the status history and keeps results across changes', async () => {
    const dossier = aLife();
    const result = {
      id: 'kq-1',
      name: 'Giấy khai sinh',
      url: 'https://files.example.vn/kq-1.pdf',
      resultCode: 'KQ01',
    };
    const messages = await aStoredLife(dossier, [
      aStatusChange('e1', 'processing', 10),
      { ...aStatusChange('e2', 'resolved', 60), results: [result] },
      aStatusChange('e3', 'returned', 120),
    ]);
    const { calls } = world.portal;
    for (const message of messages) await send(message);
    expect(syncedRecords(calls).at(-1)).toMatchObject({
      TrangThaiHoSo: '10',
      NgayKetThucXuLy: '20250314093000',
      NgayTra: '20250314103000',
      DanhSachGiayToKetQua: [expect.objectContaining({ GiayToId: 'kq-1', MaGiayToKetQua: 'KQ01' })],
    });
  });

  it('retries only the row when the update was taken and the row failed', async () => {
    const { dossier, change, calls } = await createdThenChanged();
    world.portal.failNext(503, 'progress');
    await expect(send(change)).rejects.toThrow(/503/);
    expect(await store.getDeliveryProgress('national', dossier.dossierCode)).toMatchObject({
      deliveredSequence: 1,
      firstStepSequence: 2,
    });
    expect(await send(change)).toBe('delivered');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
  });

  it('does not send the update again when its answer was lost: the look-up finds it, and the row follows', async () => {
    const { dossier, change, calls } = await createdThenChanged();
    world.portal.loseNextAnswer('sync');
    await expect(send(change)).rejects.toThrow(/timeout/);
    expect(await send(change)).toBe('delivered');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
    const history = await store.listHistory('national', dossier.dossierCode);
    const attempts = history.find((message) => message.sequence === 2)?.attempts ?? [];
    expect(attempts.at(-1)?.detail).toMatch(/TraCuuHoSo.*then CapNhatTienDoHoSoMC/);
  });

  it('treats a copy recovered after a crash like the next one: nothing is sent twice', async () => {
    const { change, calls } = await createdThenChanged();
    await send(change);
    expect(await send(change, true)).toBe('duplicate');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
  });

  it('still delivers a status change stored in the v1 shape (no results, no supplement) as the pair', async () => {
    const { change, calls } = await createdThenChanged({
      eventId: 'legacy-1',
      status: 'processing',
      at: '2025-03-14T09:00:00+07:00',
      handledBy: { name: 'Trần Thị Bình' },
    });
    expect(await send(change)).toBe('delivered');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
  });
});

describe('national deliverer: what the record is built from', () => {
  it('leaves out a status change an administrator discarded: its moved due date never reaches the portal', async () => {
    const dossier = aLife();
    const [first, discarded, next] = await aStoredLife(dossier, [
      { ...aStatusChange('e1', 'processing', 10), dueAt: '2025-03-30T17:00:00+07:00' },
      aStatusChange('e2', 'processing', 20),
    ]);
    const { calls } = world.portal;
    await send(first as StoredMessage);
    const skipped = discarded as StoredMessage;
    const failure = {
      messageId: skipped.messageId,
      queue: 'to-national.fifo',
      channel: 'national' as const,
      dossierCode: dossier.dossierCode,
      agencyCode: dossier.agencyCode,
      sequence: 2,
      kind: skipped.kind,
      reason: 'rejected' as const,
      lastError: 'error_code 500',
      attempts: 1,
      parkedAt: '2025-03-14T03:00:00.000Z',
      status: 'parked' as const,
    };
    const attempt = {
      at: '2025-03-14T03:00:00.000Z',
      outcome: 'parked' as const,
      latencyMs: 1,
      detail: '500',
    };
    await store.parkMessage(failure, attempt);
    await store.discardParked(failure, { ...attempt, outcome: 'discarded', detail: 'by an administrator' });
    await send(next as StoredMessage);
    const [, update] = syncedRecords(calls);
    expect(update?.NgayHenTra).toBe(toNationalTimestamp(dossier.dueAt));
  });
});

describe('national deliverer: dossier.resync', () => {
  async function aResync(held: 'same' | 'stale' | 'none') {
    const dossier = aLife();
    const [version] = await aStoredLife({ ...dossier, status: 'processing' }, []);
    const resync: StoredMessage = {
      ...(version as StoredMessage),
      sequence: 2,
      messageId: `${dossier.dossierCode}#2`,
      kind: 'dossier.resync',
      naturalKey: 'resync:f#1',
      idempotencyKey: 'resync:f#1',
    };
    await store.appendMessage(resync);
    await store.recordDelivery(
      { channel: 'national', dossierCode: dossier.dossierCode, sequence: 1 },
      {
        at: '2025-03-15T04:00:00.000Z',
        outcome: 'delivered',
        latencyMs: 1,
        detail: 'ok',
      },
      { nationalSynced: true, nationalStatus: 'processing' },
    );
    const { portal } = world;
    if (held !== 'none') {
      await world.deliverers.national.deliver(
        resync,
        { deliveredSequence: 1, nationalSynced: false },
        { uncertain: false, recordFirstStep: async () => undefined },
      );
      const [record] = syncedRecords(portal.calls).slice(-1);
      if (held === 'stale' && record) {
        await portal.syncDossier(dossier.agencyCode, { ...record, TrangThaiHoSo: '2' }, true);
      }
    }
    const mark = portal.calls.length;
    return { resync, calls: () => portal.calls.slice(mark) };
  }

  it('updates a record the portal holds with another status', async () => {
    const { resync, calls } = await aResync('stale');
    await send(resync);
    expect(summary(calls())).toEqual(['sync True 4']);
  });

  it('creates the record again when the portal lost it', async () => {
    const { resync, calls } = await aResync('none');
    await send(resync);
    expect(summary(calls())).toEqual(['sync False 4']);
  });

  it('sends nothing when the portal already holds exactly this record', async () => {
    const { resync, calls } = await aResync('same');
    await send(resync);
    expect(summary(calls())).toEqual([]);
  });
});
