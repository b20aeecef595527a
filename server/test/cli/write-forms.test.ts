/**
 * Issue 14, item 6: every way a program writes a value, in syntax or through a built-in reached by
 * an alias, `call`, `apply`, `bind` or `Reflect.apply`, reaches the write barrier in cow mode, so
 * that copies made before the write keep the old content. One program writes a fresh source in
 * each form after copying it, and prints the copy; plain, observe and cow must print the same.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';

/** Each form writes `s` (an array of 100), `o` (an object of 100 keys), `m` (a Map) or `d` (a Date in a deep copy). */
const FORMS: Record<string, string> = {
  'for…of head': `for (s[0] of ['x']);`,
  'for…in head': `for (o.k0 in { z: 1 });`,
  'destructuring with a default and a rest': `[s[0] = 'd', ...s[1]] = [undefined, 'r'];`,
  'a computed mutating method': `const name = ['reverse'][0]; s[name]();`,
  'an optional call': `s?.push('x');`,
  'delete through an optional chain': `delete o?.k0;`,
  'a push into a link of an optional chain': `const h = { s }; h?.s.push('x');`,
  'delete from a link of an optional chain': `const h = { o }; delete h?.o.k0;`,
  'a push into a link of a chain that begins with a call': `const getH = () => ({ s }); getH()?.s.push('x');`,
  'a push into a link of a chain of two ?.': `const h = { g: { s } }; h?.g?.s.push('x');`,
  'a push into an element of an optional chain': `const h = [s]; h?.[0].push('x');`,
  'a push into a link of this?.': `({ s, f() { this?.s.push('x'); } }).f();`,
  'a sort through a link of an optional chain, in an arrow': `const h = { s }; const f = () => h?.s.reverse(); f();`,
  'a set on a Map that is a link of an optional chain': `const h = { m }; h?.m.set('k0', 'x');`,
  'a tagged template': "s.push`x`;",
  'an alias of push, called': `const push = [].push; push.call(s, 'x');`,
  'an alias of sort, destructured': `const { sort } = Array.prototype; sort.call(s);`,
  'a bound push': `const add = Array.prototype.push.bind(s); add('x');`,
  'Reflect.apply of splice': `Reflect.apply(Array.prototype.splice, s, [0, 3]);`,
  'call of call': `Function.prototype.call.call([].fill, s, 'x');`,
  'call bound to push': `const pushInto = Function.prototype.call.bind(Array.prototype.push); pushInto(s, 'x');`,
  'an alias of Map#set': `const set = Map.prototype.set; set.call(m, 'k0', 'x');`,
  'Reflect.apply of Object.assign': `Reflect.apply(Object.assign, null, [o, { k0: 'x' }]);`,
  'an alias of push under another name, called': `const add = [].push; add.call(s, 'x');`,
  'a destructured splice renamed, applied through an alias of it': `const { splice: cut } = Array.prototype; const cut2 = cut; cut2.apply(s, [0, 3]);`,
  'Object.assign reached through a comma': `(0, Object.assign)(o, { k0: 'x' });`,
  'fill reached through a comma, called': `(0, Array.prototype.fill).call(s, 'x');`,
  'Object.assign chosen by a conditional': `const pick = true; (pick ? Object.assign : null)(o, { k0: 'x' });`,
  'push assigned as it is called': `let f; (f = [].push).call(s, 'x');`,
  'Reflect.apply of splice reached through a comma': `Reflect.apply((0, [].splice), s, [0, 3]);`,
  'a getter defined by __defineGetter__': `o.__defineGetter__('k0', () => 'x');`,
  'a setter defined by __defineSetter__, destructured and called': `const { __defineSetter__ } = o; __defineSetter__.call(o, 'k0', () => {});`,
  'Map#set of another Map, called on a copy': `new Map().set.call(cm, 'k0', 'x'); Reflect.apply(Map.prototype.delete, cm, ['k1']);`,
  'a Date setter through call': `Date.prototype.setFullYear.call(d.when, 1999);`,
  'a with statement': `with (o) { k0 = 'x'; }`,
  'an assignment through a Proxy of the program’s': `const p = new Proxy(o, {}); p.k0 = 'x';`,
  'a push through a revocable Proxy': `const { proxy } = Proxy.revocable(s, {}); proxy.push('x'); proxy[0] = 'y';`,
  'Reflect.set and Reflect.defineProperty through a Proxy': `const p = new globalThis.Proxy(o, {}); Reflect.set(p, 'k0', 'x'); Reflect.defineProperty(p, 'k1', { value: 'y' });`,
  'delete and Object.assign through a Proxy made by an alias': `const P = Proxy; const p = new P(o, {}); delete p.k1; Object.assign(p, { k0: 'x' });`,
  'Map#set through a Proxy’s get trap, bound to its target': `const p = new Proxy(m, { get: (t, k) => (typeof t[k] === 'function' ? t[k].bind(t) : t[k]) }); p.set('k0', 'x');`,
  'a Date setter through a Proxy': `const p = new Proxy(d.when, { get: (t, k) => t[k].bind(t) }); p.setFullYear(1999);`,
};

