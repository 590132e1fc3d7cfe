import { gatewayTable } from './gateway-table';

/**
 * The table's TTL attribute for an item written at `at`: `retentionSeconds` later, in epoch
 * seconds (topology.retention, docs/adr/0006-retention-by-ttl.md). Empty when nothing expires.
 */
export function expiryOf(
  at: string | Date,
  retentionSeconds: number | undefined,
): { readonly [gatewayTable.ttlAttribute]?: number } {
  if (retentionSeconds === undefined) return {};
  return { [gatewayTable.ttlAttribute]: Math.floor(new Date(at).getTime() / 1000) + retentionSeconds };
}
