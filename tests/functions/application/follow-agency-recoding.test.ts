import { describe, expect, it } from 'vitest';
import { createInMemoryProvinceSystems } from '../../../functions/adapters/in-memory/province-systems';
import { followAgencyRecoding } from '../../../functions/application/follow-agency-recoding';
import type { ProvinceSystem } from '../../../functions/ports/province-systems';
import { aRecoding2025 } from '../../support/fixtures';

const recoding = aRecoding2025();

const system = (clientId: string, agencies: string[]): ProvinceSystem => ({
  clientId,
  agencies,
  webhookUrl: `https://${clientId}.example.vn/webhooks`,
});

/** The registry in memory: the first system whose grants cover the code, as in DynamoDB. */
const registry = (...systems: ProvinceSystem[]) => createInMemoryProvinceSystems(systems);

/** A fixed Vietnam wall-clock time. */
const at = (vietnamTime: string) => ({ now: () => new Date(`${vietnamTime}+07:00`) });

const merged = system('merged-province', ['*.H12']);
const old = system('old-province', ['*.H13']);
const department = system('department-11', ['000.00.11.H12']);

describe('webhook owners follow the agency re-coding', () => {
  it('sends an old-code dossier to the old code’s owner until the replacement takes effect (Vietnam midnight)', async () => {
    const owners = followAgencyRecoding(registry(old, merged), recoding, at('2025-06-30T23:59:59'));
    expect((await owners.findOwner('000.00.31.H13'))?.clientId).toBe('old-province');
  });

  it('sends it to the system owning the replacement from the effective day, even while the old one is registered', async () => {
    const owners = followAgencyRecoding(registry(old, merged), recoding, at('2025-07-01T00:00:00'));
    expect((await owners.findOwner('000.00.31.H13'))?.clientId).toBe('merged-province');
  });

  it('prefers the newest code of a chain, then earlier ones', async () => {
    const systems = registry(department, merged);
    expect(
      (await followAgencyRecoding(systems, recoding, at('2025-12-31T12:00:00')).findOwner('000.00.10.H13'))
        ?.clientId,
    ).toBe('merged-province');
    expect(
      (await followAgencyRecoding(systems, recoding, at('2026-01-01T08:00:00')).findOwner('000.00.10.H13'))
        ?.clientId,
    ).toBe('department-11');
  });

  it('falls back to the old code’s owner when no system owns the replacement yet, and finds none for strangers', async () => {
    const owners = followAgencyRecoding(registry(old), recoding, at('2025-09-01T08:00:00'));
    expect((await owners.findOwner('000.00.31.H13'))?.clientId).toBe('old-province');
    expect(await owners.findOwner('000.00.12.H56')).toBeUndefined();
  });
});
