/**
 * Prints a program of the grammar as source text, in one of three styles:
 *  - `always`: a semicolon after every statement that takes one;
 *  - `guarded`: no semicolons, and a leading `;` on every statement that starts with `(`, `[`,
 *    a backtick, `+`, `-`, `/` or `<`, on every block (TypeScript takes `(a)` and a block on the
 *    next line for an arrow function) (and on every class field followed by a member starting
 *    with `[`, `(` or `*`), as prettier's `semi: false` and standard style write it;
 *  - `hazard`: no semicolons and no guards: such a line continues the statement before it, as
 *    JavaScript joins it, and the program is whatever the joined text means.
 * Each place a guard could go is a hazard with an index, in print order; `guarded(i)` says which
 * ones get their guard in `hazard` style (the caller guards the ones that would not parse). A
 * directive written without its semicolon leaves the line after it open in `always` style too.
 */
import type { Binding, ClassMember, Declarator, Expr, ForHead, Key, Param, Prop, Spread, Stmt } from './ast.js';

export type SemicolonStyle = 'always' | 'guarded' | 'hazard';

export interface PrintOptions {
  readonly style: SemicolonStyle;
  /** In `hazard` style, whether hazard `index` is guarded after all. */
  readonly guarded?: (index: number) => boolean;
  /** Break member chains of two calls or more onto lines of their own (`\n  .slice()`). */
  readonly breakChains?: boolean;
}

export interface Printed {
  readonly text: string;
  /** How many hazards the text has (guarded or not). */
  readonly hazards: number;
}

