/**
 * Statements: declarations (plain, destructuring with rests, several at once), writes, logs,
 * if/for/for…of/for…in/while (bounded: counted loops, or a shared step budget), functions (with
 * defaults, rests and destructured parameters, directives, async, generators), classes (fields,
 * static and computed keys, private fields, accessors, subclasses), try/catch/finally, blocks,
 * and the statements that shadow built-ins (shadowing.ts).
 */
import { type Binding, type ClassMember, type Expr, type Param, type Stmt, arrow, assign, binary, call, decl, exprStmt, id, index, log, member, method, num, raw, spread, str } from './ast.js';
import { type Callable, type ClassInfo, type Ctx, DATA_TYPES, type Ty } from './context.js';
import { TS_TYPE, copyFrom, expr, identity, pickData, placesOf, userCall } from './expressions.js';
import { shadowStatement } from './shadowing.js';
import { writeExpr, writeInto, writeStmt } from './writes.js';

const NAME_PREFIX: Readonly<Record<Ty, string>> = { arr: 'a', objs: 'xs', obj: 'o', map: 'm', set: 's', num: 'n', str: 't', bool: 'b' };

/** Statements in the current scope: up to `max`, each a production of the grammar. */
export function statements(ctx: Ctx, max: number): Stmt[] {
  const out: Stmt[] = [];
  // Scopes nest through blocks and through function expressions inside expressions; both stop here.
  const n = ctx.nesting > 3 ? 0 : ctx.draw.int(max + 1);
  for (let i = 0; i < n; i++) out.push(...statement(ctx));
  return out;
}

/** Statements in a scope of their own. */
export function body(ctx: Ctx, kind: 'loop' | 'block', max: number): Stmt[] {
  return ctx.within(kind, kind === 'loop' ? { inLoop: true } : {}, () => statements(ctx, max));
}

export function statement(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const nested = ctx.nesting;
  const depth = ctx.depth;
  ctx.depth = 0;
  try {
    const top = ctx.scope.kind === 'top';
    const kind = d.weighted<string>([
      [8, 'decl'],
      [12, 'write'],
      [10, 'probe'],
      [3, 'log'],
      [3, 'asi'],
      [nested < 2 ? 1 : 0, 'if'],
      [nested < 2 ? 2 : 0, 'loop'],
      [2, 'function'],
      [top ? 1 : 0, 'class'],
      [1, 'try'],
      [1, 'block'],
      [2, 'shadow'],
      [2, 'call'],
      [2, 'redeclare'],
      [2, 'pending'],
      [ctx.ts && top ? 1 : 0, 'type'],
      [1, 'comment'],
    ]);
    switch (kind) {
      case 'decl':
        return declaration(ctx);
      case 'write':
        return [writeStmt(ctx) ?? log(expr(ctx, pickData(ctx)))];
      case 'log':
        return [logStatement(ctx)];
      case 'probe':
        return probe(ctx);
      case 'asi':
        return [hazardStart(ctx)];
      case 'if':
        return [ifStatement(ctx)];
      case 'loop':
        return [loop(ctx)];
      case 'function':
        return functionDeclaration(ctx);
      case 'class':
        return classDeclaration(ctx);
      case 'try':
        return [tryStatement(ctx)];
      case 'block':
        return [{ t: 'block', body: body(ctx, 'block', 3) }];
      case 'shadow':
        return shadowStatement(ctx);
      case 'call':
        return callStatement(ctx);
      case 'redeclare':
        return redeclare(ctx);
      case 'pending':
        return pendingCall(ctx);
      case 'type':
        return [{ t: 'verbatim', text: d.pick(['interface Box { a: number; b: number[] }', 'type Pair = [number, number];', 'declare const ambient: number;', 'enum Kind { A = 1, B }']) }];
      default:
        return [{ t: 'comment', text: d.pick(['note: (x', 'a `b`', '[c]']) }];
    }
  } finally {
    ctx.depth = depth;
  }
}

