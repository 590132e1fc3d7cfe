import type { DossierStatus } from '../../contracts/dossier-status';
import type { FeeLine } from '../../contracts/provincial-api';
import { dossierSubmissionSchema } from '../../contracts/provincial-api';
import type { MessageSummary, StoredMessage } from '../core/dossier-message';
import type { DossierStore } from '../ports/dossier-store';

/** What payments need to know about a dossier, from its accepted messages. */
export interface DossierFacts {
  readonly dossierCode: string;
  /** The agency it was first accepted under (codes change; DOMAIN.md). */
  readonly agencyCode: string;
  readonly status: DossierStatus;
  readonly procedureCode?: string;
  readonly procedureName?: string;
  /** Fees the latest version of the dossier declares. */
  readonly fees: readonly FeeLine[];
}

const dossierKinds = new Set<MessageSummary['kind']>(['dossier.sync', 'dossier.submitted']);

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
      ? { procedureCode: dossier.data.procedureCode, procedureName: dossier.data.procedureName }
      : {}),
    fees: dossier.success ? (dossier.data.fees ?? []) : [],
  };
}
