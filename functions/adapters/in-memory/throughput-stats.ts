import type { ThroughputBucket, ThroughputStats } from '../../ports/queue-monitor';

const BUCKET_MINUTES = 10;

function bucketOf(at: Date): string {
  const minutes = Math.floor(at.getUTCMinutes() / BUCKET_MINUTES) * BUCKET_MINUTES;
  return `${at.toISOString().slice(0, 13)}:${String(minutes).padStart(2, '0')}`;
}

/** Delivery counts per channel and ten-minute bucket, in memory. */
export function createInMemoryThroughputStats(): ThroughputStats {
  const buckets = new Map<string, ThroughputBucket>();
  return {
    async add(channel, counts, at) {
      if (counts.delivered + counts.failed + counts.parked === 0) return;
      const bucket = bucketOf(at);
      const key = `${channel}#${bucket}`;
      const current = buckets.get(key) ?? { bucket, channel, delivered: 0, failed: 0, parked: 0 };
      buckets.set(key, {
        ...current,
        delivered: current.delivered + counts.delivered,
        failed: current.failed + counts.failed,
        parked: current.parked + counts.parked,
      });
    },
    async recent(since) {
      const from = bucketOf(since);
      return [...buckets.values()].filter((bucket) => bucket.bucket >= from);
    },
  };
}
