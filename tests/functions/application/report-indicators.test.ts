import { describe, expect, it } from 'vitest';
import { reportIndicators } from '../../../functions/application/report-indicators';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  H12,
  relayQueue,
} from '../../support/use-case-fixtures';

/** The indicators report over the moments deliveries recorded (the figures are core/indicators'). */

describe('reporting indicators', () => {
  it('reports every agency it has moments of, from what the portal was actually given', async () => {
    const world = aGatewayWorld();
    const { dossier: finished } = await acceptDossier(world);
    await acceptStatusChange(world, finished.dossierCode, aStatusChange('e1', 'processing', 10));
    await acceptStatusChange(world, finished.dossierCode, aStatusChange('e2', 'resolved', 60));
    await acceptDossier(world);
    await acceptDossier(world, { agencyCode: '000.00.13.H12', dossierCode: '000.00.13.H12-250314-0001' });
    await relayQueue(world, 'national');

    const report = await reportIndicators(world, { from: '2025-03-01', to: '2025-03-31' });

    expect(
      report.agencies.map((row) => [row.agencyCode, row.received, row.finishedOnTime, row.inProgress]),
    ).toEqual([
      [H12, 2, 1, 1],
      ['000.00.13.H12', 1, 0, 1],
    ]);
  });

  it('reports one agency when asked, and counts nothing the period does not hold', async () => {
    const world = aGatewayWorld();
    await acceptDossier(world);
    await relayQueue(world, 'national');

    const report = await reportIndicators(world, { from: '2025-04-01', to: '2025-04-30', agencyCode: H12 });

    expect(report.agencies).toEqual([
      expect.objectContaining({ agencyCode: H12, received: 0, inProgress: 1 }),
    ]);
  });
});
