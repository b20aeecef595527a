/**
 * Instrumented text back to source text: each runtime call becomes the syntax it replaced, built
 * from the restored texts of its arguments, and the module's bindings at the end are dropped.
 * Everything else is copied as the instrumenter left it, so whatever it changed besides its own
 * calls shows up when the restored file is compared with the original.
 */
import { ts } from 'ts-morph';
import { RestoredText } from './restored-text.js';
import { WITH_BODY_HEAD } from '../../../src/instrument/module-bindings.js';
import { type ArgumentKind, type Before, OBJECT_REST, REST_SOURCE, RUNTIME_FORMS, type RuntimeForm, type Template, WITH_OBJECT } from './runtime-forms.js';

const RUNTIME_FUNCTION = '__cl$i';
const RUNTIME_VARIABLE = '__cl$r';
const SITES = '__cl$s';
const LOCATIONS = '__cl$l';
const TEMP = /^__cl\$t\d+$/;
/** What `withObject` takes after the with object. */
const BINDINGS = [RUNTIME_FUNCTION, SITES, LOCATIONS];
/**
 * A variable that carries a write's object to its value: `R.carry(__cl$w0 = o).k = R.wrote(await
 * v, __cl$w0, L)`, or, where the target keeps its syntax, `o.k = R.wrote((__cl$w0 = o, v), __cl$w0, L)`.
 */
const CARRIER = /^__cl\$w\d+$/;
const CARRY = 'carry';
/**
 * An optional chain cut before a write in it: `(R.chainStops(a) ? void 0 : R.touch(R.chainHead().b,
 * L).push(x))` stands for `a?.b.push(x)`, `(R.chainStops(a) ? true : delete R.chainHead().b.c)` for
 * `delete a?.b.c`.
 */
const CHAIN_STOPS = 'chainStops';
const CHAIN_HEAD = 'chainHead';
/** Every name the instrumenter adds starts so: a subtree without it has nothing to restore. */
const MARKER = '__cl$';

/** The instrumented text is not what the instrumenter is known to write. `at` is an offset in it. */
export class UninstrumentError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'UninstrumentError';
  }
}

export interface Uninstrumented {
  readonly text: RestoredText;
  /** Where the module's bindings begin in the instrumented text (its length when there are none). */
  readonly preambleStart: number;
  readonly runtimeCalls: number;
}

/** `output` is the instrumented file, parsed as its original would be. Throws UninstrumentError. */
export function uninstrument(output: ts.SourceFile): Uninstrumented {
  return new Restorer(output).file();
}

class Restorer {
  private readonly text: string;
  /** Offsets of MARKER in the text, ascending. */
  private readonly markers: number[] = [];
  private calls = 0;
  /** Per cut chain being restored, innermost last: whether the code after the cut took its head yet. */
  private readonly cutHeads: boolean[] = [];

  constructor(private readonly sf: ts.SourceFile) {
    this.text = sf.text;
    for (let i = this.text.indexOf(MARKER); i !== -1; i = this.text.indexOf(MARKER, i + MARKER.length)) this.markers.push(i);
  }

  file(): Uninstrumented {
    const end = preambleStart(this.sf);
    const out = new RestoredText(this.text);
    let cursor = 0;
    for (const statement of this.sf.statements) {
      if (statement.pos >= end) break;
      if (!this.marked(statement)) continue;
      out.copy(cursor, statement.getStart(this.sf));
      this.restore(statement, out);
      cursor = statement.end;
    }
    out.copy(cursor, end);
    if (this.calls > 0 && end === this.text.length) throw new UninstrumentError(`runtime calls but no module bindings (${RUNTIME_FUNCTION}) at the end`, 0);
    return { text: out, preambleStart: end, runtimeCalls: this.calls };
  }

