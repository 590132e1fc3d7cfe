import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedGateway, synthGateway } from '../../support/synth-gateway';

/** Rule ids acknowledged in the construct tree, with the construct they were acknowledged on. */
function acknowledgements(root: IConstruct) {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** The pack with acknowledgements ignored: what the checks would report without them. */
function unacknowledgedChecks(): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks();
  Object.defineProperty(checks, 'isAcknowledged', { value: () => false });
  return checks;
}

let synthesized: SynthesizedGateway;
// Synthesis bundles every function with esbuild: about 20 s on two idle cores, more beside other
// test files, so this setup gets a budget of its own rather than the suite-wide 30 s.
beforeAll(() => {
  // Exactly what `npm run synth` runs: cdk-nag through Validations and the built-in
  // CloudFormation validation; a finding that is not acknowledged throws here.
  synthesized = synthGateway({ builtinValidation: true });
}, 180_000);
afterAll(() => synthesized.cleanup());

describe('cdk-nag AWS Solutions checks', () => {
  it('report no finding, error or warning, that is not acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('carry a written reason with every acknowledgement', () => {
    const found = acknowledgements(synthesized.app);
    expect(found.length).toBeGreaterThan(0);
    for (const { path, id, reason } of found) {
      expect(reason.length, `${id} on ${path}`).toBeGreaterThanOrEqual(80);
    }
  });

  it('acknowledge only findings that exist, on the resources that have them', () => {
    const findings = unacknowledgedChecks()
      .validateScope(synthesized.app)
      .violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => ({
          id: violation.ruleName,
          path: resource.constructPath,
        })),
      );
    for (const { id, path } of acknowledgements(synthesized.app)) {
      const silenced = findings.filter(
        (finding) => finding.id === id && (finding.path === path || finding.path?.startsWith(`${path}/`)),
      );
      expect(silenced.length, `${id} acknowledged on ${path} silences nothing`).toBeGreaterThan(0);
    }
  });

  it('would fail a resource that breaks a rule (the checks do run)', () => {
    const app = new App();
    new Queue(new Stack(app, 'Scratch'), 'PlainQueue');
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.success).toBe(false);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
  });

  it('leave a synth report without violations, the built-in CloudFormation checks included', () => {
    const report = JSON.parse(readFileSync(join(synthesized.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
  });
});