const program = (forms: Record<string, string>): string =>
  Object.entries(forms)
    .map(
      ([name, write]) => `{
  const s = Array.from({ length: 100 }, (_, i) => 'v' + i);
  const o = {}; for (let i = 0; i < 100; i++) o['k' + i] = i;
  const m = new Map(Object.entries(o));
  const d = { when: new Date(0), pad: Array.from({ length: 100 }, (_, i) => i) };
  const cs = [...s], co = { ...o }, cm = new Map(m), cd = structuredClone(d);
  ${write}
  console.log(${JSON.stringify(name)}, cs.slice(0, 3).join(), cs.length, co.k0, Object.keys(co).length, cm.get('k0'), cm.size, cd.when.getTime());
}`,
    )
    .join('\n');

/** Writes `source` to a file of its own and checks, in each mode, that it prints what plain node prints, with no hazard. */
function printsAsPlain(name: string, source: string, inCow?: (report: ReturnType<typeof reportOf>['report']) => void): void {
  const dir = mkdtempSync(join(tmpdir(), `cowlens-${name}-`));
  const file = join(dir, 'writes.js');
  writeFileSync(file, source);
  const plain = plainNode([file], { cwd: dir });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode prints what plain node prints`, () => {
      expect(plain.status).toBe(0);
      const run = reportOf(['node', file], { mode, cwd: dir });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
      expect(run.report.hazards).toEqual([]);
      if (mode === 'cow') inCow?.(run.report);
    });
  }
}

describe('cow mode: writes in every form keep the copies made before them', () => {
  printsAsPlain('write-forms', program(FORMS), (report) => {
    // The copies were views: cow mode saved bytes on them.
    expect(report.sites.filter((s) => s.kind === 'array-spread' && s.bytesSaved > 0).length).toBeGreaterThan(0);
  });
});

/**
 * A built-in that writes its first argument writes after every argument is evaluated, and a later
 * argument may copy that very value: the copy is made before the write and must not show it.
 */
/**
 * One block a write: each gets `log`, a 100-element array `s` and a 100-key object `o` (large
 * enough to be shared as views), and the blocks are `wrap`ped into one program.
 */
const writesProgram = (writes: Record<string, string>, wrap: (body: string) => string = (body) => body): string =>
  wrap(
    Object.entries(writes)
      .map(
        ([name, write]) => `{
  const log = (...values) => console.log(${JSON.stringify(name)}, ...values);
  const s = Array.from({ length: 100 }, (_, i) => 'v' + i);
  const o = {}; for (let i = 0; i < 100; i++) o['k' + i] = i;
  ${write}
}`,
      )
      .join('\n'),
  );

const COPIED_IN_ARGUMENTS: Record<string, string> = {
  'Object.assign whose source holds a copy of the target': `Object.assign(o, { c: { ...o } }); log(o.c.c === undefined, Object.keys(o.c).length);`,
  'Object.assign with the copy spread from a list': `Object.assign(o, ...[{ c: { ...o } }]); log(Object.keys(o.c).length);`,
  'Object.assign with its target spread from a list': `const before = { ...o }; Object.assign(...[o, { k0: 'x' }]); log(before.k0, o.k0);`,
  'Reflect.set of a copy of the target into it': `Reflect.set(s, 0, [...s]); log(s[0][0], s[0].length);`,
  'Reflect.defineProperty of a copy of the target': `Reflect.defineProperty(o, 'c', { value: { ...o }, enumerable: true }); log('c' in o.c, Object.keys(o.c).length);`,
  'push of a copy of the target (its method)': `s.push(s.slice()); log(s[100].length);`,
};

describe('cow mode: a copy made among the arguments of a write keeps what it copied', () => {
  printsAsPlain('copied-in-arguments', writesProgram(COPIED_IN_ARGUMENTS));
});


/**
 * A write whose object cannot be read again once its value is evaluated (a call, `a[i++]`, a
 * property of a property, a `let` that is reassigned) is told after its value, right before the
 * write: a copy of the object made in the value, in its computed key, or while the value awaits
 * or yields, is made before the write and must not show it.
 */
const TOLD_AFTER_THE_VALUE: Record<string, string> = {
  'a reassigned let whose value copies it': `let x = o; x = x; x.c = { ...x }; log('c' in x.c, Object.keys(x.c).length);`,
  'a call': `const getO = () => o; getO().c = { ...getO() }; log('c' in o.c);`,
  'a[i++]': `const xs = [o]; let i = 0; xs[i++].c = { ...xs[0] }; log('c' in o.c);`,
  'a conditional': `const t = true; (t ? o : s).c = { ...o }; log('c' in o.c);`,
  'a property of a property': `const h = { o }; h.o.c = { ...h.o }; log('c' in o.c);`,
  'a compound assignment': `const h = { o }; h.o.k0 += Object.keys({ ...h.o }).length; log(h.o.k0);`,
  'a logical assignment': `const h = { o }; let seen; h.o.c ??= (seen = { ...h.o }); log('c' in seen);`,
  'a logical assignment that writes nothing, then one that writes': `const h = { o }; let seen; h.o.k0 ??= [...s]; h.o.c ??= (seen = { ...h.o }); log('c' in seen);`,
  '++ with a computed key': `const h = { o }; let seen; h.o[(seen = { ...h.o }, 'k0')]++; log(seen.k0);`,
  'delete with a computed key': `const h = { o }; let seen; delete h.o[(seen = { ...h.o }, 'k0')]; log(seen.k0);`,
  'a for…of head with a computed key': `const h = { o }; let seen; for (h.o[(seen = { ...h.o }, 'k0')] of ['x']); log(seen.k0);`,
  'a destructuring target with a computed key': `const h = { s }; let seen; [h.s[(seen = [...h.s], 0)]] = ['x']; log(seen[0]);`,
  'a push of a copy of a receiver that is a property': `const h = { s }; h.s.push([...h.s]); log(h.s[100].length);`,
  'a push into a link of an optional chain, of a copy of it': `const h = { s }; h?.s.push([...h.s]); log(h.s[100].length);`,
  'a push into a link of an optional chain, among the arguments of another (grammar fuzz seed 874432887)': `const h = { a: 0, s }; const a2 = [...h.s]; [].push.apply(a2, [h?.s.push(h.a), h.a]); log(a2.length, a2[100], a2[101], h.s.length);`,
  'Object.assign into what a call returns, of a copy of it': `const getO = () => o; Object.assign(getO(), { c: { ...getO() } }); log('c' in o.c);`,
  'a recursion through the same write': `const h = { o }; const f = (n) => (h.o.c = n > 0 ? { ...h.o, d: f(n - 1) } : 0); f(3); log('c' in o.c.d.d);`,
  'a value that throws in a recursion, caught inside the value': `const h = { o }; const f = (n) => { try { h.o.c = n > 0 ? (f(n - 1), { ...h.o }) : JSON.parse('{'); } catch {} }; f(3); log('c' in o.c);`,
  'values that throw in a loop, then a write': `const h = { o }; for (let i = 0; i < 100; i++) { try { h.o['t' + i] = JSON.parse('{'); } catch {} } h.o.c = { ...h.o }; log('c' in o.c);`,
};

/** The same, where the value awaits or yields: other calls of the function may run the same write meanwhile. */
const TOLD_AFTER_A_SUSPENDED_VALUE: Record<string, string> = {
  'a var reassigned while the value awaits': `var v = o; const p = (async () => { v.k = await 1; return v; })(); v = { ...v }; log('k' in (await p));`,
  'a property of a property, copied while the value awaits': `const h = { o }; const p = (async () => { h.o.c = await 1; })(); const seen = { ...h.o }; await p; log('c' in seen);`,
  'calls of one async function that interleave': `const h = { o }; const copies = []; await Promise.all([0, 1, 2].map(async (i) => { h.o['n' + i] = await new Promise((r) => setTimeout(() => { copies.push({ ...h.o }); r(i); }, 10 * (3 - i))); })); log(copies.map((c) => Object.keys(c).length).join());`,
  'a push of an awaited value into a property': `const h = { s }; const p = (async () => { h.s.push(await 1); })(); const seen = [...h.s]; await p; log(seen.length);`,
  'a push of an awaited value into a link of an optional chain': `const h = { s }; const p = (async () => { h?.s.push(await 1); })(); const seen = [...h.s]; await p; log(seen.length);`,
  'a generator whose value yields': `const h = { o }; function* g() { 'use strict'; h.o.c = yield 1; } const it = g(); it.next(); const seen = { ...h.o }; it.next(2); log('c' in seen);`,
};

describe('cow mode: a write whose object cannot be read again is told after its value', () => {
  printsAsPlain('told-after-the-value', writesProgram(TOLD_AFTER_THE_VALUE));
});

describe('cow mode: a write whose value awaits or yields is told after it', () => {
  printsAsPlain('told-after-a-suspended-value', writesProgram(TOLD_AFTER_A_SUSPENDED_VALUE, (body) => `(async () => {\n${body}\n})();`));
});
