import { describe, expect, it } from 'vitest';
import type { DriftFinding, DriftRunReport } from '../../contracts/drift-check';
import type { DossierView } from '../../contracts/provincial-api';
import { consoleSessionOf } from '../support/console-sign-in';
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import { setFaults } from '../support/receiver';
import { callGateway, eventually, useTestRuntime } from '../support/test-runtime';

/**
 * Issue 11, part 4, end to end: the portal simulator acknowledges a status update and loses
 * it; the drift check notices; an administrator re-syncs from the console with one click; the
 * portal holds the gateway's status again; the next check resolves the finding.
 */

const started = useTestRuntime();

const call = (token: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
  callGateway(started.runtime, token, method, path, body);

const portalStatusOf = (dossierCode: string) =>
  started.runtime.simulators.nationalPortal.dossiers.get(dossierCode)?.TrangThaiHoSo;

/** Waits until the gateway has delivered everything of a dossier to the portal (or parked it). */
const settled = (dossierCode: string, state: DossierView['sync']['state'] = 'synced') =>
  eventually(async () => {
    const view = (await (
      await call(started.token, 'GET', `/v1/dossiers/${dossierCode}`)
    ).json()) as DossierView;
    return view.sync.state === state ? view : undefined;
  }, 20_000);

async function synced(dossier: ReturnType<typeof aDossier>) {
  expect((await call(started.token, 'POST', '/v1/dossiers', dossier)).status).toBe(202);
  await settled(dossier.dossierCode);
}

const runCheck = async () => {
  await started.runtime.runSchedule('drift-check');
  const runs = (await (await call(started.admin, 'GET', '/v1/admin/drift-runs?limit=1')).json()) as {
    items: DriftRunReport[];
  };
  return runs.items[0] as DriftRunReport;
};

const findings = async (state: DriftFinding['state']) =>
  (
    (await (await call(started.admin, 'GET', `/v1/admin/drift-findings?state=${state}`)).json()) as {
      items: DriftFinding[];
    }
  ).items;

/** An operator (re-syncs) signed in through the embedded identity provider. */
const consoleSession = () => consoleSessionOf(started.runtime, 'operator@demo');

describe('drift check', () => {
  const drifting = aDossier();
  const faithful = aDossier();
  const parked = aDossier();

  it('reports a status update the portal acknowledged and lost, and skips dossiers with messages in flight', async () => {
    await synced(drifting);
    await synced(faithful);
    await synced(parked);
    // A change the portal refuses stays parked: the portal is expected to differ, so no finding.
    await setFaults(started.runtime.urls.nationalPortal, { reject: true });
    await call(
      started.token,
      'POST',
      `/v1/dossiers/${parked.dossierCode}/status`,
      aStatusChange('p-1', 'processing', 5),
    );
    await settled(parked.dossierCode, 'parked');
    await setFaults(started.runtime.urls.nationalPortal, {});

    await fetch(`${started.runtime.urls.nationalPortal}/_sim/silent-drops`, {
      method: 'POST',
      body: JSON.stringify({ MaHoSo: drifting.dossierCode, count: 1 }),
    });
    await call(
      started.token,
      'POST',
      `/v1/dossiers/${drifting.dossierCode}/status`,
      aStatusChange('d-1', 'processing', 5),
    );
    const view = await settled(drifting.dossierCode);
    expect(view.nationalStatus).toBe('processing');
    expect(portalStatusOf(drifting.dossierCode)).toBe('2');

    const report = await runCheck();
    expect(report).toMatchObject({
      sampled: 3,
      checked: 2,
      skippedInFlight: 1,
      agreed: 1,
      drifted: 1,
      missingAtPortal: 0,
      errors: 0,
      opened: 1,
    });
    expect(await findings('open')).toEqual([
      expect.objectContaining({
        dossierCode: drifting.dossierCode,
        kind: 'status',
        ourStatus: 'processing',
        portalStatus: '2',
        resyncs: 0,
      }),
    ]);
  });

  it('keeps one open finding when the next check still sees the drift', async () => {
    const report = await runCheck();
    expect(report).toMatchObject({ drifted: 1, opened: 0, resolved: 0 });
    expect(await findings('open')).toHaveLength(1);
  });

  it('re-syncs from the console with one click, and the next check resolves the finding', async () => {
    const cookie = await consoleSession();
    const page = await (
      await fetch(`${started.runtime.urls.gateway}/admin/drift`, { headers: { cookie } })
    ).text();
    const action = `/admin/drift/${drifting.dossierCode}/resync`;
    expect(page).toContain(`action="${action}"`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

    const clicked = await fetch(`${started.runtime.urls.gateway}${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie,
        origin: started.runtime.urls.gateway,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(clicked.status).toBe(303);
    expect(clicked.headers.get('location')).toMatch(/^\/admin\/drift\?done=/);
    expect(await findings('resynced')).toEqual([
      expect.objectContaining({
        dossierCode: drifting.dossierCode,
        resyncs: 1,
        resyncedBy: 'Trần Văn Vận Hành (operator@demo)',
      }),
    ]);

    await eventually(async () => (portalStatusOf(drifting.dossierCode) === '4' ? true : undefined), 20_000);
    await settled(drifting.dossierCode);
    const view = (await (
      await call(started.admin, 'GET', `/v1/admin/dossiers/${drifting.dossierCode}`)
    ).json()) as DossierView;
    expect(
      view.timeline.filter((entry) => entry.kind === 'dossier.resync').map((entry) => entry.outcome),
    ).toEqual(['accepted', 'delivered']);

    const report = await runCheck();
    expect(report).toMatchObject({ drifted: 0, resolved: 1, errors: 0 });
    expect(await findings('open')).toEqual([]);
    expect(await findings('resolved')).toEqual([
      expect.objectContaining({ dossierCode: drifting.dossierCode, state: 'resolved', resyncs: 1 }),
    ]);
    const audit = (await (await call(started.admin, 'GET', '/v1/admin/audit')).json()) as {
      items: { action: string; target: string; actor: unknown }[];
    };
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'driftFinding.resync',
        target: drifting.dossierCode,
        actor: { type: 'person', subject: 'operator@demo', name: 'Trần Văn Vận Hành' },
      }),
    );
  });

  it('refuses to re-sync a finding that is not open', async () => {
    const response = await call(
      started.admin,
      'POST',
      `/v1/admin/drift-findings/${drifting.dossierCode}/resync`,
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'driftFinding.notOpen' });
    const unknown = await call(
      started.admin,
      'POST',
      `/v1/admin/drift-findings/${faithful.dossierCode}/resync`,
    );
    expect(unknown.status).toBe(404);
  });

  it('finds a dossier the portal lost altogether, and re-syncs it through the API as a create', async () => {
    started.runtime.simulators.nationalPortal.dossiers.delete(faithful.dossierCode);
    const report = await runCheck();
    expect(report).toMatchObject({ missingAtPortal: 1, opened: 1 });
    const [missing] = await findings('open');
    expect(missing).toMatchObject({ dossierCode: faithful.dossierCode, kind: 'missing' });
    expect(missing?.portalStatus).toBeUndefined();

    const response = await call(
      started.admin,
      'POST',
      `/v1/admin/drift-findings/${faithful.dossierCode}/resync`,
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ finding: { state: 'resynced' }, sequence: 2 });
    await eventually(async () => (portalStatusOf(faithful.dossierCode) === '2' ? true : undefined), 20_000);
    await settled(faithful.dossierCode);
    const sent = started.runtime.simulators.nationalPortal.received
      .map((request) => request.body as { isUpdating?: unknown; data?: { MaHoSo: string }[] })
      .filter((body) => body.data?.some((item) => item.MaHoSo === faithful.dossierCode));
    expect(sent.at(-1)?.isUpdating).toBe('False');
    expect(await runCheck()).toMatchObject({ resolved: 1, missingAtPortal: 0 });
  });
});
