import type { NationalPortalSimulator } from '../../infra/simulators/national-portal-simulator';

/** The gateway's account at the portal simulator in the transport tests (session envelope). */
export const portalAccount = { username: 'u', password: 'p', madonvi: '000.00.00.H12', dstcode: 'DST-H12' };
/** The gateway's client at the simulated LGSP. */
export const lgspClient = { clientId: 'lgsp-client', clientSecret: 'lgsp-secret' };

/** A request an adapter made, as the simulator got it. */
export interface PortalCall {
  readonly path: string;
  readonly headers: Headers;
  /** The body as sent (a form for the LGSP token call). */
  readonly text: string;
  /** The body read as a JSON object; empty when it is not one. */
  readonly body: Record<string, unknown>;
}

/**
 * A fetch that hands each request to the simulator's app in process (no socket), recording it
 * in `calls` first when given.
 */
export function inProcessFetch(simulator: NationalPortalSimulator, calls?: PortalCall[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const text = String(init?.body ?? '');
    calls?.push({
      path: url.pathname,
      headers: new Headers(init?.headers),
      text,
      body: text.startsWith('{') ? JSON.parse(text) : {},
    });
    return simulator.app.request(url.pathname, init);
  };
}
