/**
 * Instrumented code must behave exactly as the code it came from. Each case runs plainly and
 * instrumented in both modes; everything it logs (values, the order of side effects, errors)
 * must be the same.
 */
import { describe, expect, it } from 'vitest';
import { runSnippet } from './run-snippet.js';

const CASES: Record<string, string> = {
  'evaluation order of a member assignment: object, key, value': `
    const o = { get a() { log('get a'); return {}; } };
    const key = () => { log('key'); return 'x'; };
    const value = () => { log('value'); return 5; };
    o.a[key()] = value();
    log(o.a);`,
  'compound assignment reads before the right side runs': `
    const o = { n: 1 };
    o.n += (o.n = 10, 2);
    log(o.n);
    o.s ??= 'set'; o.s ??= 'again'; o.z ||= 0; o.z &&= 1;
    log(o);`,
  'chained and destructuring assignments to members': `
    const a = {}, b = {};
    a.x = b.y = 3;
    [a.p, b.q = 7] = [1];
    ({ k: a.k, ...b.rest } = { k: 1, m: 2, n: 3 });
    log(a, b);`,
  'increments, decrements and delete return what they did': `
    'use strict';
    const o = { n: 1, d: 1 };
    log(o.n++, ++o.n, o.n--, --o.n, delete o.d, o);`,
  'this inside methods and getters that copy': `
    const store = { items: [1, 2, 3], copy() { return this.items.slice(); }, get all() { return [...this.items]; } };
    const c = store.copy(); c.push(4);
    log(c, store.all, store.items);`,
  'getters run once, when the copy is made': `
    let calls = 0;
    const src = { get g() { calls++; return { deep: 1 }; }, plain: [1, 2] };
    const c = { ...src };
    log(calls, c.g, c.g === c.g, calls, Object.getOwnPropertyDescriptor(c, 'g').get === undefined);`,
  'optional chaining short-circuits as before': `
    let a = null;
    const z = { arr: [1, 2] };
    log(a?.slice(), a?.b.c.slice(), z?.arr.slice(), z.arr?.concat([3]));
    delete a?.b;
    z.arr?.push(3);
    a?.b.push(4);
    const c = [...z.arr];
    log(c, z);`,
  'short-circuit operators skip the write': `
    let calls = 0;
    const f = () => { calls++; return { x: 1 }; };
    false && (f().x = 2);
    null ?? f();
    const t = {};
    true && (t.x = calls);
    log(calls, t);`,
  'generators: copies of what yield returns': `
    function* g() { const a = [...(yield 1)]; a.push(9); log(a); return { ...(yield 2) }; }
    const it = g();
    log(it.next().value, it.next([1, 2, 3]).value, it.next({ k: 1 }));`,
  'async functions: copies across await': `
    async function f() { const s = { ...(await Promise.resolve({ a: 1, b: [1] })) }; s.a = 2; return s; }
    log(await f());`,
  'TDZ errors stay TDZ errors': `
    try { x.y = 1; } catch (e) { log(e.name); }
    let x = {};
    x.z = 2;
    log(x);`,
  'strict mode: writes to frozen copies throw, sloppy mode: silently ignored': `
    const fr = Object.freeze({ a: 1, list: [1] });
    const c = Object.freeze({ ...fr });
    (function () { 'use strict'; try { c.a = 2; } catch (e) { log(e.name); } })();
    (function () { c.a = 3; log(c.a); })();`,
  'arguments: a copy of arguments is independent of later writes': `
    function f() { const a = [...arguments]; const b = Array.prototype.slice.call(arguments); arguments[0] = 9; return [a, b, arguments[0]]; }
    log(f(1, 2));`,
  'object rest: named keys first, the rest copied without them': `
    const order = [];
    const src = { get a() { order.push('a'); return 1; }, b: 2, c: { d: 3 } };
    const { a, ...rest } = src;
    rest.b = 20;
    log(a, rest, src.b, order);`,
  'mutating methods on copies leave the source alone': `
    const arr = [3, 1, 2]; const c = arr.slice(); c.sort(); c.push(4); c.reverse();
    const m = new Map([[1, 'a']]); const m2 = new Map(m); m2.set(2, 'b'); m2.delete(1);
    const s = new Set([1]); const s2 = new Set(s); s2.add(2); s2.clear();
    log(arr, c, m, m2, s, s2);`,
  'private fields and super calls': `
    class B { m() { return [1, 2]; } }
    class C extends B { #x = 1; m() { this.#x++; const r = super.m().slice(); r.push(this.#x); return r; } }
    log(new C().m());`,
  'spread of iterables that are not arrays': `
    log([...new Set([1, 2])], [...'ab'], [...new Map([[1, 2]]).keys()], { ...'hi' }, { ...[1, 2] });`,
  'JSON round trip and structuredClone keep their exact results': `
    const v = { d: new Date(0), u: undefined, n: NaN, nested: { list: [1, { x: 2 }] }, m: new Map([[1, { y: 1 }]]) };
    const j = JSON.parse(JSON.stringify(v));
    const s = structuredClone(v);
    j.nested.list[1].x = 3; s.nested.list[1].x = 4; s.m.get(1).y = 5;
    log(j, s, v);`,
  'Object.assign into a fresh object and into an existing one': `
    const base = { a: 1, b: { c: 2 } };
    const fresh = Object.assign({}, base); fresh.a = 2;
    const proto = { hello() { return 'hi'; } };
    const withProto = Object.assign(Object.create(proto), base);
    const target = { z: 0 }; const same = Object.assign(target, base);
    log(fresh, base, withProto.hello(), same === target, target);`,
  'a hoisted function copies before the module body has run': `
    log(early());
    function early() { return { ...{ a: 1 }, b: [...[2]] }; }`,
  'Array.from with a map function and on array-likes': `
    const xs = [1, 2, 3];
    log(Array.from(xs), Array.from(xs, (x) => x * 2), Array.from({ length: 2, 0: 'a' }), Array.from('ab'));`,
  'copies inside default parameters and class fields': `
    const base = [1, 2];
    function f(list = [...base]) { list.push(3); return list; }
    class K { items = base.slice(); }
    const k = new K(); k.items.push(9);
    log(f(), base, k.items);`,
  'errors thrown by the copied operation are the same errors': `
    try { [...null]; } catch (e) { log(e.constructor.name); }
    try { const { a, ...r } = null; } catch (e) { log(e.constructor.name); }
    try { structuredClone(() => 1); } catch (e) { log(e.name); }
    try { JSON.parse(JSON.stringify({ b: 1n })); } catch (e) { log(e.constructor.name); }`,
  'receivers named like Object.prototype members are ordinary receivers': `
    const constructor = new Map(); const toString = [];
    constructor.set('k', 1); toString.push(2);
    log(constructor, toString);`,
  'keyed collection calls that may change nothing: what they return, run and throw': `
    const m = new Map([['a', 0], ['n', NaN]]); const s = new Set([1]);
    const o = { m, s, get g() { log('get g'); return m; } };
    function calls(k, v) {
      log(m.delete('x'), m.set('a', 0) === m, m.set('n', NaN) === m, s.add(1) === s, s.delete(2), o.m.delete(k), o.s.add(1) === s, o.g.set(k, v) === m);
      log(Object.is(m.set('a', -0).get('a'), -0), o.m.set(k, -0) === m, Object.is(m.get(k), -0), new Map().clear(), o.s.clear(), s.size);
    }
    const cm = new Map(m), cs = new Set(s);
    calls('a', -0);
    log(Object.is(cm.get('a'), 0), cm.size, cs.size, cs.has(1));
    const w = new WeakMap(), ws = new WeakSet(), key = {};
    log(w.delete(1), w.delete(key), w.set(key, 1) === w, w.set(key, 1).get(key), ws.add(key) === ws, ws.delete({}), ws.has(key));
    try { ws.add(1); } catch (e) { log(e.constructor.name); }
    try { w.set(1, 1); } catch (e) { log(e.constructor.name); }`,
  'keyed collection calls reach what the program put in place of the built-ins': `
    class Counted extends Map { delete(k) { log('own delete', k); return super.delete(k); } }
    const c = new Counted([[1, 1]]); const h = { c };
    log(c.delete(2), h.c.delete(2), h.c.delete(1));
    const p = new Proxy(new Map(), { get(t, k, r) { log('trap', String(k)); return Reflect.get(t, k, r); } });
    try { p.delete(1); } catch (e) { log(e.constructor.name); }
    const q = { p }; try { q.p.set(1, 2); } catch (e) { log(e.constructor.name); }
    const realAdd = Set.prototype.add, realDelete = Set.prototype.delete;
    try {
      Object.defineProperty(Set.prototype, 'add', { configurable: true, get() { log('getter add'); return realAdd; } });
      const s = new Set([1]); const t = { s };
      log(s.add(1).size, t.s.add(1).size, t.s.add(2).size);
      Object.defineProperty(Set.prototype, 'add', { configurable: true, writable: true, value: realAdd });
      Set.prototype.delete = function (v) { log('replaced delete', v); return false; };
      log(s.delete(9), t.s.delete(9));
      Set.prototype.delete = Map.prototype.delete;
      try { t.s.delete(1); } catch (e) { log(e.constructor.name); }
    } finally {
      Object.defineProperty(Set.prototype, 'add', { configurable: true, writable: true, value: realAdd });
      Set.prototype.delete = realDelete;
    }`,
  'a key read again before the call is still in its temporal dead zone, or a global': `
    const h = { m: new Map() };
    try { h.m.delete(later); } catch (e) { log(e.name, e.message); }
    let later = 1;
    log(h.m.delete(later), h.m.set(later, 2).get(later));
    globalThis.cowlensKey = 3;
    log(h.m.delete(cowlensKey), h.m.set(cowlensKey, 4).get(3));
    delete globalThis.cowlensKey;`,
  'delete of what is not there: what it returns, throws and runs': `
    const o = { a: 1, n: { b: 2 } }; const copy = { ...o }; const frozen = Object.freeze({ f: 1 });
    const arr = [1, 2]; const typed = new Uint8Array(2); const str = new String('ab');
    const key = { toString() { log('toString'); return 'a'; } };
    function deletes(k, missing) {
      log(delete o.gone, delete o[missing], delete o.n.gone, delete copy.gone, delete frozen.gone, delete arr[5], delete typed[7], delete str[5], delete o[k]);
      log(delete o[key], o, copy);
    }
    deletes('n', 'x');
    (function () { 'use strict'; try { delete frozen.f; } catch (e) { log(e.constructor.name); } try { delete str[0]; } catch (e) { log(e.constructor.name); } })();
    const p = new Proxy({}, { deleteProperty(t, k) { log('trap', k); return true; } });
    const h = { p };
    log(delete p.gone, delete h.p.gone);`,
  'holes and length writes through a copy': `
    const holey = [1, , 3];
    const c = holey.slice(); c.length = 5; c[7] = 8;
    const d = [...holey];
    log(c, d, 1 in c, 1 in d, holey);`,
  'a statement without semicolons that its line ends (after ++, --, a bare yield) stays ended where a write closes it': `
    const o = {}, p = { q: 1 }
    let a = [1], b = [2]
    o.k = p.q++
    [a, b] = [b, a]
    o.m = p.q--
    (function () { o.called = true })()
    function* swap(t) {
      t.got = yield
      [a, b] = [b, a]
    }
    const gen = swap(o)
    gen.next()
    gen.next('sent')
    log(a, b, o, p)`,
};

