/**
 * A statement the program ends by a line break alone ends there because its last expression
 * cannot go on (`o.k = v as T` in TypeScript, `o.k = p.q++`, `o.k = yield`) while the next line
 * begins with what could (`[a, b] = …`, `(f)()`, `` `t` ``). Where cowlens's edits close at such a
 * statement's end (`o.k = wrote(v as T, …)`), the closing parenthesis could go on, and the next
 * line would join the statement as a call, an element access or an operand: a `;` after every
 * edit there ends it where the program did.
 */
import { ts } from 'ts-morph';
import { Layer, type SourceEdits } from './source-edits.js';

const SK = ts.SyntaxKind;

/** The statements and class members that end with a `;`, or a line break where the program wrote none. */
export function endsWithSemicolon(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.ExpressionStatement:
    case SK.VariableStatement:
    case SK.ReturnStatement:
    case SK.ThrowStatement:
    case SK.ExportAssignment:
    case SK.PropertyDeclaration:
      return true;
    default:
      return false;
  }
}

/** Ends with `;` each of `statements` (see endsWithSemicolon) that an edit closes and whose next line could continue it. */
export function endStatementsAfterEdits(statements: readonly ts.Node[], edits: SourceEdits, sf: ts.SourceFile): void {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, sf.languageVariant, sf.text);
  const closings = edits.closings();
  for (const statement of statements) {
    const end = statement.end;
    if (sf.text.charCodeAt(end - 1) === 0x3b || !closings.has(end)) continue;
    scanner.resetTokenState(end);
    if (continuesAfterLineBreak(scanner.scan())) edits.wrap(statement.getStart(sf), end, '', ';', Layer.Terminator);
  }
}

/**
 * Whether a token on the line after an expression could continue it: anything but a token that
 * only begins a statement (a name, a keyword other than `in` and `instanceof`, a number or string,
 * a block, a unary `!` or `~`, `++` and `--`, which a line break keeps from the expression before)
 * or ends one.
 */
function continuesAfterLineBreak(kind: ts.SyntaxKind): boolean {
  if (kind === SK.InKeyword || kind === SK.InstanceOfKeyword) return true;
  if (kind === SK.Identifier || (kind >= SK.FirstKeyword && kind <= SK.LastKeyword)) return false;
  switch (kind) {
    case SK.NumericLiteral:
    case SK.BigIntLiteral:
    case SK.StringLiteral:
    case SK.OpenBraceToken:
    case SK.CloseBraceToken:
    case SK.SemicolonToken:
    case SK.ExclamationToken:
    case SK.TildeToken:
    case SK.PlusPlusToken:
    case SK.MinusMinusToken:
    case SK.AtToken:
    case SK.HashToken:
    case SK.PrivateIdentifier:
    case SK.EndOfFileToken:
      return false;
    default:
      return true;
  }
}
