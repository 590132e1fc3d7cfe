import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import { aDossier } from '../support/fixtures';
import { received } from '../support/receiver';
import { eventually, useTestRuntime } from '../support/test-runtime';

const started = useTestRuntime();
const { post } = started;

let events = 0;
const change = (
  status: StatusChange['status'],
  at: string,
  extra: Partial<StatusChange> = {},
): StatusChange => ({
  eventId: `evt-${++events}`,
  status,
  at,
  handledBy: { name: 'Trần Thị Bình' },
  ...extra,
});

/** Sends a dossier and its status changes, then waits until the portal has all of them. */
async function relay(dossier: DossierSubmission, changes: StatusChange[]) {
  expect((await post('/v1/dossiers', dossier)).status).toBe(202);
  for (const next of changes) {
    expect((await post(`/v1/dossiers/${dossier.dossierCode}/status`, next)).status).toBe(202);
  }
  await eventually(async () =>
    (await started.runtime.deps.store.getDeliveryProgress('national', dossier.dossierCode))
      .deliveredSequence ===
    changes.length + 1
      ? true
      : undefined,
  );
}

async function indicators(query: string) {
  const response = await fetch(`${started.runtime.urls.gateway}/v1/admin/indicators?${query}`, {
    headers: { authorization: `Bearer ${started.admin}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    agencies: ({ agencyCode: string; procedures: Record<string, unknown>[] } & Record<string, unknown>)[];
  };
}

describe('indicators per agency and procedure', () => {
  const agencyCode = '000.00.31.H12';
  const code = (n: number) => `${agencyCode}-250314-${String(n).padStart(4, '0')}`;
  const base = { agencyCode, receivedAt: '2025-03-14T08:30:00+07:00', dueAt: '2025-03-17T17:00:00+07:00' };

  beforeAll(async () => {
    await Promise.all([
      // Finished on time, then returned: counted once.
      relay(aDossier({ ...base, dossierCode: code(1) }), [
        change('processing', '2025-03-14T09:00:00+07:00'),
        change('resolved', '2025-03-17T10:00:00+07:00'),
        change('returned', '2025-03-18T10:00:00+07:00'),
      ]),
      // Submitted online, finished late on the 19th.
      relay(aDossier({ ...base, dossierCode: code(2), channel: 'online' }), [
        change('processing', '2025-03-14T09:00:00+07:00'),
        change('resolved', '2025-03-19T10:00:00+07:00'),
      ]),
      // Still in progress, under another procedure.
      relay(
        aDossier({
          ...base,
          dossierCode: code(3),
          procedureCode: '1.001234.000.00.00.H12',
          procedureName: 'Cấp phép',
        }),
        [change('processing', '2025-03-14T09:00:00+07:00')],
      ),
      // Received, then withdrawn: neither finished nor in progress.
      relay(aDossier({ ...base, dossierCode: code(4) }), [change('withdrawn', '2025-03-15T09:00:00+07:00')]),
      // Submitted online and refused at intake: not received.
      relay(aDossier({ ...base, dossierCode: code(5), channel: 'online', status: 'submitted' }), [
        change('refused', '2025-03-14T15:00:00+07:00'),
      ]),
    ]);
  }, 60_000);

  it('follows the national definitions over a month', async () => {
    const { agencies } = await indicators(`from=2025-03-01&to=2025-03-31&agencyCode=${agencyCode}`);
    expect(agencies).toHaveLength(1);
    expect(agencies[0]).toMatchObject({
      agencyCode,
      received: 4,
      receivedOnline: 1,
      finished: 2,
      finishedOnTime: 1,
      finishedLate: 1,
      inProgress: 1,
      refused: 1,
      onTimeRate: 0.5,
      onlineShare: 0.25,
    });
    expect(agencies[0]?.procedures.map((row) => [row.procedureCode, row.received, row.inProgress])).toEqual([
      ['1.001234.000.00.00.H12', 1, 1],
      ['1.010708.000.00.00.H12', 3, 0],
    ]);
  });

  it('cuts a later period: only what happened in it, and what was still open at its end', async () => {
    const { agencies } = await indicators(`from=2025-03-18&to=2025-03-31&agencyCode=${agencyCode}`);
    expect(agencies[0]).toMatchObject({
      received: 0,
      finished: 1,
      finishedLate: 1,
      inProgress: 1,
      refused: 0,
    });
    // At the end of the 15th, the late dossier was not finished yet: two in progress.
    const early = await indicators(`from=2025-03-14&to=2025-03-15&agencyCode=${agencyCode}`);
    expect(early.agencies[0]).toMatchObject({ received: 4, finished: 0, inProgress: 3 });
  });

  it('lists every agency it has seen when none is asked for', async () => {
    const { agencies } = await indicators('from=2025-03-01&to=2025-03-31');
    expect(agencies.map((agency) => agency.agencyCode)).toContain(agencyCode);
  });

  it('refuses a reversed period with a field path', async () => {
    const response = await fetch(
      `${started.runtime.urls.gateway}/v1/admin/indicators?from=2025-03-31&to=2025-03-01`,
      {
        headers: { authorization: `Bearer ${started.admin}` },
      },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await response.json())).toContain('from');
  });
});

interface Notice {
  body: {
    id: string;
    type: string;
    data: { dossierCode: string; dueAt: string; workingDaysLeft?: number; workingDaysLate?: number };
  };
}

describe('deadline notices across the Hùng Kings holiday weekend (Mon 7 April 2025)', () => {
  const agencyCode = '000.00.32.H12';
  const code = (n: number) => `${agencyCode}-250403-${String(n).padStart(4, '0')}`;
  // Received Thursday 3 April, promised Tuesday 8 April 09:00.
  const base = { agencyCode, receivedAt: '2025-04-03T08:00:00+07:00', dueAt: '2025-04-08T09:00:00+07:00' };
  const watchAt = (time: string) => started.runtime.runSchedule('deadline-watch', { time });
  const notices = async (dossierCode: string) =>
    (await received<Notice['body']>(started.runtime.urls.province))
      .filter((request) => request.body.data.dossierCode === dossierCode)
      .map((request) => request.body);

  beforeAll(async () => {
    await Promise.all([
      relay(aDossier({ ...base, dossierCode: code(1) }), [change('processing', '2025-04-03T09:00:00+07:00')]),
      // Waiting for the citizen's documents: the clock is stopped, no notice.
      relay(aDossier({ ...base, dossierCode: code(2) }), [
        change('awaiting_supplement', '2025-04-03T09:00:00+07:00'),
      ]),
      // Finished in time: nothing to watch.
      relay(aDossier({ ...base, dossierCode: code(3) }), [
        change('processing', '2025-04-03T09:00:00+07:00'),
        change('resolved', '2025-04-04T09:00:00+07:00'),
      ]),
    ]);
  }, 60_000);

  it('sends due_soon on Friday because Monday is a holiday, once, then overdue on Tuesday, once', async () => {
    // Thursday 10:00: the next working day is Friday, before the promised Tuesday. (The March
    // dossier above still in progress is long overdue: that is its notice, not this one's.)
    expect(await watchAt('2025-04-03T03:00:00Z')).toMatchObject({ dueSoon: 0 });
    // Friday 10:00: the next working day is Tuesday (Saturday, Sunday, the holiday Monday skipped).
    expect(await watchAt('2025-04-04T03:00:00Z')).toMatchObject({ dueSoon: 1, overdue: 0 });
    expect(await watchAt('2025-04-04T03:15:00Z')).toMatchObject({ dueSoon: 0, overdue: 0 });
    // Tuesday 09:15: late.
    expect(await watchAt('2025-04-08T02:15:00Z')).toMatchObject({ dueSoon: 0, overdue: 1 });
    expect(await watchAt('2025-04-08T02:30:00Z')).toMatchObject({ dueSoon: 0, overdue: 0 });

    const sent = await eventually(async () => {
      const found = await notices(code(1));
      return found.length === 2 ? found : undefined;
    });
    expect(sent.map((notice) => notice.type)).toEqual(['dossier.due_soon', 'dossier.overdue']);
    expect(sent[0]?.data).toMatchObject({ dueAt: '2025-04-08T09:00:00+07:00', workingDaysLeft: 1 });
    expect(sent[1]?.data).toMatchObject({ workingDaysLate: 0 });
    expect(await notices(code(2))).toEqual([]);
    expect(await notices(code(3))).toEqual([]);
  }, 60_000);

  it('starts new notices when the promised date moves', async () => {
    const extended = change('processing', '2025-04-08T10:00:00+07:00', {
      dueAt: '2025-04-10T17:00:00+07:00',
    });
    expect((await post(`/v1/dossiers/${code(1)}/status`, extended)).status).toBe(202);
    await eventually(async () =>
      (await started.runtime.deps.store.getDeliveryProgress('national', code(1))).deliveredSequence === 3
        ? true
        : undefined,
    );
    // Wednesday 17:00: the promised Thursday 17:00 is one working day away.
    expect(await watchAt('2025-04-09T03:00:00Z')).toMatchObject({ dueSoon: 0 });
    expect(await watchAt('2025-04-09T10:00:00Z')).toMatchObject({ dueSoon: 1 });
    const sent = await eventually(async () => {
      const found = await notices(code(1));
      return found.length === 3 ? found : undefined;
    });
    expect(sent[2]).toMatchObject({ type: 'dossier.due_soon', data: { dueAt: '2025-04-10T17:00:00+07:00' } });
  }, 60_000);
});
