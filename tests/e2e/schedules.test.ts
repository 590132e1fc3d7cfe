import { describe, expect, it } from 'vitest';
import { scheduleSpecs } from '../../functions/wiring/schedule-specs';
import { aDossier } from '../support/fixtures';
import { eventually, tokenFor, useTestRuntime } from '../support/test-runtime';

/** Schedules through the local runtime's admin API (issue 19 item 3; DESIGN.md "Operating the gateway"). */
const started = useTestRuntime();

async function asAdmin(method: 'GET' | 'POST', path: string) {
  const token = await tokenFor(started.runtime, 'demo-admin', 'demo-admin-secret');
  return fetch(`${started.runtime.urls.gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
}

interface Listed {
  name: string;
  everySeconds: number;
  lastRun: null | {
    trigger: string;
    outcome: string;
    requestedBy?: string;
    report?: Record<string, unknown>;
  };
}

async function schedules(): Promise<Map<string, Listed>> {
  const response = await asAdmin('GET', '/v1/admin/schedules');
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: Listed[] };
  return new Map(items.map((item) => [item.name, item]));
}

describe('schedules in the admin API', () => {
  it('lists every scheduled function of the topology with its interval', async () => {
    const listed = await schedules();

    expect([...listed.keys()].sort()).toEqual(scheduleSpecs.map((spec) => spec.name).sort());
    expect(listed.get('deadline-watch')?.everySeconds).toBe(900);
  });

  it('runs one now, answers its report, keeps it as the last run and audits who asked', async () => {
    const response = await asAdmin('POST', '/v1/admin/schedules/outbox-sweeper/runs');

    expect(response.status).toBe(201);
    const run = (await response.json()) as Listed['lastRun'];
    expect(run).toMatchObject({ trigger: 'manual', requestedBy: 'demo-admin', outcome: 'succeeded' });
    expect(run?.report).toHaveProperty('reEnqueued');
    expect((await schedules()).get('outbox-sweeper')?.lastRun).toEqual(run);
    const audit = await asAdmin('GET', '/v1/admin/audit?limit=10');
    expect(audit.status, await audit.clone().text()).toBe(200);
    const { items } = (await audit.json()) as { items: { action: string; target: string; actor: string }[] };
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'schedule.run',
        target: 'outbox-sweeper',
        actor: { type: 'client', clientId: 'demo-admin' },
      }),
    );
  });

  it('keeps a timer run as the last run too', async () => {
    await started.runtime.runSchedule('drift-check');

    expect((await schedules()).get('drift-check')?.lastRun).toMatchObject({
      trigger: 'schedule',
      outcome: 'succeeded',
    });
  });

  it('answers 404 naming the schedules there are for a name the topology does not have', async () => {
    const response = await asAdmin('POST', '/v1/admin/schedules/coffee-machine/runs');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('schedule.notFound');
    expect(problem.errors[0]?.message).toContain('deadline-watch');
  });

  it('sends one notice when two runs of the deadline watch overlap (each notice is claimed by its natural key)', async () => {
    const agencyCode = '000.00.33.H12';
    const dossierCode = `${agencyCode}-250404-0001`;
    const accepted = await fetch(`${started.runtime.urls.gateway}/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        aDossier({
          dossierCode,
          agencyCode,
          receivedAt: '2025-04-04T08:00:00+07:00',
          dueAt: '2025-04-08T09:00:00+07:00',
        }),
      ),
    });
    expect(accepted.status).toBe(202);
    await eventually(async () =>
      (await started.runtime.deps.store.getDeliveryProgress('national', dossierCode)).deliveredSequence === 1
        ? true
        : undefined,
    );

    // Friday 4 April 10:00 (Vietnam): the next working day is the promised Tuesday, so it is due soon.
    const event = { time: '2025-04-04T03:00:00Z' };
    const runs = (await Promise.all([
      started.runtime.runSchedule('deadline-watch', event),
      started.runtime.runSchedule('deadline-watch', event),
    ])) as { dueSoon: number }[];

    expect(runs.reduce((sum, run) => sum + run.dueSoon, 0)).toBe(1);
  });
});