/** Copies written two and three levels down: in TypeScript each write keeps its reference as written. */
const NESTED_WRITES = `
    const src = { n: 1, list: [1], seen: new Set<string>(), tag: 'a' as string | undefined };
    const t: { o: typeof src } = { o: { ...src } };
    t.o.n += 2; t.o.n++; --t.o.n;
    t.o.list = [...t.o.list, 2];
    t.o.list.push(3);
    t.o.seen = new Set(t.o.seen); t.o.seen.add('x'); t.o.seen.add('x');
    t.o.tag ??= 'b'; delete t.o.tag;
    const deep = { a: { b: { ...src } } };
    deep.a.b.n = 10; deep.a.b['list'].push(4);
    log(src, t.o, deep.a.b);`;

const TS_CASES: Record<string, string> = {
  'TypeScript: assertions, non-null writes, enums and generics': `
    enum Color { Red, Green }
    interface Box<T> { items: T[]; label?: string }
    const box: Box<number> = { items: [1, 2] };
    const copy = <Box<number>>{ ...box };
    copy!.items = [...box.items, 3];
    (copy as Box<number>).label = Color[Color.Green];
    const m = new Map<string, Box<number>>([['a', box]]);
    const m2 = new Map<string, Box<number>>(m);
    m2.get('a')!.label = 'shared';
    log(copy, box, m2.size);`,
  'writes through nested references, which keep their syntax in TypeScript, by every form': NESTED_WRITES,
  'TypeScript without semicolons: a statement that ends in a type stays ended where a write or a copy closes it': `
    const o: { k?: number[]; s?: number[]; c?: boolean } = {}
    let a = [1, 2], b = [3]
    o.k = a.slice() as number[]
    [a, b] = [b, a]
    o.s = [...a] satisfies number[]
    (function () { o.c = true })()
    log(a, b, o)`,
  'TypeScript: a write into a reference kept for the type-checker writes the object it read first, though the value or an await reassigns it': `
    let o = { a: 0, b: [0] };
    const before = { ...o };
    o.a = (o = { a: 5, b: [] }, 7);
    log(before, o);
    let xs = [1, 2];
    const firstXs = xs, copyXs = [...xs];
    xs.push((xs = [9], 3));
    log(firstXs, copyXs, xs);
    let t = { k: 1 };
    const firstT = t, copyT = { ...t };
    Object.assign(t, (t = { k: 2 }, { k: 3 }));
    log(firstT, copyT, t);
    var v = { a: 0, b: [0] };
    const b = v.b;
    const p = (async () => { v.a = await Array.prototype.reverse.call(b).length; return v; })();
    var v = { ...v };
    log(await p, v);
    let h = { n: 0 };
    const written = h;
    const q = (async () => { h[String('n')] = await 1; })();
    h = { ...h };
    await q;
    log(written, h);`,
  'TypeScript: writes into a link of an optional chain keep the copies made before them, and a chain that stops writes nothing': `
    type H = { s: number[]; o: { k: number; n?: number }; m: Map<string, number> };
    const make = (): H | undefined => ({ s: Array.from({ length: 100 }, (_, i) => i), o: { k: 1, n: 2 }, m: new Map([['a', 1]]) });
    const h = make();
    const cs = [...h!.s], co = { ...h!.o }, cm = new Map(h!.m);
    h?.s.push(100);
    const popped = h?.s.pop();
    delete h?.o.n;
    h?.m.set('a', 2);
    h?.s.push([...h!.s].length);
    class C { x?: H = h; add(v: number) { this.x?.s.push(v); } }
    new C().add(7);
    const none = (() => undefined as H | undefined)();
    log(none?.s.push(1), delete none?.o.n, popped);
    const later = (async () => { h?.s.push(await 5); })();
    const seen = [...h!.s];
    await later;
    log(cs.length, cs[99], co, cm.get('a'), h!.s.length, h!.o, h!.m.get('a'), seen.length);`,
  'TypeScript: a copy that reads an evolving array anywhere in it keeps what it copied, though the pushes into the array stay as written': `
    let a1;
    a1 = [0];
    const round = JSON.parse(JSON.stringify(a1));
    const held = structuredClone({ list: a1 });
    const joined = [1].concat(a1);
    a1.push(a1[0]);
    a1[5] = 5;
    log(round, held, joined, a1);`,
};

