/**
 * The type-check oracle: a transformer that type-checks what it is given (ts-jest) sees the
 * instrumented text, so instrumented TypeScript must give exactly the diagnostics the original
 * gives. Checked on real TypeScript: this project's own server and client, and the fixtures,
 * each under its own tsconfig, every file instrumented at once.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { REPO } from '../cli/run-cowlens.js';

interface Project {
  readonly name: string;
  readonly tsconfig: string;
  /** Root files to use instead of the tsconfig's (the fixtures have no tsconfig of their own). */
  readonly files?: readonly string[];
}

const FIXTURE_FILES = [
  'test-fixtures/reducer/main.ts',
  'test-fixtures/defensive-getter/main.ts',
  'test-fixtures/cli/ts-app/rows.ts',
  'test-fixtures/cli/ts-app/main.ts',
  'test-fixtures/runners/vitest-suite/src/inventory.ts',
  'test-fixtures/runners/vitest-suite/test/restock.test.ts',
  'test-fixtures/runners/vitest-suite/test/snapshot.test.ts',
  'test-fixtures/editor-tour/main.ts',
].map((file) => join(REPO, file));

const PROJECTS: readonly Project[] = [
  { name: 'the server', tsconfig: 'server/tsconfig.json' },
  { name: 'the client', tsconfig: 'client/tsconfig.json' },
  { name: 'the ts-jest fixture', tsconfig: 'test-fixtures/runners/ts-jest-suite/tsconfig.json' },
  { name: 'the fixtures', tsconfig: 'tsconfig.base.json', files: FIXTURE_FILES },
];

function parsedConfig(project: Project): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(REPO, project.tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error(`cannot read ${project.tsconfig}`);
  // Only the diagnostics matter: no emit, no build info, whatever the tsconfig says.
  return { ...parsed, options: { ...parsed.options, noEmit: true, composite: false, incremental: false, declaration: false }, fileNames: project.files ? [...project.files] : parsed.fileNames };
}

/** Every diagnostic of the root files, as `file:line TScode message`: columns move with the edits, lines never do. */
function diagnosticsOf(config: ts.ParsedCommandLine, textOf: (file: string) => string | undefined): string[] {
  const disk = ts.createCompilerHost(config.options);
  const host: ts.CompilerHost = {
    ...disk,
    getSourceFile: (name, language, ...rest) => {
      const text = textOf(name);
      return text === undefined ? disk.getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
    },
    readFile: (name) => textOf(name) ?? disk.readFile(name),
  };
  const program = ts.createProgram(config.fileNames, config.options, host);
  const roots = new Set(config.fileNames.map((f) => ts.sys.resolvePath(f)));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || roots.has(ts.sys.resolvePath(d.file.fileName)))
    .map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(REPO.length)}:${String(d.file.getLineAndCharacterOfPosition(d.start).line + 1)}` : '(global)';
      return `${where} TS${String(d.code)} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    })
    .sort();
}

const isSource = (file: string): boolean => /\.(c|m)?tsx?$/.test(file) && !/\.d\.(c|m)?ts$/.test(file);

describe('type-check oracle: instrumented TypeScript gives the diagnostics the original gives', () => {
  for (const project of PROJECTS) {
    it(`${project.name} (${project.tsconfig})`, () => {
      const config = parsedConfig(project);
      const sources = config.fileNames.filter(isSource);
      const instrumented = new Map<string, string>();
      let edits = 0;
      for (const file of sources) {
        const text = ts.sys.readFile(file)!;
        const result = instrumentSource(file, text);
        edits += result.sites + result.writes;
        instrumented.set(ts.sys.resolvePath(file), result.code);
      }
      const original = diagnosticsOf(config, () => undefined);
      const after = diagnosticsOf(config, (file) => instrumented.get(ts.sys.resolvePath(file)));
      console.log(`${project.name}: ${String(sources.length)} files, ${String(edits)} sites and writes, ${String(original.length)} diagnostics as written`);
      expect(edits).toBeGreaterThan(0);
      expect(after).toEqual(original);
    }, 180_000);
  }
});
