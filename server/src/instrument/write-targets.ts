import { ts } from 'ts-morph';
import { builtinPath, isBuiltin } from '../analysis/builtin-names.js';
import { isAssignmentTarget } from '../analysis/assignment-target.js';
import { isEvolvingArray } from '../analysis/evolving-arrays.js';
import { GLOBAL, type NameResolver, UNKNOWN } from '../analysis/name-resolution.js';
import { APPLIER, FIRST_ARGUMENT_WRITERS, INVOKERS, RECEIVER_READERS, RECEIVER_WRITERS } from '../runtime/writing-builtins.js';
import { chainOf, cutLinkOf } from './chain-cuts.js';
import { isInert } from './inert-expressions.js';

/** What the search for writes knows of the module: its bindings, and whether a type-checker reads it. */
export interface WriteContext {
  readonly names: NameResolver;
  /** TypeScript: writes that grow an evolving array stay as written (see evolving-arrays.ts). */
  readonly typed: boolean;
}

/**
 * Methods that write into their receiver (writing-builtins.ts). A call of one of these names on
 * anything passes the receiver through the runtime first; the runtime ignores what it does not
 * watch, so a user method that happens to share a name costs a check, never a behaviour change.
 */
const MUTATING_METHODS: ReadonlySet<string> = new Set(Object.values(RECEIVER_WRITERS).flat());

/**
 * The methods of Map, Set, WeakMap and WeakSet whose call may change nothing, by the number of
 * arguments the runtime must see to tell (a call with another number counts as a write).
 */
const KEYED_METHODS: ReadonlyMap<string, number> = new Map([
  ['delete', 1],
  ['add', 1],
  ['set', 2],
  ['clear', 0],
]);

/**
 * The methods of every function that call it with a receiver they are given: what such a call
 * invokes is known only when it runs (`push.call(s, x)` after `const push = [].push`), so the
 * function passes through the runtime, which stands in for a built-in that writes.
 */
const INVOKER_NAMES: ReadonlySet<string> = new Set(INVOKERS);

/** Built-in functions that write into their first argument, by the path the global object reaches them. */
const WRITING_STATICS: ReadonlySet<string> = new Set(
  Object.entries(FIRST_ARGUMENT_WRITERS).flatMap(([namespace, names]) => names.map((name) => `${namespace}.${name}`)),
);

const APPLIER_PATH = `${APPLIER.owner}.${APPLIER.name}`;

