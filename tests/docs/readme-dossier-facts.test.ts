import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossierSubmissionSchema, dossierSubmissionV11Example } from '../../contracts/provincial-api';

const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The first JSON block of README's "Dossier facts" section. */
function dossierFactsExample(): unknown {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Dossier facts'));
  const block = /```json\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  if (block === undefined) throw new Error('README has no "Dossier facts" JSON example');
  return JSON.parse(block);
}

describe('README, "Dossier facts" (issue 16 item 8)', () => {
  it('prints a dossier the contract accepts, the same the API reference shows as its v1.1 example', () => {
    const example = dossierFactsExample();
    expect(dossierSubmissionSchema.safeParse(example).error?.issues ?? []).toEqual([]);
    expect(example).toEqual(dossierSubmissionV11Example);
  });

  it('names every optional v1.1 field of the dossier', () => {
    for (const field of [
      'agencyName',
      'submittedAt',
      'finishedAt',
      'returnedAt',
      'refusedAt',
      'portalUserId',
      'verifiedWithVNeID',
      'digitised',
      'reuse',
      'fromNationalStore',
      'results',
      'supplements',
      'paidOnline',
      'nationalDataSources',
    ]) {
      expect(readme).toContain(field);
    }
  });
});
