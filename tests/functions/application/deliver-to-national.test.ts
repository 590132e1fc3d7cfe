import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InboundNationalDossier,
  inboundNationalDossierSchema,
  type NationalDossier,
  type NationalProgressRow,
} from '../../../contracts/national-portal';
import type { DossierSubmission, StatusChange } from '../../../contracts/provincial-api';
import { createConfiguredAgencyNames } from '../../../functions/adapters/configured-agency-names';
import { createDynamoDbDossierStore } from '../../../functions/adapters/dynamodb-dossier-store';
import { createNationalDeliverer } from '../../../functions/application/deliver-to-national';
import { type RelayDependencies, relayMessage } from '../../../functions/application/relay-message';
import type { StoredMessage } from '../../../functions/core/dossier-message';
import { GatewayError } from '../../../functions/core/gateway-error';
import { toNationalTimestamp } from '../../../functions/core/national-time';
import type { DossierStore } from '../../../functions/ports/dossier-store';
import type { NationalPortal } from '../../../functions/ports/national-portal';
import { localName, provisionTables } from '../../../infra/local/provision';
import { topology } from '../../../infra/topology';
import { startTestEmulators, type TestEmulators } from '../../support/emulators';
import { aDossier, aStoredMessage } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';

/**
 * The national deliverer over the real store (dynalite) and an in-memory portal that keeps
 * records and rows and can fail a call: the pair a status change becomes, in order, once each,
 * across a failed row, a crash and a replay [OCPS DVCQGIntegrationActionImpl
 * syncDossierAndDossierStatus: DongBoHoSoMC (update) with the whole dossier, then the row].
 */

type Call =
  | { readonly kind: 'sync'; readonly isUpdating: boolean; readonly record: NationalDossier }
  | { readonly kind: 'row'; readonly row: NationalProgressRow };

