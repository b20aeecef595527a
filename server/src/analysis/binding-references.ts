/**
 * Every identifier in a scope that may refer to a binding, by name. Declarations and
 * property names are left out; a shadowing binding's uses are kept, which can only make the
 * could-share rule more cautious. A direct `eval` in the scope can reach any binding, so it is
 * reported too. Needs parent pointers.
 */
import { ts } from 'ts-morph';
import { isIdentifierNamed, unwrap } from './syntax.js';
import { isNonValueSyntax } from './value-position.js';

const SK = ts.SyntaxKind;

export interface ScopeReferences {
  readonly byName: ReadonlyMap<string, readonly ts.Identifier[]>;
  readonly callsEval: boolean;
}

/** Whether `id` names something other than a value read or written here: a declaration, a property, a label. */
function isNotReference(id: ts.Identifier, parent: ts.Node): boolean {
  switch (parent.kind) {
    case SK.PropertyAccessExpression:
    case SK.PropertyAssignment:
    case SK.PropertyDeclaration:
    case SK.MethodDeclaration:
    case SK.GetAccessor:
    case SK.SetAccessor:
    case SK.EnumMember:
    case SK.VariableDeclaration:
    case SK.Parameter:
    case SK.FunctionDeclaration:
    case SK.FunctionExpression:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
    case SK.ImportEqualsDeclaration:
    case SK.JsxAttribute:
      return (parent as ts.NamedDeclaration).name === id;
    case SK.BindingElement:
      return (parent as ts.BindingElement).initializer !== id;
    case SK.ImportClause:
    case SK.ImportSpecifier:
    case SK.NamespaceImport:
    case SK.LabeledStatement:
    case SK.BreakStatement:
    case SK.ContinueStatement:
    case SK.MetaProperty:
      return true;
    case SK.ExportSpecifier:
      return (parent as ts.ExportSpecifier).propertyName !== undefined && (parent as ts.ExportSpecifier).name === id;
    case SK.JsxOpeningElement:
    case SK.JsxSelfClosingElement:
    case SK.JsxClosingElement:
      // A lower-case tag is an intrinsic element, a string; it reads no binding.
      return /^[a-z]/.test(id.text);
    default:
      return false;
  }
}

export function findReferences(scope: ts.Node): ScopeReferences {
  const byName = new Map<string, ts.Identifier[]>();
  let callsEval = false;
  const visit = (node: ts.Node): undefined => {
    if (isNonValueSyntax(node)) return;
    if (node.kind === SK.Identifier) {
      const id = node as ts.Identifier;
      if (!isNotReference(id, id.parent)) {
        const list = byName.get(id.text);
        if (list === undefined) byName.set(id.text, [id]);
        else list.push(id);
      }
      return;
    }
    // `(eval)(code)` and `(eval as any)(code)` are direct evals too: the parentheses keep the reference.
    if (node.kind === SK.CallExpression && isIdentifierNamed(unwrap((node as ts.CallExpression).expression), 'eval')) callsEval = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return { byName, callsEval };
}
