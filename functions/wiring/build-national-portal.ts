import { createLgspNationalPortal } from '../adapters/lgsp-national-portal';
import { createRoutedNationalPortal } from '../adapters/routed-national-portal';
import { createSessionNationalPortal } from '../adapters/session-national-portal';
import type { NationalPortal } from '../ports/national-portal';
import type { RuntimeConfig } from './runtime-config';

/**
 * The national portal port from configuration: the session envelope for everyone unless
 * `transports` moves some provinces to LGSP REST, in which case a routed portal picks the
 * transport per province suffix. With no LGSP province the session adapter is returned as it
 * is, so a deployment that configures nothing behaves exactly as before.
 */
export function buildNationalPortal(config: RuntimeConfig['nationalPortal']): NationalPortal {
  const session = createSessionNationalPortal({ ...config, ...config.session });
  const transports = config.transports ?? {};
  const unreadable = Object.keys(transports).filter((province) => !/^[HG]\d{2}$/.test(province));
  if (unreadable.length > 0) {
    // A key that can never match an agency suffix would silently leave that province on 'session'.
    throw new Error(
      `national portal: transports keys must be suffixes such as H12; got ${unreadable.join(', ')}`,
    );
  }
  const lgspProvinces = Object.keys(transports).filter((province) => transports[province] === 'lgsp');
  if (lgspProvinces.length === 0) return session;
  if (!config.lgsp) {
    throw new Error(
      `national portal: ${lgspProvinces.join(', ')} use the LGSP transport, but no LGSP settings are configured`,
    );
  }
  const lgsp = createLgspNationalPortal({
    timeoutMs: config.timeoutMs,
    ...(config.rejectedErrorCodes ? { rejectedErrorCodes: config.rejectedErrorCodes } : {}),
    ...config.lgsp,
  });
  return createRoutedNationalPortal({
    byProvince: Object.fromEntries(
      Object.entries(transports).map(([province, transport]) => [
        province,
        transport === 'lgsp' ? lgsp : session,
      ]),
    ),
    fallback: session,
  });
}
