import { randomBytes } from 'node:crypto';
import type { AuditActor } from '../../contracts/admin-api';
import type {
  SecretRotation,
  SystemChange,
  SystemCredentials,
  SystemKind,
  SystemRegistration,
  SystemView,
} from '../../contracts/connected-systems';
import type { Scope } from '../../contracts/oauth';
import type { FieldError } from '../../contracts/problem';
import { grantsOverlap } from '../core/agency-grants';
import { hashClientSecret } from '../core/client-secret';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import type { AuditLog } from '../ports/audit-log';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';
import type { Clock } from '../ports/clock';
import type { ConnectedSystem, ConnectedSystems, SecretSealer } from '../ports/connected-systems';

export interface ConnectedSystemDependencies {
  readonly systems: ConnectedSystems;
  readonly clients: ClientRegistry;
  readonly sealer: SecretSealer;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Throws GatewayError (why in its message) for a URL the gateway must not deliver to. */
  readonly checkWebhookUrl: (url: string) => Promise<void>;
}

/** What each kind may do unless the registration names scopes. */
const defaultScopes: Readonly<Record<SystemKind, readonly Scope[]>> = {
  province: ['dossiers:write', 'payments:write', 'feedback:write'],
  national: ['national:push'],
  admin: ['admin'],
};

/** Secrets the caller already holds (the local runtime's demo credentials), instead of new ones. */
export interface KnownSecrets {
  readonly clientSecret: string;
  readonly webhookSecret?: string;
}

const newClientSecret = () => randomBytes(32).toString('base64url');
/** Standard Webhooks: whsec_ and 24 to 64 random bytes in base64. */
const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const newSystemId = (kind: SystemKind) => `${kind}-${randomBytes(5).toString('hex')}`;

function invalid(fieldErrors: FieldError[]): GatewayError {
  return new GatewayError(
    'request.invalid',
    `Yêu cầu không hợp lệ / ${fieldErrors.map((error) => `${error.path}: ${error.message}`).join('; ')}`,
    { fieldErrors },
  );
}

function notFound(id: string): GatewayError {
  return new GatewayError('system.notFound', `Không có hệ thống ${id} / No connected system ${id}`, {
    fieldErrors: [{ path: '$.id', message: 'no connected system with this id' }],
  });
}

/** A view for lists and pages: everything but the secrets, of which not even a hash is shown. */
export function viewOf(system: ConnectedSystem, client: RegisteredClient | undefined, now: Date): SystemView {
  const previousWebhook = system.webhookSecrets.find(
    (secret) => secret.validUntil && Date.parse(secret.validUntil) > now.getTime(),
  );
  const previousClient = client?.previousSecret;
  return {
    systemId: system.clientId,
    clientId: system.clientId,
    name: system.name,
    kind: system.kind,
    agencies: [...system.agencies],
    scopes: [...system.scopes],
    ...(system.webhookUrl ? { webhookUrl: system.webhookUrl } : {}),
    disabled: system.disabled,
    createdAt: system.createdAt,
    updatedAt: system.updatedAt,
    ...(previousClient && Date.parse(previousClient.validUntil) > now.getTime()
      ? { previousClientSecretValidUntil: previousClient.validUntil }
      : {}),
    ...(previousWebhook?.validUntil ? { previousWebhookSecretValidUntil: previousWebhook.validUntil } : {}),
  };
}

/** What the audit log keeps of a system: its settings, never a secret. */
function auditedSettings(system: ConnectedSystem) {
  const { clientId, name, kind, agencies, scopes, webhookUrl, disabled } = system;
  return { clientId, name, kind, agencies, scopes, ...(webhookUrl ? { webhookUrl } : {}), disabled };
}

