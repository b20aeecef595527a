/**
 * How a write and a hand-over to a package are written into the module, so that the runtime sees
 * them first and a type-checker sees the code as written: the write's target and a call's callee
 * and arguments keep their syntax wherever that can be done without evaluating anything twice or
 * in another order. A type-checker narrows `h.m` after `h.m = v`, types a function assigned to a
 * property by that property (its `this` included), and narrows by a type guard's argument only
 * where the syntax is the original's.
 */
import { ts } from 'ts-morph';
import type { NameResolver } from '../analysis/name-resolution.js';
import { languageOf } from '../analysis/source-language.js';
import { COVERAGE_IGNORED, RUNTIME_REF } from './module-bindings.js';
import { Layer, type SourceEdits } from './source-edits.js';
import type { WriteTarget } from './write-targets.js';
import { isInert } from './inert-expressions.js';
import type { CarriedTargets } from './carried-targets.js';

const SK = ts.SyntaxKind;

/** The expression statement that `node` begins, if any: text put before `node` would begin that statement. */
function statementBegun(node: ts.Node, sf: ts.SourceFile): ts.ExpressionStatement | undefined {
  const start = node.getStart(sf);
  for (let n = node.parent as ts.Node | undefined; n !== undefined && n.getStart(sf) === start; n = n.parent as ts.Node | undefined) {
    if (ts.isExpressionStatement(n)) return n;
  }
  return undefined;
}

function beginsStatement(node: ts.Node, sf: ts.SourceFile): boolean {
  return statementBegun(node, sf) !== undefined;
}

/** Whether the statement that holds `node` alone may become two: it sits in a list of statements. */
function isListed(statement: ts.Statement): boolean {
  const parent = statement.parent;
  return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent);
}

/**
 * The parentheses around an expression put in the place of `node`. A parenthesis that begins a
 * statement of a list could join the line before in code without semicolons (`const a = [0]`
 * then `(…)`), so it gets a `;` before it. In TypeScript, one right after a `>` could make a
 * comparison a call with type arguments (`a < b > (…)` reads as `a<b>(…)`): the expression goes
 * through `carry`, which returns what it is given, so that a name follows the `>`.
 */
export function parenthesesFor(node: ts.Expression, sf: ts.SourceFile): readonly [string, string] {
  if (isTypeScript(sf.fileName) && followsGreaterThan(node, sf)) return [`${RUNTIME_REF}.carry((`, '))'];
  const statement = statementBegun(node, sf);
  return [statement !== undefined && isListed(statement) ? ';(' : '(', ')'];
}

const isTypeScript = (file: string): boolean => {
  const language = languageOf(file);
  return language === 'ts' || language === 'tsx';
};

/** Whether the token before `node` is a `>` (not an arrow's `=>`). */
function followsGreaterThan(node: ts.Node, sf: ts.SourceFile): boolean {
  let i = node.getStart(sf) - 1;
  while (i >= 0 && /\s/.test(sf.text[i]!)) i--;
  return sf.text[i] === '>' && sf.text[i - 1] !== '=';
}

/**
 * Puts `prefix` (which ends with `, `) before `node` as one expression: bare where `node` is the
 * whole of its statement or its comma sequence's first operand, in parentheses elsewhere. A
 * parenthesis that begins a statement of a list could join the line before in code without
 * semicolons (`const a = [0]` then `delete a[0] + b`): it gets a `;` before it.
 */
function prefixExpression(node: ts.Expression, prefix: string, edits: SourceEdits, sf: ts.SourceFile): void {
  const statement = statementBegun(node, sf);
  const bare = statement !== undefined && (ts.isExpressionStatement(node.parent) || (ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === SK.CommaToken));
  const [open, close] = bare ? ['', ''] : parenthesesFor(node, sf);
  edits.wrap(node.getStart(sf), node.end, `${open}${prefix}`, close, Layer.Wrap);
}

/**
 * A write into `w.target`: the runtime sees the target right before the write.
 * - A write whose target cannot be read again and that runs code after it (`w.released`): the
 *   target passes through `hold`, and what the write evaluates last through `release`; a logical
 *   assignment, which may not evaluate it, through `settle` as a whole. Where that expression
 *   awaits or yields (`w.carried`), a variable of the function carries the target to it instead
 *   (`carry(t = target).k = wrote(await v, t)`) where the function can declare one; else the
 *   target passes through `touch`.
 * - `target.k = value` with a stable target: the value passes through `wrote` on its way in, after
 *   it is evaluated; an inert value (a function, a literal) goes as written, `touch` before it,
 *   so that it keeps the type the property gives it.
 * - A function a call invokes through `call`, `apply`, `bind` or `Reflect.apply` passes through
 *   `writer`, which stands in for a built-in that writes (the write is told when the call runs).
 * - `++`, `--` and `delete` that keep their syntax (`w.kept`): `touch` of the target, read once
 *   more, goes before them.
 * - Otherwise the target passes through `touch` where it is evaluated.
 * - A target read again for a type-checker (`w.capturedAt`): see emitCapturedWrite.
 * `start` is where text put before the target goes: after the cut of its chain, for a target that
 * is a link of an optional chain (`w.cut`; chain-cuts.ts).
 * A call of a keyed collection's method the runtime can be told of whole (`w.call`) passes
 * through `wroteCall` or `touchCall` in place of `wrote` or `touch`, with the method's name and
 * the arguments read again, and a `delete` whose key can be read again (`w.deletedKey`) through
 * `touchDelete`, so that a write that changes nothing is no write.
 */
