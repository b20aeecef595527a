/**
 * Expressions by the type of value they make, with copy sites wherever an expression can be: as
 * operands of other sites (`structuredClone([...a])`), chained after them
 * (`[...a].sort((x, y) => x - y).slice(0, 2)`), in optional chains, ternaries, arrow bodies,
 * templates, and with TypeScript's `as`, `satisfies`, `!` and type arguments around them.
 */
import { type Expr, arrow, binary, call, id, index, member, method, num, raw, spread, str } from './ast.js';
import { type Builtin, type Ctx, DATA_TYPES, type Ty } from './context.js';
import { writeExpr } from './writes.js';
import { functionExpr } from './statements.js';

export const TS_TYPE: Readonly<Record<Ty, readonly string[]>> = {
  arr: ['number[]', 'Array<number>', 'readonly number[]', 'any'],
  objs: ['{ n: number }[]', 'Item[]', 'any[]'],
  obj: ['Rec', 'Record<string, any>', 'any', '{ a: number; b: number[] }'],
  map: ['Map<string, number>', 'Map<string, any>', 'any'],
  set: ['Set<number>', 'Set<any>', 'any'],
  num: ['number', 'any'],
  str: ['string', 'any'],
  bool: ['boolean', 'any'],
};

/** The deepest expressions nest before they must be leaves. */
const MAX_DEPTH = 3;

export function expr(ctx: Ctx, ty: Ty): Expr {
  ctx.depth++;
  try {
    const e = ctx.depth > MAX_DEPTH ? leaf(ctx, ty) : composite(ctx, ty);
    return ctx.ts && ctx.draw.chance(8) ? tsWrap(ctx, e, ty) : e;
  } finally {
    ctx.depth--;
  }
}

/** A TypeScript wrapper that changes nothing at run time. */
function tsWrap(ctx: Ctx, e: Expr, ty: Ty): Expr {
  const type = ctx.draw.pick(TS_TYPE[ty]);
  switch (ctx.draw.int(4)) {
    case 0:
      return { t: 'assert', e, type, form: 'as' };
    case 1:
      return { t: 'nonNull', e };
    case 2:
      return { t: 'assert', e, type: type.startsWith('readonly') ? 'any' : type, form: 'angle' };
    default:
      return { t: 'assert', e, type: 'unknown', form: 'satisfies' };
  }
}

function composite(ctx: Ctx, ty: Ty): Expr {
  const d = ctx.draw;
  switch (ty) {
    case 'arr':
    case 'objs':
    case 'obj':
    case 'map':
    case 'set': {
      const kind = d.weighted<'leaf' | 'copy' | 'chain' | 'cond' | 'call' | 'other' | 'write'>([
        [4, 'leaf'],
        [6, 'copy'],
        [ty === 'arr' || ty === 'objs' ? 2 : 0, 'chain'],
        [1, 'cond'],
        [1, 'call'],
        [2, 'other'],
        [1, 'write'],
      ]);
      if (kind === 'copy') return copy(ctx, ty);
      if (kind === 'chain') return chain(ctx, copy(ctx, ty), ty);
      if (kind === 'cond') return conditional(ctx, ty);
      if (kind === 'call') return userCall(ctx, ty) ?? (ctx.nesting < 3 ? iife(ctx, ty) : leaf(ctx, ty));
      if (kind === 'other') return derived(ctx, ty);
      // `(a.push(1), a)`: a write, then the value it wrote into.
      if (kind === 'write') {
        const v = ctx.varsOf(ty)[0];
        const w = writeExpr(ctx, ty);
        return v && w ? { t: 'seq', items: [w, id(v.name)] } : leaf(ctx, ty);
      }
      return leaf(ctx, ty);
    }
    case 'num':
      return d.weighted<() => Expr>([
        [3, () => leaf(ctx, 'num')],
        [2, () => writeExpr(ctx, d.pick(['obj', 'arr', 'map', 'set'] as const)) ?? leaf(ctx, 'num')],
        [1, () => binary(d.pick(['+', '-', '*']), expr(ctx, 'num'), expr(ctx, 'num'))],
        [1, () => member(expr(ctx, d.pick(['arr', 'objs'] as const)), 'length')],
        [1, () => userCall(ctx, 'num') ?? leaf(ctx, 'num')],
        [1, () => method(expr(ctx, 'arr'), 'reduce', [arrow(['s', 'x'], binary('+', id('s'), id('x'))), num(0)])],
      ])();
    case 'str':
      return d.weighted<() => Expr>([
        [2, () => leaf(ctx, 'str')],
        [2, () => (ctx.free('JSON') ? call(member(id('JSON'), 'stringify'), [expr(ctx, pickData(ctx))]) : leaf(ctx, 'str'))],
        [1, () => ({ t: 'template', quasis: ['', ':', ''], exprs: [expr(ctx, pickData(ctx)), expr(ctx, 'num')] })],
        [1, () => ({ t: 'unary', op: 'typeof', arg: expr(ctx, pickData(ctx)) })],
        [1, () => method(expr(ctx, 'arr'), 'join', [str('-')])],
        [1, () => method(expr(ctx, 'str'), d.pick(['slice', 'concat']), d.pick([[], [num(1)], [str('!')]]))],
      ])();
    case 'bool':
      return d.weighted<() => Expr>([
        [2, () => identity(ctx)],
        [1, () => raw(d.pick(['true', 'false']))],
        [1, () => (ctx.free('Array') ? call(member(id('Array'), 'isArray'), [expr(ctx, pickData(ctx))]) : raw('true'))],
        [1, () => binary('instanceof', expr(ctx, pickData(ctx)), id(ctx.free('Map') ? 'Map' : 'Object'))],
        [1, () => writeExpr(ctx, 'obj', 'delete') ?? raw('false')],
        [1, () => binary('in', str(d.pick(['a', 'b', 'k', '0'])), expr(ctx, d.pick(['obj', 'arr'] as const)))],
        [1, () => method(expr(ctx, d.pick(['map', 'set'] as const)), 'has', [d.pick([str('x'), num(1)])])],
      ])();
  }
}

