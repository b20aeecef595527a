/**
 * One file's copy sites and syntax errors, from its text alone. A file with syntax errors still
 * yields every site in what the parser recovered. Declaration files run nothing and yield
 * nothing.
 */
import type { ts } from 'ts-morph';
import type { CopyKind } from '../runtime/copy-kinds.js';
import { COPY_NODE_KINDS, createCopyMatcher } from './copy-match.js';
import { decideCouldShare } from './could-share.js';
import type { CopyMatch } from './match-result.js';
import { isModuleFile } from './module-scope.js';
import { createNameResolver, type NameResolver } from './name-resolution.js';
import { parseSource, syntaxErrorsOf } from './parse-source.js';
import type { PlainQuestions } from './plain-source.js';
import { isDeclarationFile, scriptKindOf } from './script-kind.js';
import { createTypeFacts } from './type-facts.js';
import { walkValueNodes } from './walk-value-nodes.js';

/** A copy site found in source. Lines and columns are 1-based; the end is just past the last character. */
export interface StaticSite {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: CopyKind;
  deep: boolean;
  /** Made together with writes (`{ ...s, k: v }`, `Object.assign({}, a, b)`): written at once. */
  writtenAtOnce: boolean;
  couldShare: boolean;
}

export interface ScanDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface FileScan {
  sites: StaticSite[];
  diagnostics: ScanDiagnostic[];
}

/** Every copy the file's code makes, in walk order; sets the parent pointers the walk passes. */
function findCopyMatches(sourceFile: ts.SourceFile, names: NameResolver): CopyMatch[] {
  const match = createCopyMatcher(sourceFile, names);
  const matches: CopyMatch[] = [];
  walkValueNodes(sourceFile, COPY_NODE_KINDS, (node) => {
    const found = match(node);
    if (found !== undefined) matches.push(found);
  });
  return matches;
}

function position(sourceFile: ts.SourceFile, offset: number): { line: number; column: number } {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

function siteOf(file: string, sourceFile: ts.SourceFile, match: CopyMatch, couldShare: boolean): StaticSite {
  const start = position(sourceFile, match.at.getStart(sourceFile));
  const end = position(sourceFile, match.at.end);
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    kind: match.kind,
    deep: match.deep,
    writtenAtOnce: match.writtenAtOnce,
    couldShare,
  };
}

/**
 * What the analysis of a parsed file asks of its names and types. Both answer lazily (the type
 * checker is built only when a question needs it), so one pair serves the scan and whatever else
 * asks of the same tree later (the language server's quick fixes).
 */
export function questionsOf(sourceFile: ts.SourceFile): PlainQuestions {
  return { names: createNameResolver(sourceFile), types: createTypeFacts(sourceFile) };
}

/** The sites and syntax errors of a parsed file; `file` names it in the results. */
export function scanSourceFile(file: string, sourceFile: ts.SourceFile, questions: PlainQuestions = questionsOf(sourceFile)): FileScan {
  const matches = findCopyMatches(sourceFile, questions.names);
  const couldShare = decideCouldShare(sourceFile, matches, isModuleFile(file, sourceFile), questions);
  const sites = matches.map((m, i) => siteOf(file, sourceFile, m, couldShare[i] ?? false));
  sites.sort((a, b) => a.line - b.line || a.column - b.column);
  const diagnostics = syntaxErrorsOf(sourceFile).map(({ start, message, severity }) => ({
    file,
    ...position(sourceFile, start),
    message,
    severity,
  }));
  return { sites, diagnostics };
}

export function scanSource(file: string, text: string): FileScan {
  if (isDeclarationFile(file)) return { sites: [], diagnostics: [] };
  const scriptKind = scriptKindOf(file);
  if (scriptKind === undefined) {
    return { sites: [], diagnostics: [{ file, line: 1, column: 1, message: 'not a JavaScript or TypeScript file', severity: 'warning' }] };
  }
  return scanSourceFile(file, parseSource(file, text, scriptKind));
}
