/**
 * Writes in every syntactic form the instrumenter must see: member assignments with each
 * operator, `++`/`--`, `delete`, mutating methods (also by a computed name, and through `call`,
 * `apply`, `bind` and `Reflect.apply` of a built-in's method, nested), `Object.assign`, `Reflect` and `defineProperty` targets,
 * aliases of `assign`, destructuring assignments to members, and `for…of`/`for…in` heads with
 * member targets. Targets are existing values (variables and paths into them, `this` fields),
 * sometimes behind TypeScript's `as`, `!` and `<T>`.
 */
import { type Expr, type Stmt, arrow, assign, binary, call, exprStmt, id, index, log, member, method, num, raw, spread, str } from './ast.js';
import type { Ctx, Ty } from './context.js';
import { expr, literal, placesOf } from './expressions.js';
import { body } from './statements.js';

const COMPOUND = ['+=', '-=', '*=', '**=', '/=', '%=', '<<=', '>>=', '>>>=', '&=', '|=', '^='];
const LOGICAL = ['&&=', '||=', '??='];

/** A target place of type `ty`, maybe wrapped so that the write's object is not a plain name. */
function target(ctx: Ctx, ty: Ty, allowOptional = true): Expr | undefined {
  const places = placesOf(ctx, ty);
  if (places.length === 0) return undefined;
  const picked = ctx.draw.pick(places);
  // `o?.c.push(x)`, `delete o?.c.k`: a write at the end of an optional chain, which may short-circuit it.
  const p = allowOptional && picked.t === 'member' && ctx.draw.chance(8) ? { ...picked, optional: true } : picked;
  if (!ctx.ts || !ctx.draw.chance(20)) return ctx.draw.chance(5) ? { t: 'paren', e: p } : p;
  return ctx.draw.pick<Expr>([{ t: 'assert', e: p, type: 'any', form: 'as' }, { t: 'nonNull', e: p }, { t: 'assert', e: p, type: 'any', form: 'angle' }]);
}

/** The value a write stores: in an async function, sometimes awaited, so that the write's target is read before a pause and written after it. */
function stored(ctx: Ctx, value: Expr): Expr {
  return ctx.scope.flags.async && ctx.draw.chance(20) ? { t: 'await', e: value } : value;
}

const valueFor = (ctx: Ctx, key: string): Expr => stored(ctx, key === 'b' ? expr(ctx, 'arr') : key === 'c' ? expr(ctx, 'obj') : expr(ctx, 'num'));

/** A write expression into a value of type `ty`; undefined when the program has none in scope. */
export function writeExpr(ctx: Ctx, ty: Ty, only?: 'delete'): Expr | undefined {
  const t = target(ctx, ty);
  return t ? writeInto(ctx, t, ty, only) : undefined;
}

/** Whether `e` ends an optional chain: it may not be assigned, only called or deleted through. */
function inOptionalChain(e: Expr): boolean {
  switch (e.t) {
    case 'member':
    case 'index':
      return e.optional === true || inOptionalChain(e.obj);
    case 'call':
      return e.optional === true || inOptionalChain(e.callee);
    case 'nonNull':
      // `a?.b!` is still the chain; only parentheses end it.
      return inOptionalChain(e.e);
    default:
      return false;
  }
}

/** A write expression into `t`, which holds a value of type `ty`. */
export function writeInto(ctx: Ctx, t: Expr, ty: Ty, only?: 'delete'): Expr | undefined {
  const d = ctx.draw;
  if (only === 'delete') return { t: 'unary', op: 'delete', arg: member(t, d.pick(['a', 'k', 'b'])) };
  switch (ty) {
    case 'obj':
      return objectWrite(ctx, t);
    case 'arr':
      return arrayWrite(ctx, t, 'arr');
    case 'objs':
      return d.chance(50) ? arrayWrite(ctx, t, 'objs') : objectWrite(ctx, index(t, num(d.int(2))), 'n');
    case 'map':
      return d.pick<() => Expr>([
        () => method(t, 'set', [str(d.pick(['x', 'w'])), expr(ctx, 'num')]),
        () => method(t, 'delete', [str(d.pick(['x', 'y']))]),
        () => method(t, 'clear'),
        () => call(index(t, str('set')), [str('v'), num(d.int(9))]),
        () => call(member(t, 'set', true), [str('x'), num(d.int(9))]),
        // Map#set by an alias of the built-in, and through Reflect.apply.
        () => (ctx.free('Map') ? call(member(member({ t: 'new', callee: id('Map'), args: [] }, 'set'), 'call'), [t, str('x'), num(d.int(9))]) : method(t, 'clear')),
        () => call(member(id('Reflect'), 'apply'), [member(t, 'delete'), t, { t: 'array', items: [str('x')] }]),
      ])();
    case 'set':
      return d.pick<() => Expr>([() => method(t, 'add', [expr(ctx, 'num')]), () => method(t, 'delete', [num(d.int(5))]), () => method(t, 'clear'), () => call(member(t, 'add', true), [num(d.int(9))])])();
    default:
      return undefined;
  }
}