/** Logs that expose the semantics: values, identities of copies and sources, shapes, JSON. */
function logStatement(ctx: Ctx): Stmt {
  const d = ctx.draw;
  const args: Expr[] = [];
  const n = 1 + d.int(3);
  for (let i = 0; i < n; i++) {
    args.push(
      d.weighted<() => Expr>([
        [4, () => expr(ctx, pickData(ctx))],
        [3, () => identity(ctx)],
        [1, () => expr(ctx, 'num')],
        [1, () => (ctx.free('JSON') ? call(member(id('JSON'), 'stringify'), [expr(ctx, pickData(ctx))]) : expr(ctx, 'str'))],
        [1, () => (ctx.free('Object') ? call(member(id('Object'), 'keys'), [expr(ctx, 'obj')]) : expr(ctx, 'num'))],
        [1, () => expr(ctx, 'bool')],
      ])(),
    );
  }
  return log(...args);
}

/** A new variable with a value of some type; a copy of an existing value most often. */
function declaration(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const ty = d.pick<Ty>([...DATA_TYPES, ...DATA_TYPES, 'num', 'str']);
  const kind = d.pick(['const', 'const', 'let', 'var'] as const);
  const name = ctx.fresh(NAME_PREFIX[ty]);
  const type = ctx.ts && d.chance(30) ? d.pick(TS_TYPE[ty]) : undefined;
  const form = d.weighted<string>([
    [5, 'expr'],
    [4, 'related'],
    [ty === 'obj' ? 2 : 0, 'rest'],
    [1, 'two'],
    [1, 'later'],
  ]);
  if (form === 'related') {
    const places = placesOf(ctx, ty).filter((p) => p.t === 'id' || p.t === 'member');
    if (places.length > 0) {
      const source = d.pick(places);
      const init = copyFrom(ctx, source, ty);
      ctx.declare({ name, ty, mutable: kind !== 'const', isVar: kind === 'var' });
      ctx.related.push({ copy: name, source, ty });
      return [decl(kind, name, init, type), ...(d.chance(40) ? [log(id(name))] : [])];
    }
  }
  if (form === 'rest') {
    // `const { a: x, ...r } = o`, and the variants the instrumenter rewrites or must leave alone.
    const source = expr(ctx, 'obj');
    const first = ctx.fresh('n');
    const rest = ctx.fresh('o');
    const props: Extract<Binding, { t: 'object' }>['props'][number][] = d.pick<() => Extract<Binding, { t: 'object' }>['props'][number][]>([
      () => [{ t: 'kv', key: { t: 'name', text: 'a' }, value: id(first) }],
      () => [{ t: 'kv', key: { t: 'name', text: "'a'" }, value: id(first) }],
      () => [{ t: 'kv', key: { t: 'computed', e: str('a') }, value: id(first) }],
      () => [{ t: 'kv', key: { t: 'name', text: 'a' }, value: assign(id(first), num(7)) }],
      () => [{ t: 'kv', key: { t: 'name', text: 'c' }, value: { t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'a' }, value: id(first) }] } }],
    ])();
    ctx.declare({ name: first, ty: 'num', mutable: kind !== 'const', isVar: kind === 'var' });
    const binding: Binding = { t: 'object', props: [...props, { t: 'spread', e: id(rest) }] };
    ctx.declare({ name: rest, ty: 'obj', mutable: kind !== 'const', isVar: kind === 'var' });
    return [{ t: 'decl', kind, decls: [{ binding, init: source }] }, log(id(first), id(rest))];
  }
  if (form === 'two') {
    const second = ctx.fresh(NAME_PREFIX[ty]);
    const a = expr(ctx, ty);
    ctx.declare({ name, ty, mutable: kind !== 'const', isVar: kind === 'var' });
    const b = expr(ctx, ty);
    ctx.declare({ name: second, ty, mutable: kind !== 'const', isVar: kind === 'var' });
    return [{ t: 'decl', kind, decls: [{ binding: { t: 'id', name }, init: a }, { binding: { t: 'id', name: second }, init: b }] }];
  }
  if (form === 'later' && kind !== 'const') {
    // Declared, then assigned: the name is reassigned, so writes through it cannot be read twice.
    const init = expr(ctx, ty);
    ctx.declare({ name, ty, mutable: true });
    return [{ t: 'decl', kind, decls: [{ binding: { t: 'id', name }, ...(type ? { type } : {}) }] }, exprStmt(assign(id(name), init))];
  }
  const init = expr(ctx, ty);
  ctx.declare({ name, ty, mutable: kind !== 'const', isVar: kind === 'var' });
  return [decl(kind, name, init, type)];
}

