import { checkTransition } from '../../contracts/dossier-status';
import type { MessageSummary } from './dossier-message';
import { GatewayError } from './gateway-error';

export interface IncomingMessage
  extends Pick<
    MessageSummary,
    'kind' | 'idempotencyKey' | 'naturalKey' | 'requestHash' | 'status' | 'version'
  > {
  /** A status change needs the dossier to exist already; a dossier creates it. */
  readonly requiresExistingDossier: boolean;
  /** The provincial side is held to the status machine; the national side is the authority on its own moves. */
  readonly enforceTransitions: boolean;
  /** Why the dossier may not start if the gateway has never seen it (a retired agency code). */
  readonly newDossierRefusal?: GatewayError;
}

export type AcceptanceDecision =
  | { readonly action: 'append'; readonly sequence: number }
  | { readonly action: 'replay'; readonly original: MessageSummary };

/**
 * Decides, from the dossier's accepted history (ascending by sequence), whether a message
 * is new, a repeat of one already accepted, or refused. Pure: the store makes the decision
 * stick with a conditional write on the chosen sequence number, and on a lost race the
 * caller re-reads and decides again.
 */
export function decideAcceptance(
  history: readonly MessageSummary[],
  incoming: IncomingMessage,
): AcceptanceDecision {
  const sameKey = history.find(
    (message) =>
      message.idempotencyKey === incoming.idempotencyKey || message.naturalKey === incoming.naturalKey,
  );
  if (sameKey) {
    if (sameKey.requestHash === incoming.requestHash) return { action: 'replay', original: sameKey };
    throw new GatewayError(
      'idempotency.conflict',
      `Khóa ${sameKey.naturalKey === incoming.naturalKey ? incoming.naturalKey : 'Idempotency-Key'} đã dùng cho một nội dung khác / ` +
        `This key was already used for a different request (message ${sameKey.messageId}); send a new version or event id`,
      { details: { messageId: sameKey.messageId } },
    );
  }

  const latest = history.at(-1);
  if (!latest && incoming.newDossierRefusal) throw incoming.newDossierRefusal;
  if (!latest && incoming.requiresExistingDossier) {
    throw new GatewayError(
      'dossier.notFound',
      'Hồ sơ chưa được đồng bộ / The gateway has no such dossier yet: send it with POST /v1/dossiers first',
    );
  }
  if (incoming.version !== undefined) {
    const newestVersion = Math.max(0, ...history.map((message) => message.version ?? 0));
    if (incoming.version <= newestVersion) {
      throw new GatewayError(
        'dossier.staleVersion',
        `Phiên bản ${incoming.version} cũ hơn phiên bản đã nhận ${newestVersion} / ` +
          `Version ${incoming.version} is not newer than the accepted version ${newestVersion}`,
        { details: { acceptedVersion: newestVersion } },
      );
    }
  }
  // A status event is a move even to the same status (4 -> 4 is a new processing step, 2 -> 2
  // is not); a new version of the dossier only moves when its status differs.
  const moves = incoming.kind === 'dossier.status' || latest?.status !== incoming.status;
  if (incoming.enforceTransitions && latest && moves) {
    const verdict = checkTransition(latest.status, incoming.status);
    if (!verdict.allowed) {
      throw new GatewayError('dossier.transitionNotAllowed', verdict.reason, {
        details: { from: latest.status, to: incoming.status, allowedNext: verdict.allowedNext },
      });
    }
  }
  return { action: 'append', sequence: (latest?.sequence ?? 0) + 1 };
}
