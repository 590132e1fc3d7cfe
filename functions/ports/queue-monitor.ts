export interface QueueDepth {
  readonly name: string;
  /** Messages waiting to be received. */
  readonly visible: number;
  /** Messages received and not yet deleted (being processed or waiting out a backoff). */
  readonly inFlight: number;
}

export interface QueueMonitor {
  depths(): Promise<QueueDepth[]>;
}

export interface ThroughputBucket {
  readonly bucket: string;
  readonly channel: string;
  readonly delivered: number;
  readonly failed: number;
  readonly parked: number;
}

/** Delivery counts per ten-minute bucket, written once per batch (not per message). */
export interface ThroughputStats {
  add(
    channel: string,
    counts: { delivered: number; failed: number; parked: number },
    at: Date,
  ): Promise<void>;
  recent(since: Date): Promise<ThroughputBucket[]>;
}
