import { describe, expect, it } from 'vitest';
import {
  NATIONAL_PROGRESS_CHUNK,
  type NationalProgressRow,
  nationalErrorCodes,
} from '../../../contracts/national-portal';
import { createInMemoryNationalPortal } from '../../../functions/adapters/in-memory/national-portal';
import { createLgspNationalPortal } from '../../../functions/adapters/lgsp-national-portal';
import { createSessionNationalPortal } from '../../../functions/adapters/session-national-portal';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import type { NationalPortal } from '../../../functions/ports/national-portal';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';
import { inProcessFetch, lgspClient, portalAccount } from '../../support/in-process-portal';
import type { Implementation } from '../../support/port-contracts';
import { rejection } from '../../support/refusal';

/**
 * The NationalPortal contract (ADR 0002): the in-memory portal the use-case tests run on, and
 * both transports' adapters talking to the portal simulator (infra/simulators), in process.
 */
interface PortalUnderContract {
  readonly portal: NationalPortal;
  /** From now on (at least for the next call) the portal refuses the record, or fails for a while. */
  fail(kind: 'rejected' | 'transient'): Promise<void>;
}

const agency = '000.00.12.H12';
/** An error_code outside the rejected list: the portal's trouble, worth a retry. */
const UNLISTED_CODE = 999;

function simulated(connect: (simulator: NationalPortalSimulator) => NationalPortal): PortalUnderContract {
  const simulator = createNationalPortalSimulator({ ...portalAccount, lgspClient });
  return {
    portal: connect(simulator),
    async fail(kind) {
      const faults = kind === 'rejected' ? { reject: true } : { failRate: 1, failStatus: 500 };
      const answer = await simulator.app.request('/_sim/faults', {
        method: 'POST',
        body: JSON.stringify(faults),
      });
      expect(answer.status).toBe(200);
    },
  };
}

const implementations: Implementation<PortalUnderContract>[] = [
  {
    name: 'in memory',
    create: () => {
      const portal = createInMemoryNationalPortal();
      return {
        portal,
        async fail(kind) {
          portal.failNext(kind === 'rejected' ? nationalErrorCodes.wrongData : UNLISTED_CODE);
        },
      };
    },
  },
  {
    name: 'session transport + portal simulator',
    create: () =>
      simulated((simulator) =>
        createSessionNationalPortal({
          baseUrl: 'http://portal.test/',
          ...portalAccount,
          timeoutMs: 2000,
          fetch: inProcessFetch(simulator),
        }),
      ),
  },
  {
    name: 'LGSP transport + portal simulator',
    create: () =>
      simulated((simulator) =>
        createLgspNationalPortal({
          baseUrl: 'http://lgsp.test/',
          ...lgspClient,
          timeoutMs: 2000,
          fetch: inProcessFetch(simulator),
        }),
      ),
  },
];

describe.each(implementations)('national portal contract: $name', ({ create }) => {
  it('takes a new dossier, and then holds it for a look-up', async () => {
    const { portal } = create();
    const dossier = toNationalDossier(aDossier());

    expect(await portal.lookupDossier(agency, dossier.MaHoSo)).toBeUndefined();
    expect(await portal.syncDossier(agency, dossier, false)).toMatchObject({
      errorCode: nationalErrorCodes.ok,
      switchedToUpdate: false,
    });

    expect(await portal.lookupDossier(agency, dossier.MaHoSo)).toMatchObject({
      MaHoSo: dossier.MaHoSo,
      TrangThaiHoSo: dossier.TrangThaiHoSo,
    });
  });

  it('answers a first sync of a dossier it holds by switching to an update, which then holds', async () => {
    const { portal } = create();
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier(agency, dossier, false);

    const again = await portal.syncDossier(agency, { ...dossier, TrangThaiHoSo: '4' }, false);

    expect(again).toMatchObject({ errorCode: nationalErrorCodes.ok, switchedToUpdate: true });
    expect(await portal.lookupDossier(agency, dossier.MaHoSo)).toMatchObject({ TrangThaiHoSo: '4' });
  });

  it('rejects an update of a dossier it never had', async () => {
    const { portal } = create();

    const refused = await rejection(portal.syncDossier(agency, toNationalDossier(aDossier()), true));

    expect(refused.code).toBe('national.rejected');
  });

  it('takes the progress rows of a dossier it holds, more than one call carries', async () => {
    const { portal } = create();
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier(agency, dossier, false);

    const taken = await portal.updateProgress(
      agency,
      progressRows(dossier.MaHoSo, NATIONAL_PROGRESS_CHUNK + 1),
    );

    expect(taken).toMatchObject({ errorCode: nationalErrorCodes.ok });
  });

  it('rejects progress rows of a dossier it does not hold (error 201)', async () => {
    const { portal } = create();

    const refused = await rejection(portal.updateProgress(agency, progressRows(aDossier().dossierCode, 1)));

    expect(refused.code).toBe('national.rejected');
    expect(refused.details).toMatchObject({ nationalErrorCode: String(nationalErrorCodes.notFound) });
  });

  it('tells a rejected record (park it) from a failure worth a retry', async () => {
    const rejecting = create();
    await rejecting.fail('rejected');
    const refused = await rejection(
      rejecting.portal.syncDossier(agency, toNationalDossier(aDossier()), false),
    );
    expect(refused.code).toBe('national.rejected');

    const failing = create();
    await failing.fail('transient');
    const failed = await rejection(failing.portal.syncDossier(agency, toNationalDossier(aDossier()), false));
    expect(failed.code).toBe('national.transient');
  });
});

function progressRows(dossierCode: string, count: number): NationalProgressRow[] {
  return Array.from({ length: count }, (_, index) => ({
    MaHoSo: dossierCode,
    NguoiXuLy: 'Nguyễn Văn Bình',
    ChucDanh: 'Chuyên viên',
    ThoiDiemXuLy: `20250314${String(8 + (index % 10)).padStart(2, '0')}0000`,
    PhongBanXuLy: 'Phòng Tư pháp',
    NoiDungXuLy: `Bước ${index + 1}`,
    TrangThai: '2',
    NgayBatDau: '20250314080000',
    NgayKetThucTheoQuyDinh: '20250320170000',
  }));
}
