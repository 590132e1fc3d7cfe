import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionNationalPortal } from '../../../functions/adapters/session-national-portal';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import {
  createNationalPortalSimulator,
  type NationalPortalSimulator,
} from '../../../infra/simulators/national-portal-simulator';
import { aDossier } from '../../support/fixtures';

const account = { username: 'u', password: 'p' };

/** The adapter talks to the real simulator app, in process, through a fetch that counts calls. */
function connect(simulator: NationalPortalSimulator, options: { password?: string } = {}) {
  const calls: string[] = [];
  const portal = createSessionNationalPortal({
    baseUrl: 'http://portal.test/',
    username: account.username,
    password: options.password ?? account.password,
    timeoutMs: 2000,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      calls.push(url.pathname);
      return simulator.app.request(url.pathname, init);
    },
  });
  return { portal, calls };
}

async function caught(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isGatewayError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('session-envelope national portal', () => {
  let simulator: NationalPortalSimulator;
  beforeEach(() => {
    simulator = createNationalPortalSimulator(account);
  });

  it('logs in once and reuses the session for later calls', async () => {
    const { portal, calls } = connect(simulator);
    await portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false);
    await portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false);
    expect(calls).toEqual(['/login', '/service', '/service']);
    expect(simulator.received).toHaveLength(2);
  });

  it('logs in again when the portal says the session expired', async () => {
    const { portal, calls } = connect(simulator);
    await portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false);
    await simulator.app.request('/_sim/reset', { method: 'POST' });
    await portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false);
    expect(calls).toEqual(['/login', '/service', '/service', '/login', '/service']);
    expect(simulator.received).toHaveLength(1);
  });

  it('switches to an update when the portal already has the dossier', async () => {
    const { portal } = connect(simulator);
    const dossier = toNationalDossier(aDossier());
    await portal.syncDossier('000.00.12.H12', dossier, false);
    const acknowledgement = await portal.syncDossier('000.00.12.H12', dossier, false);
    expect(acknowledgement.switchedToUpdate).toBe(true);
    expect(simulator.received[1]?.body).toMatchObject({ isUpdating: true });
  });

  it('reports a validation rejection as permanent', async () => {
    const { portal } = connect(simulator);
    await simulator.app.request('/_sim/faults', { method: 'POST', body: JSON.stringify({ reject: true }) });
    const error = await caught(portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false));
    expect(error.code).toBe('national.rejected');
    expect(error.details).toEqual({ nationalErrorCode: '500' });
  });

  it('reports HTTP 429 as transient and carries Retry-After', async () => {
    const { portal } = connect(simulator);
    await simulator.app.request('/_sim/faults', {
      method: 'POST',
      body: JSON.stringify({ failRate: 1, failStatus: 429 }),
    });
    const error = await caught(portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false));
    expect(error.code).toBe('national.transient');
    expect(error.retryAfterSeconds).toBe(1);
  });

  it('reports wrong credentials as an authentication failure', async () => {
    const { portal } = connect(simulator, { password: 'wrong' });
    const error = await caught(portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false));
    expect(error.code).toBe('national.authentication');
  });

  it('reports a dossier of another agency as permanently rejected', async () => {
    const { portal } = connect(simulator);
    const error = await caught(portal.syncDossier('000.00.99.H12', toNationalDossier(aDossier()), false));
    expect(error.code).toBe('national.rejected');
  });

  it('reports an unreachable portal as transient', async () => {
    const portal = createSessionNationalPortal({
      baseUrl: 'http://127.0.0.1:9/',
      ...account,
      timeoutMs: 1000,
    });
    const error = await caught(portal.syncDossier('000.00.12.H12', toNationalDossier(aDossier()), false));
    expect(error.code).toBe('national.transient');
  });
});
