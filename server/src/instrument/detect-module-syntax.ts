/**
 * Node's syntax detection, for files whose format nothing else decides: a `.js` or `.ts` file
 * whose nearest package.json has no `type` (or that has no package.json at all) runs as an ES
 * module when it uses syntax only a module may (import or export declarations, `import.meta`,
 * top-level `await`), and as CommonJS otherwise. The hooks must decide it before they load the
 * file, since CommonJS goes through the require hook.
 */
import { ts } from 'ts-morph';
import { scriptKindOf } from '../analysis/script-kind.js';

export function hasModuleSyntax(file: string, text: string): boolean {
  const sourceFile = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKindOf(file));
  return ts.isExternalModule(sourceFile) || sourceFile.statements.some(hasTopLevelAwait);
}

/** An `await` (or `for await`) outside any function: what makes a script a module without an import or export. */
function hasTopLevelAwait(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, hasTopLevelAwait) === true;
}
