import { describe, expect, it } from 'vitest';
import type { NationalDossier } from '../../contracts/national-portal';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import { pushNational } from '../../infra/local/demo-client';
import { aDossier } from '../support/fixtures';
import { received, setFaults } from '../support/receiver';
import { callGateway, eventually, tokenFor, useTestRuntime } from '../support/test-runtime';

/**
 * Operating a connected system's endpoint and re-sending dossiers (issue 19), through the whole
 * local runtime: the relay function on the SQS emulator, the provincial system simulator, the
 * table on the DynamoDB emulator. Pauses are looked at again every second here, not every 30.
 */

const started = useTestRuntime({
  endpointOperations: { pauseRecheckSeconds: 1, pausedRequeueAfterReceives: 3 },
});
const SYSTEM = 'demo-province';
const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
  callGateway(started.runtime, started.admin, method, path, body);

interface Hook {
  body: { id: string; type: string; data: { dossierCode?: string; applicant?: { name?: string } } };
}

async function hooksFor(dossierCode: string) {
  return (await received<Hook['body']>(started.runtime.urls.province)).filter(
    (request) => request.body.data.dossierCode === dossierCode,
  );
}

let serial = 0;
function anOnlineDossier(): NationalDossier {
  serial += 1;
  return {
    ...toNationalDossier(
      aDossier({
        channel: 'online',
        status: 'submitted',
        dossierCode: `000.00.12.H12-251201-${7000 + serial}`,
      }),
    ),
    MaDoiTuong: 'vneid-123',
  };
}

