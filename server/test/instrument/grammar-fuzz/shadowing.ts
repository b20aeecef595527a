/**
 * Programs that bind the built-in names themselves, at every scope level: imports and `require`s
 * (of fake modules), parameters (plain and destructured), `catch` bindings, hoisted `var`s (read
 * before their assignment, when they are still undefined) and function declarations, classes
 * (declared, and named class expressions inside their own bodies), block-level `let`/`const`,
 * `for` heads. Under such a binding the copy forms of the name (`new Map(m)`, `structuredClone(x)`,
 * `JSON.parse(JSON.stringify(x))`…) are calls of the program's own value: mostly identities, so
 * that `copy === source` shows at once whether something copied that should not have.
 */
import { type Expr, type Stmt, arrow, binary, call, decl, exprStmt, id, log, member, raw, str } from './ast.js';
import { BUILTINS, type Builtin, type Ctx, type ShadowValue, type Ty } from './context.js';
import { TS_TYPE, literal, placesOf } from './expressions.js';
import { statements } from './statements.js';

/** A value the program binds to the name in place of the built-in: written inline, or a fake package's. */
export function fakeValue(ctx: Ctx, name: Builtin): Expr {
  const fromPackage = (): Expr => member(call(id('require'), [str('fakes')]), name);
  if (ctx.draw.chance(30)) return fromPackage();
  switch (name) {
    case 'Map':
    case 'Set':
      return raw('class { constructor(source) { return source } }');
    case 'JSON':
      return raw('{ parse: (text) => text, stringify: (value) => value }');
    case 'Object':
      return raw('{ assign: (target, source) => source }');
    case 'Array':
      return raw('{ from: (source) => source }');
    case 'structuredClone':
      return arrow(['v'], id('v'));
    case 'globalThis':
      return raw('{ structuredClone: (v) => v, JSON: { parse: (t) => [t], stringify: (v) => v } }');
    case '_':
      return raw('{ clone: (v) => v, cloneDeep: (v) => v }');
    case 'Symbol':
      return raw("{ for: (key) => 'not a symbol ' + key }");
    case 'Error':
      return raw('class extends TypeError {}');
  }
}

/** The type a copy form of the name copies, and the form itself around a source. */
function copyForm(ctx: Ctx, name: Builtin): { readonly ty: Ty; readonly make: (source: Expr) => Expr } {
  const d = ctx.draw;
  const typeArgs = (ty: Ty): { typeArgs?: string[] } => (ctx.ts && d.chance(30) ? { typeArgs: [d.pick(TS_TYPE[ty])] } : {});
  switch (name) {
    case 'Map':
      return { ty: 'map', make: (s) => ({ t: 'new', callee: id('Map'), args: [s] }) };
    case 'Set':
      return { ty: 'set', make: (s) => ({ t: 'new', callee: id('Set'), args: [s] }) };
    case 'JSON':
      return { ty: d.pick(['arr', 'obj'] as const), make: (s) => call(member(id('JSON'), 'parse'), [call(member(id('JSON'), 'stringify'), [s])]) };
    case 'Object':
      return { ty: 'obj', make: (s) => call(member(id('Object'), 'assign'), [{ t: 'object', props: [] }, s]) };
    case 'Array':
      return { ty: 'arr', make: (s) => call(member(id('Array'), 'from'), [s]) };
    case 'structuredClone': {
      const ty = d.pick(['arr', 'obj', 'map'] as const);
      return { ty, make: (s) => ({ t: 'call', callee: id('structuredClone'), args: [s], ...typeArgs(ty) }) };
    }
    case 'globalThis':
      return d.chance(50)
        ? { ty: 'obj', make: (s) => call(member(id('globalThis'), 'structuredClone'), [s]) }
        : { ty: 'arr', make: (s) => call(member(member(id('globalThis'), 'JSON'), 'parse'), [call(member(member(id('globalThis'), 'JSON'), 'stringify'), [s])]) };
    case '_':
      return { ty: d.pick(['arr', 'obj'] as const), make: (s) => call(member(id('_'), d.pick(['clone', 'cloneDeep'])), [s]) };
    case 'Symbol':
    case 'Error':
      // Nothing of the program copies through these; the runtime's lookup reads them, so any copy will do.
      return { ty: 'arr', make: (s) => ({ t: 'array', items: [{ t: 'spread', e: s }] }) };
  }
}

/** A source for the copy form: an existing value, or one made without the shadowed name. */
function sourceOf(ctx: Ctx, ty: Ty): Expr {
  const places = placesOf(ctx, ty);
  return places.length > 0 && !ctx.draw.chance(20) ? ctx.draw.pick(places) : literal(ctx, ty);
}

/** `const c = <form>(source); log(c === source, c)`, caught when the binding cannot be called yet. */
export function shadowUse(ctx: Ctx, name: Builtin): Stmt[] {
  const form = copyForm(ctx, name);
  const source = sourceOf(ctx, form.ty);
  const c = ctx.fresh('c');
  const again = source.t === 'id' || source.t === 'member' || source.t === 'index';
  const uses: Stmt[] = [decl('const', c, form.make(source)), again ? log(binary('===', id(c), source), id(c)) : log(id(c))];
  if (name === 'Symbol' || name === 'Error') uses.push(log({ t: 'unary', op: 'typeof', arg: id(name) }));
  const value = ctx.shadow(name);
  if (value === 'fake' && !ctx.draw.chance(10)) return uses;
  return [{ t: 'try', body: uses, param: { t: 'id', name: 'e' }, handler: [log(str('caught'), member(id('e'), 'name'), member(id('e'), 'message'))] }];
}