export function emitWrite(w: WriteTarget, start: number, at: string, edits: SourceEdits, sf: ts.SourceFile, carried: CarriedTargets): void {
  if (w.invoked) {
    edits.wrap(start, w.target.end, `${RUNTIME_REF}.writer(`, `, ${at})`, Layer.Wrap);
    return;
  }
  const carrier = w.carried === undefined ? undefined : carried.variableFor(w.at);
  if (w.carried !== undefined && carrier !== undefined) {
    // Through `carry`, not in parentheses, which at the start of a statement could join the line before.
    edits.wrap(start, w.target.end, `${RUNTIME_REF}.carry(${carrier} = `, ')', Layer.Wrap);
    edits.wrap(w.carried.getStart(sf), w.carried.end, `${RUNTIME_REF}.wrote(`, `, ${carrier}, ${at})`, Layer.Wrap);
    return;
  }
  if (w.released !== undefined) {
    edits.wrap(start, w.target.end, `${RUNTIME_REF}.hold(`, `, ${at})`, Layer.Wrap);
    edits.wrap(w.released.getStart(sf), w.released.end, `${RUNTIME_REF}.release(`, `, ${at}${w.settled ? ', 1' : ''})`, Layer.Wrap);
    if (w.settled) edits.wrap(w.settled.getStart(sf), w.settled.end, `${RUNTIME_REF}.settle(`, `, ${at})`, Layer.Wrap);
    return;
  }
  const value = w.value;
  const call = w.call === undefined ? '' : `, '${w.call.method}'${w.call.reread.map((e) => `, ${e.getText(sf)}`).join('')}`;
  if (value === undefined) {
    const [method, extra] = w.deletedKey !== undefined ? ['touchDelete', `, ${w.deletedKey}`] : w.call ? ['touchCall', call] : ['touch', ''];
    if (w.kept) prefixExpression(w.kept, `${RUNTIME_REF}.${method}(${w.target.getText(sf)}, ${at}${extra}), `, edits, sf);
    else edits.wrap(start, w.target.end, `${RUNTIME_REF}.${method}(`, `, ${at}${extra})`, Layer.Wrap);
    return;
  }
  if (w.capturedAt !== undefined) {
    emitCapturedWrite(w, w.capturedAt, value, at, call, edits, sf, carried);
    return;
  }
  const target = w.target.getText(sf);
  if (w.call) {
    edits.wrap(value.getStart(sf), value.end, `${RUNTIME_REF}.wroteCall(`, `, ${target}, ${at}${call})`, Layer.Wrap);
    return;
  }
  if (isInert(value) && ts.isBinaryExpression(w.at)) {
    prefixExpression(w.at, `${RUNTIME_REF}.touch(${target}, ${at}), `, edits, sf);
    return;
  }
  edits.wrap(value.getStart(sf), value.end, `${RUNTIME_REF}.wrote(`, `, ${target}, ${at})`, Layer.Wrap);
}

/**
 * A write whose target keeps its syntax for a type-checker and is read again where the code after
 * it begins (`captured.first`): into a variable of the function's, which carries it to the value
 * (`o.k = wrote((t = o, f()), t)`), where the function can declare one; else held there until
 * the value passes (`o.k = release((hold(o), f()))`), unless the write may await or yield in
 * between, when the runtime is told there (as a carried write is without its variable).
 */
function emitCapturedWrite(
  w: WriteTarget,
  captured: NonNullable<WriteTarget['capturedAt']>,
  value: ts.Expression,
  at: string,
  call: string,
  edits: SourceEdits,
  sf: ts.SourceFile,
  carried: CarriedTargets,
): void {
  const target = w.target.getText(sf);
  const carrier = carried.variableFor(w.at);
  let capture: string;
  // Made first, so that it goes outside where the first expression is the value itself.
  if (carrier !== undefined) {
    const told = w.call ? `${RUNTIME_REF}.wroteCall(` : `${RUNTIME_REF}.wrote(`;
    edits.wrap(value.getStart(sf), value.end, told, `, ${carrier}, ${at}${call})`, Layer.Wrap);
    capture = `${carrier} = ${target}`;
  } else if (!captured.suspends) {
    edits.wrap(value.getStart(sf), value.end, `${RUNTIME_REF}.release(`, `, ${at})`, Layer.Wrap);
    capture = `${RUNTIME_REF}.hold(${target}, ${at})`;
  } else {
    capture = `${RUNTIME_REF}.touch(${target}, ${at})`;
  }
  edits.wrap(captured.first.getStart(sf), captured.first.end, `(${capture}, `, ')', Layer.Wrap);
}