/**
 * The question every copy must answer the same way: copy a value, write into the copy or into
 * its source (or into a child they share), then print both and whether they are one.
 */
function probe(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const ty = d.pick<Ty>(['obj', 'obj', 'arr', 'arr', 'objs', 'map', 'set']);
  const places = placesOf(ctx, ty).filter((p) => p.t === 'id' || p.t === 'member' || p.t === 'index');
  if (places.length === 0) return declaration(ctx);
  const source = d.pick(places);
  const name = ctx.fresh(NAME_PREFIX[ty]);
  const init = copyFrom(ctx, source, ty);
  const out: Stmt[] = [decl(d.pick(['const', 'let'] as const), name, init)];
  ctx.declare({ name, ty, mutable: false });
  ctx.related.push({ copy: name, source, ty });
  const writes = 1 + d.int(2);
  for (let i = 0; i < writes; i++) {
    const side = d.pick([id(name), source]);
    const [t, tty] = d.pick<() => [Expr, Ty]>([
      () => [side, ty],
      () => (ty === 'obj' ? [member(side, 'b'), 'arr'] : ty === 'objs' ? [index(side, num(0)), 'obj'] : [side, ty]),
      () => (ty === 'obj' ? [member(side, 'c'), 'obj'] : [side, ty]),
    ])();
    const w = writeInto(ctx, t, tty);
    if (w) out.push(exprStmt(w));
  }
  out.push(log(id(name), source, binary('===', id(name), source)));
  return out;
}

/**
 * A statement that starts with `(`, `[`, a backtick, `+`, `-`, `/` or (TypeScript) `<`: in code
 * without semicolons it continues the line before it unless it is guarded with a `;`.
 */
function hazardStart(ctx: Ctx): Stmt {
  const d = ctx.draw;
  const ty = d.pick<Ty>(['obj', 'arr', 'map']);
  const write = (): Expr => writeExpr(ctx, ty) ?? copyFrom(ctx, expr(ctx, 'arr'), 'arr');
  return exprStmt(
    d.pick<() => Expr>([
      () => ({ t: 'paren', e: write() }),
      () => ({ t: 'template', quasis: ['', ''], exprs: [write()] }),
      () => ({ t: 'unary', op: d.pick(['+', '-']), arg: write() }),
      () => method(raw(d.pick(['/k/', '/[ab]/g'])), 'test', [call(id('String'), [copyFrom(ctx, expr(ctx, 'obj'), 'obj')])]),
      () => method({ t: 'array', items: [spread(expr(ctx, 'arr'))] }, 'forEach', [arrow(['x'], call(id('log'), [id('x')]))]),
      () => call({ t: 'arrow', params: [], body: ctx.within('function', { inFunction: true, inLoop: false, async: false, generator: false }, () => [...statements(ctx, 2), exprStmt(write())]) }, []),
      () => (ctx.ts ? { t: 'assert', e: write(), type: 'any', form: 'angle' } : { t: 'paren', e: write() }),
    ])(),
  );
}

/**
 * A variable of this scope given another value: by an assignment, or, for a `var`, by declaring
 * it again (`var o = …` a second time assigns it, though no assignment is written).
 */
