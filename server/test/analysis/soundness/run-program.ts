/**
 * Running a soundness program as written and with a copy dropped. Dropping applies the editor's
 * suggestion: the copy expression is replaced by the original it copies (`droppableSource`), in
 * parentheses. TypeScript has its types stripped by the compiler first; each run is a real Node
 * process, its output and exit status compared whole.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { COPY_NODE_KINDS, createCopyMatcher, type CopyMatch } from '../../../src/analysis/copy-match.js';
import { droppableSource } from '../../../src/analysis/copy-source.js';
import { parseSource } from '../../../src/analysis/parse-source.js';
import { scriptKindOf } from '../../../src/analysis/script-kind.js';
import { walkValueNodes } from '../../../src/analysis/walk-value-nodes.js';
import type { Program } from './programs.js';

const MARKER = '/*copy*/';
const CWD = mkdtempSync(join(tmpdir(), 'cowlens-soundness-'));

export interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The offset where the marked copy starts. */
export function markedOffset(program: Program): number {
  const at = program.code.indexOf(MARKER);
  if (at < 0) throw new Error(`${program.name}: no ${MARKER} marker`);
  return at + MARKER.length;
}

export function offsetOf(code: string, line: number, column: number): number {
  const lines = code.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  return offset + column - 1;
}

/** The program with the copy that starts at `offset` replaced by its original. */
export function dropCopyAt(program: Program, offset: number): string {
  const sf = parseSource(program.file, program.code, scriptKindOf(program.file)!);
  const match = createCopyMatcher(sf);
  const found: CopyMatch[] = [];
  walkValueNodes(sf, COPY_NODE_KINDS, (node) => {
    const m = match(node);
    if (m !== undefined && m.at.getStart(sf) === offset) found.push(m);
  });
  const [copy] = found;
  const original = copy === undefined ? undefined : droppableSource(copy);
  if (copy === undefined || original === undefined) throw new Error(`${program.name}: no droppable copy at offset ${String(offset)}`);
  const text = sf.text.slice(original.getStart(sf), original.end);
  return `${sf.text.slice(0, copy.node.getStart(sf))}(${text})${sf.text.slice(copy.node.end)}`;
}

export function run(program: Program, code: string = program.code): Outcome {
  const javascript = program.file.endsWith('.mts')
    ? ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
    : code;
  const result = spawnSync(process.execPath, ['--input-type=module', '-'], { input: javascript, cwd: CWD, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replaceAll(CWD, '<cwd>') };
}
