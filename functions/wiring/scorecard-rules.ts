import rulesFile from '../../config/scorecard-rules.json' with { type: 'json' };
import { type ScorecardRules, scorecardRulesSchema } from '../../contracts/scorecard';

/**
 * The readings of the QĐ 766 formula sheet administrators maintain in config/scorecard-rules.json
 * (ADR 14), bundled with each function: a malformed file fails at cold start with the zod issue
 * paths, not on a request.
 */
export function loadScorecardRules(data: unknown = rulesFile): ScorecardRules {
  return scorecardRulesSchema.parse(data);
}
