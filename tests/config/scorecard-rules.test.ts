import { describe, expect, it } from 'vitest';
import shipped from '../../config/scorecard-rules.json' with { type: 'json' };
import { scorecardRulesSchema } from '../../contracts/scorecard';
import { loadScorecardRules } from '../../functions/wiring/scorecard-rules';

/** Paths of every leaf: `onTime.population`, `points`, … */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, inner]) => leafPaths(inner, prefix ? `${prefix}.${key}` : key));
}

/** The readings administrators edit: a bad edit fails here, before any deployment. */
describe('config/scorecard-rules.json', () => {
  it('loads', () => {
    expect(loadScorecardRules().version).not.toBe('');
  });

  it('writes out every reading, so an administrator sees each choice of ADR 14 rather than a hidden default', () => {
    const readings = leafPaths(scorecardRulesSchema.parse({}));
    expect(leafPaths(shipped).filter((path) => path !== '$comment')).toEqual(readings);
  });

  it('refuses a misspelt reading with its path, instead of silently using the default', () => {
    const result = scorecardRulesSchema.safeParse({ onTime: { repeatedSuplement: 'alwaysLate' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('onTime');
  });
});
