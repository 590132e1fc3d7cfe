import type { NationalTransport } from './runtime-config';

const transports: readonly NationalTransport[] = ['session', 'lgsp'];

/**
 * Reads a transport map written as `H12=lgsp,H56=session` (the `NATIONAL_TRANSPORTS`
 * variable of the local runtime). Keys are the province or ministry suffix of agency codes.
 * Anything malformed throws at start-up: a typo must not silently send a province over the
 * wrong transport.
 */
export function parseNationalTransports(text: string, name = 'NATIONAL_TRANSPORTS') {
  const map: Record<string, NationalTransport> = {};
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [province, transport, ...rest] = entry.split('=').map((part) => part.trim());
    if (
      rest.length > 0 ||
      !province ||
      !/^[HG]\d{2}$/.test(province) ||
      !transports.includes(transport as NationalTransport)
    ) {
      throw new Error(
        `${name}: expected SUFFIX=${transports.join('|')} pairs such as H12=lgsp,H56=session; got "${entry}"`,
      );
    }
    if (Object.hasOwn(map, province)) throw new Error(`${name}: ${province} is listed twice`);
    map[province] = transport as NationalTransport;
  }
  return map;
}
