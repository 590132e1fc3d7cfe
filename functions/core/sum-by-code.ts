import type { UnmappedCode } from '../../contracts/code-mappings';

/** One row per code: dossiers summed over the days, the latest sighting, newest first. */
export function sumByCode(perDay: readonly UnmappedCode[]): UnmappedCode[] {
  const byCode = new Map<string, UnmappedCode>();
  for (const code of perDay) {
    const key = `${code.kind}#${code.localCode}`;
    const earlier = byCode.get(key);
    byCode.set(
      key,
      earlier
        ? {
            ...earlier,
            dossiers: earlier.dossiers + code.dossiers,
            lastSeen: code.lastSeen > earlier.lastSeen ? code.lastSeen : earlier.lastSeen,
          }
        : code,
    );
  }
  return [...byCode.values()].sort((left, right) => (left.lastSeen < right.lastSeen ? 1 : -1));
}
