import type { EndpointPause, WebhookDelivery } from '../../contracts/endpoint-operations';

/** One webhook attempt to a connected system, as its delivery log keeps it. */
export interface DeliveryLogEntry extends WebhookDelivery {
  readonly systemId: string;
}

/**
 * Recent webhook attempts per connected system (issue 19): written by the province deliverer
 * (one item per attempt) and by test events, read newest first.
 */
export interface DeliveryLog {
  /** Idempotent: writing the same attempt again (same system, time and message) keeps one entry. */
  record(entry: DeliveryLogEntry): Promise<void>;
  recent(systemId: string, limit: number): Promise<DeliveryLogEntry[]>;
}

/** Which systems are paused, and when each one paused before was last resumed. */
export interface EndpointPauseState {
  readonly paused: ReadonlyMap<string, EndpointPause>;
  readonly resumedAt: ReadonlyMap<string, string>;
}

/**
 * Which connected systems an administrator paused. All of them in one read: the relay asks before
 * each province delivery, so the answer must cost one small read whether or not anything is paused.
 */
export interface EndpointPauses {
  current(): Promise<EndpointPauseState>;
  /** False when the system was paused already (the earlier pause is kept). */
  pause(systemId: string, pause: EndpointPause): Promise<boolean>;
  /** The pause it lifted (the resume's time kept); undefined when the system was not paused. */
  resume(systemId: string, at: string): Promise<EndpointPause | undefined>;
}
