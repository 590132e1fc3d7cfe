import { describe, expect, it } from 'vitest';
import {
  nationalKeys,
  onePerWebhookId,
  provinceKeys,
  receiverReport,
  setAsideRowsResentUnconfirmed,
} from '../../bench/soak-report';

const code = '000.00.12.H12-250314-0000';
const webhook = (id: string, type: string, data: Record<string, unknown> = {}) => ({
  headers: { 'webhook-id': id },
  body: { id, type, data: { dossierCode: code, ...data } },
});

describe("the soak's province report", () => {
  it("does not count the deadline watch's own notices as relayed messages (a run at each start sends them)", () => {
    const received = [
      webhook('a', 'dossier.overdue'),
      webhook('b', 'payment.succeeded', { paymentId: 'p1' }),
    ];
    const report = receiverReport(
      new Set([`${code}#payment`]),
      provinceKeys(onePerWebhookId(received)),
      0,
      0,
      0,
    );
    expect(report).toMatchObject({ delivered: 1, duplicatedAtReceiver: 0, duplicatedKeys: [] });
  });

  it('counts each citizen feedback item once, and names one the province got twice under two webhook-ids', () => {
    const feedback = (id: string) => ({
      headers: { 'webhook-id': id },
      body: { id, type: 'feedback.received', data: { feedbackId: '900001' } },
    });
    const once = receiverReport(
      new Set(['PAKN.900001#feedback']),
      provinceKeys(onePerWebhookId([feedback('a')])),
      0,
      0,
      0,
    );
    const twice = receiverReport(
      new Set(['PAKN.900001#feedback']),
      provinceKeys(onePerWebhookId([feedback('a'), feedback('b')])),
      0,
      0,
      0,
    );
    const never = receiverReport(new Set(['PAKN.900001#feedback']), provinceKeys([]), 0, 0, 0);

    expect(once).toMatchObject({ delivered: 1, lost: 0, duplicatedAtReceiver: 0 });
    expect(twice).toMatchObject({ duplicatedAtReceiver: 1, duplicatedKeys: ['PAKN.900001#feedback'] });
    expect(never).toMatchObject({ delivered: 0, lost: 1 });
  });

  it('names a message the province got twice under two webhook-ids', () => {
    const received = [
      webhook('a', 'dossier.status_changed', { nationalStatusCode: 4 }),
      webhook('b', 'dossier.status_changed', { nationalStatusCode: 4 }),
      webhook('b', 'dossier.status_changed', { nationalStatusCode: 4 }),
    ];
    const report = receiverReport(
      new Set([`${code}#status-4`]),
      provinceKeys(onePerWebhookId(received)),
      0,
      0,
      0,
    );
    expect(report).toMatchObject({ duplicatedAtReceiver: 1, duplicatedKeys: [`${code}#status-4`] });
  });
});