const ASSIGNMENT_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** A write found in the source: `target` is the expression whose object is written. */
export interface WriteTarget {
  /** The object expression to pass through the runtime before the write. */
  readonly target: ts.Expression;
  /** Where the write is reported (the start of the whole write). */
  readonly at: ts.Node;
  /**
   * The last expression the write evaluates before it writes (the right side of an assignment,
   * the last argument of a mutating call), when `target` is `this` or a name nothing reassigns:
   * the runtime then sees the target as this value passes, right before the write, and the
   * target keeps its syntax, so a type-checker narrows `h.m` after `h.m = v` as it did.
   */
  readonly value?: ts.Expression;
  /**
   * Set when `target` cannot be read again (see `value`) and the write runs code after it: a value
   * or a computed key that is not inert. `target` passes through `hold` where it is evaluated and
   * `released`, the last expression the write evaluates before it writes, through `release`, so
   * that the runtime is told of the write after the value (a copy of `target` made there
   * included), right before the write.
   */
  readonly released?: ts.Expression;
  /** Set with `released` on a logical assignment (`??=`, `||=`, `&&=`), which may not evaluate `released`: the whole write. */
  readonly settled?: ts.Expression;
  /**
   * Set in place of `released` when that expression may await or yield (see `suspends`): the
   * target is carried to it in a variable of the function's own (`carry(t = getO()).k =
   * wrote(await f(), t)`), where the function can declare one (see carried-targets.ts).
   */
  readonly carried?: ts.Expression;
  /**
   * Set with `value` where `target` is read again for a type-checker's sake alone (TypeScript: an
   * object other than `this` or a name nothing reassigns) and code runs before the write: `first`,
   * the first expression that runs after `target`, where `target` is read again at once, so that
   * code that assigns its reference (the value, or another call while the value awaits) cannot
   * change which object the runtime is told of; `suspends` when any of that code may await or yield.
   */
  readonly capturedAt?: { readonly first: ts.Expression; readonly suspends: boolean };
  /**
   * Set on a call of a keyed collection's method by name (`m.delete(k)`, `m.set(k, v)`; see
   * KEYED_METHODS) whose arguments the runtime can be handed as the call gets them, so that it can
   * tell a call that changes nothing (runtime/unchanging-writes.ts). With `value`, `reread` are the
   * arguments before it, read again after it (literals, names nothing reassigns); without, all the
   * arguments, read once more before the call, with its target (see `readsNothing`).
   */
  readonly call?: { readonly method: string; readonly reread: readonly ts.Expression[] };
  /**
   * Set on `delete target.k` and `delete target[k]` when the key can be read once more, first,
   * before the delete (see `readsNothing`): its text as the runtime is handed it (`"k"` for
   * `.k`), so that deleting what `target` does not have is no write.
   */
  readonly deletedKey?: string;
  /**
   * Set on `++`, `--` and `delete` in TypeScript when `target` can be read once more (see
   * stableReceiver): the write, which keeps its syntax, the runtime told of `target` in an
   * expression before it, so that a type-checker narrows the written reference as it did.
   */
  readonly kept?: ts.Expression;
  /**
   * Set when `target` is a function that a call invokes with a receiver or arguments it is given
   * (`f` in `f.call(s, x)`, `Reflect.apply(f, s, args)`): it passes through the runtime, which
   * stands in for it when it is a built-in that writes.
   */
  readonly invoked?: true;
  /**
   * Set when `target` is a link of an optional chain (`a?.b` in `a?.b.push(x)`, `delete a?.b.c`),
   * which a pass through the runtime would cut: the link whose `?.` the chain is cut at, before
   * the target (see chain-cuts.ts).
   */
  readonly cut?: ts.Expression;
}

/**
 * The object expressions that `node` writes into, if `node` is a write: a member assignment
 * (plain, compound or logical, including targets inside destructuring patterns and `for…in/of`
 * heads), `++`/`--`, `delete`, a mutating method call (also by a computed name, in an optional
 * chain or as a template's tag), `Object.assign(target, …)` and its kin, aliases included, the
 * object of a `with` statement, and the function a call invokes through `call`, `apply`, `bind`
 * or `Reflect.apply` (see `invoked`).
 */
export function writeTargetsOf(node: ts.Node, out: WriteTarget[], context: WriteContext): void {
  const { names } = context;
  switch (node.kind) {
    case ts.SyntaxKind.BinaryExpression: {
      const b = node as ts.BinaryExpression;
      // `[a.x = 1] = v`: a default of a pattern, whose target the pattern's own assignment reports.
      if (!ASSIGNMENT_OPERATORS.has(b.operatorToken.kind) || isAssignmentTarget(b)) return;
      if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPattern(b.left)) patternTargets(b.left, node, out, context);
      else if (!(context.typed && b.operatorToken.kind === ts.SyntaxKind.EqualsToken && growsEvolvingArray(b.left, names))) {
        if (stableReceiver(b.left, context)) memberTarget(b.left, node, out, context, { value: b.right, ...capturedAt(objectOf(b.left), [runningKey(b.left), b.right], context) });
        else memberTarget(b.left, node, out, context, heldUntil(b.right, b.left, LOGICAL_OPERATORS.has(b.operatorToken.kind) ? b : undefined));
      }
      return;
    }
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement: {
      const initializer = (node as ts.ForInOrOfStatement).initializer;
      if (!ts.isVariableDeclarationList(initializer)) patternElement(initializer, node, out, context);
      return;
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression: {
      const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
      if (u.operator !== ts.SyntaxKind.PlusPlusToken && u.operator !== ts.SyntaxKind.MinusMinusToken) return;
      const found = out.length;
      memberTarget(u.operand, node, out, context, keyTold(u.operand, context));
      keepSyntax(u, u.operand, found, out, context);
      return;
    }
    case ts.SyntaxKind.DeleteExpression: {
      const deleted = (node as ts.DeleteExpression).expression;
      const found = out.length;
      memberTarget(deleted, node, out, context, keyTold(deleted, context));
      const key = deletedKeyOf(deleted, names);
      if (out.length > found && key !== undefined) out[found] = { ...out[found]!, deletedKey: key };
      keepSyntax(node as ts.DeleteExpression, deleted, found, out, context);
      return;
    }
    case ts.SyntaxKind.CallExpression:
      callTarget(node as ts.CallExpression, out, context);
      return;
    case ts.SyntaxKind.TaggedTemplateExpression: {
      const tag = skipParentheses((node as ts.TaggedTemplateExpression).tag);
      if (!ts.isPropertyAccessExpression(tag) && !ts.isElementAccessExpression(tag)) return;
      const name = invokedName(tag);
      if (name !== undefined && (name === '' || MUTATING_METHODS.has(name)) && chainFree(tag.expression)) out.push({ target: tag.expression, at: node });
      return;
    }
    case ts.SyntaxKind.WithStatement:
      // Any assignment to a name in its body may write the object: it is written before the body runs.
      out.push({ target: (node as ts.WithStatement).expression, at: node });
      return;
    default:
      return;
  }
}

