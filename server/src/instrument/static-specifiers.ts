/**
 * The specifiers of a module's static imports: `import … from`, `import '…'` and `export … from`,
 * not `import()`, which goes through the module hooks. Parsed with the compiler, so the
 * transform worker answers it (hooks/transform-worker.ts), once per module text: the transform
 * cache keeps the answer (hooks/cached-transform.ts).
 */
import { ts } from 'ts-morph';

export function staticSpecifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.JS);
  return source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
  );
}
