import type { AuditActor } from '../../contracts/admin-api';
import { maskPersonalData } from '../core/mask-personal-data';
import type { AccessTokenClaims } from '../ports/access-tokens';

/** The audit log's name for whoever holds these claims: the person, or else the API client. */
export function actorOf(caller: AccessTokenClaims): AuditActor {
  return caller.person
    ? { type: 'person', subject: caller.person.subject, name: caller.person.name }
    : { type: 'client', clientId: caller.clientId };
}

/** One line for a person reading a record: "Name (subject)" or the client id. */
export function describeActor(actor: AuditActor): string {
  if (actor.type === 'person') return `${actor.name} (${actor.subject})`;
  return actor.type === 'client' ? actor.clientId : `anonymous ${actor.address}`;
}

/** An entry as a reader sees it: edited payloads in it masked unless the reader holds pii:read. */
export function auditEntryFor<Entry extends { before?: unknown; after?: unknown }>(
  reader: AccessTokenClaims,
  entry: Entry,
): Entry {
  if (reader.scopes.includes('pii:read')) return entry;
  return {
    ...entry,
    ...(entry.before === undefined ? {} : { before: maskPersonalData(entry.before) }),
    ...(entry.after === undefined ? {} : { after: maskPersonalData(entry.after) }),
  };
}
