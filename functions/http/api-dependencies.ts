import type { Context } from 'hono';
import type { AdminDependencies } from '../application/admin-operations';
import type { ConnectedSystemOperations } from '../application/manage-connected-systems';
import type { EndpointOperationsDependencies } from '../application/operate-endpoints';
import type { PaymentSettings } from '../application/payment-dependencies';
import type { ScorecardDependencies } from '../application/record-scorecard';
import type { NationalCodes } from '../application/resolve-national-codes';
import type { ScheduleOperations } from '../application/run-schedule';
import type { AgencyRecoding } from '../core/agency-recoding';
import type { Channel } from '../core/dossier-message';
import type { WorkingCalendar } from '../core/working-calendar';
import type { AccessTokens } from '../ports/access-tokens';
import type { AgencyNames } from '../ports/agency-names';
import type { BusinessMetrics } from '../ports/business-metrics';
import type { CatalogueStore } from '../ports/catalogue-store';
import type { ClientRegistry } from '../ports/client-registry';
import type { Clock } from '../ports/clock';
import type { CodeMappings } from '../ports/code-mappings';
import type { DossierStore } from '../ports/dossier-store';
import type { DriftRecords } from '../ports/drift-records';
import type { FeedbackStore } from '../ports/feedback-store';
import type { Logger } from '../ports/logger';
import type { MessageQueue } from '../ports/message-queue';
import type { NationalPortal } from '../ports/national-portal';
import type { PaymentPlatform } from '../ports/payment-platform';
import type { PaymentStore } from '../ports/payment-store';
import type { PersonSignIn } from '../ports/person-sign-in';
import type { ProvinceSystems } from '../ports/province-systems';
import type { ThroughputStats } from '../ports/queue-monitor';
import type { ReconciliationReports } from '../ports/reconciliation-reports';
import type { HttpSecurity } from './http-security';

/**
 * What the API function's parts need (createApiApp: the provincial API, the national endpoints,
 * tokens, health): its wiring builds only these (functions/wiring/build-api-dependencies.ts).
 */
export interface SystemsApiDependencies {
  readonly store: DossierStore;
  readonly queues: Readonly<Record<Channel, MessageQueue>>;
  readonly nationalPortal: NationalPortal;
  readonly provinceSystems: ProvinceSystems;
  readonly clients: ClientRegistry;
  readonly tokens: AccessTokens;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Addresses the national portal may push from (exact or CIDR); empty refuses every push. */
  readonly nationalPushAllowList: readonly string[];
  /** Payments (issue 6): the platform, their store, settings, metrics. */
  readonly payments: PaymentStore;
  readonly paymentPlatform: PaymentPlatform;
  readonly paymentSettings: PaymentSettings;
  readonly metrics: BusinessMetrics;
  /** Abuse limits, body shape limits and signed-push settings (SECURITY.md). */
  readonly security: HttpSecurity;
  /** The caller's network address, as the runtime (Lambda or Node) sees it. */
  readonly remoteAddress: (c: Context) => string | undefined;
  /** Agency codes after the 2025 reorganisation (config/agency-recoding.json). */
  readonly agencyRecoding: AgencyRecoding;
  /** Unit names for DonViXuLy and procedures' fields: the national catalogues, then config/agency-names.json. */
  readonly agencyNames: AgencyNames;
  /** National catalogues pulled from the portal, versioned (issue 21). */
  readonly catalogues: CatalogueStore;
  /** Mapping tables from local to national codes, and the codes nothing explains (issue 21). */
  readonly mappings: CodeMappings;
  /** Which national code and name a local code means today: mapping, then the 2025 re-coding. */
  readonly nationalCodes: NationalCodes;
  /** Citizen feedback and ratings (issue 23). */
  readonly feedback: FeedbackStore;
  /** Working days, for the deadlines a feedback view shows. */
  readonly calendar: WorkingCalendar;
}

/**
 * What the whole gateway's app needs (createHttpApp: the console function and the local
 * runtime): the API's parts, plus the admin API and the console.
 */
export interface ApiDependencies
  extends SystemsApiDependencies,
    AdminDependencies,
    ScorecardDependencies,
    EndpointOperationsDependencies {
  /** People's sign-in to the console; absent when no identity provider is configured. */
  readonly personSignIn?: PersonSignIn;
  readonly reconciliationReports: ReconciliationReports;
  readonly throughput: ThroughputStats;
  /** Drift check (issue 11): findings and run reports. */
  readonly drift: DriftRecords;
  /** The scheduled functions, their last runs, and a run started now (issue 19). */
  readonly schedules: ScheduleOperations;
  /** Connected systems: registration, changes and secret rotation (issue 19). */
  readonly systems: ConnectedSystemOperations;
}
