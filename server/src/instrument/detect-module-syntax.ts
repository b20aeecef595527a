/**
 * Node's syntax detection, for files whose format nothing else decides: a `.js` or `.ts` file
 * whose nearest package.json has no `type` (or that has no package.json at all) runs as an ES
 * module when it uses syntax only a module may (import or export declarations, `import.meta`,
 * top-level `await`), and as CommonJS otherwise. The hooks must decide it before they load the
 * file, since CommonJS goes through the require hook.
 */
import { ts } from 'ts-morph';
import { scriptKindOf } from '../analysis/script-kind.js';
import { strippedText } from './strip-types.js';

/**
 * TypeScript whose types cowlens strips is decided as Node decides it, on the JavaScript it
 * strips to: `import type` and `export type` alone make no module.
 */
export function hasModuleSyntax(file: string, text: string): boolean {
  const stripped = strippedText(file, text);
  const sourceFile = parse(file, stripped ?? text, stripped === undefined ? scriptKindOf(file) : ts.ScriptKind.JS);
  return ts.isExternalModule(sourceFile) || sourceFile.statements.some(hasTopLevelAwait);
}

/** Whether JavaScript `code` imports or exports: as CommonJS, it does not compile. */
export function importsOrExports(file: string, code: string): boolean {
  return ts.isExternalModule(parse(file, code, ts.ScriptKind.JS));
}

function parse(file: string, text: string, kind: ts.ScriptKind | undefined): ts.SourceFile {
  return ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, kind);
}

/** An `await` (or `for await`) outside any function: what makes a script a module without an import or export. */
function hasTopLevelAwait(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, hasTopLevelAwait) === true;
}