/** Runs `body` in a scope where `name` is bound as `value`. */
function shadowed<T>(ctx: Ctx, kind: 'function' | 'block', name: Builtin, value: ShadowValue, body: () => T): T {
  return ctx.within(kind, kind === 'function' ? { inFunction: true, inLoop: false, async: false, generator: false } : {}, (scope) => {
    scope.shadows.set(name, value);
    return body();
  });
}

/** Uses of the shadowed name, among other statements of the scope. */
function usesIn(ctx: Ctx, name: Builtin): Stmt[] {
  return [...shadowUse(ctx, name), ...statements(ctx, 2)];
}

const callableFake = (name: Builtin): boolean => name === 'Map' || name === 'Set' || name === 'structuredClone' || name === 'Error';

/** A statement that binds a built-in's name in a scope of its own, and copies through it there. */
export function shadowStatement(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const bound = BUILTINS.filter((b) => ctx.shadow(b) !== undefined);
  // Under a binding made earlier (at the top, or around this statement), use it.
  if (bound.length > 0 && d.chance(40)) return shadowUse(ctx, d.pick(bound));
  const name = d.pick(BUILTINS);
  const fake = (): Expr => fakeValue(ctx, name);
  const level = d.int(9);
  switch (level) {
    case 0:
      // Block-level `let`/`const`.
      return [{ t: 'block', body: shadowed(ctx, 'block', name, 'fake', () => [decl(d.pick(['let', 'const'] as const), name, fake()), ...usesIn(ctx, name)]) }];
    case 1: {
      // A parameter of a function called right here: `((Map) => { … })(fake)`.
      const fakeArg = fake();
      const body = shadowed(ctx, 'function', name, 'fake', () => usesIn(ctx, name));
      const fn: Expr = d.chance(50) ? { t: 'arrow', params: [{ binding: { t: 'id', name } }], body } : { t: 'function', params: [{ binding: { t: 'id', name } }], body };
      return [exprStmt(call(fn, [fakeArg]))];
    }
    case 2: {
      // A destructured parameter: `(({ JSON }) => { … })(require('fakes'))`.
      const body = shadowed(ctx, 'function', name, 'fake', () => usesIn(ctx, name));
      const fn: Expr = { t: 'arrow', params: [{ binding: { t: 'object', props: [{ t: 'short', name }] } }], body };
      return [exprStmt(call(fn, [call(id('require'), [str('fakes')])]))];
    }
    case 3: {
      // A `catch` binding.
      const thrown = fake();
      const handler = shadowed(ctx, 'block', name, 'fake', () => usesIn(ctx, name));
      return [{ t: 'try', body: [{ t: 'throw', e: thrown }], param: { t: 'id', name }, handler }];
    }
    case 4: {
      // A hoisted `var` in a function: undefined before its line, the fake after.
      const inner = ctx.within('function', { inFunction: true, inLoop: false, async: false, generator: false }, (scope) => {
        scope.shadows.set(name, 'undefined');
        const before = shadowUse(ctx, name);
        const declared = decl('var', name, fake());
        scope.shadows.set(name, 'fake');
        return [...before, declared, ...usesIn(ctx, name)];
      });
      return [exprStmt(call({ t: 'function', params: [], body: inner }, []))];
    }
    case 5: {
      // A function declaration, hoisted above its uses.
      if (!callableFake(name)) return shadowStatement(ctx);
      const inner = shadowed(ctx, 'function', name, 'fake', () => usesIn(ctx, name));
      const own: Stmt = { t: 'function', name, params: [{ binding: { t: 'id', name: 'v' } }], body: [{ t: 'return', e: id('v') }] };
      return [exprStmt(call({ t: 'arrow', params: [], body: [...inner, own] }, []))];
    }
    case 6: {
      // A class declaration in a block.
      const members = classFake(name);
      return [{ t: 'block', body: shadowed(ctx, 'block', name, 'fake', () => [{ t: 'verbatim', text: `class ${name} ${members}` }, ...usesIn(ctx, name)]) }];
    }
    case 7: {
      // A `require` inside a function.
      const body = shadowed(ctx, 'function', name, 'fake', () => [
        decl('const', name, member(call(id('require'), [str('fakes')]), name)),
        ...usesIn(ctx, name),
      ]);
      return [exprStmt(call({ t: 'arrow', params: [], body }, []))];
    }
    default: {
      // A `for…of` head.
      const fakeValueExpr = fake();
      const body = shadowed(ctx, 'block', name, 'fake', () => usesIn(ctx, name));
      return [{ t: 'forOf', head: { t: 'decl', kind: 'const', binding: { t: 'id', name } }, iter: { t: 'array', items: [fakeValueExpr] }, body }];
    }
  }
}

/** The body of a class that stands for the built-in: statics for the namespaces, a constructor returning its argument for the collections. */
export function classFake(name: Builtin): string {
  switch (name) {
    case 'JSON':
      return '{ static parse(t) { return t } static stringify(v) { return v } }';
    case 'Object':
      return '{ static assign(t, s) { return s } }';
    case 'Array':
      return '{ static from(s) { return s } }';
    case 'globalThis':
      return '{ static structuredClone(v) { return v } }';
    case '_':
      return '{ static clone(v) { return v } static cloneDeep(v) { return [v] } }';
    case 'Symbol':
      return '{ static for(k) { return k } }';
    case 'Error':
      return 'extends TypeError {}';
    default:
      return '{ constructor(source) { return source } }';
  }
}