function redeclare(ctx: Ctx): Stmt[] {
  const vars = ctx.scope.vars.filter((v) => v.mutable && DATA_TYPES.includes(v.ty));
  const v = vars.length > 0 ? ctx.draw.pick(vars) : undefined;
  if (!v) return [logStatement(ctx)];
  const again = v.isVar === true ? decl('var', v.name, expr(ctx, v.ty)) : exprStmt(assign(id(v.name), expr(ctx, v.ty)));
  return [again, ...(ctx.draw.chance(50) ? [log(id(v.name))] : [])];
}

/**
 * An async function started and not awaited at once: its writes that store an awaited value read
 * their target before the pause and write after it, while the statements after the call run; a
 * `var` declared again there is the same variable with another value.
 */
function pendingCall(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const vars = ctx.visibleVars().filter((v) => v.ty === 'obj' || v.ty === 'arr');
  const v = vars.length > 0 ? d.pick(vars) : undefined;
  if (!v) return [logStatement(ctx)];
  const body = ctx.within('function', { inFunction: true, inLoop: false, async: true, generator: false }, (): Stmt[] => {
    const write = v.ty === 'obj' ? assign(member(id(v.name), d.pick(['a', 'k'])), { t: 'await', e: expr(ctx, 'num') }) : method(id(v.name), 'push', [{ t: 'await', e: expr(ctx, 'num') }]);
    return [...statements(ctx, 1), exprStmt(write), { t: 'return', e: id(v.name) }];
  });
  const p = ctx.fresh('p');
  const started = decl('const', p, call({ t: 'paren', e: { t: 'arrow', params: [], body, async: true } }, []));
  const between: Stmt[] = [...statements(ctx, 2)];
  if (v.isVar === true && d.chance(60)) between.push(decl('var', v.name, expr(ctx, v.ty)));
  if (d.chance(50)) between.push(log(id(v.name)));
  const settle: Stmt = ctx.scope.flags.async
    ? log({ t: 'await', e: id(p) })
    : exprStmt(method(id(p), 'then', [arrow(['r'], call(id('log'), [str('settled'), id('r')])), arrow(['e'], call(id('log'), [str('rejected'), member(id('e'), 'name')]))]));
  const handled = exprStmt(method(id(p), 'catch', [arrow([], raw('undefined'))]));
  return [started, handled, ...between, settle];
}

function ifStatement(ctx: Ctx): Stmt {
  const d = ctx.draw;
  const test = d.pick<() => Expr>([() => expr(ctx, 'bool'), () => binary('>', member(expr(ctx, 'arr'), 'length'), num(d.int(4)))])();
  const then = body(ctx, 'block', 3);
  return d.chance(40) ? { t: 'if', test, then, else: body(ctx, 'block', 2) } : { t: 'if', test, then };
}

/** `if (++steps > 40) break`: every loop whose end the grammar cannot see stops within the budget. */
function guard(ctx: Ctx): Stmt {
  ctx.usesSteps = true;
  return { t: 'if', test: binary('>', { t: 'update', op: '++', prefix: true, target: id('steps') }, num(40)), then: [{ t: 'break' }] };
}