describe("the soak's portal report", () => {
  const row = (at: string, answerLost = false) => ({
    at,
    body: {
      service: 'CapNhatTienDoHoSoMC',
      data: [{ MaHoSo: code, ThoiDiemXuLy: '20250314083100', NoiDungXuLy: '' }],
    },
    ...(answerLost ? { answerLost } : {}),
  });
  const update = (at: string) => ({
    at,
    body: { service: 'DongBoHoSoMC', data: [{ MaHoSo: code, NgayHenTra: '20250321170000' }] },
  });
  const kill = [{ at: new Date('2026-12-02T08:45:01.392Z'), exitedAt: new Date('2026-12-02T08:45:01.600Z') }];

  it.each([
    {
      name: 'sets apart a row resent after the gateway was killed between the portal answer and its record (ADR 0013)',
      calls: [row('2026-12-02T08:45:01.179Z'), row('2026-12-02T08:45:13.510Z')],
      kills: kill,
      counted: 1,
      rowsResentUnconfirmed: 1,
    },
    {
      name: 'sets apart a row the portal read from the wire after the kill, before the process was seen gone',
      calls: [row('2026-12-02T08:45:01.500Z'), row('2026-12-02T08:45:13.510Z')],
      kills: kill,
      counted: 1,
      rowsResentUnconfirmed: 1,
    },
    {
      name: 'still counts a row resent after the restart when the portal took it well before the kill',
      calls: [row('2026-12-02T08:44:40.000Z'), row('2026-12-02T08:45:13.510Z')],
      kills: kill,
      counted: 2,
      rowsResentUnconfirmed: 0,
    },
    {
      name: 'still counts a row resent after a kill when a later call of its dossier proves the relay recorded it',
      calls: [
        row('2026-12-02T08:45:00.900Z'),
        update('2026-12-02T08:45:01.100Z'),
        row('2026-12-02T08:45:13.510Z'),
      ],
      kills: kill,
      counted: 3,
      rowsResentUnconfirmed: 0,
    },
    {
      name: 'sets apart one resend per lost answer, not every later copy',
      calls: [
        row('2026-12-02T08:40:00.000Z', true),
        row('2026-12-02T08:40:20.000Z'),
        row('2026-12-02T08:40:40.000Z'),
      ],
      kills: [],
      counted: 2,
      rowsResentUnconfirmed: 1,
    },
  ])('$name', ({ calls, kills, counted, rowsResentUnconfirmed }) => {
    const setAside = setAsideRowsResentUnconfirmed(calls, kills);

    expect({
      counted: setAside.counted.length,
      rowsResentUnconfirmed: setAside.rowsResentUnconfirmed,
    }).toEqual({
      counted,
      rowsResentUnconfirmed,
    });
  });

  it('still counts a dossier update resent after a kill: TraCuuHoSo can tell that it landed', () => {
    const { counted } = setAsideRowsResentUnconfirmed(
      [update('2026-12-02T08:45:01.179Z'), update('2026-12-02T08:45:13.510Z')],
      kill,
    );
    expect(counted).toHaveLength(2);
  });

  it('keys feedback replies by item and state, in order, and sets apart one resent after a lost answer (ADR 0018)', () => {
    const reply = (at: string, state: string, answerLost = false) => ({
      at,
      body: { service: 'DongBoKetQuaHoiDapGuiTuDVCQG', data: [{ HOIDAPID: '900001', TRANGTHAI: state }] },
      ...(answerLost ? { answerLost } : {}),
    });
    const { counted, rowsResentUnconfirmed } = setAsideRowsResentUnconfirmed(
      [
        reply('2026-12-02T08:40:00.000Z', '2'),
        reply('2026-12-02T08:40:05.000Z', '5', true),
        reply('2026-12-02T08:40:20.000Z', '5'),
      ],
      [],
    );
    const report = receiverReport(
      new Set(['PAKN.900001#2', 'PAKN.900001#5']),
      nationalKeys(counted),
      0,
      0,
      rowsResentUnconfirmed,
    );
    const swapped = receiverReport(
      new Set(['PAKN.900001#2', 'PAKN.900001#5']),
      nationalKeys([reply('2026-12-02T08:40:00.000Z', '5'), reply('2026-12-02T08:40:05.000Z', '2')]),
      0,
      0,
      0,
    );

    expect(report).toMatchObject({
      delivered: 2,
      lost: 0,
      duplicatedAtReceiver: 0,
      rowsResentUnconfirmed: 1,
      outOfOrder: 0,
    });
    expect(swapped.outOfOrder).toBe(1);
  });

  it('sets apart one resend per lost answer, not every later copy', () => {
    const { counted, rowsResentUnconfirmed } = setAsideRowsResentUnconfirmed(
      [
        row('2026-12-02T08:40:00.000Z', true),
        row('2026-12-02T08:40:20.000Z'),
        row('2026-12-02T08:40:40.000Z'),
      ],
      [],
    );
    expect({ counted: counted.length, rowsResentUnconfirmed }).toEqual({
      counted: 2,
      rowsResentUnconfirmed: 1,
    });
  });
});
