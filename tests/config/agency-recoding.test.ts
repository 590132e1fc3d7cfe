import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import shipped from '../../config/agency-recoding.json' with { type: 'json' };
import { mayActForAgencyOn } from '../../functions/core/agency-grants';
import { currentAgencyCode, loadAgencyRecoding } from '../../functions/core/agency-recoding';
import { esbuildOptions, projectRoot } from '../../infra/aws/lambda-bundling';
import { demoClients } from '../../infra/local/demo-credentials';

/** The table administrators edit: a bad edit fails here, before any deployment. */
describe('config/agency-recoding.json', () => {
  const table = loadAgencyRecoding(shipped);

  it('loads: valid rows, no cycle, no code retired twice, no replacement already retired when it takes effect', () => {
    expect(table.version).not.toBe('');
    expect(table.rows.length).toBeGreaterThan(0);
  });

  it('resolves every retired code to a code in use, on every effective day and long after', () => {
    const days = [...new Set(table.rows.map((row) => row.effectiveFrom)), '2099-12-31'];
    for (const day of days) {
      for (const row of table.rows) {
        const current = currentAgencyCode(table, row.retiredCode, day);
        const onward = table.byRetiredCode.get(current);
        expect(onward === undefined || onward.effectiveFrom > day, `${row.retiredCode} on ${day}`).toBe(true);
      }
    }
  });

  it('has demo rows the demo province (grants *.H12) acts on after the reorganisation', () => {
    const grants = demoClients.find((client) => client.clientId === 'demo-province')?.agencies ?? [];
    const merged = table.rows.filter(
      (row) =>
        !row.retiredCode.endsWith('.H12') && mayActForAgencyOn(grants, row.retiredCode, table, '2025-07-01'),
    );
    expect(merged.length).toBeGreaterThan(0);
  });

  it('is bundled into the functions: nothing is fetched at run time', async () => {
    const result = await build({
      ...esbuildOptions(resolve(projectRoot, 'functions/handlers/province-relay.ts')),
      write: false,
      outfile: 'index.mjs',
    });
    const code = result.outputFiles.find((file) => file.path.endsWith('index.mjs'))?.text ?? '';
    expect(code).toContain(table.version);
    for (const row of table.rows) expect(code).toContain(row.retiredCode);
  });
});