describe('instrumented code does what the original does', () => {
  for (const [name, code] of Object.entries(CASES)) {
    it(name, async () => {
      const plain = await runSnippet(code, 'plain');
      expect(plain.log.length).toBeGreaterThan(0);
      for (const mode of ['observe', 'cow'] as const) {
        const run = await runSnippet(code, mode);
        expect({ mode, log: run.log }).toEqual({ mode, log: plain.log });
        // The case went through the runtime: it registered copy sites or write locations.
        expect(run.runtime!.registry.sites.length + run.runtime!.registry.locations.length).toBeGreaterThan(0);
      }
    });
  }
  for (const [name, code] of Object.entries(TS_CASES)) {
    it(name, async () => {
      const plain = await runSnippet(code, 'plain', '/virtual/snippet.ts');
      expect(plain.log.length).toBeGreaterThan(0);
      for (const mode of ['observe', 'cow'] as const) expect({ mode, log: (await runSnippet(code, mode, '/virtual/snippet.ts')).log }).toEqual({ mode, log: plain.log });
    });
  }

  it('a write through a nested reference in TypeScript reaches the runtime: each copy it writes is materialized, at that write', async () => {
    const { runtime } = await runSnippet(NESTED_WRITES, 'observe', '/virtual/snippet.ts');
    const figures = runtime!.registry.sites.filter((s) => s.kind === 'object-spread').map((s) => runtime!.accounting.counters.figuresOf(s.id));
    expect(figures.map((f) => [f.executions, f.materialized, f.copyPoints.length])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('cow mode really shares: the copies of a case became views and were counted', async () => {
    const { runtime } = await runSnippet(CASES['mutating methods on copies leave the source alone']!, 'cow');
    const sites = runtime!.registry.sites;
    const figures = sites.map((s) => runtime!.accounting.counters.figuresOf(s.id));
    expect(sites.map((s) => s.kind)).toEqual(['array-slice', 'map-copy', 'set-copy']);
    expect(figures.map((f) => [f.executions, f.materialized])).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(figures.every((f) => f.copyPoints.length === 1)).toBe(true);
  });
});