  private restore(node: ts.Node, out: RestoredText): void {
    const method = runtimeMethodOf(node);
    if (method === CARRY) this.restoreCarried(node as ts.CallExpression, out);
    else if (method === CHAIN_HEAD) this.restoreChainHead(node as ts.CallExpression, out);
    else if (ts.isConditionalExpression(node) && runtimeMethodOf(node.condition) === CHAIN_STOPS) this.restoreCut(node, out);
    else if (method !== undefined) this.restoreCall(node as ts.CallExpression, method, out);
    else if (ts.isWithStatement(node) && runtimeMethodOf(node.expression) === WITH_OBJECT) this.restoreWith(node, out);
    else if (isCarriersDeclaration(node)) {
      // `let __cl$w0, __cl$w1;` at the head of a function's body: nothing of the original.
    } else if (ts.isVariableDeclarationList(node)) this.restoreDeclarations(node, out);
    else if (this.isAddition(node)) {
      // `R.lent(L, a);` before a statement: nothing of the original.
    } else if (ts.isBinaryExpression(node) && (this.isAddition(node.left, operatorOf(node)) || this.isCapture(node.left, operatorOf(node)))) this.restore(node.right, out);
    else this.splice(node, out);
  }

  /**
   * Whether `node` is a runtime call that goes before code, where the table lets it: as a
   * statement (`R.lent(L, a);`), or as the left operand of `before`. Its arguments are checked.
   */
  private isAddition(node: ts.Node, before: Before | undefined = ts.isExpressionStatement(node) ? ';' : undefined): boolean {
    if (before === undefined) return false;
    const call = before === ';' ? (node as ts.ExpressionStatement).expression : node;
    const method = runtimeMethodOf(call);
    const form = method === undefined ? undefined : formOf(method);
    if (form === undefined || !form.before.includes(before)) return false;
    this.calls++;
    this.arguments(call as ts.CallExpression, method!, form.args);
    return true;
  }

  /** Whether `node` is `__cl$w0 = target` as the left operand of `before`: a target read again into its carrier. */
  private isCapture(node: ts.Expression, before: Before | undefined): boolean {
    if (before !== ',' || !ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(node.left) || !CARRIER.test(node.left.text)) return false;
    this.calls++;
    return true;
  }

  private restored(node: ts.Node): RestoredText {
    const out = new RestoredText(this.text);
    this.restore(node, out);
    return out;
  }

  /** The node's text with each child that holds instrumentation restored. */
  private splice(node: ts.Node, out: RestoredText): void {
    let cursor = node.getStart(this.sf);
    const each = (child: ts.Node): void => {
      if (!this.marked(child)) return;
      out.copy(cursor, child.getStart(this.sf));
      this.restore(child, out);
      cursor = child.end;
    };
    ts.forEachChild(
      node,
      (child) => {
        each(child);
      },
      (children) => {
        for (const child of children) each(child);
      },
    );
    out.copy(cursor, node.end);
  }

  private restoreCall(call: ts.CallExpression, method: string, out: RestoredText): void {
    const at = call.getStart(this.sf);
    this.calls++;
    if (method === OBJECT_REST || method === REST_SOURCE) throw new UninstrumentError(`${RUNTIME_FUNCTION}().${method}( outside the declarations of an object rest`, at);
    if (method === WITH_OBJECT) throw new UninstrumentError(`${RUNTIME_FUNCTION}().${method}( elsewhere than around a with statement's object`, at);
    const form = formOf(method);
    if (form === undefined) throw new UninstrumentError(`unknown runtime method ${RUNTIME_FUNCTION}().${method}(`, at);
    if (form.build === undefined) throw new UninstrumentError(`${RUNTIME_FUNCTION}().${method}( where it stands for an expression: it only goes before code (${form.before.join(' ')})`, at);
    const args = this.arguments(call, method, form.args);
    const typeArguments = new RestoredText(this.text);
    // The list runs from just after `<` to its last element; `>` may follow after trivia.
    if (call.typeArguments) typeArguments.copy(call.typeArguments.pos - 1, this.text.indexOf('>', call.typeArguments.end) + 1);
    const built = form.build(args, typeArguments);
    if (built instanceof RestoredText) out.append(built);
    else writeTemplate(built, at, out);
  }

