export interface OnTimeCount {
  readonly agencyCode: string;
  /** Dossiers the gateway saw finish (resolved or returned). */
  readonly finished: number;
  /** Of those, finished no later than their promised date (NgayHenTra). */
  readonly onTime: number;
}

/** Per-agency counters of relayed dossiers, for the dashboard's on-time rate. */
export interface AgencyIndicators {
  recordFinished(agencyCode: string, onTime: boolean): Promise<void>;
  onTimeCounts(): Promise<OnTimeCount[]>;
}
