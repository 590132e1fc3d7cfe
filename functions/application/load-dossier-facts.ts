import type { DossierStatus } from '../../contracts/dossier-status';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import {
  type DossierSubmission,
  dossierSubmissionSchema,
  type FeeLine,
  type StatusChange,
} from '../../contracts/provincial-api';
import { currentDossierOf, momentStatuses, type StatusMove } from '../core/current-dossier';
import type { MessageSummary, StoredMessage } from '../core/dossier-message';
import type { NationalRecordContext } from '../core/translate-dossier';
import type { AgencyNames } from '../ports/agency-names';
import type { DossierStore } from '../ports/dossier-store';
import type { NationalCodes } from './resolve-national-codes';

/** What payments need to know about a dossier, from its accepted messages. */
export interface DossierFacts {
  readonly dossierCode: string;
  /** The agency it was first accepted under (codes change; DOMAIN.md). */
  readonly agencyCode: string;
  /** The unit's name the latest version carries, if it carries one. */
  readonly agencyName?: string;
  readonly status: DossierStatus;
  readonly procedureCode?: string;
  readonly procedureName?: string;
  /** Fees the latest version of the dossier declares. */
  readonly fees: readonly FeeLine[];
}

const dossierKinds = new Set<MessageSummary['kind']>(['dossier.sync', 'dossier.submitted']);
/** National-channel kinds that carry a whole dossier: a version, or a drift re-sync of it. */
const versionKinds = new Set<MessageSummary['kind']>(['dossier.sync', 'dossier.resync']);

/** The newest stored version of a dossier among its messages (ascending), with its payload. */
export async function latestDossierVersion(
  store: DossierStore,
  messages: readonly MessageSummary[],
): Promise<StoredMessage | undefined> {
  const latest = messages.filter((message) => dossierKinds.has(message.kind)).at(-1);
  return latest ? store.getMessage(latest.channel, latest.dossierCode, latest.sequence) : undefined;
}

/**
 * The dossier as the gateway knows it: from the province (national channel) or, for a dossier
 * submitted online on the portal, from the portal (province channel). Undefined when unknown.
 */
export async function loadDossierFacts(
  store: DossierStore,
  dossierCode: string,
): Promise<DossierFacts | undefined> {
  const national = await store.listMessages('national', dossierCode);
  const messages = national.length > 0 ? national : await store.listMessages('province', dossierCode);
  const first = messages[0];
  const latest = messages.at(-1);
  if (!first || !latest) return undefined;
  const stored = await latestDossierVersion(store, messages);
  const dossier = dossierSubmissionSchema.safeParse(stored?.payload);
  return {
    dossierCode,
    agencyCode: first.agencyCode,
    status: latest.status,
    ...(dossier.success
      ? {
          procedureCode: dossier.data.procedureCode,
          procedureName: dossier.data.procedureName,
          ...(dossier.data.agencyName ? { agencyName: dossier.data.agencyName } : {}),
        }
      : {}),
    fees: dossier.success ? (dossier.data.fees ?? []) : [],
  };
}

/** What the national record of a dossier is built from at one message of its national channel. */
export interface NationalRecordFacts {
  /** The dossier as it stands once the message applies: its latest version, the changes after it applied. */
  readonly dossier: DossierSubmission;
  readonly context: NationalRecordContext;
}

/**
 * The whole current dossier at message `at` of the national channel (DESIGN.md v1.1): the
 * latest version at or before it, the status changes after that version applied (status,
 * promised date, results, supplements), the status moves the national end-of-processing,
 * return and refusal dates are derived from, whether the gateway settled a payment of it, and
 * the unit name the gateway knows. Only what is at or before `at` counts, so a retry of the same
 * message builds the same record. Undefined when no version is stored (expired by retention).
 */
export async function loadNationalRecord(
  deps: {
    readonly store: DossierStore;
    readonly agencyNames: AgencyNames;
    /** The mappings to national codes; without them the codes go as the province sent them. */
    readonly nationalCodes?: NationalCodes;
  },
  at: StoredMessage,
): Promise<NationalRecordFacts | undefined> {
  // A message an administrator discarded was never meant to reach the portal: it changes nothing.
  // Only messages at or before `at` count, so the first message is its whole history: a new
  // dossier's sync needs no query (issue 24).
  const listed = at.sequence === 1 ? [at] : await deps.store.listMessages('national', at.dossierCode);
  const history = listed.filter(
    (message) => message.sequence <= at.sequence && message.state !== 'discarded',
  );
  const version = history.filter((message) => versionKinds.has(message.kind)).at(-1);
  if (!version) return undefined;
  const payloadOf = async (summary: MessageSummary): Promise<unknown> =>
    summary.sequence === at.sequence
      ? at.payload
      : (await deps.store.getMessage('national', summary.dossierCode, summary.sequence))?.payload;

  const statusMessages = history.filter(
    (message) =>
      message.kind === 'dossier.status' &&
      (message.sequence > version.sequence || momentStatuses.includes(message.status)),
  );
  const [versionPayload, ...changePayloads] = await Promise.all([
    payloadOf(version),
    ...statusMessages.map(payloadOf),
  ]);
  const versionParsed = dossierSubmissionSchema.safeParse(versionPayload);
  if (!versionParsed.success) return undefined;
  const changes = new Map<number, StatusChange>();
  statusMessages.forEach((message, index) => {
    const change = messagePayloadSchemas['dossier.status'].safeParse(changePayloads[index]);
    if (change.success) changes.set(message.sequence, change.data);
  });

  const moves: StatusMove[] = [];
  history.forEach((message, index) => {
    if (!momentStatuses.includes(message.status)) return;
    const change = changes.get(message.sequence);
    if (change) moves.push({ status: change.status, at: change.at });
    // A version moves the status only when it differs from the one before it.
    else if (versionKinds.has(message.kind) && history[index - 1]?.status !== message.status)
      moves.push({ status: message.status, at: message.acceptedAt });
  });

  const laterChanges = statusMessages
    .filter((message) => message.sequence > version.sequence)
    .flatMap((message) => changes.get(message.sequence) ?? []);
  const current = currentDossierOf(versionParsed.data, laterChanges, at.status);
  const agencyName = current.agencyName ? undefined : await deps.agencyNames.nameOf(current.agencyCode);
  // MaLinhVuc and TenLinhVuc from the national catalogue when the province sends no field.
  const field = current.fieldCode ? undefined : await deps.agencyNames.fieldOf?.(current.procedureCode);
  const dossier = await toNationalCodes(deps.nationalCodes, field ? { ...current, ...field } : current);
  return {
    dossier,
    context: {
      ...(agencyName ? { agencyName } : {}),
      moves,
      paidThroughGateway: history.some(
        (message) => message.kind === 'payment.progress' && message.naturalKey.endsWith(':paid'),
      ),
    },
  };
}

/**
 * MaTTHC and MaLinhVuc as the portal lists them: the province's codes through its mappings,
 * at delivery time, so a mapping fixed by an administrator applies to a replay. The stored
 * dossier keeps the province's own codes.
 */
async function toNationalCodes(
  codes: NationalCodes | undefined,
  dossier: DossierSubmission,
): Promise<DossierSubmission> {
  if (!codes) return dossier;
  const [procedure, field] = await Promise.all([
    codes.procedure(dossier.procedureCode),
    dossier.fieldCode === undefined ? undefined : codes.field(dossier.fieldCode),
  ]);
  return {
    ...dossier,
    procedureCode: procedure.code,
    ...(field ? { fieldCode: field.code } : {}),
  };
}