const HAZARD_START = /^[([`+\-/<]/;
const MEMBER_HAZARD_START = /^[([*]/;

/** Precedence of each binary operator (higher binds tighter). */
const BINARY: Readonly<Record<string, number>> = {
  '??': 4,
  '||': 5,
  '&&': 6,
  '|': 7,
  '^': 8,
  '&': 9,
  '==': 10,
  '!=': 10,
  '===': 10,
  '!==': 10,
  '<': 11,
  '>': 11,
  '<=': 11,
  '>=': 11,
  instanceof: 11,
  in: 11,
  '<<': 12,
  '>>': 12,
  '>>>': 12,
  '+': 13,
  '-': 13,
  '*': 14,
  '/': 14,
  '%': 14,
  '**': 15,
};

const UNARY = 16;
const POSTFIX = 17;
const LHS = 18;
const PRIMARY = 19;

function precedence(e: Expr): number {
  switch (e.t) {
    case 'seq':
      return 1;
    case 'assign':
    case 'arrow':
    case 'yield':
      return 2;
    case 'cond':
      return 3;
    case 'binary':
      return BINARY[e.op] ?? 0;
    case 'assert':
      return e.form === 'angle' ? UNARY : 11;
    case 'unary':
    case 'await':
      return UNARY;
    case 'update':
      return e.prefix ? UNARY : POSTFIX;
    case 'member':
    case 'index':
    case 'call':
    case 'new':
    case 'nonNull':
      return LHS;
    case 'template':
      return e.tag ? LHS : PRIMARY;
    case 'raw':
      // A negative literal or `new.target`-like text is never generated raw; a regular expression is primary.
      return PRIMARY;
    default:
      return PRIMARY;
  }
}

class Printer {
  private hazardCount = 0;

  constructor(private readonly options: PrintOptions) {}

  get hazards(): number {
    return this.hazardCount;
  }

  // ---- statements --------------------------------------------------------------------------

  statements(list: readonly Stmt[], indent: string): string[] {
    const lines: string[] = [];
    let afterBareDirective = false;
    for (const s of list) {
      const printed = this.statement(s, indent);
      const first = printed[0];
      // With semicolons, only a directive written without one leaves the next line open.
      const open = this.options.style !== 'always' || afterBareDirective;
      // A comment line between leaves the directive's line as open as it was.
      if (s.t !== 'comment') afterBareDirective = s.t === 'directive' && !s.semi;
      // TypeScript's parser reads `(a)` then a block on the next line as an arrow function that lacks its `=>`.
      const startsHazard = (s.t === 'expr' && HAZARD_START.test(first?.slice(indent.length) ?? '')) || s.t === 'block';
      if (first !== undefined && open && startsHazard) {
        const index = this.hazardCount++;
        const guard = this.options.style === 'guarded' || (this.options.guarded?.(index) ?? false);
        if (guard) printed[0] = `${indent};${first.slice(indent.length)}`;
      }
      lines.push(...printed);
    }
    return lines;
  }

  private semi(text: string): string {
    return this.options.style === 'always' ? `${text};` : text;
  }

  private block(list: readonly Stmt[], indent: string): string[] {
    return this.statements(list, `${indent}  `);
  }

  statement(s: Stmt, indent: string): string[] {
    const inner = `${indent}  `;
    switch (s.t) {
      case 'expr': {
        const text = this.expr(s.e, 0, indent);
        // An expression statement may not begin like a declaration, a block or a `let [` pattern.
        const needsParens = /^(\{|function\b|class\b|async\s+function\b|let\s*\[)/.test(text);
        return [indent + this.semi(needsParens ? `(${text})` : text)];
      }
      case 'decl':
        return [indent + this.semi(this.declaration(s.kind, s.decls, indent))];
      case 'if': {
        const lines = [`${indent}if (${this.expr(s.test, 0, indent)}) {`, ...this.block(s.then, indent)];
        if (s.else) lines.push(`${indent}} else {`, ...this.block(s.else, indent));
        lines.push(`${indent}}`);
        return lines;
      }
      case 'for': {
        const init = s.init === undefined ? '' : 't' in s.init && isStmt(s.init) ? this.forInit(s.init, indent) : this.expr(s.init, 0, indent);
        const test = s.test ? ` ${this.expr(s.test, 0, indent)}` : '';
        const update = s.update ? ` ${this.expr(s.update, 0, indent)}` : '';
        return [`${indent}for (${init};${test};${update}) {`, ...this.block(s.body, indent), `${indent}}`];
      }
      case 'forOf':
      case 'forIn': {
        const head = this.forHead(s.head, indent);
        const word = s.t === 'forOf' ? 'of' : 'in';
        const iter = this.expr(s.iter, s.t === 'forOf' ? 2 : 0, indent);
        return [`${indent}for${s.await ? ' await' : ''} (${head} ${word} ${iter}) {`, ...this.block(s.body, indent), `${indent}}`];
      }
      case 'while':
        return [`${indent}while (${this.expr(s.test, 0, indent)}) {`, ...this.block(s.body, indent), `${indent}}`];
      case 'block':
        return [`${indent}{`, ...this.block(s.body, indent), `${indent}}`];
      case 'function': {
        const head = `${s.async ? 'async ' : ''}function${s.generator ? '*' : ''} ${s.name}${s.typeParams ?? ''}(${this.params(s.params, indent)})${s.returnType ? `: ${s.returnType}` : ''}`;
        return [`${indent}${head} {`, ...this.block(s.body, indent), `${indent}}`];
      }
      case 'class':
        return [`${indent}class ${s.name}${s.extends ? ` extends ${this.expr(s.extends, LHS, indent)}` : ''} {`, ...this.classBody(s.members, inner), `${indent}}`];
      case 'try': {
        const lines = [`${indent}try {`, ...this.block(s.body, indent)];
        if (s.handler) lines.push(`${indent}} catch${s.param ? ` (${this.binding(s.param, indent)})` : ''} {`, ...this.block(s.handler, indent));
        if (s.finally) lines.push(`${indent}} finally {`, ...this.block(s.finally, indent));
        lines.push(`${indent}}`);
        return lines;
      }
      case 'return':
        return [indent + this.semi(s.e ? `return ${this.expr(s.e, 0, indent)}` : 'return')];
      case 'throw':
        return [indent + this.semi(`throw ${this.expr(s.e, 0, indent)}`)];
      case 'break':
        return [indent + this.semi('break')];
      case 'directive':
        return [indent + s.text + (s.semi ? ';' : '')];
      case 'import':
        return [indent + this.semi(`import ${s.clause} from '${s.from}'`)];
      case 'verbatim':
        return [indent + s.text];
      case 'comment':
        return [`${indent}// ${s.text}`];
    }
  }

  private forInit(s: Stmt, indent: string): string {
    if (s.t === 'decl') return this.declaration(s.kind, s.decls, indent);
    if (s.t === 'expr') return this.expr(s.e, 0, indent);
    throw new Error(`a for initializer cannot be a ${s.t}`);
  }

  private forHead(head: ForHead, indent: string): string {
    if (head.t === 'decl') return `${head.kind} ${this.binding(head.binding, indent)}`;
    return this.expr(head.target, LHS, indent);
  }

  private declaration(kind: string, decls: readonly Declarator[], indent: string): string {
    const parts = decls.map((d) => {
      const name = this.binding(d.binding, indent) + (d.definite ? '!' : '') + (d.type ? `: ${d.type}` : '');
      return d.init ? `${name} = ${this.expr(d.init, 2, indent)}` : name;
    });
    return `${kind} ${parts.join(', ')}`;
  }

  private classBody(members: readonly ClassMember[], indent: string): string[] {
    const lines: string[] = [];
    members.forEach((m, i) => {
      const next = members[i + 1];
      if (m.t === 'field') {
        const head = `${m.static ? 'static ' : ''}${m.modifiers ? `${m.modifiers} ` : ''}${this.memberKey(m.key, indent)}${m.type ? `: ${m.type}` : ''}`;
        const text = m.value ? `${head} = ${this.expr(m.value, 2, indent)}` : head;
        let end = this.options.style === 'always' ? ';' : '';
        if (end === '' && next !== undefined) {
          const nextText = this.classMember(next, indent)[0]?.slice(indent.length) ?? '';
          if (MEMBER_HAZARD_START.test(nextText)) {
            const index = this.hazardCount++;
            if (this.options.style === 'guarded' || (this.options.guarded?.(index) ?? false)) end = ';';
          }
        }
        lines.push(indent + text + end);
      } else {
        lines.push(...this.classMember(m, indent));
      }
    });
    return lines;
  }

  private classMember(m: ClassMember, indent: string): string[] {
    switch (m.t) {
      case 'field':
        // Only its first line is asked for (the hazard check), and a field is printed by classBody.
        return [`${indent}${m.static ? 'static ' : ''}${m.modifiers ? `${m.modifiers} ` : ''}${this.memberKey(m.key, indent)}`];
      case 'staticBlock':
        return [`${indent}static {`, ...this.block(m.body, indent), `${indent}}`];
      case 'method': {
        const prefix = `${m.static ? 'static ' : ''}${m.kind === 'get' || m.kind === 'set' ? `${m.kind} ` : ''}${m.generator ? '*' : ''}`;
        const name = m.kind === 'constructor' ? 'constructor' : this.memberKey(m.key, indent);
        return [`${indent}${prefix}${name}(${this.params(m.params, indent)}) {`, ...this.block(m.body, indent), `${indent}}`];
      }
    }
  }

  private memberKey(key: Key | { readonly t: 'private'; readonly name: string }, indent: string): string {
    return key.t === 'private' ? `#${key.name}` : this.key(key, indent);
  }

  private key(key: Key, indent: string): string {
    return key.t === 'name' ? key.text : `[${this.expr(key.e, 2, indent)}]`;
  }

  private params(params: readonly Param[], indent: string): string {
    return params
      .map((p) => `${p.modifier ? `${p.modifier} ` : ''}${p.rest ? '...' : ''}${this.binding(p.binding, indent)}${p.optional ? '?' : ''}${p.type ? `: ${p.type}` : ''}${p.init ? ` = ${this.expr(p.init, 2, indent)}` : ''}`)
      .join(', ');
  }

  private binding(b: Binding, indent: string): string {
    return this.expr(b, 0, indent);
  }

  // ---- expressions -------------------------------------------------------------------------

  /** `e` printed where an expression of at least precedence `min` is expected. */
  expr(e: Expr, min: number, indent: string): string {
    const text = this.bare(e, indent);
    return precedence(e) < min ? `(${text})` : text;
  }

  private args(args: readonly (Expr | Spread)[], indent: string): string {
    // V8 rejects `f([1], { a: o.a } = o)` as it would an arrow's parameters (an array literal
    // earlier in the list makes it check the pattern so): in parentheses the program compiles.
    return args.map((a) => (a.t === 'assign' && (a.target.t === 'object' || a.target.t === 'array') ? `(${this.bare(a, indent)})` : this.item(a, indent))).join(', ');
  }

  private item(a: Expr | Spread, indent: string): string {
    return a.t === 'spread' ? `...${this.expr(a.e, 2, indent)}` : this.expr(a, 2, indent);
  }

  /** Operands of `??` may not be `||` or `&&` without parentheses, nor the reverse. */
  private operand(parentOp: string, child: Expr, min: number, indent: string): string {
    const mixes =
      child.t === 'binary' && ((parentOp === '??' && (child.op === '||' || child.op === '&&')) || ((parentOp === '||' || parentOp === '&&') && child.op === '??'));
    return mixes ? `(${this.bare(child, indent)})` : this.expr(child, min, indent);
  }

  private typeArgs(args: readonly string[] | undefined): string {
    return args && args.length > 0 ? `<${args.join(', ')}>` : '';
  }

  private chainBreak(e: Expr, indent: string): string {
    // A call on a call on a member: worth a line of its own when the style breaks chains.
    if (this.options.breakChains !== true) return '';
    return e.t === 'call' && e.callee.t === 'member' && e.callee.obj.t === 'call' && e.callee.obj.callee.t === 'member' ? `\n${indent}    ` : '';
  }

  private bare(e: Expr, indent: string): string {
    switch (e.t) {
      case 'id':
        return e.name;
      case 'raw':
        return e.text;
      case 'array':
        return `[${e.items.map((i) => (i === null ? '' : this.item(i, indent))).join(', ')}${e.items.length > 0 && e.items[e.items.length - 1] === null ? ',' : ''}]`;
      case 'object':
        return e.props.length === 0 ? '{}' : `{ ${e.props.map((p) => this.prop(p, indent)).join(', ')} }`;
      case 'member':
        return `${this.memberObject(e.obj, indent)}${e.optional ? '?.' : '.'}${e.name}`;
      case 'index':
        return `${this.memberObject(e.obj, indent)}${e.optional ? '?.' : ''}[${this.expr(e.key, 0, indent)}]`;
      case 'call': {
        const callee = this.expr(e.callee, LHS, indent);
        const brk = e.callee.t === 'member' && !e.callee.optional ? this.chainBreak(e, indent) : '';
        const calleeText = brk === '' ? callee : callee.replace(/\.([A-Za-z_$][\w$]*)$/, `${brk}.$1`);
        return `${calleeText}${e.optional ? '?.' : ''}${this.typeArgs(e.typeArgs)}(${this.args(e.args, indent)})`;
      }
      case 'new': {
        const simple = isNamePath(e.callee);
        return `new ${simple ? this.bare(e.callee, indent) : `(${this.bare(e.callee, indent)})`}${this.typeArgs(e.typeArgs)}(${this.args(e.args, indent)})`;
      }
      case 'assign':
        return `${this.expr(e.target, LHS, indent)} ${e.op} ${this.expr(e.value, 2, indent)}`;
      case 'update':
        return e.prefix ? `${e.op}${this.expr(e.target, LHS, indent)}` : `${this.expr(e.target, LHS, indent)}${e.op}`;
      case 'unary': {
        const arg = this.expr(e.arg, UNARY, indent);
        if (/^[a-z]/.test(e.op)) return `${e.op} ${arg}`;
        // `- -x` and `+ +x` (and `- --x`) must not fuse into `--x`.
        return arg.startsWith(e.op) ? `${e.op} ${arg}` : `${e.op}${arg}`;
      }
      case 'binary': {
        const p = BINARY[e.op] ?? 0;
        // `**` is right-associative, and its left side may not be a unary expression.
        const left = e.op === '**' ? this.operand(e.op, e.left, POSTFIX, indent) : this.operand(e.op, e.left, p, indent);
        const right = e.op === '**' ? this.operand(e.op, e.right, p, indent) : this.operand(e.op, e.right, p + 1, indent);
        return `${left} ${e.op} ${right}`;
      }
      case 'cond':
        return `${this.expr(e.test, 4, indent)} ? ${this.expr(e.then, 2, indent)} : ${this.expr(e.else, 2, indent)}`;
      case 'arrow': {
        const params = `(${this.params(e.params, indent)})${e.returnType ? `: ${e.returnType}` : ''}`;
        const head = `${e.async ? 'async ' : ''}${params} =>`;
        if (isExpr(e.body)) {
          const body = this.expr(e.body, 2, indent);
          return `${head} ${body.startsWith('{') ? `(${body})` : body}`;
        }
        return `${head} {\n${this.block(e.body, indent).join('\n')}\n${indent}}`;
      }
      case 'function':
        return `${e.async ? 'async ' : ''}function${e.generator ? '*' : ''}${e.name ? ` ${e.name}` : ''}(${this.params(e.params, indent)}) {\n${this.block(e.body, indent).join('\n')}\n${indent}}`;
      case 'class': {
        const head = `class${e.name ? ` ${e.name}` : ''}${e.extends ? ` extends ${this.expr(e.extends, LHS, indent)}` : ''}`;
        return `${head} {\n${this.classBody(e.members, `${indent}  `).join('\n')}\n${indent}}`;
      }
      case 'template': {
        let text = e.quasis[0] ?? '';
        e.exprs.forEach((x, i) => {
          text += `\${${this.expr(x, 0, indent)}}${e.quasis[i + 1] ?? ''}`;
        });
        return `${e.tag ? this.expr(e.tag, LHS, indent) : ''}\`${text}\``;
      }
      case 'seq':
        return e.items.map((i) => this.expr(i, 2, indent)).join(', ');
      case 'paren':
        return `(${this.expr(e.e, 0, indent)})`;
      case 'await':
        return `await ${this.expr(e.e, UNARY, indent)}`;
      case 'yield':
        return e.e ? `yield ${this.expr(e.e, 2, indent)}` : 'yield';
      case 'assert':
        if (e.form === 'angle') return `<${e.type}>${this.expr(e.e, UNARY, indent)}`;
        return `${this.expr(e.e, 12, indent)} ${e.form} ${e.type}`;
      case 'nonNull':
        return `${this.expr(e.e, LHS, indent)}!`;
    }
  }

  private memberObject(obj: Expr, indent: string): string {
    // `1.x` would read as a decimal point.
    const text = this.expr(obj, LHS, indent);
    return obj.t === 'raw' && /^\d/.test(obj.text) ? `(${text})` : text;
  }

  private prop(p: Prop, indent: string): string {
    switch (p.t) {
      case 'kv':
        return `${this.key(p.key, indent)}: ${this.expr(p.value, 2, indent)}`;
      case 'short':
        return p.name;
      case 'shortDefault':
        return `${p.name} = ${this.expr(p.value, 2, indent)}`;
      case 'spread':
        return `...${this.expr(p.e, 2, indent)}`;
      case 'method': {
        const prefix = p.kind ? `${p.kind} ` : '';
        return `${prefix}${this.key(p.key, indent)}(${this.params(p.params, indent)}) {\n${this.block(p.body, indent).join('\n')}\n${indent}}`;
      }
    }
  }
}

function isExpr(body: Expr | readonly Stmt[]): body is Expr {
  return !Array.isArray(body);
}

function isStmt(x: Stmt | Expr): x is Stmt {
  return x.t === 'decl' || x.t === 'expr';
}

function isNamePath(e: Expr): boolean {
  return e.t === 'id' || (e.t === 'member' && !e.optional && isNamePath(e.obj));
}

export function printProgram(statements: readonly Stmt[], options: PrintOptions): Printed {
  const printer = new Printer(options);
  const text = `${printer.statements(statements, '').join('\n')}\n`;
  return { text, hazards: printer.hazards };
}
