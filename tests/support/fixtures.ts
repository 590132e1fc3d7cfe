import type { StoredMessage } from '../../functions/core/dossier-message';

export { aDossier } from '../../infra/local/demo-dossier';

/** A stored dossier version of the national channel; tests override what they are about. */
export function aStoredMessage(
  dossierCode: string,
  sequence = 1,
  overrides: Partial<StoredMessage> = {},
): StoredMessage {
  return {
    channel: 'national',
    dossierCode,
    agencyCode: '000.00.12.H12',
    sequence,
    messageId: `${dossierCode}#${sequence}`,
    kind: 'dossier.sync',
    idempotencyKey: `version:${sequence}`,
    naturalKey: `version:${sequence}`,
    requestHash: `h${sequence}`,
    status: 'received',
    version: sequence,
    acceptedAt: '2025-03-14T01:00:00.000Z',
    state: 'accepted',
    traceId: 't',
    payload: {},
    ...overrides,
  };
}
