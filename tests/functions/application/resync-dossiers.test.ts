import { beforeEach, describe, expect, it } from 'vitest';
import { RESYNC_LIMIT, resyncRequestSchema } from '../../../contracts/endpoint-operations';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { resyncDossiers } from '../../../functions/application/resync-dossiers';
import { sequentialIds } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import {
  acceptDossier,
  acceptStatusChange,
  aGatewayWorld,
  type GatewayWorld,
  relayQueue,
} from '../../support/use-case-fixtures';

/** Re-sync and backfill (issue 19) over the in-memory store, queues and audit log. */

const operator = { type: 'person', subject: 'op-1', name: 'Nguyễn Văn An' } as const;
let world: GatewayWorld;
let deps: GatewayWorld & { audit: ReturnType<typeof createInMemoryAuditLog> };

beforeEach(() => {
  world = aGatewayWorld();
  deps = { ...world, audit: createInMemoryAuditLog({ clock: world.clock, newId: sequentialIds('audit') }) };
});

const request = (body: unknown) => resyncRequestSchema.parse(body);

describe('re-syncing dossiers', () => {
  it('counts a reception range of one agency in a dry run, sending nothing', async () => {
    await acceptDossier(world, { dossierCode: '000.00.12.H12-250314-0001' });
    await acceptDossier(world, { dossierCode: '000.00.12.H12-250315-0002' });
    await acceptDossier(world, { dossierCode: '000.00.13.H12-250314-0003', agencyCode: '000.00.13.H12' });
    // The range reads the recent-dossiers list, which the relay writes as it delivers.
    await relayQueue(world, 'national');
    const queued = world.queues.national.sent.length;

    const result = await resyncDossiers(
      deps,
      request({
        receivedFrom: '2025-03-14',
        receivedTo: '2025-03-14',
        agencyCode: '000.00.12.H12',
        dryRun: true,
      }),
      operator,
    );

    expect(result).toMatchObject({
      dryRun: true,
      matched: 1,
      sample: ['000.00.12.H12-250314-0001'],
      sent: [],
    });
    expect(world.queues.national.sent).toHaveLength(queued);
    expect(deps.audit.entries).toEqual([]);
  });

  it('sends each dossier’s current state as a dossier.resync behind its earlier messages, and audits it', async () => {
    const { dossier } = await acceptDossier(world, { dossierCode: '000.00.12.H12-250314-0001' });
    await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));

    const result = await resyncDossiers(
      deps,
      request({ dossierCodes: [dossier.dossierCode, '000.00.12.H12-250314-0099'] }),
      operator,
    );

    expect(result.sent).toEqual([
      { dossierCode: dossier.dossierCode, messageId: expect.any(String), sequence: 3 },
    ]);
    expect(result.failed).toEqual([
      { dossierCode: '000.00.12.H12-250314-0099', error: expect.stringMatching(/holds no version/) },
    ]);
    const resent = await world.store.getMessage('national', dossier.dossierCode, 3);
    expect(resent).toMatchObject({ kind: 'dossier.resync', status: 'processing' });
    expect(world.queues.national.sent.at(-1)).toMatchObject({
      dossierCode: dossier.dossierCode,
      sequence: 3,
    });
    expect(deps.audit.entries).toEqual([
      expect.objectContaining({
        action: 'dossiers.resync',
        actor: operator,
        after: expect.objectContaining({ sent: [dossier.dossierCode] }),
      }),
    ]);
  });

  it('refuses a choice larger than one request sends, sending none of it', async () => {
    for (let n = 1; n <= RESYNC_LIMIT + 1; n += 1) {
      await acceptDossier(world, { dossierCode: `000.00.12.H12-250314-${String(n).padStart(4, '0')}` });
    }
    await relayQueue(world, 'national');
    const queued = world.queues.national.sent.length;

    await expect(
      resyncDossiers(deps, request({ receivedFrom: '2025-03-14', receivedTo: '2025-03-14' }), operator),
    ).rejects.toMatchObject({ code: 'request.invalid', fieldErrors: [{ path: '$.receivedTo' }] });
    expect(world.queues.national.sent).toHaveLength(queued);
  });

  it('refuses a request naming neither codes nor a complete range, or both', () => {
    const paths = (body: unknown) =>
      resyncRequestSchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({})).toEqual(['dossierCodes']);
    expect(paths({ receivedFrom: '2025-03-14' })).toEqual(['receivedTo']);
    expect(
      paths({
        dossierCodes: ['000.00.12.H12-250314-0001'],
        receivedFrom: '2025-03-14',
        receivedTo: '2025-03-14',
      }),
    ).toEqual(['receivedFrom']);
  });
});
