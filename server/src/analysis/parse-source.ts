/**
 * Parsing for the scan: syntax only, no program and no type checker. JSDoc is not parsed (the
 * scan reads no types, and it is a large share of parse time on commented code), and parent
 * pointers are not set by the parser: the scan's walk sets them as it goes, saving a second
 * pass over the tree.
 */
import { ts } from 'ts-morph';

export function parseSource(file: string, text: string, scriptKind: ts.ScriptKind): ts.SourceFile {
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return ts.createSourceFile(file, text, options, false, scriptKind);
}

export interface ParseError {
  readonly start: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** The parser's own errors. `parseDiagnostics` is internal to TypeScript but always present on a parsed file. */
export function syntaxErrorsOf(sourceFile: ts.SourceFile): ParseError[] {
  const diagnostics = (sourceFile as { readonly parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    start: d.start ?? 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
  }));
}
