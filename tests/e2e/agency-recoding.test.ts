import { describe, expect, it } from 'vitest';
import shipped from '../../config/agency-recoding.json' with { type: 'json' };
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import { nationalTimeline, received } from '../support/receiver';
import { pushedToProvince } from '../support/relay-dossier';
import { eventually, useTestRuntime } from '../support/test-runtime';

/**
 * The 2025 re-coding through the whole local runtime, with the table shipped in
 * config/agency-recoding.json (a district of H13 abolished into a commune of the demo province
 * H12 from 2025-07-01). The runtime runs on the real clock, which is past that day.
 */
const RETIRED = '000.00.31.H13';
const REPLACEMENT = '000.00.41.H12';

const started = useTestRuntime();
const { post } = started;

describe('agency codes after the 2025 reorganisation, end to end', () => {
  it('ships the row these tests rely on', () => {
    expect(shipped.rows).toContainEqual(
      expect.objectContaining({
        retiredCode: RETIRED,
        replacementCode: REPLACEMENT,
        effectiveFrom: '2025-07-01',
      }),
    );
  });

  it('refuses a new dossier under the retired code, naming the replacement, and relays nothing', async () => {
    const dossier = aDossier({ dossierCode: `${RETIRED}-250801-0001`, agencyCode: RETIRED });
    const response = await post('/v1/dossiers', dossier);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as {
      code: string;
      replacementCode: string;
      errors: { path: string; message: string }[];
    };
    expect(problem.code).toBe('agency.retired');
    expect(problem.replacementCode).toBe(REPLACEMENT);
    expect(problem.errors[0]).toEqual({
      path: '$.agencyCode',
      message: expect.stringContaining(REPLACEMENT),
    });
    expect(await nationalTimeline(started.runtime.urls.nationalPortal, dossier.dossierCode)).toEqual([]);
  });

  it('relays a dossier issued before the change, and its update and status change, under the old code', async () => {
    const dossier = aDossier({ dossierCode: `${RETIRED}-250615-0001`, agencyCode: RETIRED });
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    expect((await post('/v1/dossiers', { ...dossier, version: 2, status: 'processing' })).status).toBe(202);
    expect(
      (
        await post(
          `/v1/dossiers/${dossier.dossierCode}/status`,
          aStatusChange('evt-old-code-1', 'resolved', 90),
        )
      ).status,
    ).toBe(202);

    // The status change is the update (the whole dossier at status 9), then its row.
    const timeline = await eventually(async () => {
      const calls = await nationalTimeline(started.runtime.urls.nationalPortal, dossier.dossierCode);
      return calls.length >= 4 ? calls : undefined;
    });
    expect(timeline).toEqual(['sync:2', 'sync:4', 'sync:9', 'progress:9@20250314100000']);
    const units = (await received<{ madonvi?: string }>(started.runtime.urls.nationalPortal))
      .filter((request) => JSON.stringify(request.body).includes(dossier.dossierCode))
      .map((request) => request.body.madonvi);
    // madonvi is the portal account's own unit [OCPS syncData]; the old code travels in MaHoSo.
    expect(new Set(units)).toEqual(new Set(['000.00.00.H12']));
  });

  it('delivers the portal’s push for an old-code dossier to the system owning the replacement', async () => {
    const webhook = await pushedToProvince(started.runtime, `${RETIRED}-250620-0001`, RETIRED);
    expect(webhook.body.type).toBe('dossier.submitted');
  });
});