/** `Object.assign` for `Object.assign`, as written, whatever the names are bound to. */
function spelledPath(callee: ts.Expression): string | undefined {
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : undefined;
}

/** The name a call invokes on its receiver: `push` in `a.push()` and `a['push']()`; '' when computed. */
function invokedName(callee: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(callee)) return ts.isIdentifier(callee.name) ? callee.name.text : undefined;
  const key = skipParentheses(callee.argumentExpression);
  if (ts.isStringLiteralLike(key)) return key.text;
  return ts.isNumericLiteral(key) ? undefined : '';
}

/** `xs[i] = v`, `xs.push(v)`, `xs.unshift(v)` on a name TypeScript may type as an evolving array. */
function growsEvolvingArray(target: ts.Expression, names: NameResolver): boolean {
  const access = skipParentheses(target);
  if (ts.isElementAccessExpression(access)) return ts.isIdentifier(access.expression) && isEvolvingArray(access.expression, names);
  if (!ts.isPropertyAccessExpression(access) || (access.name.text !== 'push' && access.name.text !== 'unshift')) return false;
  return ts.isIdentifier(access.expression) && isEvolvingArray(access.expression, names);
}

function callTarget(call: ts.CallExpression, out: WriteTarget[], context: WriteContext): void {
  const { names } = context;
  const callee = skipParentheses(call.expression);
  if (context.typed && growsEvolvingArray(callee, names)) return;
  const first = call.arguments[0];
  const firstWritten = first !== undefined && !ts.isSpreadElement(first) && !isFresh(first, names) ? first : undefined;
  // By scope, aliases included; and by spelling too, where scope cannot tell (`with`, a sloppy
  // `eval`): a pass through the runtime is harmless where the callee turns out to be another.
  const path = builtinPath(callee, names)?.path ?? spelledPath(callee);
  if (path !== undefined && WRITING_STATICS.has(path)) {
    // `Object.assign(...[o, v])`: the target is known only when the call runs, to the stand-in the
    // callee passes through (runtime/builtin-writers.ts).
    if (first !== undefined && ts.isSpreadElement(first)) {
      const cut = chainCut(callee, context, chainOf(call));
      if (cut !== undefined && cut.kept === undefined) out.push({ target: callee, at: call, invoked: true, ...cut });
      return;
    }
    if (!firstWritten) return;
    // The built-in writes after every argument is evaluated, and a later one may copy the target
    // (`Object.assign(o, { c: { ...o } })`): the runtime sees the target as the last one passes.
    const last = call.arguments.length > 1 ? call.arguments[call.arguments.length - 1] : undefined;
    const lastValue = last === undefined ? undefined : ts.isSpreadElement(last) ? last.expression : last;
    const told = lastValue !== undefined && rereadable(firstWritten, context) ? { value: lastValue, ...capturedAt(firstWritten, argumentValues(call.arguments.slice(1)), context) } : toldAfter(lastValue);
    out.push({ target: firstWritten, at: call, ...told });
    return;
  }
  if (path === APPLIER_PATH) {
    if (first !== undefined && !ts.isSpreadElement(first) && !isFresh(first, names) && (mayNameWriter(first, names) || isCollectionReader(first, names))) out.push({ target: first, at: call, invoked: true });
    return;
  }
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return;
  const name = invokedName(callee);
  const receiver = callee.expression;
  // A pass through the runtime may begin a chain (`R.touch(s)?.push(x)`); within one (`a?.b.push(x)`), the chain is cut before it.
  const cut = chainCut(receiver, context, chainOf(call));
  if (name === undefined || !isWrappable(receiver) || cut === undefined) return;
  // `Array.prototype.push.call(s, x)`, `push.apply(s, xs)`, `[].fill.bind(s)`: the function may write what it is given.
  if (INVOKER_NAMES.has(name)) {
    if (cut.kept === undefined && (mayNameWriter(receiver, names) || isCollectionReader(receiver, names))) out.push({ target: receiver, at: call, invoked: true, ...cut });
    return;
  }
  // A computed name (`s[m]()`) may be any method, a mutating one too.
  if (name === '' || MUTATING_METHODS.has(name)) {
    const optional = call.questionDotToken !== undefined || callee.questionDotToken !== undefined;
    const last = call.arguments[call.arguments.length - 1];
    const lastValue = optional || last === undefined ? undefined : ts.isSpreadElement(last) ? last.expression : last;
    const value = lastValue !== undefined && stableReceiver(callee, context) ? lastValue : undefined;
    const keyed = keyedCall(call, name, value, names);
    // A call told of whole with all its arguments read first goes through the target, not its last argument.
    const passed = keyed !== undefined && keyed.reread.length === call.arguments.length ? undefined : value;
    // A receiver that cannot be read again is held until the last argument passes, unless the call is told of whole.
    const held = value === undefined && keyed === undefined && !optional ? toldAfter(lastValue) : {};
    const told = passed !== undefined ? { value: passed, ...capturedAt(receiver, argumentValues(call.arguments), context) } : held;
    out.push({ target: receiver, at: call, ...told, ...(keyed !== undefined ? { call: keyed } : {}), ...cut });
  }
}

