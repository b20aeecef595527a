import { describe, expect, it } from 'vitest';
import { scanSource } from '../../src/analysis/scan-source.js';
import { isDeclarationFile, scriptKindOf } from '../../src/analysis/script-kind.js';
import { ts } from 'ts-morph';

describe('scanSource', () => {
  it('keeps the sites that parse in a file with syntax errors and reports each error once, 1-based', () => {
    const text = ['const a = { ...o };', 'const b = [...list;', 'let = ;', 'const c = x.slice();'].join('\n');
    const scan = scanSource('src/broken.ts', text);
    expect(scan.sites.map((s) => `${s.kind}@${s.line}:${s.column}`)).toEqual(['object-spread@1:11', 'array-spread@2:11', 'array-slice@4:11']);
    expect(scan.diagnostics).toEqual([
      { file: 'src/broken.ts', line: 2, column: 19, message: "',' expected.", severity: 'error' },
      { file: 'src/broken.ts', line: 3, column: 7, message: 'Expression expected.', severity: 'error' },
    ]);
  });

  it('gives no diagnostics for a file that parses', () => {
    expect(scanSource('ok.ts', 'export const a = { ...o };').diagnostics).toEqual([]);
  });

  it('uses the file name as given and reports sites in source order', () => {
    const scan = scanSource('lib/x.js', 'const { a = [...d], ...r } = o;');
    expect(scan.sites.map((s) => [s.file, s.kind, s.column])).toEqual([
      ['lib/x.js', 'array-spread', 13],
      ['lib/x.js', 'object-rest', 21],
    ]);
  });

  it('parses TypeScript syntax only in TypeScript files', () => {
    const typed = 'const c = <T,>(x: T) => ({ ...x });';
    expect(scanSource('a.ts', typed).diagnostics).toEqual([]);
    expect(scanSource('a.mts', typed).sites).toHaveLength(1);
    expect(scanSource('a.cts', typed).sites).toHaveLength(1);
    expect(scanSource('a.tsx', 'const e = <div>{[...kids]}</div>;').sites).toHaveLength(1);
    expect(scanSource('a.js', 'const e = <div>{[...kids]}</div>;').diagnostics).toEqual([]);
  });

  it('skips declaration files and warns about other languages', () => {
    expect(scanSource('a.d.ts', 'const a = { ...o };')).toEqual({ sites: [], diagnostics: [] });
    expect(scanSource('a.vue', 'const a = { ...o };')).toEqual({
      sites: [],
      diagnostics: [{ file: 'a.vue', line: 1, column: 1, message: 'not a JavaScript or TypeScript file', severity: 'warning' }],
    });
  });
});

describe('script kinds', () => {
  it.each([
    ['a.ts', ts.ScriptKind.TS],
    ['a.mts', ts.ScriptKind.TS],
    ['a.cts', ts.ScriptKind.TS],
    ['a.tsx', ts.ScriptKind.TSX],
    ['a.js', ts.ScriptKind.JS],
    ['a.mjs', ts.ScriptKind.JS],
    ['a.cjs', ts.ScriptKind.JS],
    ['a.jsx', ts.ScriptKind.JSX],
    ['dir.ts/A.JS', ts.ScriptKind.JS],
    ['a.json', undefined],
    ['ts', undefined],
  ])('%s', (file, kind) => {
    expect(scriptKindOf(file)).toBe(kind);
  });

  it('knows declaration files', () => {
    expect(['a.d.ts', 'a.d.mts', 'a.d.cts', 'styles.d.css.ts'].map(isDeclarationFile)).toEqual([true, true, true, true]);
    expect(['a.ts', 'd.ts', 'a.d.js', 'ad.ts'].map(isDeclarationFile)).toEqual([false, false, false, false]);
  });
});
