import type { AuditActor } from '../../contracts/admin-api';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import type { FailedMessage } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import { enqueue } from './accept-message';
import { describeActor } from './audit-actor';
import { type RelayDependencies, releaseHeldMessages } from './relay-message';

async function parkedMessage(deps: RelayDependencies, messageId: string): Promise<FailedMessage> {
  const failed = await deps.store.getFailedMessage(messageId);
  if (!failed)
    throw new GatewayError(
      'failedMessage.notFound',
      `Không có tin lỗi ${messageId} / No failed message ${messageId}`,
    );
  if (failed.status !== 'parked') {
    throw new GatewayError(
      'failedMessage.notParked',
      `Tin ${messageId} đã được ${failed.status} / Message was already ${failed.status}`,
    );
  }
  return failed;
}

/** Who replays a parked message, and the payload it should carry instead, if edited. */
export interface ReplayRequest {
  readonly actor: AuditActor;
  readonly editedPayload?: unknown;
}

/**
 * Sends a parked message again, optionally with an edited payload that must satisfy its
 * contract (the original is kept). It re-enters its dossier's order: later messages held
 * behind it follow once it is delivered.
 */
export async function replayFailedMessage(
  deps: RelayDependencies,
  messageId: string,
  options: ReplayRequest,
): Promise<FailedMessage> {
  const failed = await parkedMessage(deps, messageId);
  let edited: unknown;
  if (options.editedPayload !== undefined) {
    const schema = messagePayloadSchemas[failed.kind as keyof typeof messagePayloadSchemas];
    if (!schema) throw new GatewayError('request.invalid', `a ${failed.kind} message cannot be edited`);
    const parsed = schema.safeParse(options.editedPayload);
    if (!parsed.success) {
      throw new GatewayError(
        'request.invalid',
        'Nội dung sửa không hợp lệ / The edited payload breaks its contract',
        {
          fieldErrors: parsed.error.issues.map((issue) => ({
            path: `$.payload.${issue.path.join('.')}`,
            message: issue.message,
          })),
        },
      );
    }
    edited = parsed.data;
  }
  const at = deps.clock.now().toISOString();
  const revived = await deps.store.reviveParked(
    failed,
    {
      at,
      outcome: 'replayed',
      latencyMs: 0,
      detail: `replayed by ${describeActor(options.actor)}${edited === undefined ? '' : ' with an edited payload'}`,
    },
    edited,
  );
  await enqueue(deps, revived);
  return { ...failed, status: 'replayed' };
}

/** Skips a parked message for good (with a reason); the dossier's later messages go on. */
export async function discardFailedMessage(
  deps: RelayDependencies,
  messageId: string,
  options: { actor: AuditActor; reason: string },
): Promise<FailedMessage> {
  const failed = await parkedMessage(deps, messageId);
  const at = deps.clock.now().toISOString();
  await deps.store.discardParked(failed, {
    at,
    outcome: 'discarded',
    latencyMs: 0,
    detail: `discarded by ${describeActor(options.actor)}: ${options.reason}`,
  });
  await releaseHeldMessages(deps, failed.channel, failed.dossierCode);
  return { ...failed, status: 'discarded' };
}