  /** `with (R.withObject(o, __cl$i, __cl$s, __cl$l)) {HEAD S}`: `with (o) S`. */
  private restoreWith(statement: ts.WithStatement, out: RestoredText): void {
    const call = statement.expression as ts.CallExpression;
    const body = statement.statement;
    const [head, inner, ...more] = ts.isBlock(body) ? body.statements : [];
    if (head === undefined || head.getText(this.sf) !== WITH_BODY_HEAD || inner === undefined || more.length > 0) {
      throw new UninstrumentError(`${RUNTIME_FUNCTION}().${WITH_OBJECT}( around a with object whose body is not \`{HEAD statement}\``, call.getStart(this.sf));
    }
    this.calls++;
    const [object] = this.arguments(call, WITH_OBJECT, formOf(WITH_OBJECT)!.args);
    out.copy(statement.getStart(this.sf), call.getStart(this.sf));
    out.append(object!);
    out.copy(call.end, body.getStart(this.sf));
    this.restore(inner, out);
  }

  /** The `x` and `...` arguments, restored, after checking every argument is of its kind. */
  private arguments(call: ts.CallExpression, method: string, kinds: readonly ArgumentKind[]): RestoredText[] {
    const given = call.arguments;
    const restored: RestoredText[] = [];
    const wrong = (what: string): UninstrumentError =>
      new UninstrumentError(`${RUNTIME_FUNCTION}().${method}( takes (${kinds.join(', ')}): ${what}`, call.getStart(this.sf));
    if (call.typeArguments && !kinds.includes('<>')) throw wrong('type arguments');
    let i = 0;
    for (const kind of kinds) {
      if (kind === '<>') continue;
      if (kind === 'bindings') {
        const names = given.slice(i, (i += BINDINGS.length));
        if (names.length !== BINDINGS.length || names.some((arg, k) => !isIdentifierNamed(arg, BINDINGS[k]!))) throw wrong(`arguments ${i - BINDINGS.length + 1} on are not ${BINDINGS.join(', ')}`);
        continue;
      }
      if (kind === '...') {
        for (; i < given.length; i++) restored.push(this.restored(given[i]!));
        continue;
      }
      const arg = given[i++];
      if (arg === undefined) throw wrong(`argument ${i} is missing`);
      const ok =
        kind === 'S' ? isTableRef(arg, SITES) : kind === 'L' ? isTableRef(arg, LOCATIONS) : kind === 'void' ? isVoidZero(arg) : !ts.isSpreadElement(arg);
      if (!ok) throw wrong(`argument ${i} is \`${arg.getText(this.sf).slice(0, 60)}\``);
      if (kind === 'x') restored.push(this.restored(arg));
    }
    if (i < given.length) throw wrong(`${given.length} arguments`);
    return restored;
  }

  /** `R.carry(__cl$w0 = target)`, where a write's target was: the target. */
  private restoreCarried(call: ts.CallExpression, out: RestoredText): void {
    const [carried, ...more] = call.arguments;
    // `R.carry((…))`: parentheses that follow a `>` in TypeScript (emit-writes.ts, parenthesesFor).
    if (carried !== undefined && ts.isParenthesizedExpression(carried) && more.length === 0 && !call.typeArguments) {
      this.calls++;
      this.restore(carried.expression, out);
      return;
    }
    const ok = carried !== undefined && ts.isBinaryExpression(carried) && carried.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(carried.left) && CARRIER.test(carried.left.text);
    if (!ok || more.length > 0 || call.typeArguments) throw new UninstrumentError(`${RUNTIME_FUNCTION}().${CARRY}( takes (__cl$wN = x)`, call.getStart(this.sf));
    this.calls++;
    this.restore(carried.right, out);
  }

  /** `(R.chainStops(head) ? void 0 : rest)`, `rest` taking the head by `R.chainHead()` first: `head?.rest`. */
  private restoreCut(cut: ts.ConditionalExpression, out: RestoredText): void {
    const at = cut.getStart(this.sf);
    const [head, ...more] = (cut.condition as ts.CallExpression).arguments;
    const deleted = cut.whenTrue.kind === ts.SyntaxKind.TrueKeyword;
    const rest = deleted && ts.isDeleteExpression(cut.whenFalse) ? cut.whenFalse.expression : cut.whenFalse;
    if (head === undefined || ts.isSpreadElement(head) || more.length > 0 || (!deleted && !isVoidZero(cut.whenTrue)) || (deleted && rest === cut.whenFalse)) {
      throw new UninstrumentError(`${RUNTIME_FUNCTION}().${CHAIN_STOPS}(x) ? void 0 : rest, or ? true : delete rest`, at);
    }
    this.calls++;
    if (deleted) out.write('delete ', at);
    this.restore(head, out);
    this.cutHeads.push(false);
    const restored = this.restored(rest);
    if (this.cutHeads.pop() !== true) throw new UninstrumentError(`a cut chain whose rest does not begin with ${RUNTIME_FUNCTION}().${CHAIN_HEAD}()`, at);
    out.append(restored);
  }

