import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScan } from '../../src/analysis/format-scan.js';
import { type ScanResult, scanPaths } from '../../src/analysis/scan-paths.js';

let root: string;

function write(path: string, content: string | Buffer): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cowlens-scan-'));
  write('src/a.ts', 'export const a = { ...o };\nexport const b = a.slice();\n');
  write('src/b.js', 'const b = [...list];\n');
  write('src/types.d.ts', 'declare const t: { a: number };\n');
  write('src/notes.md', '{ ...o }\n');
  write('src/gen/c.ts', 'export const c = structuredClone(v);\n');
  write('src/broken.ts', 'const d = { ...o ;\n');
  write('node_modules/lib/index.js', 'module.exports = { ...o };\n');
  write('.cache/d.js', 'const d = { ...o };\n');
  write('odd/binary.js', Buffer.from([0x63, 0x6f, 0, 0x6e, 0x73, 0x74]));
  write('odd/huge.js', `const h = [...a];\n${'//'.padEnd(80, '-')}\n`.repeat(70_000));
  write('odd/bom.ts', '\ufeffconst e = { ...o };\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The sites of the files under src/ of the tree above. */
const SRC_SITES = ['src/a.ts:1:18 object-spread', 'src/a.ts:2:18 array-slice', 'src/b.js:1:11 array-spread', 'src/broken.ts:1:11 object-spread', 'src/gen/c.ts:1:18 structured-clone'];

const placesOf = (result: ScanResult) => result.sites.map((s) => `${s.file}:${s.line}:${s.column} ${s.kind}`);

describe('scanPaths', () => {
  it('walks directories, skipping node_modules, dot directories, declaration and non-source files', async () => {
    const result = await scanPaths(['src'], { cwd: root });
    expect(placesOf(result)).toEqual(SRC_SITES);
    expect(result.files).toBe(4);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`)).toEqual(['src/broken.ts:1:18 error', 'src/broken.ts:2:1 error']);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('skips node_modules and dot directories from the top too', async () => {
    const result = await scanPaths(['.'], { cwd: root, exclude: ['odd/**'] });
    expect(result.sites.map((s) => s.file)).not.toContain('node_modules/lib/index.js');
    expect(result.sites.map((s) => s.file)).not.toContain('.cache/d.js');
    expect(result.files).toBe(4);
  });

  it('keeps only files an only glob matches and no exclude glob matches', async () => {
    const only = await scanPaths(['.'], { cwd: root, only: ['src/**/*.ts'] });
    expect([...new Set(only.sites.map((s) => s.file))]).toEqual(['src/a.ts', 'src/broken.ts', 'src/gen/c.ts']);
    const excluded = await scanPaths(['src'], { cwd: root, exclude: ['src/gen/**', '**/*.js'] });
    expect([...new Set(excluded.sites.map((s) => s.file))]).toEqual(['src/a.ts', 'src/broken.ts']);
  });

  it('adds the node_modules and dot directories an include glob names to the project files, as report --include does', async () => {
    const result = await scanPaths(['src'], { cwd: root, include: ['node_modules/lib/**', '.cache/*.js'] });
    expect(placesOf(result)).toEqual(SRC_SITES);
    const fromTop = await scanPaths(['.'], { cwd: root, include: ['node_modules/lib/**', '.cache/*.js'], exclude: ['odd/**', 'src/**'] });
    expect(placesOf(fromTop)).toEqual(['.cache/d.js:1:11 object-spread', 'node_modules/lib/index.js:1:18 object-spread']);
  });

  it('takes from a directory an include glob opens only the files it selects', async () => {
    const result = await scanPaths(['.'], { cwd: root, only: ['**/*.js'], include: ['node_modules/lib/other/**'], exclude: ['odd/**'] });
    expect([...new Set(result.sites.map((s) => s.file))]).toEqual(['src/b.js']);
  });

  it('scans a file named explicitly even inside node_modules', async () => {
    const result = await scanPaths(['node_modules/lib/index.js', 'src/a.ts', 'src/a.ts'], { cwd: root });
    expect(result.files).toBe(2);
    expect(placesOf(result)[0]).toBe('node_modules/lib/index.js:1:18 object-spread');
  });

  it('reports a missing path as a diagnostic and goes on', async () => {
    const result = await scanPaths(['no/such/dir', 'src/b.js'], { cwd: root });
    expect(result.diagnostics).toEqual([
      { file: 'no/such/dir', line: 1, column: 1, message: 'no such file or directory: no/such/dir', severity: 'error' },
    ]);
    expect(placesOf(result)).toEqual(['src/b.js:1:11 array-spread']);
  });

  it('skips binary and huge files with a warning, and reads past a byte order mark', async () => {
    const result = await scanPaths(['odd'], { cwd: root });
    expect(result.diagnostics.map((d) => [d.file, d.severity, d.message.split(':')[0]])).toEqual([
      ['odd/binary.js', 'warning', 'skipped'],
      ['odd/huge.js', 'warning', 'skipped'],
    ]);
    expect(placesOf(result)).toEqual(['odd/bom.ts:1:11 object-spread']);
    expect(result.files).toBe(1);
  });

  it('accepts an absolute path and still reports paths relative to cwd', async () => {
    const result = await scanPaths([join(root, 'src', 'b.js')], { cwd: root });
    expect(placesOf(result)).toEqual(['src/b.js:1:11 array-spread']);
  });
});

describe('formatScan', () => {
  const result: ScanResult = {
    sites: [
      { file: 'src/a.ts', line: 3, column: 7, endLine: 3, endColumn: 15, kind: 'structured-clone', deep: true, writtenAtOnce: false, couldShare: true },
      { file: 'src/a.ts', line: 9, column: 1, endLine: 9, endColumn: 20, kind: 'object-spread', deep: false, writtenAtOnce: true, couldShare: false },
    ],
    diagnostics: [{ file: 'src/b.ts', line: 2, column: 4, message: "';' expected.", severity: 'error' }],
    files: 2,
    missing: [],
    durationMs: 12.4,
  };

  it('writes JSON with every field of every site', () => {
    const parsed = JSON.parse(formatScan(result, 'json', false)) as {
      sites: Record<string, unknown>[];
      diagnostics: unknown[];
      files: number;
    };
    expect(parsed.files).toBe(2);
    expect(parsed.sites[0]).toEqual({
      file: 'src/a.ts',
      line: 3,
      column: 7,
      kind: 'structured-clone',
      deep: true,
      writtenAtOnce: false,
      couldShare: true,
      endLine: 3,
      endColumn: 15,
    });
    expect(Object.keys(parsed.sites[1]!)).toEqual(['file', 'line', 'column', 'kind', 'deep', 'writtenAtOnce', 'couldShare', 'endLine', 'endColumn']);
    expect(parsed.diagnostics).toEqual([{ file: 'src/b.ts', line: 2, column: 4, severity: 'error', message: "';' expected." }]);
  });

  it('writes one text line a site and a diagnostic, then a summary, without colour unless asked', () => {
    const text = formatScan(result, 'text', false);
    expect(text.includes('\u001b[')).toBe(false);
    expect(text.trimEnd().split('\n')).toEqual([
      'src/a.ts:3:7  structured-clone  [deep]  [could share]',
      'src/a.ts:9:1  object-spread  [written at once]',
      "src/b.ts:2:4  error  ';' expected.",
      '2 copy sites in 2 files (1 deep, 1 written at once, 1 could share); 1 error, 0 warnings; 12 ms',
    ]);
    expect(formatScan(result, 'text', true).includes('\u001b[')).toBe(true);
  });
});
