import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach (SSRF): the IANA special-purpose registries for IPv4
 * and IPv6 (RFC 6890 and its updates), which include loopback, private, shared (CGNAT),
 * link-local (169.254.169.254, the cloud metadata service), documentation, benchmarking,
 * multicast and reserved space. IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4,
 * Teredo) are refused whole rather than decoded.
 */
// Two lists: Node checks an IPv4 address against IPv6 rules as if mapped (::ffff:a.b.c.d), so
// one list holding ::ffff:0:0/96 would refuse every IPv4 address.
const nonPublicV4 = new BlockList();
const nonPublicV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublicV4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  nonPublicV6.addSubnet(network, prefix, 'ipv6');
}

/** True for a literal IPv4 or IPv6 address on the public internet; false for anything else. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  return family === 6 ? !nonPublicV6.check(bare, 'ipv6') : !nonPublicV4.check(bare, 'ipv4');
}
