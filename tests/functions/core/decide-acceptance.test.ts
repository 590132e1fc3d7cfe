import { describe, expect, it } from 'vitest';
import { decideAcceptance, type IncomingMessage } from '../../../functions/core/decide-acceptance';
import type { MessageSummary } from '../../../functions/core/dossier-message';
import { GatewayError } from '../../../functions/core/gateway-error';
import { refusal } from '../../support/refusal';

function accepted(sequence: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    channel: 'national',
    dossierCode: '000.00.12.H12-250314-0001',
    agencyCode: '000.00.12.H12',
    sequence,
    messageId: `m-${sequence}`,
    kind: 'dossier.sync',
    idempotencyKey: `version:${sequence}`,
    naturalKey: `version:${sequence}`,
    requestHash: `hash-${sequence}`,
    status: 'received',
    version: sequence,
    acceptedAt: '2025-03-14T01:30:00.000Z',
    state: 'accepted',
    traceId: 't',
    ...overrides,
  };
}

const incoming = (overrides: Partial<IncomingMessage> = {}): IncomingMessage => ({
  kind: 'dossier.sync',
  idempotencyKey: 'version:3',
  naturalKey: 'version:3',
  requestHash: 'hash-3',
  status: 'received',
  version: 3,
  requiresExistingDossier: false,
  enforceTransitions: true,
  ...overrides,
});

describe('decideAcceptance', () => {
  it('gives the first message of a dossier sequence 1', () => {
    expect(decideAcceptance([], incoming({ version: 1 }))).toEqual({ action: 'append', sequence: 1 });
  });

  it('appends after the last accepted message', () => {
    expect(decideAcceptance([accepted(1), accepted(2)], incoming())).toEqual({
      action: 'append',
      sequence: 3,
    });
  });

  it('answers a repeat with the original message instead of storing it again', () => {
    const history = [accepted(1), accepted(2)];
    const decision = decideAcceptance(
      history,
      incoming({ idempotencyKey: 'version:2', naturalKey: 'version:2', requestHash: 'hash-2', version: 2 }),
    );
    expect(decision).toEqual({ action: 'replay', original: history[1] });
  });

  it('treats the same version under a new Idempotency-Key with the same body as a repeat', () => {
    const history = [accepted(1)];
    const decision = decideAcceptance(
      history,
      incoming({ idempotencyKey: 'client:x:k', naturalKey: 'version:1', requestHash: 'hash-1', version: 1 }),
    );
    expect(decision.action).toBe('replay');
  });

  it('refuses a reused key with a different body as a conflict', () => {
    const error = refusal(() =>
      decideAcceptance(
        [accepted(1)],
        incoming({ idempotencyKey: 'version:1', naturalKey: 'version:1', requestHash: 'other', version: 1 }),
      ),
    );
    expect(error.code).toBe('idempotency.conflict');
    expect(error.details).toEqual({ messageId: 'm-1' });
  });

  it('refuses a version older than the newest accepted one', () => {
    const error = refusal(() => decideAcceptance([accepted(1), accepted(5)], incoming({ version: 3 })));
    expect(error.code).toBe('dossier.staleVersion');
    expect(error.details).toEqual({ acceptedVersion: 5 });
  });

  it('refuses a status change the status machine does not allow, naming the move', () => {
    const error = refusal(() =>
      decideAcceptance([accepted(1, { status: 'returned' })], incoming({ status: 'processing' })),
    );
    expect(error.code).toBe('dossier.transitionNotAllowed');
    expect(error.details).toMatchObject({ from: 'returned', to: 'processing' });
  });

  it('refuses a status change for a dossier the gateway has never seen', () => {
    const error = refusal(() =>
      decideAcceptance(
        [],
        incoming({ kind: 'dossier.status', requiresExistingDossier: true, naturalKey: 'event:e1' }),
      ),
    );
    expect(error.code).toBe('dossier.notFound');
  });

  it('checks a status event even to the same status: 4 -> 4 is a step, 2 -> 2 is not', () => {
    const event = { kind: 'dossier.status' as const, naturalKey: 'event:e9', idempotencyKey: 'event:e9' };
    const { version: _version, ...withoutVersion } = incoming(event);
    expect(
      decideAcceptance([accepted(1, { status: 'processing' })], { ...withoutVersion, status: 'processing' })
        .action,
    ).toBe('append');
    expect(
      refusal(() => decideAcceptance([accepted(1)], { ...withoutVersion, status: 'received' })).code,
    ).toBe('dossier.transitionNotAllowed');
  });

  it('lets the national side move a dossier without the provincial status machine', () => {
    const decision = decideAcceptance(
      [accepted(1, { status: 'returned' })],
      incoming({ status: 'processing', enforceTransitions: false }),
    );
    expect(decision.action).toBe('append');
  });

  it('lets a dossier be first seen in any status (vendors onboard dossiers mid-life)', () => {
    expect(decideAcceptance([], incoming({ status: 'processing', version: 7 }))).toEqual({
      action: 'append',
      sequence: 1,
    });
  });

  it('refuses a dossier it has never seen when its agency code is retired, and accepts its updates once seen', () => {
    const retired = new GatewayError('agency.retired', 'use 000.00.41.H12');
    expect(refusal(() => decideAcceptance([], incoming({ newDossierRefusal: retired })))).toBe(retired);
    expect(decideAcceptance([accepted(1), accepted(2)], incoming({ newDossierRefusal: retired }))).toEqual({
      action: 'append',
      sequence: 3,
    });
  });
});
