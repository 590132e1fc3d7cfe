import type { AccessTokens } from '../ports/access-tokens';
import type { ClientRegistry } from '../ports/client-registry';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { MessageQueue } from '../ports/message-queue';
import type { NationalPortal } from '../ports/national-portal';

export interface ApiDependencies {
  readonly store: DossierStore;
  readonly toNational: MessageQueue;
  readonly nationalPortal: NationalPortal;
  readonly clients: ClientRegistry;
  readonly tokens: AccessTokens;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
}