/**
 * What the runtime is handed of a call of a keyed collection's method (see WriteTarget.call), when
 * it can be handed the call's arguments exactly: their number is the method's, none is spread, and
 * those it gets again read the same value without running anything: after `value`, the arguments
 * before it; else, or when one of those may not, all of them, first.
 */
function keyedCall(call: ts.CallExpression, name: string, value: ts.Expression | undefined, names: NameResolver): WriteTarget['call'] {
  const args = call.arguments;
  if (KEYED_METHODS.get(name) !== args.length || args.some(ts.isSpreadElement)) return undefined;
  const earlier = args.slice(0, -1);
  if (value !== undefined && earlier.every((e) => isLiteral(e) || (ts.isIdentifier(e) && names.isConstant(e)))) return { method: name, reread: earlier };
  return args.every((e) => isLiteral(e) || (ts.isIdentifier(e) && readsNothing(e, names))) ? { method: name, reread: args } : undefined;
}

/** The text of the key `delete access` deletes, when reading it once more, first, runs nothing. */
function deletedKeyOf(access: ts.Expression, names: NameResolver): string | undefined {
  const target = skipParentheses(access);
  if (ts.isPropertyAccessExpression(target)) return ts.isIdentifier(target.name) ? JSON.stringify(target.name.text) : undefined;
  if (!ts.isElementAccessExpression(target)) return undefined;
  const key = target.argumentExpression;
  if (ts.isIdentifier(key)) return readsNothing(key, names) ? key.text : undefined;
  if (!isLiteral(key)) return undefined;
  if (ts.isStringLiteralLike(key)) return JSON.stringify(key.text);
  return ts.isNumericLiteral(key) || ts.isBigIntLiteral(key) ? key.text : ts.tokenToString(key.kind);
}

function isLiteral(e: ts.Expression): boolean {
  switch (e.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    default:
      return false;
  }
}

/**
 * Whether reading the name `id` where it stands runs nothing and cannot fail, so that it may be
 * read once more, first, before the call it is an argument of: a binding of the file (a global may
 * be an accessor, and so may what TypeScript's `declare` stands for) that is initialized there. A
 * parameter is, in its function's body; a `var`, a function and a `catch` binding always are; a
 * `let`, `const` or `using` is where its declaration has run already: after it, in its own scope,
 * with no function or class between (a function may run before the declaration), and not in a
 * `switch` (whose cases share one scope).
 */
