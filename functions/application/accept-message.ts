import { createHash } from 'node:crypto';
import type { QueueEnvelope } from '../../contracts/queue-envelope';
import { canonicalJson } from '../core/canonical-json';
import { decideAcceptance, type IncomingMessage } from '../core/decide-acceptance';
import type { Channel, MessageSummary, StoredMessage } from '../core/dossier-message';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { MessageQueue } from '../ports/message-queue';

export interface AcceptDependencies {
  readonly store: DossierStore;
  readonly queues: Readonly<Record<Channel, MessageQueue>>;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
}

export interface AcceptRequest extends Omit<IncomingMessage, 'requestHash' | 'idempotencyKey'> {
  readonly channel: Channel;
  readonly dossierCode: string;
  readonly agencyCode: string;
  /** The caller's Idempotency-Key header, if it sent one. */
  readonly idempotencyKey?: string;
  readonly payload: unknown;
  readonly traceId: string;
}

export interface AcceptResult {
  readonly message: MessageSummary;
  readonly replayed: boolean;
}

/** Concurrent writers to one dossier retry on a lost sequence race; this bounds the loop. */
const MAX_SEQUENCE_RACES = 8;

export function envelopeOf(
  message: MessageSummary,
  options: { recovered?: boolean; releasedAt?: string } = {},
): QueueEnvelope {
  return {
    channel: message.channel,
    type: message.kind,
    version: 1,
    messageId: message.messageId,
    dossierCode: message.dossierCode,
    sequence: message.sequence,
    idempotencyKey: message.idempotencyKey,
    traceId: message.traceId,
    replays: message.replays ?? 0,
    ...(options.recovered ? { recovered: true } : {}),
    ...(options.releasedAt ? { releasedAt: options.releasedAt } : {}),
  };
}

/**
 * Accepts one message about a dossier: decide (new, repeat or refused), store it at the next
 * sequence of its channel with a single conditional write, then enqueue. Once stored it is
 * accepted: if the enqueue fails or the process dies, the outbox sweeper finds it in the
 * store and enqueues it.
 */
export async function acceptMessage(deps: AcceptDependencies, request: AcceptRequest): Promise<AcceptResult> {
  const requestHash = createHash('sha256')
    .update(canonicalJson({ kind: request.kind, payload: request.payload }))
    .digest('base64url');
  const incoming: IncomingMessage = {
    kind: request.kind,
    idempotencyKey: request.idempotencyKey ?? request.naturalKey,
    naturalKey: request.naturalKey,
    requestHash,
    status: request.status,
    requiresExistingDossier: request.requiresExistingDossier,
    enforceTransitions: request.enforceTransitions,
    ...(request.version === undefined ? {} : { version: request.version }),
    ...(request.newDossierRefusal ? { newDossierRefusal: request.newDossierRefusal } : {}),
  };

  for (let race = 0; race < MAX_SEQUENCE_RACES; race += 1) {
    const history = await deps.store.listMessages(request.channel, request.dossierCode);
    const decision = decideAcceptance(history, incoming);
    if (decision.action === 'replay') {
      if (decision.original.state === 'accepted') await enqueue(deps, decision.original);
      return { message: decision.original, replayed: true };
    }
    const message: StoredMessage = {
      channel: request.channel,
      dossierCode: request.dossierCode,
      // A dossier keeps the agency it was first accepted under (codes change, DOMAIN.md 2025).
      agencyCode: history[0]?.agencyCode ?? request.agencyCode,
      sequence: decision.sequence,
      messageId: deps.newId(),
      kind: request.kind,
      idempotencyKey: incoming.idempotencyKey,
      naturalKey: incoming.naturalKey,
      requestHash,
      status: request.status,
      ...(request.version === undefined ? {} : { version: request.version }),
      acceptedAt: deps.clock.now().toISOString(),
      state: 'accepted',
      traceId: request.traceId,
      payload: request.payload,
    };
    try {
      await deps.store.appendMessage(message);
    } catch (error) {
      if (isGatewayError(error, 'sequence.taken')) continue;
      throw error;
    }
    await enqueue(deps, message);
    return { message, replayed: false };
  }
  throw new GatewayError(
    'dependency.unavailable',
    `too many concurrent writers on dossier ${request.dossierCode}`,
    {
      retryAfterSeconds: 1,
    },
  );
}

export async function enqueue(
  deps: Pick<AcceptDependencies, 'queues' | 'logger'>,
  message: MessageSummary,
  options: Parameters<typeof envelopeOf>[1] = {},
): Promise<void> {
  try {
    await deps.queues[message.channel].send(envelopeOf(message, options));
  } catch (error) {
    // Stored is accepted: the sweeper re-enqueues from the store, so the caller still gets 2xx.
    deps.logger.warn('enqueue failed; the outbox sweeper will retry', {
      dossierCode: message.dossierCode,
      sequence: message.sequence,
      error: (error as Error).message,
    });
  }
}