  /** `R.chainHead()`, which begins the rest of a cut chain: the cut's `?.`, the `.` of a property access after it. */
  private restoreChainHead(call: ts.CallExpression, out: RestoredText): void {
    const at = call.getStart(this.sf);
    const depth = this.cutHeads.length;
    if (depth === 0 || this.cutHeads[depth - 1] === true || call.arguments.length > 0) throw new UninstrumentError(`${RUNTIME_FUNCTION}().${CHAIN_HEAD}() outside the rest of a cut chain, or after its head`, at);
    this.cutHeads[depth - 1] = true;
    this.calls++;
    // `R.chainHead().b` for `?.b`; `R.chainHead()[k]`, `R.chainHead()(x)` for `?.[k]`, `?.(x)`.
    out.write(this.text[call.end] === '.' ? '?' : '?.', at);
  }

  /** A declaration list, where `__cl$t0 = init, { a } = __cl$t0, rest = R.objectRest(…)` is one declaration again. */
  private restoreDeclarations(list: ts.VariableDeclarationList, out: RestoredText): void {
    const declarations = list.declarations;
    let cursor = list.getStart(this.sf);
    for (let i = 0; i < declarations.length; i++) {
      const d = declarations[i]!;
      if (!this.marked(d)) continue;
      out.copy(cursor, d.getStart(this.sf));
      if (ts.isIdentifier(d.name) && TEMP.test(d.name.text)) {
        const last = this.restoreRest(d, declarations[i + 1], declarations[i + 2], out);
        cursor = last.end;
        i += 2;
      } else {
        this.restore(d, out);
        cursor = d.end;
      }
    }
    out.copy(cursor, list.end);
  }

  private restoreRest(temp: ts.VariableDeclaration, named: ts.VariableDeclaration | undefined, rest: ts.VariableDeclaration | undefined, out: RestoredText): ts.VariableDeclaration {
    const at = temp.getStart(this.sf);
    const name = (temp.name as ts.Identifier).text;
    const wrong = (what: string): UninstrumentError => new UninstrumentError(`object rest through ${name}: ${what}`, at);
    if (!temp.initializer || temp.type || temp.exclamationToken) throw wrong('the temporary is not a plain declaration with an initializer');
    if (!named || !ts.isObjectBindingPattern(named.name) || !named.initializer || !isIdentifierNamed(named.initializer, name) || named.type) {
      throw wrong(`the next declaration is not \`{ … } = ${name}\``);
    }
    const call = rest?.initializer;
    if (!rest || !ts.isIdentifier(rest.name) || !call || runtimeMethodOf(call) !== OBJECT_REST || rest.type) {
      throw wrong(`the declaration after the pattern is not \`rest = ${RUNTIME_FUNCTION}().${OBJECT_REST}(…)\``);
    }
    const [site, source, keys, ...more] = (call as ts.CallExpression).arguments;
    if (!site || !isTableRef(site, SITES) || !source || !isIdentifierNamed(source, name) || !keys || !ts.isArrayLiteralExpression(keys) || more.length > 0) {
      throw wrong(`${OBJECT_REST} takes (S, ${name}, [keys])`);
    }
    this.calls++;
    const omitted = keys.elements.map((k) => (ts.isStringLiteral(k) ? k.text : `<${k.getText(this.sf)}>`));
    const elements = named.name.elements;
    const bound = elements.map(keyOf);
    if (omitted.join('\0') !== bound.join('\0')) throw wrong(`${OBJECT_REST} omits ${JSON.stringify(omitted)} but the pattern reads ${JSON.stringify(bound)}`);
    const patternAt = named.name.getStart(this.sf);
    out.write('{ ', patternAt);
    for (const element of elements) {
      out.append(this.restored(element));
      out.write(', ', patternAt);
    }
    out.write(`...${rest.name.text} } = `, rest.getStart(this.sf));
    this.restore(this.restSource(temp.initializer, name), out);
    return rest;
  }