function loop(ctx: Ctx): Stmt {
  const d = ctx.draw;
  switch (d.int(6)) {
    case 0: {
      const i = ctx.fresh('i');
      return ctx.within('loop', { inLoop: true }, () => {
        ctx.declare({ name: i, ty: 'num', mutable: false });
        return {
          t: 'for',
          init: decl('let', i, num(0)),
          test: binary('<', id(i), num(1 + d.int(3))),
          update: { t: 'update', op: '++', prefix: false, target: id(i) },
          body: statements(ctx, 3),
        };
      });
    }
    case 1:
    case 2: {
      const objs = d.chance(40);
      const iter = expr(ctx, objs ? 'objs' : 'arr');
      return ctx.within('loop', { inLoop: true }, () => {
        const head = forOfBinding(ctx, objs);
        return { t: 'forOf', head: { t: 'decl', kind: d.pick(['const', 'let', 'var'] as const), binding: head }, iter, body: [guard(ctx), ...statements(ctx, 3)] };
      });
    }
    case 3: {
      const iter = expr(ctx, 'map');
      return ctx.within('loop', { inLoop: true }, () => {
        const k = ctx.fresh('t');
        const v = ctx.fresh('n');
        ctx.declare({ name: k, ty: 'str', mutable: false });
        ctx.declare({ name: v, ty: 'num', mutable: false });
        return { t: 'forOf', head: { t: 'decl', kind: 'const', binding: { t: 'array', items: [id(k), id(v)] } }, iter, body: [guard(ctx), ...statements(ctx, 2)] };
      });
    }
    case 4: {
      const iter = expr(ctx, 'obj');
      return ctx.within('loop', { inLoop: true }, () => {
        const k = ctx.fresh('t');
        ctx.declare({ name: k, ty: 'str', mutable: false });
        return { t: 'forIn', head: { t: 'decl', kind: 'const', binding: { t: 'id', name: k } }, iter, body: [guard(ctx), ...statements(ctx, 2)] };
      });
    }
    default: {
      const a = ctx.varsOf('arr')[0];
      const test = a ? binary('<', member(id(a.name), 'length'), num(4)) : raw('true');
      return ctx.within('loop', { inLoop: true }, () => ({ t: 'while', test, body: [guard(ctx), ...(a ? [exprStmt(method(id(a.name), 'push', [num(d.int(9))]))] : []), ...statements(ctx, 2)] }));
    }
  }
}

/** `const x`, `const { n, ...rest }` (an object rest the rewrite leaves alone), `const [first]`. */
function forOfBinding(ctx: Ctx, objs: boolean): Binding {
  const d = ctx.draw;
  if (objs && d.chance(40)) {
    const n = ctx.fresh('n');
    const rest = ctx.fresh('o');
    ctx.declare({ name: n, ty: 'num', mutable: false });
    ctx.declare({ name: rest, ty: 'obj', mutable: false });
    return { t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'n' }, value: id(n) }, { t: 'spread', e: id(rest) }] };
  }
  const x = ctx.fresh(objs ? 'o' : 'n');
  ctx.declare({ name: x, ty: objs ? 'obj' : 'num', mutable: false });
  return { t: 'id', name: x };
}

function paramsFor(ctx: Ctx, types: readonly Ty[], allowDefaults: boolean): Param[] {
  const d = ctx.draw;
  return types.map((ty, i) => {
    const name = ctx.fresh(`p${NAME_PREFIX[ty]}`);
    const type = ctx.ts && d.chance(50) ? d.pick(TS_TYPE[ty]) : undefined;
    // A default evaluated at the call, in the parameters' scope: a copy site there, or one of an earlier parameter.
    // `await` and `yield` there are syntax errors, in an async function or generator too.
    const init = allowDefaults && i === types.length - 1 && d.chance(30) ? ctx.within('block', { async: false, generator: false }, () => expr(ctx, ty)) : undefined;
    ctx.declare({ name, ty, mutable: false });
    return { binding: { t: 'id', name }, ...(type ? { type } : {}), ...(init ? { init } : {}) };
  });
}

/** A function expression or arrow of the given parameter types, returning a value of `returns`. */
export function functionExpr(ctx: Ctx, params: readonly Ty[], returns: Ty): Expr {
  return ctx.within('function', { inFunction: true, inLoop: false, async: false, generator: false }, () => {
    const ps = paramsFor(ctx, params, true);
    const stmts = statements(ctx, 2);
    const result = expr(ctx, returns);
    if (stmts.length === 0 && ctx.draw.chance(60)) return { t: 'arrow', params: ps, body: result };
    return ctx.draw.chance(50) ? { t: 'arrow', params: ps, body: [...stmts, { t: 'return', e: result }] } : { t: 'function', params: ps, body: [...stmts, { t: 'return', e: result }] };
  });
}

