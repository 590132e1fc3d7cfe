import { describe, expect, it } from 'vitest';
import { inspectJson } from '../../../functions/core/inspect-json';

const limits = { maxDepth: 4, maxMembers: 5, maxStringLength: 20 };

describe('inspectJson', () => {
  it('accepts an ordinary body, Vietnamese text in NFC and NFD included', () => {
    const body = {
      name: 'Nguyễn Văn An',
      decomposed: 'Nguyê\u0303n',
      tags: ['a', 'b'],
      note: 'line\nnext\ttab',
    };
    expect(inspectJson(body, limits)).toEqual([]);
  });

  it('refuses nesting deeper than the limit, at the container that crosses it', () => {
    expect(inspectJson({ a: { b: { c: { d: { e: 1 } } } } }, limits)).toEqual([
      { path: ['a', 'b', 'c', 'd'], message: expect.stringContaining('deeper than 4') },
    ]);
  });

  it('walks a million levels without recursion', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(inspectJson(JSON.parse(text), limits)).toHaveLength(1);
  });

  it('refuses arrays and objects with too many members', () => {
    expect(inspectJson({ list: [1, 2, 3, 4, 5, 6] }, limits)[0]).toMatchObject({
      path: ['list'],
      message: expect.stringContaining('elements'),
    });
    expect(inspectJson({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, limits)[0]).toMatchObject({
      path: [],
      message: expect.stringContaining('keys'),
    });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the prototype key %s at any depth', (key) => {
    const body = JSON.parse(`{"applicant":{"${key}":{"isAdmin":true}}}`);
    expect(inspectJson(body, limits)).toEqual([
      { path: ['applicant', key], message: `Tên trường bị cấm / Forbidden key ${key}` },
    ]);
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['escape', 'a\u001bb', 'U+001B'],
    ['C1 control', 'a\u0085b', 'U+0085'],
    ['right-to-left override', 'abc\u202Etxt.exe', 'U+202E'],
    ['right-to-left isolate', 'a\u2067b', 'U+2067'],
    ['zero-width space', 'Nguy\u200Bễn', 'U+200B'],
    ['zero-width joiner', 'a\u200Db', 'U+200D'],
    ['byte order mark', '\uFEFFabc', 'U+FEFF'],
  ])('refuses a string with a %s', (_name, text, codePoint) => {
    expect(inspectJson({ name: text }, limits)).toEqual([
      { path: ['name'], message: expect.stringContaining(codePoint) },
    ]);
  });

  it('refuses lone surrogates, over-long strings and numbers that overflowed', () => {
    const body = JSON.parse('{"a":"\\ud800x","b":"xxxxxxxxxxxxxxxxxxxxx","c":1e400}');
    expect(inspectJson(body, limits).map((violation) => violation.path)).toEqual([['a'], ['b'], ['c']]);
  });

  it('refuses hostile keys without echoing them in the path', () => {
    const [violation] = inspectJson({ inner: { 'x\u202Ey': 1 } }, limits);
    expect(violation?.path).toEqual(['inner']);
  });

  it('stops after the given number of violations', () => {
    const body = Array.from({ length: 5 }, () => '\u0000');
    expect(inspectJson(body, limits, 3)).toHaveLength(3);
  });
});