export function pickData(ctx: Ctx): Ty {
  return ctx.draw.pick(DATA_TYPES);
}

/** `c === s`, `c.b === s.b`: whether a copy is its source, or shares a child with it. */
export function identity(ctx: Ctx): Expr {
  const r = ctx.related.length > 0 ? ctx.draw.pick(ctx.related) : undefined;
  const visible = r && ctx.visibleVars().some((v) => v.name === r.copy);
  if (!r || !visible) return binary('===', expr(ctx, 'obj'), expr(ctx, 'obj'));
  const child = r.ty === 'obj' ? ctx.draw.pick(['', 'b', 'c']) : r.ty === 'objs' ? ctx.draw.pick(['', '0']) : '';
  const at = (e: Expr): Expr => (child === '' ? e : child === '0' ? index(e, num(0)) : member(e, child));
  return binary(ctx.draw.pick(['===', '!==']), at(id(r.copy)), at(r.source));
}

/** An existing value of the type (a variable, or a path into one), or a literal. */
export function leaf(ctx: Ctx, ty: Ty): Expr {
  const d = ctx.draw;
  const places = placesOf(ctx, ty);
  if (places.length > 0 && !d.chance(20)) return d.pick(places);
  return literal(ctx, ty);
}

/** Expressions that denote existing values of `ty`: variables and paths into them. */
export function placesOf(ctx: Ctx, ty: Ty): Expr[] {
  const out: Expr[] = ctx.varsOf(ty).map((v) => id(v.name));
  const objs = ctx.varsOf('obj').map((v) => id(v.name));
  const thisFields = ctx.scope.flags.thisClass?.fields.filter((f) => f.ty === ty).map((f) => member(raw('this'), f.name)) ?? [];
  out.push(...thisFields);
  switch (ty) {
    case 'arr':
      out.push(...objs.map((o) => member(o, 'b')), ...objs.map((o) => member(member(o, 'c'), 'b')));
      break;
    case 'obj':
      out.push(...objs.map((o) => member(o, 'c')));
      break;
    case 'num':
      out.push(...objs.map((o) => member(o, 'a')), ...ctx.varsOf('arr').map((v) => index(id(v.name), num(0))), ...ctx.varsOf('objs').map((v) => member(index(id(v.name), num(0)), 'n')));
      out.push(...ctx.varsOf('map').map((v) => member(id(v.name), 'size')), ...ctx.varsOf('set').map((v) => member(id(v.name), 'size')));
      break;
    default:
      break;
  }
  return out;
}

