/**
 * Checks the shape of a parsed JSON body before any schema walks it: how deep it nests, how
 * many members a container has, how long a string is, and which keys and characters it uses.
 * Schemas bound the fields they know; this bounds everything else (unknown keys, free-form
 * payloads, the recursion of canonical hashing) and refuses text that is built to deceive.
 */
export interface JsonLimits {
  /** Containers inside containers; the top-level object is depth 1. */
  readonly maxDepth: number;
  /** Elements of one array or keys of one object. */
  readonly maxMembers: number;
  /** UTF-16 code units of one string, key or value. */
  readonly maxStringLength: number;
}

export interface JsonViolation {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Keys that reach Object.prototype when a body is merged or assigned naively anywhere downstream. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Characters with no place in an administrative record that change how text reads: C0 and C1
 * controls (NUL included; tab, LF and CR allowed), bidirectional embeddings, overrides and
 * isolates (Trojan Source, CVE-2021-42574), zero-width and invisible characters, the BOM, and
 * interlinear annotation marks. Vietnamese, in NFC or NFD, uses none of them.
 */
const hostileCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/;

/** Half of a UTF-16 pair: JSON's \uD800 escapes allow it; no encoder, store or reader should get it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(text: string, limits: JsonLimits): string | undefined {
  if (text.length > limits.maxStringLength) {
    return `Chuỗi dài quá ${limits.maxStringLength} ký tự / String longer than ${limits.maxStringLength} characters`;
  }
  if (loneSurrogate.test(text)) {
    return 'Chuỗi chứa ký tự UTF-16 lẻ cặp / String contains a lone surrogate';
  }
  const hostile = hostileCharacter.exec(text);
  if (hostile) {
    const codePoint = `U+${(hostile[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `Chuỗi chứa ký tự điều khiển hoặc vô hình ${codePoint} / String contains the control or invisible character ${codePoint}`;
  }
  return undefined;
}

interface Node {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Node | undefined;
  readonly key: string | number | undefined;
}

function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  for (let current: Node | undefined = node; current?.key !== undefined; current = current.parent) {
    path.unshift(current.key);
  }
  return path;
}

/**
 * Every violation of `limits` in `value` (at most `maxViolations`), each with its path.
 * Iterative, so a body nested a million deep costs a loop, not the stack; JSON.parse itself
 * is iterative in V8, so parsing first is safe.
 */
export function inspectJson(value: unknown, limits: JsonLimits, maxViolations = 20): JsonViolation[] {
  const violations: JsonViolation[] = [];
  const pending: Node[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  const report = (node: Node, message: string, key?: string | number) =>
    violations.push({ path: key === undefined ? pathOf(node) : [...pathOf(node), key], message });

  while (pending.length > 0 && violations.length < maxViolations) {
    const node = pending.pop() as Node;
    const current = node.value;
    if (typeof current === 'string') {
      const problem = stringProblem(current, limits);
      if (problem) report(node, problem);
      continue;
    }
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) report(node, 'Số vượt giới hạn / Number out of range');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;

    const depth = node.depth + 1;
    if (depth > limits.maxDepth) {
      report(node, `Lồng sâu quá ${limits.maxDepth} cấp / Nested deeper than ${limits.maxDepth} levels`);
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    if (entries.length > limits.maxMembers) {
      report(
        node,
        `Quá ${limits.maxMembers} phần tử / More than ${limits.maxMembers} ${Array.isArray(current) ? 'elements' : 'keys'}`,
      );
      continue;
    }
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, nested] = entries[index] as [string | number, unknown];
      if (typeof key === 'string') {
        if (forbiddenKeys.has(key)) {
          report(node, `Tên trường bị cấm / Forbidden key ${key}`, key);
          continue;
        }
        const problem = stringProblem(key, limits);
        if (problem) {
          // The parent's path: echoing a key built to deceive would carry it into the answer.
          report(node, `Tên trường không hợp lệ / Invalid key: ${problem}`);
          continue;
        }
      }
      pending.push({ value: nested, depth, parent: node, key });
    }
  }
  return violations;
}