function functionDeclaration(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const params = Array.from({ length: d.int(3) }, () => pickData(ctx));
  const returns = d.pick<Ty>([...DATA_TYPES, 'num']);
  const style = d.weighted<'decl' | 'arrow' | 'async' | 'generator'>([
    [4, 'decl'],
    [2, 'arrow'],
    [1, 'async'],
    [1, 'generator'],
  ]);
  const name = ctx.fresh('f');
  const isAsync = style === 'async';
  const isGenerator = style === 'generator';
  // A function of its own 'use strict' (which a default parameter rules out, below) is strict inside.
  const wantsDirective = d.chance(10);
  const built = ctx.within('function', { inFunction: true, inLoop: false, async: isAsync, generator: isGenerator, ...(wantsDirective ? { strict: true } : {}) }, (): { ps: Param[]; body: Stmt[] } => {
    const ps = paramsFor(ctx, params, !isGenerator);
    const simple = ps.every((p) => p.init === undefined);
    const directive: Stmt[] = simple && wantsDirective ? [{ t: 'directive', text: "'use strict'", semi: d.chance(50) }] : [];
    const stmts = statements(ctx, 3);
    if (isGenerator) {
      const x = ctx.fresh('n');
      return { ps, body: [...directive, ...stmts, { t: 'forOf', head: { t: 'decl', kind: 'const', binding: { t: 'id', name: x } }, iter: expr(ctx, 'arr'), body: [exprStmt({ t: 'yield', e: id(x) })] }] };
    }
    const awaited: Stmt[] = isAsync ? [decl('const', ctx.fresh('a'), { t: 'array', items: [spread({ t: 'await', e: expr(ctx, 'arr') })] })] : [];
    return { ps, body: [...directive, ...awaited, ...stmts, { t: 'return', e: expr(ctx, returns) }] };
  });
  const callable: Callable = { name, params, returns: isGenerator ? 'arr' : returns, async: isAsync, generator: isGenerator };
  const out: Stmt[] = [];
  if (style === 'arrow') {
    const e: Expr = { t: 'arrow', params: built.ps, body: built.body };
    out.push(decl('const', name, e));
  } else {
    const typeParams = ctx.ts && !isGenerator && d.chance(20) ? '<T>' : undefined;
    out.push({ t: 'function', name, params: built.ps, body: built.body, async: isAsync, generator: isGenerator, ...(typeParams ? { typeParams } : {}) });
  }
  ctx.scope.callables.push(callable);
  // Call it right away sometimes, logging what it returns.
  if (d.chance(50)) {
    const c = userCall(ctx, callable.returns === 'arr' && isGenerator ? 'arr' : callable.returns);
    if (c) out.push(log(c));
  }
  return out;
}

function callStatement(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const classes = ctx.classes();
  if (classes.length > 0 && d.chance(50)) {
    const k = d.pick(classes);
    const instances = ctx.varsOf('obj').filter((v) => v.name.startsWith(`k${k.name}_`));
    const inst = instances[0];
    if (!inst || d.chance(30)) {
      const name = ctx.fresh(`k${k.name}_`);
      const init: Expr = { t: 'new', callee: id(k.name), args: [expr(ctx, k.ctorParam)] };
      ctx.declare({ name, ty: 'obj', mutable: false });
      return [decl('const', name, init), log(id(name))];
    }
    const m = d.pick(k.methods);
    if (k.getter && d.chance(30)) return [log(member(id(inst.name), k.getter.name))];
    return [log(method(id(inst.name), m.name, [expr(ctx, m.param)]))];
  }
  const ty = d.pick<Ty>([...DATA_TYPES, 'num']);
  const c = userCall(ctx, ty);
  if (!c) return [logStatement(ctx)];
  const name = ctx.fresh(NAME_PREFIX[ty]);
  ctx.declare({ name, ty, mutable: false });
  return [decl('const', name, c), log(id(name))];
}

/**
 * A class whose instances have the record's shape (fields `a`, `b`, `c`), with copy sites in
 * field initializers, computed keys and methods, writes through `this`, and sometimes a subclass.
 */
function classDeclaration(ctx: Ctx): Stmt[] {
  // A class body is strict code, field initializers and computed keys included.
  ctx.classNesting++;
  try {
    return classDeclarationIn(ctx);
  } finally {
    ctx.classNesting--;
  }
}