function readsNothing(id: ts.Identifier, names: NameResolver): boolean {
  const binding = names.resolve(id);
  if (binding === GLOBAL || binding === UNKNOWN) return false;
  let declaration: ts.Node = binding.name.parent;
  while (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration)) declaration = declaration.parent;
  if (isAmbient(declaration)) return false;
  if (ts.isFunctionDeclaration(declaration)) return true;
  if (ts.isParameter(declaration)) {
    const body = (declaration.parent as ts.SignatureDeclaration & { body?: ts.Node }).body;
    return body !== undefined && isWithin(id, body);
  }
  if (!ts.isVariableDeclaration(declaration)) return false;
  if (ts.isCatchClause(declaration.parent)) return true;
  const list = declaration.parent;
  if ((list.flags & ts.NodeFlags.BlockScoped) === 0) return true;
  if (id.pos < declaration.end || ts.isCaseBlock(binding.scope)) return false;
  for (let n: ts.Node = id.parent; n !== binding.scope; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
  }
  return true;
}

/** Whether `node` is in a `declare` (a variable, a function, `declare global`…): no code of the file makes it. */
function isAmbient(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent as ts.Node | undefined) {
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) === true) return true;
  }
  return false;
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  return node.pos >= ancestor.pos && node.end <= ancestor.end;
}

/** The names alone of the functions in WRITING_STATICS: `assign` of `Object.assign`. */
const WRITING_STATIC_NAMES: ReadonlySet<string> = new Set(Object.values(FIRST_ARGUMENT_WRITERS).flat());

/** Map's and Set's methods that only read, which a view cannot be the receiver of (writing-builtins.ts), by path: `Map.prototype.get`. */
const READER_PATHS: ReadonlySet<string> = new Set(Object.entries(RECEIVER_READERS).flatMap(([owner, names]) => names.map((name) => `${owner}.prototype.${name}`)));

/** `Map` and `Set`, whose instances' methods READER_PATHS name. */
const READ_COLLECTIONS: ReadonlySet<string> = new Set(Object.keys(RECEIVER_READERS));

/**
 * Whether `expr` is visibly one of Map's or Set's methods that only read: `Map.prototype.get` (an
 * alias too: `const { has } = Set.prototype`), `new Map().get`, or the `size` getter as
 * `Object.getOwnPropertyDescriptor(Map.prototype, 'size').get`. Told by what the text shows, not
 * by the name alone: `has.call(o, k)` after `const has = Object.prototype.hasOwnProperty`, a common
 * idiom, runs as written, which a pass through the runtime would make many times slower.
 */
function isCollectionReader(expr: ts.Expression, names: NameResolver): boolean {
  const e = skipParentheses(expr);
  const path = builtinPath(e, names)?.path;
  if (path !== undefined) return READER_PATHS.has(path);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return false;
  const name = invokedName(e);
  const owner = skipParentheses(e.expression);
  if (ts.isNewExpression(owner)) {
    const made = builtinPath(owner.expression, names)?.path;
    return made !== undefined && READER_PATHS.has(`${made}.prototype.${name ?? ''}`);
  }
  if (name !== 'get' || !ts.isCallExpression(owner) || builtinPath(owner.expression, names)?.path !== 'Object.getOwnPropertyDescriptor') return false;
  const [proto, key] = owner.arguments;
  const protoPath = proto === undefined ? undefined : builtinPath(proto, names)?.path;
  return key !== undefined && ts.isStringLiteralLike(key) && key.text === 'size' && [...READ_COLLECTIONS].some((owner) => protoPath === `${owner}.prototype`);
}

/**
 * Whether the function `expr` reaches may be a built-in that writes, by the name it is reached
 * by: `[].push`, `push` (an alias), `Object.assign`, a computed `o[m]`, or `call` itself
 * (`push.call.call(…)`), also through a name the file binds to one of those and never assigns
 * again (`const add = [].push`, `const { push: add } = Array.prototype`). A function of any other
 * name runs as written: passing every `f.call(…)` through the runtime would move the columns of
 * its frames and cost a call each.
 */