/** The rules a system's settings obey whoever sets them (registration or change). */
function checkSettings(
  kind: SystemKind,
  agencies: readonly string[],
  scopes: readonly Scope[],
  webhookUrl?: string,
) {
  const errors: FieldError[] = [];
  if (kind === 'province' && agencies.length === 0) {
    errors.push({ path: '$.agencies', message: 'a province system holds at least one agency grant' });
  }
  if (kind !== 'province' && agencies.length > 0) {
    errors.push({
      path: '$.agencies',
      message: `a ${kind} system acts for every agency; leave agencies empty`,
    });
  }
  if (kind !== 'province' && webhookUrl) {
    errors.push({ path: '$.webhookUrl', message: 'only province systems receive webhooks' });
  }
  if ((kind === 'national') !== scopes.includes('national:push')) {
    errors.push({ path: '$.scopes', message: 'national:push belongs to national systems, and they need it' });
  }
  if (errors.length > 0) throw invalid(errors);
}

export function createConnectedSystemOperations(deps: ConnectedSystemDependencies) {
  async function existing(id: string): Promise<ConnectedSystem> {
    const system = await deps.systems.find(id);
    if (!system) throw notFound(id);
    return system;
  }

  async function clientOf(system: ConnectedSystem): Promise<RegisteredClient> {
    const client = await deps.clients.findClient(system.clientId);
    // Both are written in one transaction; a system without its client is a broken store.
    if (!client) throw new Error(`connected system ${system.clientId} has no API client record`);
    return client;
  }

  /** An agency belongs to one enabled province system: refuse grants another one holds. */
  async function refuseOverlaps(clientId: string, agencies: readonly string[]) {
    const others = (await deps.systems.list()).filter(
      (other) => other.clientId !== clientId && other.kind === 'province' && !other.disabled,
    );
    for (const other of others) {
      const clash = agencies.find((grant) => other.agencies.some((held) => grantsOverlap(grant, held)));
      if (clash) {
        throw new GatewayError(
          'system.grantsOverlap',
          `Mã ${clash} trùng với hệ thống ${other.name} (${other.clientId}) / Grant ${clash} overlaps system ${other.name} (${other.clientId})`,
          {
            fieldErrors: [
              { path: `$.agencies[${agencies.indexOf(clash)}]`, message: `overlaps ${other.clientId}` },
            ],
            details: { otherSystem: { systemId: other.clientId, name: other.name } },
          },
        );
      }
    }
  }

  async function checkUrl(url: string | undefined) {
    if (!url) return;
    try {
      await deps.checkWebhookUrl(url);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      throw new GatewayError(
        'system.webhookUrlRefused',
        `Địa chỉ webhook không dùng được / ${error.message}`,
        { fieldErrors: [{ path: '$.webhookUrl', message: error.message }] },
      );
    }
  }

  const validUntil = (rotation: SecretRotation) =>
    new Date(deps.clock.now().getTime() + rotation.previousValidForSeconds * 1000).toISOString();

  /** A rotation: the new secret in place, the old one valid until the answer; saved and audited. */
  async function rotate(
    id: string,
    rotation: SecretRotation,
    actor: AuditActor,
    action: 'system.rotateClientSecret' | 'system.rotateWebhookSecret',
    replace: (
      system: ConnectedSystem,
      client: RegisteredClient,
      previousValidUntil: string,
    ) => Promise<{ system: ConnectedSystem; client: RegisteredClient }>,
  ): Promise<string> {
    const before = await existing(id);
    const previousValidUntil = validUntil(rotation);
    const replaced = await replace(before, await clientOf(before), previousValidUntil);
    const system = { ...replaced.system, updatedAt: deps.clock.now().toISOString() };
    await deps.systems.save(system, replaced.client, { updatedAt: before.updatedAt });
    await deps.audit.record({ actor, action, target: id, after: { previousValidUntil } });
    return previousValidUntil;
  }

  return {
    /** Registers a system and issues its secrets, answered this once. */
    async register(
      input: SystemRegistration,
      actor: AuditActor,
      known?: KnownSecrets,
    ): Promise<SystemCredentials> {
      const scopes = input.scopes ?? defaultScopes[input.kind];
      checkSettings(input.kind, input.agencies, scopes, input.webhookUrl);
      const clientId = input.systemId ?? newSystemId(input.kind);
      await refuseOverlaps(clientId, input.agencies);
      await checkUrl(input.webhookUrl);
      const clientSecret = known?.clientSecret ?? newClientSecret();
      const webhookSecret =
        input.kind === 'province' ? (known?.webhookSecret ?? newWebhookSecret()) : undefined;
      const now = deps.clock.now().toISOString();
      const system: ConnectedSystem = {
        clientId,
        name: input.name,
        kind: input.kind,
        agencies: input.agencies,
        scopes,
        ...(input.webhookUrl ? { webhookUrl: input.webhookUrl } : {}),
        disabled: false,
        createdAt: now,
        updatedAt: now,
        webhookSecrets: webhookSecret ? [{ sealed: await deps.sealer.seal(webhookSecret, clientId) }] : [],
      };
      const client: RegisteredClient = {
        clientId,
        secretHash: await hashClientSecret(clientSecret),
        scopes,
        agencies: input.agencies,
      };
      await deps.systems.save(system, client, { absent: true });
      await deps.audit.record({
        actor,
        action: 'system.register',
        target: clientId,
        after: auditedSettings(system),
      });
      return { systemId: clientId, clientId, clientSecret, ...(webhookSecret ? { webhookSecret } : {}) };
    },

    async list(): Promise<SystemView[]> {
      const now = deps.clock.now();
      const systems = await deps.systems.list();
      return Promise.all(
        systems.map(async (system) => viewOf(system, await deps.clients.findClient(system.clientId), now)),
      );
    },

    async show(id: string): Promise<SystemView> {
      const system = await existing(id);
      return viewOf(system, await deps.clients.findClient(id), deps.clock.now());
    },

    async change(id: string, input: SystemChange, actor: AuditActor): Promise<SystemView> {
      const before = await existing(id);
      const client = await clientOf(before);
      const after: ConnectedSystem = {
        ...before,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.agencies === undefined ? {} : { agencies: input.agencies }),
        ...(input.webhookUrl === undefined ? {} : { webhookUrl: input.webhookUrl }),
        ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
        updatedAt: deps.clock.now().toISOString(),
      };
      checkSettings(after.kind, after.agencies, after.scopes, after.webhookUrl);
      if (!after.disabled && (input.agencies !== undefined || input.disabled === false)) {
        await refuseOverlaps(id, after.agencies);
      }
      if (input.webhookUrl !== undefined) await checkUrl(input.webhookUrl);
      const changedClient: RegisteredClient = {
        ...client,
        agencies: after.agencies,
        disabled: after.disabled,
      };
      await deps.systems.save(after, changedClient, { updatedAt: before.updatedAt });
      await deps.audit.record({
        actor,
        action: 'system.change',
        target: id,
        before: auditedSettings(before),
        after: auditedSettings(after),
      });
      return viewOf(after, changedClient, deps.clock.now());
    },

    /** A new client secret; the current one keeps authenticating until `previousValidUntil`. */
    async rotateClientSecret(id: string, rotation: SecretRotation, actor: AuditActor) {
      const clientSecret = newClientSecret();
      const previousValidUntil = await rotate(
        id,
        rotation,
        actor,
        'system.rotateClientSecret',
        async (system, client, until) => ({
          system,
          client: {
            ...client,
            secretHash: await hashClientSecret(clientSecret),
            previousSecret: { secretHash: client.secretHash, validUntil: until },
          },
        }),
      );
      return { clientSecret, previousValidUntil };
    },

    /** A new signing secret; until `previousValidUntil` webhooks carry both signatures. */
    async rotateWebhookSecret(id: string, rotation: SecretRotation, actor: AuditActor) {
      const webhookSecret = newWebhookSecret();
      const previousValidUntil = await rotate(
        id,
        rotation,
        actor,
        'system.rotateWebhookSecret',
        async (system, client, until) => {
          if (system.kind !== 'province') {
            throw invalid([{ path: '$.id', message: `a ${system.kind} system receives no webhooks` }]);
          }
          const [current] = system.webhookSecrets;
          // One previous secret at a time: an older one still overlapping is dropped.
          const webhookSecrets = [
            { sealed: await deps.sealer.seal(webhookSecret, id) },
            ...(current ? [{ sealed: current.sealed, validUntil: until }] : []),
          ];
          return { system: { ...system, webhookSecrets }, client };
        },
      );
      return { webhookSecret, previousValidUntil };
    },
  };
}

export type ConnectedSystemOperations = ReturnType<typeof createConnectedSystemOperations>;
