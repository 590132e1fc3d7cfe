import { describe, expect, it } from 'vitest';
import { inboundProgressRowSchema } from '../../../contracts/national-portal';
import {
  acceptNationalDossier,
  acceptNationalStatus,
} from '../../../functions/application/accept-national-push';
import { aGatewayWorld, aNationalPush, H12 } from '../../support/use-case-fixtures';

/** What the portal pushes to the gateway: dossiers submitted online, and status steps made there. */

const aProgressRow = (dossierCode: string, overrides: Record<string, string> = {}) =>
  inboundProgressRowSchema.parse({
    ...(inboundProgressRowSchema.meta()?.example as object),
    MaHoSo: dossierCode,
    ...overrides,
  });

describe('a dossier submitted on the portal', () => {
  it('is accepted for the province that owns the agency its MaHoSo starts with', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush();

    const { message } = await acceptNationalDossier(world, push, 'trace');

    expect(message).toMatchObject({ channel: 'province', kind: 'dossier.submitted', agencyCode: H12 });
    expect(world.queues.province.sent).toEqual([expect.objectContaining({ dossierCode: push.MaHoSo })]);
    expect((await world.store.getMessage('province', push.MaHoSo, 1))?.payload).toMatchObject({
      dossierCode: push.MaHoSo,
      channel: 'online',
    });
  });

  it('takes the same push twice as a repeat, and a changed push as a new event', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush();
    await acceptNationalDossier(world, push, 'trace');

    const repeat = await acceptNationalDossier(world, push, 'trace');
    const changed = await acceptNationalDossier(world, { ...push, TrichYeuHoSo: 'Bổ sung' }, 'trace');

    expect(repeat.replayed).toBe(true);
    expect(changed.message.sequence).toBe(2);
  });

  it('refuses a dossier of an agency no provincial system owns, storing nothing', async () => {
    const world = aGatewayWorld();
    const push = aNationalPush({ dossierCode: '000.00.31.H13-250314-0001', agencyCode: '000.00.31.H13' });

    const refused = acceptNationalDossier(world, push, 'trace');

    await expect(refused).rejects.toMatchObject({ code: 'province.notRegistered' });
    expect(await world.store.listMessages('province', push.MaHoSo)).toEqual([]);
  });
});

describe('a status step made on the portal', () => {
  it('becomes a status_changed event for the owning province, once however often it is pushed', async () => {
    const world = aGatewayWorld();
    const row = aProgressRow(`${H12}-250314-0042`);

    const first = await acceptNationalStatus(world, row, H12, 'trace');
    const again = await acceptNationalStatus(world, row, H12, 'trace');

    expect(first.message).toMatchObject({ kind: 'dossier.status_changed', status: 'received' });
    expect(again).toMatchObject({ replayed: true, message: { messageId: first.message.messageId } });
  });

  it('takes a later step of the same dossier as the next event', async () => {
    const world = aGatewayWorld();
    const dossierCode = `${H12}-250314-0043`;
    await acceptNationalStatus(world, aProgressRow(dossierCode), H12, 'trace');

    const { message } = await acceptNationalStatus(
      world,
      aProgressRow(dossierCode, { TrangThai: '4', ThoiDiemXuLy: '20250314110000' }),
      H12,
      'trace',
    );

    expect(message).toMatchObject({ sequence: 2, status: 'processing' });
  });
});