function classDeclarationIn(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const name = ctx.fresh('K');
  const ctorParam = d.pick<Ty>(['arr', 'obj']);
  const info: { methods: ClassInfo['methods'][number][]; getter?: ClassInfo['getter'] } = { methods: [] };
  const fields: ClassInfo['fields'] = [
    { name: 'a', ty: 'num' },
    { name: 'b', ty: 'arr' },
    { name: 'c', ty: 'obj' },
  ];
  const self: ClassInfo = { name, ctorParam, methods: info.methods, fields };
  const members: ClassMember[] = [];
  members.push({ t: 'field', key: { t: 'name', text: 'a' }, value: num(d.int(9)), ...(ctx.ts ? { type: 'number' } : {}) });
  // TypeScript's modifiers; `accessor` makes `b` a getter and setter on the prototype instead.
  const bModifiers = ctx.ts ? d.pick(['', '', 'public', 'private', 'protected', 'readonly', 'private readonly', 'accessor']) : '';
  members.push({ t: 'field', key: { t: 'name', text: 'b' }, value: expr(ctx, 'arr'), ...(bModifiers ? { modifiers: bModifiers } : {}) });
  if (ctx.ts && d.chance(15)) members.push({ t: 'field', key: { t: 'name', text: 'd' }, modifiers: 'declare', type: 'number' });
  if (d.chance(40)) members.push({ t: 'field', key: { t: 'computed', e: d.pick<Expr>([str('k'), binary('+', str('k'), expr(ctx, 'num'))]) }, value: expr(ctx, 'num') });
  members.push({ t: 'field', key: { t: 'name', text: 'c' }, value: expr(ctx, 'obj') });
  if (d.chance(30)) members.push({ t: 'field', key: { t: 'name', text: 'copy' }, value: expr(ctx, 'obj'), static: true });
  if (d.chance(20)) members.push({ t: 'field', key: { t: 'private', name: 'p' }, value: expr(ctx, 'arr') });
  const ctorBody = ctx.within('method', { inFunction: true, inLoop: false, async: false, generator: false, thisClass: self }, () => {
    const p = ctx.fresh(`p${NAME_PREFIX[ctorParam]}`);
    ctx.declare({ name: p, ty: ctorParam, mutable: false });
    const stmts: Stmt[] = [exprStmt(assign(member(raw('this'), ctorParam === 'arr' ? 'b' : 'c'), d.chance(60) ? copyFrom(ctx, id(p), ctorParam) : id(p)))];
    stmts.push(...statements(ctx, 2));
    return { p, stmts };
  });
  // A parameter property with a default: TypeScript assigns it to `this` before the body runs.
  const property: Param[] = ctx.ts && d.chance(30) ? [{ binding: { t: 'id', name: 'extra' }, modifier: d.pick(['public', 'private', 'readonly']), type: 'number[]', init: expr(ctx, 'arr') }] : [];
  members.push({ t: 'method', key: { t: 'name', text: 'constructor' }, kind: 'constructor', params: [{ binding: { t: 'id', name: ctorBody.p } }, ...property], body: ctorBody.stmts });
  const methodCount = 1 + d.int(2);
  for (let i = 0; i < methodCount; i++) {
    const param = pickData(ctx);
    const returns = d.pick<Ty>(['arr', 'obj', 'num']);
    const mname = d.pick(['add', 'take', 'snapshot', 'slice', 'concat']) + String(i);
    const built = ctx.within('method', { inFunction: true, inLoop: false, async: false, generator: false, thisClass: self }, (): { x: string; body: Stmt[] } => {
      const x = ctx.fresh(`p${NAME_PREFIX[param]}`);
      ctx.declare({ name: x, ty: param, mutable: false });
      const stmts = statements(ctx, 3);
      const ret = returns === 'obj' && d.chance(40) ? { t: 'object', props: [{ t: 'spread', e: raw('this') }] } as Expr : expr(ctx, returns);
      return { x, body: [...stmts, { t: 'return', e: ret }] };
    });
    members.push({ t: 'method', key: { t: 'name', text: mname }, params: [{ binding: { t: 'id', name: built.x } }], body: built.body });
    info.methods.push({ name: mname, param, returns });
  }
  if (d.chance(40)) {
    const body2 = ctx.within('method', { inFunction: true, inLoop: false, async: false, generator: false, thisClass: self }, (): Stmt[] => [{ t: 'return', e: copyFrom(ctx, member(raw('this'), 'b'), 'arr') }]);
    members.push({ t: 'method', key: { t: 'name', text: 'all' }, kind: 'get', params: [], body: body2 });
    info.getter = { name: 'all', ty: 'arr' };
  }
  // A user method named `slice` makes `x.slice()` a call the runtime must pass through unchanged.
  if (d.chance(30)) members.push({ t: 'method', key: { t: 'name', text: 'slice' }, params: [], body: [{ t: 'return', e: { t: 'array', items: [str('own slice'), member(raw('this'), 'a')] } }] });
  const out: Stmt[] = [];
  const classExpr = d.chance(20);
  const finished: ClassInfo = { ...self, ...(info.getter ? { getter: info.getter } : {}) };
  if (classExpr) out.push(decl('const', name, { t: 'class', members }));
  else out.push({ t: 'class', name, members });
  ctx.scope.classes.push(finished);
  if (d.chance(30)) {
    // A subclass: `super(x)`, then writes of its own, and a method that calls super's.
    const sub = ctx.fresh('K');
    const first = info.methods[0]!;
    const subMembers: ClassMember[] = [
      {
        t: 'method',
        key: { t: 'name', text: 'constructor' },
        kind: 'constructor',
        params: [{ binding: { t: 'id', name: 'x' } }],
        body: [exprStmt(call(raw('super'), [id('x')])), exprStmt(assign(member(raw('this'), 'more'), { t: 'array', items: [spread(member(raw('this'), 'b'))] }))],
      },
      { t: 'method', key: { t: 'name', text: first.name }, params: [{ binding: { t: 'id', name: 'y' } }], body: [{ t: 'return', e: call(member(raw('super'), first.name), [id('y')]) }] },
    ];
    out.push({ t: 'class', name: sub, extends: id(name), members: subMembers });
    ctx.scope.classes.push({ ...finished, name: sub });
  }
  return out;
}