export function literal(ctx: Ctx, ty: Ty): Expr {
  const d = ctx.draw;
  const ints = (): Expr[] => Array.from({ length: 1 + d.int(4) }, () => num(d.int(10)));
  switch (ty) {
    case 'arr':
      return { t: 'array', items: ints() };
    case 'objs':
      return { t: 'array', items: Array.from({ length: 1 + d.int(3) }, () => ({ t: 'object', props: [{ t: 'kv', key: { t: 'name', text: 'n' }, value: num(d.int(10)) }] })) };
    case 'obj':
      return objectLiteral(ctx, ctx.depth <= 2);
    case 'map':
      return { t: 'new', callee: collection(ctx, 'Map'), args: [{ t: 'array', items: ['x', 'y', 'z'].slice(0, 1 + d.int(3)).map((k) => ({ t: 'array', items: [str(k), num(d.int(10))] })) }] };
    case 'set':
      return { t: 'new', callee: collection(ctx, 'Set'), args: [{ t: 'array', items: ints() }] };
    case 'num':
      return num(d.int(10));
    case 'str':
      return str(d.pick(['x', 'y', 'k', 'ab']));
    case 'bool':
      return raw(d.pick(['true', 'false']));
  }
}

/** The built-in Map or Set for building a literal, whatever the program has bound the name to. */
function collection(ctx: Ctx, name: 'Map' | 'Set'): Expr {
  if (ctx.free(name)) return id(name);
  return ctx.free('globalThis') ? member(id('globalThis'), name) : id(name);
}

/** `{ a: 1, b: [...], c: { a, b } }`, sometimes with computed keys, spreads and accessors. */
function objectLiteral(ctx: Ctx, nested: boolean): Expr {
  const d = ctx.draw;
  const props: Extract<Expr, { t: 'object' }>['props'][number][] = [
    { t: 'kv', key: { t: 'name', text: 'a' }, value: d.chance(30) ? expr(ctx, 'num') : num(d.int(10)) },
    { t: 'kv', key: { t: 'name', text: 'b' }, value: d.chance(40) ? expr(ctx, 'arr') : literal(ctx, 'arr') },
  ];
  if (nested) props.push({ t: 'kv', key: { t: 'name', text: 'c' }, value: d.chance(30) ? expr(ctx, 'obj') : objectLiteral(ctx, false) });
  if (d.chance(15)) props.push({ t: 'kv', key: { t: 'computed', e: d.pick([str('k'), binary('+', str('k'), expr(ctx, 'num'))]) }, value: num(d.int(9)) });
  if (d.chance(10)) props.push({ t: 'method', key: { t: 'name', text: 'g' }, kind: 'get', params: [], body: [{ t: 'return', e: expr(ctx, 'arr') }] });
  if (d.chance(10)) props.unshift({ t: 'spread', e: expr(ctx, 'obj') });
  return { t: 'object', props };
}

function conditional(ctx: Ctx, ty: Ty): Expr {
  const d = ctx.draw;
  switch (d.int(3)) {
    case 0:
      return { t: 'cond', test: expr(ctx, 'bool'), then: expr(ctx, ty), else: expr(ctx, ty) };
    case 1:
      return binary('??', d.pick([raw('null'), raw('undefined'), expr(ctx, ty)]), expr(ctx, ty));
    default:
      return binary('||', d.pick([raw('0'), expr(ctx, ty)]), expr(ctx, ty));
  }
}

/** A call of a function the program declared earlier that returns the type. */
export function userCall(ctx: Ctx, ty: Ty): Expr | undefined {
  const fns = ctx.callables().filter((c) => c.returns === ty);
  if (fns.length === 0) return undefined;
  const f = ctx.draw.pick(fns);
  const c = call(id(f.name), f.params.map((p) => expr(ctx, p)));
  if (f.generator === true) return { t: 'array', items: [spread(c)] };
  return f.async ? { t: 'await', e: c } : c;
}

/** Values of the type made from values of other types: `[...set]`, `Object.keys(o)`, `new Set(a)`. */
function derived(ctx: Ctx, ty: Ty): Expr {
  const d = ctx.draw;
  switch (ty) {
    case 'arr':
      return d.pick<() => Expr>([
        () => ({ t: 'array', items: [spread(expr(ctx, 'set'))] }),
        () => (ctx.free('Array') ? call(member(id('Array'), 'from'), [method(expr(ctx, 'map'), 'values')]) : literal(ctx, 'arr')),
        () => ({ t: 'array', items: [num(0), spread(expr(ctx, 'arr')), spread(expr(ctx, 'arr'))] }),
        () => method(expr(ctx, 'objs'), 'map', [arrow(['e'], member(id('e'), 'n'))]),
      ])();
    case 'objs':
      return d.pick<() => Expr>([
        () => method(expr(ctx, 'objs'), 'map', [arrow(['e'], { t: 'object', props: [{ t: 'spread', e: id('e') }] })]),
        () => method(expr(ctx, 'arr'), 'map', [arrow(['n'], { t: 'object', props: [{ t: 'short', name: 'n' }] })]),
        () => ({ t: 'array', items: [spread(expr(ctx, 'objs')), expr(ctx, 'obj')] }),
      ])();
    case 'obj':
      return d.pick<() => Expr>([
        () => ({ t: 'object', props: [{ t: 'spread', e: expr(ctx, 'obj') }, { t: 'kv', key: { t: 'name', text: 'a' }, value: expr(ctx, 'num') }] }),
        () => index(expr(ctx, 'objs'), num(0)),
        () => (ctx.free('Object') ? call(member(id('Object'), 'fromEntries'), [expr(ctx, 'map')]) : literal(ctx, 'obj')),
      ])();
    case 'map':
      return ctx.free('Object') && ctx.free('Map') ? { t: 'new', callee: id('Map'), args: [call(member(id('Object'), 'entries'), [expr(ctx, 'obj')])] } : literal(ctx, 'map');
    case 'set':
      return ctx.free('Set') ? { t: 'new', callee: id('Set'), args: [expr(ctx, 'arr')] } : literal(ctx, 'set');
    default:
      return literal(ctx, ty);
  }
}

