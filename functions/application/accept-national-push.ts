import { createHash } from 'node:crypto';
import type { InboundNationalDossier, InboundProgressRow } from '../../contracts/national-portal';
import { canonicalJson } from '../core/canonical-json';
import { GatewayError } from '../core/gateway-error';
import { fromNationalDossier, fromNationalProgressRow } from '../core/translate-national-dossier';
import type { ProvinceSystems } from '../ports/province-systems';
import { type AcceptDependencies, type AcceptResult, acceptMessage } from './accept-message';

export interface NationalPushDependencies extends AcceptDependencies {
  readonly provinceSystems: ProvinceSystems;
}

async function assertOwned(deps: NationalPushDependencies, agencyCode: string): Promise<void> {
  if (await deps.provinceSystems.findOwner(agencyCode)) return;
  throw new GatewayError(
    'province.notRegistered',
    `Không có hệ thống một cửa nào nhận hồ sơ của cơ quan ${agencyCode} / No provincial system is registered for agency ${agencyCode}`,
  );
}

const contentKey = (value: unknown) =>
  createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 32);

/**
 * A dossier a citizen submitted online on a procedure the portal hosts: stored for the
 * owning provincial system, then delivered as `dossier.submitted`. It belongs to the agency
 * its MaHoSo starts with (DonViXuLy is a unit's name and never routes it). The same push
 * again is a repeat; a changed dossier is a new event.
 */
export async function acceptNationalDossier(
  deps: NationalPushDependencies,
  national: InboundNationalDossier,
  traceId: string,
): Promise<AcceptResult> {
  const dossier = fromNationalDossier(national);
  await assertOwned(deps, dossier.agencyCode);
  return acceptMessage(deps, {
    channel: 'province',
    kind: 'dossier.submitted',
    dossierCode: dossier.dossierCode,
    agencyCode: dossier.agencyCode,
    naturalKey: `submitted:${contentKey(national)}`,
    status: dossier.status,
    payload: dossier,
    traceId,
    requiresExistingDossier: false,
    enforceTransitions: false,
  });
}

/** A status change made on the portal, for the provincial system that owns the dossier. */
export async function acceptNationalStatus(
  deps: NationalPushDependencies,
  row: InboundProgressRow,
  agencyCode: string,
  traceId: string,
): Promise<AcceptResult> {
  const change = fromNationalProgressRow(row);
  await assertOwned(deps, agencyCode);
  return acceptMessage(deps, {
    channel: 'province',
    kind: 'dossier.status_changed',
    dossierCode: change.dossierCode,
    agencyCode,
    naturalKey: `progress:${row.ThoiDiemXuLy}:${row.TrangThai}:${contentKey(row)}`,
    status: change.status,
    payload: change,
    traceId,
    requiresExistingDossier: false,
    enforceTransitions: false,
  });
}