function objectWrite(ctx: Ctx, t: Expr, onlyKey?: string): Expr {
  const d = ctx.draw;
  // Through an optional chain only calls and `delete` can write.
  const assignable = inOptionalChain(t) ? 0 : 1;
  const key = onlyKey ?? d.pick(['a', 'a', 'b', 'c', 'k', 'z']);
  const m = (): Expr =>
    d.weighted<() => Expr>([
      [6, () => member(t, key)],
      [1, () => index(t, str(key))],
      [1, () => index(t, d.pick([binary('+', str(''), str(key)), { t: 'template', quasis: [key], exprs: [] }]))],
    ])();
  const numeric = key === 'a' || key === 'n';
  return d.weighted<() => Expr>([
    [5 * assignable, () => assign(m(), valueFor(ctx, key))],
    [numeric ? 3 * assignable : 0, () => assign(m(), expr(ctx, 'num'), d.pick(COMPOUND))],
    [2 * assignable, () => assign(m(), valueFor(ctx, key), d.pick(LOGICAL))],
    [numeric ? 3 * assignable : 0, () => ({ t: 'update', op: d.pick(['++', '--'] as const), prefix: d.chance(50), target: m() })],
    [1, () => ({ t: 'unary', op: 'delete', arg: m() })],
    [ctx.free('Object') ? 2 : 0, () => call(member(id('Object'), 'assign'), [t, d.chance(50) ? { t: 'object', props: [{ t: 'kv', key: { t: 'name', text: key }, value: valueFor(ctx, key) }] } : expr(ctx, 'obj')])],
    [ctx.aliases().some((a) => a.of === 'assign') ? 2 : 0, () => call(id(ctx.aliases().find((a) => a.of === 'assign')!.name), [t, expr(ctx, 'obj')])],
    [
      ctx.free('Object') ? 1 : 0,
      () =>
        call(member(id('Object'), 'defineProperty'), [
          t,
          str(key),
          { t: 'object', props: ['writable', 'enumerable', 'configurable'].map((k) => ({ t: 'kv', key: { t: 'name', text: k }, value: raw('true') }) as const).concat([{ t: 'kv', key: { t: 'name', text: 'value' }, value: valueFor(ctx, key) }]) },
        ]),
    ],
    [1, () => call(member(id('Reflect'), d.pick(['set', 'deleteProperty'])), [t, str(key), num(d.int(9))])],
    [2 * assignable, () => assign({ t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'a' }, value: member(t, 'a') }, { t: 'kv', key: { t: 'name', text: 'b' }, value: member(t, d.pick(['b', 'k'])) }] }, expr(ctx, 'obj'))],
    [assignable, () => assign({ t: 'array', items: [member(t, 'a'), member(t, 'k')] }, { t: 'array', items: [expr(ctx, 'num'), expr(ctx, 'num')] })],
    [assignable, () => assign({ t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'a' }, value: assign(member(t, 'a'), num(5)) }, { t: 'spread', e: member(t, 'rest') }] }, expr(ctx, 'obj'))],
    [ctx.free('Object') ? 1 : 0, () => call(member(id('Object'), d.pick(['freeze', 'seal', 'preventExtensions'])), [t])],
    // Object.assign by other calls than a plain one: spread arguments, a comma callee, `call`.
    [
      ctx.free('Object') ? 2 : 0,
      () => {
        const patch: Expr = { t: 'object', props: [{ t: 'kv', key: { t: 'name', text: key }, value: valueFor(ctx, key) }] };
        return d.pick<() => Expr>([
          () => call(member(id('Object'), 'assign'), [spread({ t: 'array', items: [t, patch] })]),
          () => call({ t: 'paren', e: { t: 'seq', items: [num(0), member(id('Object'), 'assign')] } }, [t, patch]),
          () => call(member(member(id('Object'), 'assign'), 'call'), [raw('null'), t, patch]),
          () => call(member(id('Reflect'), 'apply'), [member(id('Object'), 'assign'), raw('null'), { t: 'array', items: [t, patch] }]),
          () => call(call(member(member(id('Object'), 'assign'), 'bind'), [raw('null'), t]), [patch]),
        ])();
      },
    ],
  ])();
}