/** Chained after a copy: `.sort(…)`, `.reverse()`, `.slice(1, 3)`, `.map(…)`… on arrays. */
export function chain(ctx: Ctx, base: Expr, ty: Ty): Expr {
  const d = ctx.draw;
  let e = base;
  const links = 1 + d.int(2);
  for (let i = 0; i < links; i++) {
    const cmp = ty === 'objs' ? arrow(['p', 'q'], binary('-', member(id('q'), 'n'), member(id('p'), 'n'))) : arrow(['x', 'y'], binary('-', id('x'), id('y')));
    e = d.pick<() => Expr>([
      () => method(e, 'slice', d.pick([[num(1), num(3)], [num(0), num(2)], [num(-2)]])),
      () => method(e, 'sort', [cmp]),
      () => method(e, 'reverse'),
      () => method(e, 'concat', [literal(ctx, ty)]),
      () => method(e, 'filter', [arrow(['v', 'i'], binary('>', id('i'), num(0)))]),
      () => (ty === 'arr' ? method(e, 'map', [arrow(['x'], binary('*', id('x'), num(2)))]) : method(e, 'map', [arrow(['e'], { t: 'object', props: [{ t: 'spread', e: id('e') }] })])),
      () => (ty === 'arr' ? method(e, 'fill', [num(7), num(1)]) : method(e, 'slice')),
      () => method(e, 'slice'),
      () => ({ t: 'call', callee: member(e, 'slice', true), args: [] }),
    ])();
  }
  return e;
}

/** Which built-ins a copy form relies on; `lodash` stands for the program's lodash binding. */
interface CopyForm {
  readonly needs: readonly (Builtin | 'lodash' | 'lodashFn')[];
  readonly types: readonly Ty[];
  readonly make: (ctx: Ctx, source: Expr, ty: Ty) => Expr;
}

