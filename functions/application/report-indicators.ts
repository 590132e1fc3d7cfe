import { type AgencyIndicatorRow, computeAgencyIndicators, type Period } from '../core/indicators';
import type { IndicatorLedger } from '../ports/indicator-ledger';

export interface IndicatorReport {
  readonly period: Period;
  readonly agencies: AgencyIndicatorRow[];
}

/** The indicators of one agency, or of every agency the gateway has seen, for a period. */
export async function reportIndicators(
  deps: { readonly indicatorLedger: IndicatorLedger },
  query: Period & { readonly agencyCode?: string },
): Promise<IndicatorReport> {
  const period = { from: query.from, to: query.to };
  const agencies = query.agencyCode ? [query.agencyCode] : (await deps.indicatorLedger.agencies()).sort();
  const rows = await Promise.all(
    agencies.map(async (agencyCode) =>
      computeAgencyIndicators(
        agencyCode,
        await deps.indicatorLedger.listThrough(agencyCode, period.to),
        period,
      ),
    ),
  );
  return { period, agencies: rows };
}
