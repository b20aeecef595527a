/**
 * Whether a file's top-level bindings are its own. In an ES module or a CommonJS module they are;
 * in a classic script they are globals that any other script could write, so nothing about them
 * can be proved from one file.
 */
import { ts } from 'ts-morph';
import { isModuleByExtension } from './script-kind.js';
import { hasModifier, isIdentifierNamed, requiredModule } from './syntax.js';

const SK = ts.SyntaxKind;

/** `module.exports = …`, `exports.x = …`, `module.exports.x = …`. */
function isCommonJsExport(statement: ts.Statement): boolean {
  if (statement.kind !== SK.ExpressionStatement) return false;
  const expression = (statement as ts.ExpressionStatement).expression;
  if (expression.kind !== SK.BinaryExpression) return false;
  let target = (expression as ts.BinaryExpression).left;
  while (target.kind === SK.PropertyAccessExpression) {
    const owner = (target as ts.PropertyAccessExpression).expression;
    if (isIdentifierNamed(owner, 'exports') || isIdentifierNamed(owner, 'module')) return true;
    target = owner;
  }
  return false;
}

function marksModule(statement: ts.Statement): boolean {
  switch (statement.kind) {
    case SK.ImportDeclaration:
    case SK.ExportDeclaration:
    case SK.ExportAssignment:
      return true;
    case SK.ImportEqualsDeclaration:
      return (statement as ts.ImportEqualsDeclaration).moduleReference.kind === SK.ExternalModuleReference;
    case SK.VariableStatement:
      return (
        hasModifier(statement, SK.ExportKeyword) ||
        (statement as ts.VariableStatement).declarationList.declarations.some(
          (d) => d.initializer !== undefined && requiredModule(d.initializer) !== undefined,
        )
      );
    default:
      return hasModifier(statement, SK.ExportKeyword) || isCommonJsExport(statement);
  }
}

export function isModuleFile(file: string, sourceFile: ts.SourceFile): boolean {
  return isModuleByExtension(file) || sourceFile.statements.some(marksModule);
}