function tryStatement(ctx: Ctx): Stmt {
  const d = ctx.draw;
  const tried = body(ctx, 'block', 3);
  if (d.chance(20)) tried.push({ t: 'throw', e: d.pick<() => Expr>([() => expr(ctx, 'obj'), () => ({ t: 'new', callee: id(ctx.free('Error') ? 'Error' : 'TypeError'), args: [str('thrown')] })])() });
  const kind = d.weighted<'e' | 'none' | 'fields' | 'rest'>([
    [4, 'e'],
    [1, 'none'],
    [1, 'fields'],
    [1, 'rest'],
  ]);
  const param: Binding | undefined =
    kind === 'e'
      ? { t: 'id', name: 'e' }
      : kind === 'fields'
        ? { t: 'object', props: [{ t: 'short', name: 'name' }, { t: 'short', name: 'message' }] }
        : kind === 'rest'
          ? { t: 'object', props: [{ t: 'short', name: 'message' }, { t: 'spread', e: id('rest') }] }
          : undefined;
  const report: Stmt[] =
    kind === 'none'
      ? [log(str('caught'))]
      : kind === 'e'
        ? [log(str('caught'), member(id('e'), 'name'), member(id('e'), 'message'))]
        : kind === 'rest'
          ? [log(str('caught'), id('message'), id('rest'))]
          : [log(str('caught'), id('name'), id('message'))];
  const handler = [...report, ...body(ctx, 'block', 1)];
  const fin = d.chance(30) ? { finally: [log(str('finally'))] } : {};
  return { t: 'try', body: tried, handler, ...(param ? { param } : {}), ...fin };
}

