import { type CatalogueChanges, CHANGE_LIST_LIMIT } from '../../contracts/catalogues';
import type { CatalogueEntry } from '../../contracts/national-catalogues';

/**
 * The words of a Vietnamese name without accents or case: "Đăng ký khai sinh (cấp xã)" and
 * "dang ky khai sinh cap xa" have the same words. Officials type names with and without
 * accents, so a search and the closest-name hints compare these.
 */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Dice coefficient of two word sets: 1 for the same words, 0 for none in common. */
function similarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/**
 * The entries whose names share the most words with `name` (ties in catalogue order), for a
 * refusal that helps: "did you mean …". Entries sharing no word are never suggested.
 */
export function closestEntries(
  entries: readonly CatalogueEntry[],
  name: string,
  limit: number,
): CatalogueEntry[] {
  const wanted = new Set(nameWords(name));
  return entries
    .map((entry, index) => ({ entry, index, score: similarity(wanted, new Set(nameWords(entry.name))) }))
    .filter((candidate) => candidate.score > 0)
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, limit)
    .map((candidate) => candidate.entry);
}

/** Entries whose code starts with `query`, or whose name holds every word of it (accents ignored). */
export function searchEntries(
  entries: readonly CatalogueEntry[],
  query: string | undefined,
  limit: number,
): CatalogueEntry[] {
  const words = nameWords(query ?? '');
  if (!query || words.length === 0) return entries.slice(0, limit);
  const matches: CatalogueEntry[] = [];
  for (const entry of entries) {
    if (matches.length >= limit) break;
    const name = nameWords(entry.name).join(' ');
    if (entry.code.startsWith(query) || words.every((word) => name.includes(word))) matches.push(entry);
  }
  return matches;
}

/** What changed from one version of a catalogue to the next, by code. */
export function catalogueChanges(
  before: readonly CatalogueEntry[],
  after: readonly CatalogueEntry[],
): CatalogueChanges {
  const old = new Map(before.map((entry) => [entry.code, entry]));
  const current = new Set(after.map((entry) => entry.code));
  const addedCodes: string[] = [];
  const renamedCodes: string[] = [];
  for (const entry of after) {
    const previous = old.get(entry.code);
    if (!previous) addedCodes.push(entry.code);
    else if (!sameEntry(previous, entry)) renamedCodes.push(entry.code);
  }
  const removedCodes = before.filter((entry) => !current.has(entry.code)).map((entry) => entry.code);
  return {
    added: addedCodes.length,
    removed: removedCodes.length,
    renamed: renamedCodes.length,
    addedCodes: addedCodes.slice(0, CHANGE_LIST_LIMIT),
    removedCodes: removedCodes.slice(0, CHANGE_LIST_LIMIT),
    renamedCodes: renamedCodes.slice(0, CHANGE_LIST_LIMIT),
  };
}

/** A name, a field or a level changed: the entry is listed as renamed. */
function sameEntry(left: CatalogueEntry, right: CatalogueEntry): boolean {
  return (
    left.name === right.name &&
    left.fieldCode === right.fieldCode &&
    left.fieldName === right.fieldName &&
    left.level === right.level
  );
}

/**
 * The entries whose codes share the longest start with `code` (at least its first character),
 * for a mistyped code that comes without a name: "1.00123" suggests "1.001234".
 */
export function closestCodes(
  entries: readonly CatalogueEntry[],
  code: string,
  limit: number,
): CatalogueEntry[] {
  const shared = (other: string) => {
    let length = 0;
    while (length < code.length && length < other.length && code[length] === other[length]) length += 1;
    return length;
  };
  return entries
    .map((entry, index) => ({ entry, index, score: shared(entry.code) }))
    .filter((candidate) => candidate.score > 0)
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, limit)
    .map((candidate) => candidate.entry);
}
