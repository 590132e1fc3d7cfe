import { type DossierSubmission, dossierSubmissionSchema } from '../../contracts/provincial-api';

/** The contract's own example, the dossier vendors read at /docs (parsed, so it is valid). */
const example = dossierSubmissionSchema.parse(dossierSubmissionSchema.meta()?.example);

let sequence = 0;

/** A valid provincial dossier of province H12; each call gets a new dossier code unless given one. */
export function aDossier(overrides: Partial<DossierSubmission> = {}): DossierSubmission {
  sequence += 1;
  const dossierCode =
    overrides.dossierCode ?? `000.00.12.H12-250314-${String(sequence % 10_000).padStart(4, '0')}`;
  return { ...structuredClone(example), dossierCode, ...overrides };
}
