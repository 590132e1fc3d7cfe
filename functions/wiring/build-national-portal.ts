import { createLgspNationalPortal } from '../adapters/lgsp-national-portal';
import { createRoutedNationalPortal } from '../adapters/routed-national-portal';
import { createSessionNationalFeedback } from '../adapters/session-national-feedback';
import { createSessionCaller, createSessionNationalPortal } from '../adapters/session-national-portal';
import type { NationalFeedback } from '../ports/national-feedback';
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

/**
 * The feedback wire (issue 23) over the session envelope, whatever transport a province's
 * dossiers take: the evidence has it there only [OCPS doSyncSharingQA]. Its own session: a
 * pull now and then costs one more login, and the dossier relay's session is left alone.
 */
export function buildNationalFeedback(config: RuntimeConfig['nationalPortal']): NationalFeedback {
  return createSessionNationalFeedback(createSessionCaller({ ...config, ...config.session }), {
    ...config.feedback,
    ...(config.rejectedErrorCodes ? { rejectedErrorCodes: config.rejectedErrorCodes } : {}),
  });
}
