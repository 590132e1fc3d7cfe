import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import type { DeadlineNoticeData } from '../../contracts/webhooks';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { received } from '../support/receiver';
import { deskChange, relayDossier } from '../support/relay-dossier';
import { eventually, startTestRuntime, tokenFor } from '../support/test-runtime';

let runtime: LocalRuntime;
let province: string;
beforeAll(async () => {
  runtime = await startTestRuntime();
  province = await tokenFor(runtime);
});
afterAll(() => runtime.stop());

const post = (path: string, body: unknown) =>
  fetch(`${runtime.urls.gateway}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const change = deskChange;
const relay = (dossier: DossierSubmission, changes: StatusChange[]) =>
  relayDossier(runtime, province, dossier, changes);

interface Notice {
  body: {
    id: string;
    type: string;
    data: Pick<
      DeadlineNoticeData,
      'dossierCode' | 'dueAt' | 'workingDaysLeft' | 'workingDaysLate' | 'scorecard'
    >;
  };
}

describe('deadline notices across the Hùng Kings holiday weekend (Mon 7 April 2025)', () => {
  const agencyCode = '000.00.32.H12';
  const code = (n: number) => `${agencyCode}-250403-${String(n).padStart(4, '0')}`;
  // Received Thursday 3 April, promised Tuesday 8 April 09:00.
  const base = { agencyCode, receivedAt: '2025-04-03T08:00:00+07:00', dueAt: '2025-04-08T09:00:00+07:00' };
  const watchAt = (time: string) => runtime.runSchedule('deadline-watch', { time });
  const notices = async (dossierCode: string) =>
    (await received<Notice['body']>(runtime.urls.province))
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
    // Thursday 10:00: the next working day is Friday, before the promised Tuesday.
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
    // The scorecard's warning rides on the notice: 2.1 is lost unless finished by the promised
    // date; once that has passed, 2.1 is late already and no longer named.
    expect(sent[0]?.data.scorecard).toContainEqual(
      expect.objectContaining({ indicator: '2.1', handleBy: '2025-04-08T09:00:00+07:00' }),
    );
    expect(sent[1]?.data.scorecard?.map((item) => item.indicator) ?? []).not.toContain('2.1');
    expect(await notices(code(2))).toEqual([]);
    expect(await notices(code(3))).toEqual([]);
  }, 60_000);

  it('starts new notices when the promised date moves', async () => {
    const extended = change('processing', '2025-04-08T10:00:00+07:00', {
      dueAt: '2025-04-10T17:00:00+07:00',
    });
    expect((await post(`/v1/dossiers/${code(1)}/status`, extended)).status).toBe(202);
    await eventually(async () =>
      (await runtime.deps.store.getDeliveryProgress('national', code(1))).deliveredSequence === 3
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
