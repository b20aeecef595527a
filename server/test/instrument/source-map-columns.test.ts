/**
 * cowlens's source map, alone or under a compiler's (ts-jest, vite and cowlens's own TypeScript
 * step compose theirs over it), must give back the column of every token of the file as written.
 * A composed map keeps only the columns cowlens's map has segments at, so every place a token
 * can start, in text cowlens leaves as it is, must map to itself: `(0, m.produce)({})` compiled
 * from `produce({})` points its call at the `(`, not at the word.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { toJavaScript } from '../../src/instrument/to-javascript.js';

const FILE = '/project/src/state.ts';
const TEXT = [
  "import { produce } from './produce';",
  'export function next(base: { items: number[] }, n: number) {',
  '  const copy = { ...base, items: [...base.items] }; copy.items.push(n);',
  '  return produce({ copy }, (d: { copy: unknown }) => d.copy ?? [n, n % 2]);',
  '}',
  '',
].join('\n');

/** Where each token of `line` starts: a word, a run of spaces, or one punctuator. */
function tokenStarts(line: string): number[] {
  return [...line.matchAll(/[\w$]+|\s+|[^\w$\s]/g)].map((m) => m.index);
}

/** How many characters `a` and `b` share at their start, and at their end. */
function sharedEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

describe("cowlens's source map keeps every column of the text it leaves as it is", () => {
  const { code, map } = instrumentSource(FILE, TEXT);
  const mapped = new SourceMap(map as unknown as SourceMapPayload);
  const original = TEXT.split('\n');
  const generated = code.split('\n');

  it('every token of a line cowlens does not edit maps to its own line and column', () => {
    expect(generated[3]).toBe(original[3]);
    for (const line of [0, 1, 3]) {
      for (const column of tokenStarts(original[line]!)) {
        expect(mapped.findEntry(line, column), `line ${String(line + 1)}, column ${String(column)}`).toMatchObject({ originalLine: line, originalColumn: column });
      }
    }
  });

  it('on a line cowlens edits, every token before its first edit and after its last maps to its own column', () => {
    const [before, after] = [original[2]!, generated[2]!];
    expect(after).not.toBe(before);
    const { prefix, suffix } = sharedEnds(before, after);
    expect(suffix).toBeGreaterThan(0);
    const shift = after.length - before.length;
    for (const column of tokenStarts(before)) {
      if (column < prefix) expect(mapped.findEntry(2, column), `column ${String(column)}`).toMatchObject({ originalLine: 2, originalColumn: column });
      if (column >= before.length - suffix) expect(mapped.findEntry(2, column + shift), `column ${String(column)}`).toMatchObject({ originalLine: 2, originalColumn: column });
    }
  });

  it("TypeScript that cowlens compiles itself places a call through an import at the name, where the file as written runs it", () => {
    // V8 places `(0, produce_1.produce)({ copy })` at the `(` of its arguments, and `produce({ copy })` at `produce`.
    const js = toJavaScript(FILE, code, map, 'commonjs');
    const line = js.code.split('\n').findIndex((l) => l.includes('(0, produce_1.produce)('));
    const column = js.code.split('\n')[line]!.indexOf('(0, produce_1.produce)(') + '(0, produce_1.produce)'.length;
    expect(new SourceMap(js.map as unknown as SourceMapPayload).findEntry(line, column)).toMatchObject({ originalLine: 3, originalColumn: original[3]!.indexOf('produce') });
  });
});