function mayNameWriter(expr: ts.Expression, names: NameResolver, depth = 0): boolean {
  const e = skipParentheses(expr);
  if (ts.isIdentifier(e) && !namesWriter(e.text) && depth < MAX_WRITER_ALIASES) {
    const bound = aliasedAs(e, names);
    return bound !== undefined && (typeof bound === 'string' ? namesWriter(bound) : mayNameWriter(bound, names, depth + 1));
  }
  if (ts.isBinaryExpression(e)) {
    // `(0, [].push)`, `(f = [].push)`: the right side is the value; `a || [].push`: either side.
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.CommaToken:
      case ts.SyntaxKind.EqualsToken:
        return mayNameWriter(e.right, names, depth);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return mayNameWriter(e.left, names, depth) || mayNameWriter(e.right, names, depth);
      default:
        return false;
    }
  }
  if (ts.isConditionalExpression(e)) return mayNameWriter(e.whenTrue, names, depth) || mayNameWriter(e.whenFalse, names, depth);
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? invokedName(e) : undefined;
  return name !== undefined && namesWriter(name);
}

/** How many names `mayNameWriter` follows to what they are bound to: `const a = [].push; const b = a;`. */
const MAX_WRITER_ALIASES = 3;

/** Whether a function reached by `name` may be a built-in that writes (see mayNameWriter); '' is a computed name. */
function namesWriter(name: string): boolean {
  return name === '' || MUTATING_METHODS.has(name) || WRITING_STATIC_NAMES.has(name) || INVOKER_NAMES.has(name);
}

/**
 * What a name nothing assigns again is bound to by its declaration: the initializer of `const f =
 * init`, or the key a destructuring reads (`push` of `const { push: f } = proto`); undefined for
 * any other binding (a parameter, an import, a name assigned again).
 */
function aliasedAs(id: ts.Identifier, names: NameResolver): ts.Expression | string | undefined {
  const binding = names.resolve(id);
  if (typeof binding === 'symbol' || !names.isConstant(id)) return undefined;
  const declaration = binding.name.parent;
  if (ts.isVariableDeclaration(declaration) && declaration.name === binding.name) return declaration.initializer;
  if (!ts.isBindingElement(declaration) || declaration.dotDotDotToken !== undefined || !ts.isObjectBindingPattern(declaration.parent)) return undefined;
  const key = declaration.propertyName ?? declaration.name;
  return ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : ts.isComputedPropertyName(key) ? '' : undefined;
}

/** Whether `e` is no link of an optional chain: wrapping it in a call leaves every chain as it was. */
function chainFree(e: ts.Expression): boolean {
  return !ts.isOptionalChain(e);
}

/**
 * How the runtime is told of `e`, the object a write writes, and leaves every optional chain as it
 * was: as usual (`{}`) where `e` is no link of one; in JavaScript, after the chain is cut before
 * it (see WriteTarget.cut) where it can be. TypeScript keeps its chains, whose every link a
 * type-checker narrows and types by the syntax as written: `e`, a reference it narrows
 * (`a?.b`, `this.x?.y`), is read again, as the write's value passes or else before `write`, the
 * whole write or the chain it ends (WriteTarget.kept); else the write goes untold (README, Limits).
 */
function chainCut(e: ts.Expression, context: WriteContext, write: ts.Expression): Pick<WriteTarget, 'cut' | 'kept'> | undefined {
  if (chainFree(e)) return {};
  if (context.typed) return rereadable(e, context) ? { kept: write } : undefined;
  const cut = cutLinkOf(e);
  return cut === undefined ? undefined : { cut };
}

/**
 * Whether the object of the member access `expr` can be read once more, just before the write,
 * and be the same object: `this`, or a name of the file that nothing reassigns. In TypeScript,
 * also any reference a type-checker narrows (`t.o`, `this.items[0]`, `state!.list`), so that
 * the write keeps the reference it narrows by: `t.o.seen = v` gives `t.o.seen` the type of `v`
 * only as written. Reading it again runs its getters again (README, Limits); where code runs
 * before the write, it is read where that code begins (see WriteTarget.capturedAt).
 */
function stableReceiver(expr: ts.Expression, context: WriteContext): boolean {
  const access = skipParentheses(expr);
  return (ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) && rereadable(access.expression, context);
}