function arrayWrite(ctx: Ctx, t: Expr, ty: 'arr' | 'objs'): Expr {
  const d = ctx.draw;
  const assignable = inOptionalChain(t) ? 0 : 1;
  const element = (): Expr => stored(ctx, ty === 'arr' ? expr(ctx, 'num') : { t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'n' }, value: expr(ctx, 'num') }] });
  const cmp = ty === 'objs' ? arrow(['p', 'q'], binary('-', member(id('p'), 'n'), member(id('q'), 'n'))) : arrow(['x', 'y'], binary('-', id('y'), id('x')));
  return d.weighted<() => Expr>([
    [5, () => method(t, 'push', d.chance(20) ? [spread(expr(ctx, ty))] : [element()])],
    [2, () => method(t, d.pick(['pop', 'shift']))],
    [1, () => method(t, 'unshift', [element()])],
    [2, () => method(t, 'splice', d.pick([[num(0), num(1)], [num(1), num(0), element()], [num(-1)]]))],
    [2, () => method(t, 'sort', d.chance(50) || ty === 'objs' ? [cmp] : [])],
    [1, () => method(t, 'reverse')],
    [1, () => method(t, 'fill', d.pick([[element()], [element(), num(1)], [element(), num(0), num(1)]]))],
    [1, () => method(t, 'copyWithin', [num(0), num(1)])],
    [3 * assignable, () => assign(index(t, num(d.int(3))), element())],
    [assignable, () => assign(member(t, 'length'), num(d.int(3)))],
    [ty === 'arr' ? assignable : 0, () => ({ t: 'update', op: d.pick(['++', '--'] as const), prefix: d.chance(50), target: index(t, num(0)) })],
    [ty === 'arr' ? assignable : 0, () => assign(index(t, num(d.int(2))), expr(ctx, 'num'), d.pick(COMPOUND.concat(LOGICAL)))],
    [1, () => ({ t: 'unary', op: 'delete', arg: index(t, num(d.int(2))) })],
    // A mutating method by a computed name.
    [ctx.methodNames.length > 0 ? 2 : 0, () => call(index(t, id(d.pick(ctx.methodNames))), [element()])],
    [1, () => call(index(t, d.pick<Expr>([str('push'), { t: 'cond', test: expr(ctx, 'bool'), then: str('push'), else: str('unshift') }])), [element()])],
    // Through call/apply of Array.prototype's methods, and of an empty array's.
    [
      ctx.free('Array') ? 2 : 0,
      () => d.pick<() => Expr>([
        () => call(member(member(member(id('Array'), 'prototype'), 'fill'), 'call'), [t, element()]),
        () => call(member(member(member(id('Array'), 'prototype'), 'reverse'), 'call'), [t]),
        () => call(member(member(member(id('Array'), 'prototype'), 'splice'), 'call'), [t, num(0), num(1)]),
      ])(),
    ],
    [1, () => call(member(member({ t: 'array', items: [] }, 'push'), 'apply'), [t, { t: 'array', items: [element(), element()] }])],
    [ty === 'arr' ? assignable : 0, () => assign({ t: 'array', items: [index(t, num(0)), index(t, num(1))] }, { t: 'array', items: [index(t, num(1)), index(t, num(0))] })],
    [ty === 'arr' ? 1 : 0, () => method(t, 'forEach', [arrow(['x', 'i', 'all'], assign(index(id('all'), id('i')), binary('+', id('x'), num(1))))])],
    [ty === 'objs' ? 2 : 0, () => method(t, 'forEach', [arrow(['e'], { t: 'update', op: '++', prefix: false, target: member(id('e'), 'n') })])],
    // A mutating method reached by other calls than a plain one: optional calls, Reflect.apply,
    // bind, an alias's call, `call` of `call`, a tagged template.
    [
      3,
      () =>
        d.pick<() => Expr>([
          () => call(member(t, 'push', true), [element()]),
          () => ({ t: 'call', callee: member(t, 'push'), args: [element()], optional: true }),
          () => call({ t: 'paren', e: member(t, 'push', true) }, [element()]),
          () => call({ t: 'index', obj: t, key: str(d.pick(['push', 'reverse'])), optional: true }, [element()]),
          () => call(member(id('Reflect'), 'apply'), [member(t, 'push'), t, { t: 'array', items: [element()] }]),
          () => call(member(member(member(member({ t: 'array', items: [] }, 'fill'), 'call'), 'call'), 'call'), [member({ t: 'array', items: [] }, 'fill'), t, element()]),
          () => call(call(member(member(member({ t: 'array', items: [] }, 'push'), 'call'), 'bind'), [member({ t: 'array', items: [] }, 'push')]), [t, element()]),
          () => call(call(member(member(t, 'push'), 'bind'), [t]), [element()]),
          () => (ctx.pushAlias ? call(member(id(ctx.pushAlias), 'call'), [t, element()]) : method(t, 'push', [element()])),
          () => (assignable ? { t: 'template', tag: member(t, 'push'), quasis: ['', ''], exprs: [element()] } : method(t, 'push', [element()])),
        ])(),
    ],
  ])();
}