/**
 * Whether the call's value is used as a truth value (`if (isX(v))`, `isX(v) && v.k`, `!isX(v)`):
 * such a call is a test, which writes nothing it is given, and a type-checker narrows by it.
 */
function isTested(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isPrefixUnaryExpression(parent)) return parent.operator === SK.ExclamationToken;
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op !== SK.AmpersandAmpersandToken && op !== SK.BarBarToken) return false;
      // The left operand is tested; the right one is the value of the whole, tested if the whole is.
      if (parent.left === node) return true;
      node = parent;
      continue;
    }
    if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === node;
    if (ts.isForStatement(parent)) return parent.condition === node;
    if (ts.isConditionalExpression(parent)) return parent.condition === node;
    return false;
  }
}

/**
 * Hands `lent`, arguments of a call into a package, to the runtime before the call. A call whose
 * value is only tested is a test (`_.isEqual`, a type guard) and lends nothing. Arguments that
 * are `this` or names nothing reassigns are lent before the call, which keeps them as written:
 * in a statement of their own where the call is one, else `(lent(…), call)`. Any other argument
 * passes through `lend` where it is evaluated. A call that lends tells the runtime when it returns
 * (runtime/cow/lendings.ts): its value passes through `returned`, or, where the call is a statement
 * of a list or the whole initializer of a variable a declaration of a list names, `callReturned(at)`
 * (with that variable) follows that statement, which keeps what a type-checker narrows by as
 * written (an assertion function's call, a type guard's value kept in a `const`). A call in an
 * optional chain that goes on after it (`f(a)?.k`) is not told: a wrap would end the chain. A call statement that lends nothing still tells the runtime, once it
 * returns, that a package ran, which may have written what it kept from before (`call;lent(at);`;
 * see runtime/cow/crossings.ts). Each statement of cowlens's carries istanbul's ignore hint, and no
 * call of cowlens's is an operand of `&&`, which istanbul counts as a branch whatever its hints
 * say: coverage measured under cowlens counts the program's statements and branches, no more.
 */
export function emitLending(call: ts.CallExpression, lent: readonly ts.Expression[], at: string, edits: SourceEdits, sf: ts.SourceFile, names: NameResolver): void {
  if (isTested(call)) return;
  const stable = lent.filter((arg) => arg.kind === SK.ThisKeyword || (ts.isIdentifier(arg) && names.isConstant(arg)));
  const statement = call.parent;
  const whole = ts.isExpressionStatement(statement);
  const hoisted = stable.length > 0 && (whole || !beginsStatement(call, sf)) ? stable : [];
  for (const arg of lent) {
    if (!hoisted.includes(arg)) edits.wrap(arg.getStart(sf), arg.end, `${RUNTIME_REF}.lend(`, `, ${at})`, Layer.Wrap);
  }
  const listedStatement = whole && isListed(statement);
  const declared = lent.length > 0 ? declaredBy(call) : undefined;
  if (listedStatement || declared !== undefined) {
    // A statement after the call's: text put before it would move the columns of its frames. A
    // `;` ends the call's statement where the program wrote none (a line after may begin with `(`).
    const after = listedStatement ? statement : declared!.statement;
    const ended = sf.text.charCodeAt(after.end - 1) === 0x3b;
    const told = lent.length === 0 ? `${RUNTIME_REF}.lent(${at})` : `${RUNTIME_REF}.callReturned(${at}${declared ? `, ${declared.name}` : ''})`;
    edits.wrap(after.getStart(sf), after.end, '', `${ended ? ' ' : ';'}${COVERAGE_IGNORED}${told};`, Layer.Wrap);
  }
  if (lent.length === 0) return;
  if (hoisted.length > 0) {
    const lentNames = hoisted.map((arg) => `, ${arg.getText(sf)}`).join('');
    if (listedStatement) edits.wrap(call.getStart(sf), call.end, `${COVERAGE_IGNORED}${RUNTIME_REF}.lent(${at}${lentNames}); `, '', Layer.Wrap);
    else prefixExpression(call, `${RUNTIME_REF}.lent(${at}${lentNames}), `, edits, sf);
  }
  // Made after the `lent` before it, so that it goes inside: that one may be bare, a statement's first operand.
  if (!listedStatement && declared === undefined && !continuesOptionalChain(call)) edits.wrap(call.getStart(sf), call.end, `${RUNTIME_REF}.returned(`, `, ${at})`, Layer.Wrap);
}

/** The variable `call` is the whole initializer of, named by an identifier, in a declaration statement of a list: read after it, it holds the call's value. */
function declaredBy(call: ts.CallExpression): { readonly statement: ts.VariableStatement; readonly name: string } | undefined {
  const declaration = call.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== call || !ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || !isListed(statement)) return undefined;
  return { statement, name: declaration.name.text };
}

/** Whether `call` is a link of an optional chain that goes on after it (`a?.f(x).k`, `f?.(x)()`): a wrap would cut it. */
function continuesOptionalChain(call: ts.CallExpression): boolean {
  const parent = call.parent;
  const chained = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent) || ts.isNonNullExpression(parent)) && parent.expression === call;
  return chained && (parent.flags & ts.NodeFlags.OptionalChain) !== 0;
}