/** Whether `expr` can be read once more and be the same object: `this`, a name nothing reassigns, or (TypeScript) a reference a type-checker narrows. */
function rereadable(expr: ts.Expression, context: WriteContext): boolean {
  const e = skipParentheses(expr);
  if (e.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(e) && context.names.isConstant(e))) return true;
  return context.typed && isNarrowedReference(e, context.names);
}

/**
 * Whether `e` is a reference TypeScript narrows by assignments and tests, which reading again
 * reads only names and properties: a name, `this`, `super`, and their properties by name, by a
 * literal or by a name nothing reassigns, through `!`, parentheses and `?.` (`a?.b`).
 */
function isNarrowedReference(e: ts.Expression, names: NameResolver): boolean {
  if (e.kind === ts.SyntaxKind.ThisKeyword || e.kind === ts.SyntaxKind.SuperKeyword || ts.isIdentifier(e)) return true;
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return isNarrowedReference(e.expression, names);
  if (ts.isPropertyAccessExpression(e)) return isNarrowedReference(e.expression, names);
  if (!ts.isElementAccessExpression(e)) return false;
  const key = e.argumentExpression;
  return (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) || (ts.isIdentifier(key) && names.isConstant(key))) && isNarrowedReference(e.expression, names);
}

/**
 * Where a write into `target`, read again as it writes, reads it (see WriteTarget.capturedAt),
 * given what the write evaluates after it, in order.
 */
function capturedAt(target: ts.Expression, after: readonly (ts.Expression | undefined)[], context: WriteContext): Pick<WriteTarget, 'capturedAt'> {
  if (!context.typed) return {};
  const object = skipParentheses(target);
  if (object.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(object) && context.names.isConstant(object))) return {};
  const running = after.filter((e): e is ts.Expression => e !== undefined && !isInert(e));
  const first = running[0];
  return first === undefined ? {} : { capturedAt: { first, suspends: running.some(suspends) } };
}