/** A statement that writes: a write expression, or a loop whose head writes a member. */
export function writeStmt(ctx: Ctx): Stmt | undefined {
  const d = ctx.draw;
  const ty = d.pick(['obj', 'obj', 'arr', 'arr', 'objs', 'map', 'set'] as const);
  if (ty === 'obj' && d.chance(25)) return memberHeadLoop(ctx);
  if (ty === 'obj' && !ctx.strict && d.chance(3)) {
    const v = ctx.varsOf('obj')[0];
    if (v) return withStatement(v.name);
  }
  const e = writeExpr(ctx, ty);
  return e ? exprStmt(e) : undefined;
}

/** `for (o.k of xs)`, `for (o.k in p)`, `for ([o.a, o.b] of pairs)`, `for ({ n: o.a } of objs)`. */
function memberHeadLoop(ctx: Ctx): Stmt | undefined {
  const t = target(ctx, 'obj', false);
  if (!t) return undefined;
  const d = ctx.draw;
  const logged = (): Stmt[] => (d.chance(50) ? [log(member(t, 'k'))] : []);
  return d.pick<() => Stmt>([
    () => ({ t: 'forOf', head: { t: 'target', target: member(t, d.pick(['k', 'a'])) }, iter: expr(ctx, 'arr'), body: logged() }),
    () => ({ t: 'forIn', head: { t: 'target', target: member(t, 'k') }, iter: expr(ctx, 'obj'), body: logged() }),
    () => ({ t: 'forOf', head: { t: 'target', target: { t: 'array', items: [member(t, 'a'), member(t, 'k')] } }, iter: { t: 'array', items: [literal(ctx, 'arr'), literal(ctx, 'arr')] }, body: logged() }),
    () => ({ t: 'forOf', head: { t: 'target', target: { t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'n' }, value: member(t, 'a') }] } }, iter: expr(ctx, 'objs'), body: logged() }),
    () => ({ t: 'for', init: assign(member(t, 'i'), num(0)), test: binary('<', member(t, 'i'), num(2)), update: { t: 'update', op: '++', prefix: false, target: member(t, 'i') }, body: body(ctx, 'loop', 1) }),
  ])();
}

/**
 * Sloppy code only: `with (o) { a = a + 1 }` writes o.a by a plain name. Reading `a` first makes a
 * missing `a` a ReferenceError rather than a new global.
 */
function withStatement(name: string): Stmt {
  return { t: 'verbatim', text: `with (${name}) { a = a + 1 }` };
}
