import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

function markdownUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownUnder(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const documents = [join(root, 'README.md'), join(root, 'SECURITY.md'), ...markdownUnder(join(root, 'docs'))];

/** The text a reader sees as prose: fenced blocks and inline code cannot hold links. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link targets of inline links and images, `[text](target "title")`. */
function linksOf(text: string): string[] {
  return [...prose(text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1] ?? '',
  );
}

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const heading = (match[1] ?? '').replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = heading
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

function brokenLinksOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return linksOf(text)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .flatMap((target) => {
      const [path = '', anchor] = target.split('#');
      const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      const where = `${relative(root, file)} -> ${target}`;
      if (!existsSync(resolved)) return [`${where}: no such file`];
      if (anchor === undefined || anchor === '') return [];
      if (!resolved.endsWith('.md')) return [`${where}: an anchor into a file that is not markdown`];
      const anchors = anchorsOf(readFileSync(resolved, 'utf8'));
      return anchors.has(decodeURIComponent(anchor).normalize('NFC')) ? [] : [`${where}: no such heading`];
    });
}

describe('documentation links', () => {
  it('reads the README, SECURITY.md and every page under docs/', () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  it.each(documents.map((file) => [relative(root, file), file]))(
    'every relative link in %s resolves to a file, and every anchor to a heading',
    (_name, file) => {
      expect(brokenLinksOf(file)).toEqual([]);
    },
  );

  it('leaves no page under docs/ unlinked from another page', () => {
    const linked = new Set(
      documents.flatMap((file) =>
        linksOf(readFileSync(file, 'utf8'))
          .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
          .map((target) => resolve(dirname(file), decodeURIComponent(target.split('#')[0] ?? '')))
          .filter((target) => target !== file),
      ),
    );
    const orphans = documents.filter((file) => file !== join(root, 'README.md') && !linked.has(file));
    expect(orphans.map((file) => relative(root, file))).toEqual([]);
  });

  it('finds a broken file link and a broken anchor (the checker itself can fail)', () => {
    expect(linksOf('see [a](missing.md#x) and `[b](ignored.md)` and [c](https://example.vn)')).toEqual([
      'missing.md#x',
      'https://example.vn',
    ]);
    expect(anchorsOf('# 8. Thử chiều quốc gia → tỉnh / Try it\n## Try it\n## Try it')).toEqual(
      new Set(['8-thử-chiều-quốc-gia--tỉnh--try-it', 'try-it', 'try-it-1']),
    );
  });
});