const COPY_FORMS: readonly CopyForm[] = [
  { needs: [], types: ['obj'], make: (_c, s) => ({ t: 'object', props: [{ t: 'spread', e: s }] }) },
  { needs: [], types: ['arr', 'objs'], make: (_c, s) => ({ t: 'array', items: [spread(s)] }) },
  { needs: [], types: ['arr', 'objs'], make: (c, s) => method(s, 'slice', c.draw.pick([[], [], [num(0)], [num(1)], [num(0), num(2)], [num(-2)]])) },
  { needs: [], types: ['arr', 'objs'], make: (_c, s) => method(s, 'concat') },
  { needs: [], types: ['arr', 'objs'], make: (c, s) => ({ t: 'call', callee: member(s, c.draw.pick(['slice', 'concat']), true), args: [] }) },
  { needs: [], types: ['obj'], make: (_c, s) => ({ t: 'object', props: [{ t: 'spread', e: { t: 'object', props: [{ t: 'spread', e: s }] } }] }) },
  { needs: [], types: ['obj'], make: (c, s) => ({ t: 'object', props: [{ t: 'spread', e: s }, { t: 'kv', key: { t: 'name', text: c.draw.pick(['a', 'k']) }, value: num(c.draw.int(9)) }] }) },
  { needs: [], types: ['obj'], make: (_c, s) => ({ t: 'object', props: [{ t: 'spread', e: member(s, 'c', true) }] }) },
  { needs: ['Array'], types: ['arr', 'objs'], make: (c, s, ty) => call(member(id('Array'), 'from'), c.draw.chance(25) ? [s, ty === 'arr' ? arrow(['x'], binary('+', id('x'), num(1))) : arrow(['e'], id('e'))] : [s], false) },
  { needs: ['Object'], types: ['obj'], make: (c, s) => call(member(id('Object'), 'assign'), c.draw.chance(20) ? [{ t: 'object', props: [] }, s, expr(c, 'obj')] : [{ t: 'object', props: [] }, s]) },
  { needs: ['structuredClone'], types: ['arr', 'objs', 'obj', 'map', 'set'], make: (c, s, ty) => ({ t: 'call', callee: id('structuredClone'), args: [s], ...(c.ts && c.draw.chance(30) ? { typeArgs: [c.draw.pick(TS_TYPE[ty])] } : {}) }) },
  { needs: ['JSON'], types: ['arr', 'objs', 'obj'], make: (_c, s) => call(member(id('JSON'), 'parse'), [call(member(id('JSON'), 'stringify'), [s])]) },
  { needs: ['Map'], types: ['map'], make: (c, s) => ({ t: 'new', callee: id('Map'), args: [c.draw.chance(20) ? { t: 'array', items: [spread(s)] } : s], ...(c.ts && c.draw.chance(30) ? { typeArgs: ['string', 'number'] } : {}) }) },
  { needs: ['Set'], types: ['set'], make: (c, s) => ({ t: 'new', callee: id('Set'), args: [s], ...(c.ts && c.draw.chance(30) ? { typeArgs: ['number'] } : {}) }) },
  { needs: ['globalThis'], types: ['arr', 'objs', 'obj', 'map', 'set'], make: (_c, s) => call(member(id('globalThis'), 'structuredClone'), [s]) },
  { needs: ['lodash'], types: ['arr', 'objs', 'obj', 'map', 'set'], make: (c, s) => call(member(id(c.lodash!.namespace!), c.draw.pick(['clone', 'cloneDeep'])), [s]) },
  { needs: ['lodashFn'], types: ['arr', 'objs', 'obj'], make: (c, s) => call(id(c.draw.pick(c.lodash!.functions)), [s]) },
  { needs: [], types: ['arr', 'objs'], make: (c, s) => (c.free('Array') ? call(member(member(member(id('Array'), 'prototype'), 'slice'), 'call'), [s]) : method(s, 'slice')) },
];

/** An alias of a built-in copy declared earlier (`const { assign } = Object`), used as one. */
function aliasCopy(ctx: Ctx, source: Expr, ty: Ty): Expr | undefined {
  const aliases = ctx.aliases().filter((a) => (a.of === 'assign' ? ty === 'obj' : a.of === 'from' ? ty === 'arr' || ty === 'objs' : true));
  if (aliases.length === 0) return undefined;
  const a = ctx.draw.pick(aliases);
  return call(id(a.name), a.of === 'assign' ? [{ t: 'object', props: [] }, source] : [source]);
}

/** A copy site whose result has type `ty`, of a source of `ty` (sometimes, on purpose, of another type). */
export function copy(ctx: Ctx, ty: Ty): Expr {
  const d = ctx.draw;
  const misuse = d.chance(4);
  return copyFrom(ctx, misuse ? expr(ctx, d.pick(['obj', 'arr', 'num', 'str', 'map'] as const)) : expr(ctx, ty), ty);
}

/** A copy site of `source`, which holds a value of `ty`. */
export function copyFrom(ctx: Ctx, source: Expr, ty: Ty): Expr {
  const d = ctx.draw;
  const usable = COPY_FORMS.filter((f) => f.types.includes(ty) && f.needs.every((n) => usableBuiltin(ctx, n)));
  if (d.chance(10)) {
    const alias = aliasCopy(ctx, source, ty);
    if (alias) return alias;
  }
  // Every way to copy this type may be bound to something else here: then no copy.
  if (usable.length === 0) return source;
  const form = d.pick(usable);
  return form.make(ctx, ctx.ts && d.chance(10) ? tsWrap(ctx, source, ty) : source, ty);
}

function usableBuiltin(ctx: Ctx, n: Builtin | 'lodash' | 'lodashFn'): boolean {
  if (n === 'lodash') return ctx.lodash?.namespace !== undefined && ctx.free('_');
  if (n === 'lodashFn') return (ctx.lodash?.functions.length ?? 0) > 0;
  // A shadowed name's forms are written by the shadowing statements, which know what to expect.
  return ctx.free(n);
}

/** `((p) => …)(x)`: a function expression called where it is written, its body a scope of its own. */
function iife(ctx: Ctx, ty: Ty): Expr {
  const params = ctx.draw.chance(60) ? [pickData(ctx)] : [];
  const fn = functionExpr(ctx, params, ty);
  return call(fn, params.map((p) => expr(ctx, p)));
}
