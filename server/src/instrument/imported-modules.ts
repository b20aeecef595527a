/**
 * The ES modules a module's static imports load, and theirs in turn: what Node 20 loads for an ES
 * module that `require` loads, past every module hook (hooks/require-hook.ts). Followed are the
 * specifiers that name a file (relative, absolute or `file:`), into files that are ES modules;
 * a CommonJS file goes through the require hook, and stops the walk. A package's modules (a bare
 * specifier) are not followed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import { hasModuleSyntax } from './detect-module-syntax.js';
import { declaredFormat } from './hooks/declared-format.js';

export function importedModules(file: string, text: string): string[] {
  const found = new Set<string>();
  const pending = staticSpecifiers(file, text).map((specifier) => fileOf(specifier, file));
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || found.has(next) || next === file || !existsSync(next)) continue;
    const source = readFileSync(next, 'utf8');
    if ((declaredFormat(next) ?? (hasModuleSyntax(next, source) ? 'module' : 'commonjs')) !== 'module') continue;
    found.add(next);
    pending.push(...staticSpecifiers(next, source).map((specifier) => fileOf(specifier, next)));
  }
  return [...found];
}

/** `import … from`, `import '…'` and `export … from`: not `import()`, which goes through the module hooks. */
function staticSpecifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.JS);
  return source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
  );
}

function fileOf(specifier: string, from: string): string | undefined {
  try {
    if (specifier.startsWith('file:')) return fileURLToPath(specifier);
    if (isAbsolute(specifier)) return specifier;
    if (specifier.startsWith('./') || specifier.startsWith('../')) return fileURLToPath(new URL(specifier, pathToFileURL(from)));
  } catch {
    // A specifier that names no file: Node fails on it as it would without cowlens.
  }
  return undefined;
}