/** The object of the member access `access`, whose receiver stableReceiver found readable again. */
function objectOf(access: ts.Expression): ts.Expression {
  return (skipParentheses(access) as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
}

/** The values a call's arguments evaluate, a spread's iterable for a spread. */
function argumentValues(args: readonly ts.Expression[]): ts.Expression[] {
  return args.map((a) => (ts.isSpreadElement(a) ? a.expression : a));
}

/**
 * `++`, `--` and `delete` in TypeScript, whose target can be read again (see stableReceiver): the
 * write keeps its syntax, so that a type-checker narrows and widens its reference as written.
 */
function keepSyntax(write: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression | ts.DeleteExpression, operand: ts.Expression, found: number, out: WriteTarget[], context: WriteContext): void {
  if (context.typed && out.length > found && out[found]!.value === undefined && stableReceiver(operand, context)) out[found] = { ...out[found]!, kept: write };
}

/** How the runtime is told of a member write after its target: as the value passes (`value`), or held until `released` passes. */
type TargetTold = Pick<WriteTarget, 'value' | 'released' | 'settled' | 'carried' | 'capturedAt'>;

const LOGICAL_OPERATORS = new Set<ts.SyntaxKind>([ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken]);

/**
 * The write of `value` into the member `left`, whose object cannot be read again: held until
 * `value` passes, unless nothing runs between the object and the write (an inert value and key).
 */
function heldUntil(value: ts.Expression, left: ts.Expression, settled: ts.Expression | undefined): TargetTold | undefined {
  if (isInert(value) && runningKey(left) === undefined) return undefined;
  if (suspends(value)) return { carried: value };
  return { released: value, ...(settled !== undefined ? { settled } : {}) };
}

/** A write whose object cannot be read again, told after `last`, the last thing it evaluates, when that runs code. */
function toldAfter(last: ts.Expression | undefined): TargetTold {
  if (last === undefined || isInert(last)) return {};
  return suspends(last) ? { carried: last } : { released: last };
}

/**
 * A write with no value of its own (`++`, `delete`, a destructuring target, a `for…of` head) whose
 * computed key runs code after the target is evaluated: the key is the last thing the write
 * evaluates, and the runtime is told as it passes.
 */
function keyTold(access: ts.Expression, context: WriteContext): TargetTold | undefined {
  const key = runningKey(access);
  if (key === undefined) return undefined;
  return stableReceiver(access, context) ? { value: key, ...capturedAt(objectOf(access), [key], context) } : toldAfter(key);
}

/**
 * Whether evaluating `e` may await or yield: other code, held writes of its own included, runs
 * before it ends, so that a write held until it passes could not tell its own object from theirs
 * (runtime/held-writes.ts).
 */
function suspends(e: ts.Node): boolean {
  if (ts.isAwaitExpression(e) || ts.isYieldExpression(e)) return true;
  if (ts.isFunctionLike(e)) return false;
  return ts.forEachChild(e, (child) => (suspends(child) ? true : undefined)) === true;
}

/**
 * The computed key of the member `access`, when evaluating it runs code; none in an optional chain
 * (`delete a?.[f()]`), where a write held until its key would stay held when the chain stops short.
 */
function runningKey(access: ts.Expression): ts.Expression | undefined {
  const target = skipParentheses(access);
  return ts.isElementAccessExpression(target) && !ts.isOptionalChain(target) && !isInert(target.argumentExpression) ? target.argumentExpression : undefined;
}

function memberTarget(expr: ts.Expression, at: ts.Node, out: WriteTarget[], context: WriteContext, told: TargetTold = {}): void {
  const target = skipParentheses(expr);
  // `delete a?.b` may begin with a pass through the runtime; `delete a?.b.c` is cut before `a?.b`.
  const chained = ts.isOptionalChain(target);
  if (chained && told.value !== undefined) return;
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
  if (ts.isPropertyAccessExpression(target) && ts.isPrivateIdentifier(target.name)) return; // private fields are never copied
  const cut = chained ? chainCut(target.expression, context, at as ts.Expression) : {};
  if (cut !== undefined && isWrappable(target.expression)) out.push({ target: target.expression, at, ...told, ...cut });
}

/** Member targets inside a destructuring assignment pattern: `[a.x, { k: b[i] }] = value`. */
function patternTargets(pattern: ts.Expression, at: ts.Node, out: WriteTarget[], context: WriteContext): void {
  const element = skipParentheses(pattern);
  if (ts.isArrayLiteralExpression(element)) {
    for (const e of element.elements) patternElement(e, at, out, context);
  } else if (ts.isObjectLiteralExpression(element)) {
    for (const p of element.properties) {
      if (ts.isPropertyAssignment(p)) patternElement(p.initializer, at, out, context);
      else if (ts.isSpreadAssignment(p)) patternElement(p.expression, at, out, context);
    }
  }
}

/**
 * A target of a destructuring pattern or a `for…in/of` head: the runtime is told when its object
 * is evaluated, or as its computed key passes. A `for…in/of` head takes its value before that; a
 * pattern's element, after (the source's iterator step or getter, the element's default).
 */
function patternElement(e: ts.Expression, at: ts.Node, out: WriteTarget[], context: WriteContext): void {
  if (ts.isSpreadElement(e)) {
    patternElement(e.expression, at, out, context);
  } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    // `[a.x = 1] = v`: the default belongs to the pattern; its target is the left side.
    patternElement(e.left, at, out, context);
  } else if (isPattern(e)) {
    patternTargets(e, at, out, context);
  } else {
    memberTarget(e, at, out, context, keyTold(e, context));
  }
}

function isPattern(e: ts.Expression): boolean {
  const inner = skipParentheses(e);
  return ts.isArrayLiteralExpression(inner) || ts.isObjectLiteralExpression(inner);
}

/** `super` cannot be passed anywhere; everything else evaluates to a value that can. */
function isWrappable(e: ts.Expression): boolean {
  return e.kind !== ts.SyntaxKind.SuperKeyword;
}

/** An object made right there (`{}`, `[]`, `Object.create(p)`) cannot be shared with anything yet. */
function isFresh(e: ts.Expression, names: NameResolver): boolean {
  const inner = skipParentheses(e);
  if (ts.isObjectLiteralExpression(inner) || ts.isArrayLiteralExpression(inner)) return true;
  return ts.isCallExpression(inner) && isBuiltin(inner.expression, 'Object.create', names);
}

function skipParentheses(e: ts.Expression): ts.Expression {
  let inner = e;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}