  /** `init` of `__cl$t0 = R.restSource(S, init)`, or of `__cl$t0 = init`. */
  private restSource(initializer: ts.Expression, temp: string): ts.Expression {
    if (runtimeMethodOf(initializer) !== REST_SOURCE) return initializer;
    this.calls++;
    const [site, source, ...more] = (initializer as ts.CallExpression).arguments;
    if (!site || !isTableRef(site, SITES) || !source || ts.isSpreadElement(source) || more.length > 0) {
      throw new UninstrumentError(`object rest through ${temp}: ${REST_SOURCE} takes (S, x)`, initializer.getStart(this.sf));
    }
    return source;
  }

  private marked(node: ts.Node): boolean {
    // The first marker at or after node.pos, by binary search.
    const markers = this.markers;
    let lo = 0;
    let hi = markers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (markers[mid]! < node.pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < markers.length && markers[lo]! < node.end;
  }
}

/** `let __cl$w0, __cl$w1;`, with types in TypeScript and nothing else. */
function isCarriersDeclaration(node: ts.Node): boolean {
  if (!ts.isVariableStatement(node) || node.modifiers !== undefined) return false;
  const list = node.declarationList;
  return (list.flags & ts.NodeFlags.Let) !== 0 && list.declarations.every((d) => ts.isIdentifier(d.name) && CARRIER.test(d.name.text) && d.initializer === undefined);
}


function formOf(method: string): RuntimeForm | undefined {
  return Object.hasOwn(RUNTIME_FORMS, method) ? RUNTIME_FORMS[method] : undefined;
}

function operatorOf(node: ts.BinaryExpression): Before | undefined {
  const kind = node.operatorToken.kind;
  return kind === ts.SyntaxKind.CommaToken ? ',' : undefined;
}

function writeTemplate(template: Template, at: number, out: RestoredText): void {
  template.strings.forEach((literal, i) => {
    out.write(literal, at);
    const value = template.values[i];
    if (value === undefined) return;
    if (value instanceof RestoredText) {
      out.append(value);
      return;
    }
    value.forEach((arg, k) => {
      if (k > 0) out.write(', ', at);
      out.append(arg);
    });
  });
}

/** `m` when `node` is `__cl$i().m(…)`. */
function runtimeMethodOf(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
  const runtime = callee.expression;
  return ts.isCallExpression(runtime) && runtime.arguments.length === 0 && isIdentifierNamed(runtime.expression, RUNTIME_FUNCTION) ? callee.name.text : undefined;
}

/** Where the module's bindings start: `var __cl$r…;function __cl$i(){…}`, the file's last two statements. */
function preambleStart(sf: ts.SourceFile): number {
  const statements = sf.statements;
  const vars = statements[statements.length - 2];
  const fn = statements[statements.length - 1];
  const first = vars && ts.isVariableStatement(vars) ? vars.declarationList.declarations[0] : undefined;
  const isPreamble = first !== undefined && isIdentifierNamed(first.name, RUNTIME_VARIABLE) && fn !== undefined && ts.isFunctionDeclaration(fn) && fn.name?.text === RUNTIME_FUNCTION;
  return isPreamble ? vars!.pos : sf.text.length;
}

function isIdentifierNamed(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

/** `__cl$s[3]`. */
function isTableRef(node: ts.Expression, table: string): boolean {
  return ts.isElementAccessExpression(node) && isIdentifierNamed(node.expression, table) && ts.isNumericLiteral(node.argumentExpression);
}

function isVoidZero(node: ts.Expression): boolean {
  return ts.isVoidExpression(node) && ts.isNumericLiteral(node.expression) && node.expression.text === '0';
}

/** The key a binding element reads, as the instrumenter writes it into objectRest's list. */
function keyOf(element: ts.BindingElement): string {
  const key = element.propertyName ?? element.name;
  if (ts.isIdentifier(key) || ts.isStringLiteral(key)) return key.text;
  if (ts.isNumericLiteral(key)) return String(Number(key.text));
  return `<${ts.SyntaxKind[key.kind]}>`;
}