function aPortal() {
  const records = new Map<string, NationalDossier>();
  const calls: Call[] = [];
  const failures = { nextRow: false, nextSyncAnswer: false };
  const portal: NationalPortal = {
    async lookupDossier(_agency, dossierCode): Promise<InboundNationalDossier | undefined> {
      const record = records.get(dossierCode);
      return record && inboundNationalDossierSchema.parse(record);
    },
    async syncDossier(_agency, record, isUpdating) {
      records.set(record.MaHoSo, record);
      calls.push({ kind: 'sync', isUpdating, record });
      if (failures.nextSyncAnswer) {
        // Taken, but the answer never came back.
        failures.nextSyncAnswer = false;
        throw new GatewayError('national.transient', 'timeout after the portal took the update');
      }
      return { errorCode: 0, message: '', switchedToUpdate: false };
    },
    async updateProgress(_agency, rows) {
      if (failures.nextRow) {
        failures.nextRow = false;
        throw new GatewayError('national.transient', 'HTTP 503');
      }
      for (const row of rows) calls.push({ kind: 'row', row });
      return { errorCode: 0, message: '', switchedToUpdate: false };
    },
    ping: async () => undefined,
  };
  return { portal, records, calls, failures };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const agencyNames = createConfiguredAgencyNames({
  version: 'test',
  strict: false,
  byCode: new Map([['000.00.12.H12', 'UBND phường Hoàn Kiếm']]),
});
const noQueue = {
  name: 'to-national.fifo',
  send: async () => undefined,
  sendBatch: async () => undefined,
  delay: async () => undefined,
  ping: async () => undefined,
};

let emulators: TestEmulators;
let store: DossierStore;
let serial = 0;

beforeAll(async () => {
  emulators = await startTestEmulators();
  await provisionTables(emulators.dynamodb, 'deliver');
  store = createDynamoDbDossierStore(emulators.documents, {
    tableName: localName('deliver', 'gateway'),
    pendingShards: topology.outbox.pendingShards,
  });
});
afterAll(() => emulators.close());

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

function relay(portal: NationalPortal) {
  const deps: RelayDependencies = {
    store,
    queues: { national: noQueue, province: noQueue },
    clock: { now: () => new Date() },
    logger: silent,
  };
  const deliverer = createNationalDeliverer({ portal, store, agencyNames, logger: silent });
  return (message: StoredMessage, recovered = false) =>
    relayMessage(
      deps,
      {
        channel: 'national',
        type: message.kind,
        version: 1,
        messageId: message.messageId,
        dossierCode: message.dossierCode,
        sequence: message.sequence,
        idempotencyKey: message.idempotencyKey,
        traceId: 't',
        replays: 0,
        ...(recovered ? { recovered: true } : {}),
      },
      deliverer,
    );
}

const summary = (calls: readonly Call[]) =>
  calls.map((call) =>
    call.kind === 'sync'
      ? `sync ${call.isUpdating ? 'True' : 'False'} ${call.record.TrangThaiHoSo}`
      : `row ${call.row.TrangThai}`,
  );

describe('national deliverer: a status change is the pair real clients send', () => {
  it('sends DongBoHoSoMC (update) with the whole current dossier, then the row', async () => {
    const dossier = aLife();
    const moved = { ...aStatusChange('e1', 'processing', 10), dueAt: '2025-03-21T17:00:00+07:00' };
    const [first, change] = await aStoredLife(dossier, [moved]);
    const { portal, calls } = aPortal();
    const send = relay(portal);
    expect(await send(first as StoredMessage)).toBe('delivered');
    expect(await send(change as StoredMessage)).toBe('delivered');

    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
    const update = calls[1];
    if (update?.kind !== 'sync') throw new Error('expected the update second');
    // The portal's NgayHenTra follows the moved due date; the unit goes by its name.
    expect(update.record).toMatchObject({
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
    const { portal, calls } = aPortal();
    const send = relay(portal);
    for (const message of messages) await send(message);
    const records = calls.flatMap((call) => (call.kind === 'sync' ? [call.record] : []));
    expect(records.at(-1)).toMatchObject({
      TrangThaiHoSo: '10',
      NgayKetThucXuLy: '20250314093000',
      NgayTra: '20250314103000',
      DanhSachGiayToKetQua: [expect.objectContaining({ GiayToId: 'kq-1', MaGiayToKetQua: 'KQ01' })],
    });
  });

  it('retries only the row when the update was taken and the row failed', async () => {
    const dossier = aLife();
    const [first, change] = await aStoredLife(dossier, [aStatusChange('e1', 'processing', 10)]);
    const { portal, calls, failures } = aPortal();
    const send = relay(portal);
    await send(first as StoredMessage);
    failures.nextRow = true;
    await expect(send(change as StoredMessage)).rejects.toThrow(/503/);
    expect(await store.getDeliveryProgress('national', dossier.dossierCode)).toMatchObject({
      deliveredSequence: 1,
      firstStepSequence: 2,
    });
    expect(await send(change as StoredMessage)).toBe('delivered');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
  });

  it('does not send the update again when its answer was lost: the look-up finds it, and the row follows', async () => {
    const dossier = aLife();
    const [first, change] = await aStoredLife(dossier, [aStatusChange('e1', 'processing', 10)]);
    const { portal, calls, failures } = aPortal();
    const send = relay(portal);
    await send(first as StoredMessage);
    failures.nextSyncAnswer = true;
    await expect(send(change as StoredMessage)).rejects.toThrow(/timeout/);
    expect(await send(change as StoredMessage)).toBe('delivered');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
    const history = await store.listHistory('national', dossier.dossierCode);
    const attempts = history.find((message) => message.sequence === 2)?.attempts ?? [];
    expect(attempts.at(-1)?.detail).toMatch(/TraCuuHoSo.*then CapNhatTienDoHoSoMC/);
  });

  it('treats a copy recovered after a crash like the next one: nothing is sent twice', async () => {
    const dossier = aLife();
    const [first, change] = await aStoredLife(dossier, [aStatusChange('e1', 'processing', 10)]);
    const { portal, calls } = aPortal();
    const send = relay(portal);
    await send(first as StoredMessage);
    await send(change as StoredMessage);
    expect(await send(change as StoredMessage, true)).toBe('duplicate');
    expect(summary(calls)).toEqual(['sync False 2', 'sync True 4', 'row 4']);
  });

  it('still delivers a status change stored in the v1 shape (no results, no supplement) as the pair', async () => {
    const dossier = aLife();
    const v1Change = {
      eventId: 'legacy-1',
      status: 'processing',
      at: '2025-03-14T09:00:00+07:00',
      handledBy: { name: 'Trần Thị Bình' },
    };
    const [first, change] = await aStoredLife(dossier, [v1Change]);
    const { portal, calls } = aPortal();
    const send = relay(portal);
    await send(first as StoredMessage);
    expect(await send(change as StoredMessage)).toBe('delivered');
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
    const { portal, calls } = aPortal();
    const send = relay(portal);
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
    const update = calls.find((call) => call.kind === 'sync' && call.isUpdating);
    expect(update?.kind === 'sync' && update.record.NgayHenTra).toBe(toNationalTimestamp(dossier.dueAt));
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
    const { portal, records, calls } = aPortal();
    const record = createNationalDeliverer({ portal, store, agencyNames, logger: silent });
    if (held !== 'none') {
      await record.deliver(
        resync,
        { deliveredSequence: 1, nationalSynced: false },
        { uncertain: false, recordFirstStep: async () => undefined },
      );
      const stored = records.get(dossier.dossierCode) as NationalDossier;
      if (held === 'stale') records.set(dossier.dossierCode, { ...stored, TrangThaiHoSo: '2' });
      calls.length = 0;
    }
    return { send: relay(portal), resync, calls };
  }

  it('updates a record the portal holds with another status', async () => {
    const { send, resync, calls } = await aResync('stale');
    await send(resync);
    expect(summary(calls)).toEqual(['sync True 4']);
  });

  it('creates the record again when the portal lost it', async () => {
    const { send, resync, calls } = await aResync('none');
    await send(resync);
    expect(summary(calls)).toEqual(['sync False 4']);
  });

  it('sends nothing when the portal already holds exactly this record', async () => {
    const { send, resync, calls } = await aResync('same');
    await send(resync);
    expect(calls).toEqual([]);
  });
});