describe('endpoint operations, end to end', () => {
  it('pauses a system: pushes wait unattempted and unparked, then resume delivers them once each, in order', async () => {
    const national = await tokenFor(started.runtime, 'demo-national', 'demo-national-password');
    expect((await admin('POST', `/v1/admin/systems/${SYSTEM}/pause`)).status).toBe(200);
    const dossier = anOnlineDossier();
    const holders = ['Nguyễn Văn Một', 'Nguyễn Văn Hai', 'Nguyễn Văn Ba', 'Nguyễn Văn Bốn'];
    for (const holder of holders) {
      const response = await pushNational(
        started.runtime.urls.gateway,
        '/v1/national/dossiers',
        { ...dossier, ChuHoSo: holder },
        national,
      );
      expect(response.status).toBe(202);
    }

    // Several rechecks, past the point where a held message goes round the queue again.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await hooksFor(dossier.MaHoSo)).toEqual([]);
    const paused = (await (await admin('GET', `/v1/admin/systems/${SYSTEM}/deliveries`)).json()) as {
      paused: { by: string } | null;
      items: { dossierCode?: string }[];
    };
    expect(paused.paused).toMatchObject({ by: 'demo-admin' });
    expect(paused.items.filter((item) => item.dossierCode === dossier.MaHoSo)).toEqual([]);

    expect((await admin('POST', `/v1/admin/systems/${SYSTEM}/resume`)).status).toBe(200);
    const hooks = await eventually(async () => {
      const mine = await hooksFor(dossier.MaHoSo);
      return mine.length >= holders.length ? mine : undefined;
    }, 30_000);
    expect(new Set(hooks.map((hook) => hook.body.id)).size).toBe(holders.length);
    expect(hooks.map((hook) => hook.body.data.applicant?.name)).toEqual(holders);

    const failed = (await (await admin('GET', '/v1/admin/failed-messages?status=parked')).json()) as {
      items: { dossierCode: string }[];
    };
    expect(failed.items.filter((item) => item.dossierCode === dossier.MaHoSo)).toEqual([]);
    const log = (await (await admin('GET', `/v1/admin/systems/${SYSTEM}/deliveries?limit=50`)).json()) as {
      paused: unknown;
      items: { dossierCode?: string; outcome: string; attempt: number; httpStatus?: number }[];
    };
    expect(log.paused).toBeNull();
    expect(log.items.filter((item) => item.dossierCode === dossier.MaHoSo)).toEqual(
      holders.map(() => expect.objectContaining({ outcome: 'delivered', attempt: 1, httpStatus: 204 })),
    );
  }, 60_000);

  it('sends a signed ping and answers the endpoint’s status, a failing endpoint included', async () => {
    const ok = await admin('POST', `/v1/admin/systems/${SYSTEM}/webhook-test`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      status: 204,
      outcome: 'delivered',
      latencyMs: expect.any(Number),
    });
    const pings = (await received<Hook['body']>(started.runtime.urls.province)).filter(
      (request) => request.body.type === 'ping',
    );
    expect(pings).toHaveLength(1);

    await setFaults(started.runtime.urls.province, { failRate: 1, failStatus: 503 });
    try {
      const failing = await admin('POST', `/v1/admin/systems/${SYSTEM}/webhook-test`);
      expect(failing.status).toBe(200);
      expect(await failing.json()).toMatchObject({ status: 503, outcome: 'failed' });
    } finally {
      await setFaults(started.runtime.urls.province, {});
    }
    const audit = (await (await admin('GET', '/v1/admin/audit')).json()) as { items: { action: string }[] };
    expect(audit.items.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['system.webhookTest', 'system.pause', 'system.resume']),
    );
  });

  it('re-sends a dossier’s current state through its national channel; a dry run only counts', async () => {
    const dossier = aDossier({ dossierCode: '000.00.12.H12-250314-0901' });
    expect((await started.post('/v1/dossiers', dossier)).status).toBe(202);
    interface View {
      sync: { state: string };
      timeline: { kind: string; outcome: string }[];
    }
    const view = async () =>
      (await (await admin('GET', `/v1/admin/dossiers/${dossier.dossierCode}`)).json()) as View;
    await eventually(async () => ((await view()).sync.state === 'synced' ? true : undefined));

    const dry = await admin('POST', '/v1/admin/resyncs', {
      receivedFrom: '2025-03-14',
      receivedTo: '2025-03-14',
      agencyCode: '000.00.12.H12',
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      matched: 1,
      sample: [dossier.dossierCode],
      sent: [],
    });

    const run = await admin('POST', '/v1/admin/resyncs', { dossierCodes: [dossier.dossierCode] });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({
      matched: 1,
      sent: [{ dossierCode: dossier.dossierCode }],
      failed: [],
    });
    const resent = await eventually(async () => {
      const { timeline } = await view();
      return timeline.some((entry) => entry.kind === 'dossier.resync' && entry.outcome === 'delivered')
        ? timeline
        : undefined;
    });
    expect(
      resent.filter((entry) => entry.kind === 'dossier.resync' && entry.outcome === 'accepted'),
    ).toHaveLength(1);
  });

  it('refuses bad input with problem+json and field paths, and an unknown system with 404', async () => {
    const cases: [string, unknown, string][] = [
      ['/v1/admin/resyncs', {}, '$.dossierCodes'],
      ['/v1/admin/resyncs', { dossierCodes: ['nope'] }, '$.dossierCodes[0]'],
      ['/v1/admin/resyncs', { receivedFrom: '2025-12-02' }, '$.receivedTo'],
      ['/v1/admin/resyncs', { receivedFrom: '2025-12-05', receivedTo: '2025-12-01' }, '$.receivedTo'],
      ['/v1/admin/resyncs', { dossierCodes: [], dryRun: 'yes' }, '$.dryRun'],
      ['/v1/admin/resyncs', { dossierCodes: ['000.00.12.H12-250314-0901'], extra: 1 }, '$.extra'],
    ];
    for (const [path, body, field] of cases) {
      const response = await admin('POST', path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { errors: { path: string }[] };
      expect(
        problem.errors.map((error) => error.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const badLimit = await admin('GET', `/v1/admin/systems/${SYSTEM}/deliveries?limit=0`);
    expect(badLimit.status).toBe(400);
    const unknown = await admin('POST', '/v1/admin/systems/nobody/pause');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'system.notFound' });
    const badId = await admin('POST', `/v1/admin/systems/${encodeURIComponent('../x')}/pause`);
    expect(badId.status).toBe(400);
  });
});
