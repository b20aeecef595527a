import { describe, expect, it } from 'vitest';
import { sitesOf } from './sites.js';

/** The could-share hint of the first site in a module snippet. */
function firstCouldShare(code: string, file = 'sample.mts'): boolean {
  const site = sitesOf(code, file)[0];
  if (site === undefined) throw new Error(`no site in ${code}`);
  return site.couldShare;
}

describe('could share: a fresh plain original, and both only read', () => {
  it.each([
    ['a const copy whose properties are only read', 'const o = { a: 1, b: 2 }; const c = { ...o }; console.log(c.a, c["b"], c?.a);'],
    ['a const copy that is iterated', 'const a = [1, 2]; const c = [...a]; let t = 0; for (const x of c) t += x;'],
    ['elements read and returned from a shallow copy', 'const a = [{ id: 1 }]; function f() { const c = a.slice(); return c.length > 0 ? c[0] : undefined; }'],
    ['a Map copy read with get and has', 'const m = new Map([[1, 2]]); const c = new Map(m); if (c.has(1)) console.log(c.get(1));'],
    ['read-only array methods with arrows that cannot see the array', 'const a = [{ id: 1 }]; const c = [...a]; const ids = c.map((x) => x.id).filter((id, i) => id > i);'],
    ['a copy handed straight to JSON.stringify', 'const o = { a: 1 }; console.log(JSON.stringify({ ...o }));'],
    ['a copy iterated directly', 'const a = [1, 2, 3]; for (const x of a.slice()) console.log(x);'],
    ['a deep copy of parsed JSON only compared with a literal', 'const v = JSON.parse(text); const c = structuredClone(v); if (c.version === 2) console.log("v2");'],
    ['a copy spread into another literal', 'const o = { a: 1 }; const c = { ...o }; const d = { ...c, extra: 1 };'],
    ['an unused copy', 'const a = [1]; const c = [...a];'],
    ['a copy read in a closure', 'const o = { name: "n" }; const c = { ...o }; export function show() { return `${c.name}`; }'],
    ['a shadowing parameter that is only read', 'const a = [1]; const c = [...a]; [{ id: 2 }].forEach((c) => console.log(c.id));'],
    ['a copy in a switch case, read in another case', 'const o = { x: 1 }; switch (k) { case 1: const c = { ...o }; break; case 2: console.log(c.x); }'],
    ['a let original nothing assigns again', 'let o = { a: 1 }; const c = { ...o }; console.log(c.a);'],
    ['a deep copy of values the checker proves primitive', 'const n: number = 1; const o = { n, s: `${n}` }; const c = structuredClone(o); console.log(c.n);'],
    ['an array the checker proves fresh', 'const xs: number[] = [3, 1].toSorted(); const c = [...xs]; console.log(c[0]);'],
    ['an object from JSON text the analysis reads', `const o = JSON.parse('{"a":1}'); const c = { ...o }; console.log(c.a);`],
    ['a value below a shallow copy written, which the original shares', 'const o = { items: [1] }; const c = { ...o }; c.items.push(2); o.items[0] = 3;'],
  ])('%s', (_name, code) => {
    expect(firstCouldShare(code)).toBe(true);
  });
});

describe('could not share: the original is not proved fresh, plain and unwritten', () => {
  it.each([
    ['an original from outside the file', 'const c = { ...o }; console.log(c.a);'],
    ['a parameter', 'function f(xs) { const c = [...xs]; return c.length; }'],
    ['a value a call returns', 'const rows = load(); const c = [...rows]; console.log(c.length);'],
    ['an original written after the copy', 'const a = [1]; const c = [...a]; a.push(2); console.log(c.length);'],
    ['an original written before the copy', 'const a = [1]; a.push(2); const c = [...a]; console.log(c.length);'],
    ['an original passed to a function', 'const o = { a: 1 }; const c = { ...o }; touch(o); console.log(c.a);'],
    ['an original stored under another name', 'const o = { a: 1 }; const alias = o; const c = { ...o }; console.log(c.a);'],
    ['an exported original', 'export const o = { a: 1 }; const c = { ...o }; console.log(c.a);'],
    ['an original with a method', 'const o = { a: 1, f() { return 1; } }; const c = { ...o }; console.log(c.a);'],
    ['an original with a getter', 'const o = { get a() { return 1; } }; const c = { ...o }; console.log(c.a);'],
    ['an original whose toString is a value of unknown kind', 'const o = { toString: f }; const c = { ...o }; console.log(`${c}`);'],
    ['an original with a computed key', 'const o = { [k]: 1 }; const c = { ...o }; console.log(c.a);'],
    ['an original with a prototype', 'const o = { __proto__: p, a: 1 }; const c = { ...o }; console.log(c.a);'],
    ['an array with holes', 'const a = [1, , 3]; const c = [...a]; console.log(c.length);'],
    ['an array spread into an object', 'const a = [1]; const c = { ...a }; console.log(c.length);'],
    ['a Set spread into an array', 'const s = new Set([1]); const c = [...s]; console.log(c.length);'],
    ['a deep copy of a nested value of unknown origin', 'const o = { items: list }; const c = structuredClone(o); console.log(c.items);'],
    ['a shallow copy of JSON of unknown shape', 'const o = JSON.parse(text); const c = { ...o }; console.log(c.a);'],
    ['a slice with bounds', 'const a = [1, 2]; const c = a.slice(1); console.log(c.length);'],
    ['a JSON round trip', 'const o = { a: 1 }; const c = JSON.parse(JSON.stringify(o)); console.log(c.a);'],
    ['an object rest', 'const o = { a: 1, b: 2 }; const { a, ...r } = o; console.log(r.b);'],
    ['a copy compared with its original', 'const o = { a: 1 }; const c = { ...o }; console.log(c === o);'],
    ['a copy given to instanceof', 'const o = { a: 1 }; const c = { ...o }; console.log(c instanceof T);'],
    ['a copy given as a thisArg', 'const o = { n: 0 }; const c = { ...o }; Array.from(ys, f, c);'],
    ['a copy given to a JSON.stringify replacer', 'const o = { a: 1 }; const c = { ...o }; JSON.stringify(c, (k, v) => v);'],
    ['a deep copy sorted by a comparator', 'const o = JSON.parse(t); const c = structuredClone(o); c.toSorted((x, y) => x.v - y.v);'],
    ['a parameter named console', 'function f(console) { const o = { a: 1 }; const c = { ...o }; console.log(c); }'],
    ['a local named JSON', 'const JSON = j; const o = { a: 1 }; const c = { ...o }; JSON.stringify(c);'],
    ['a direct eval in parentheses', 'function f(s) { const o = { a: 1 }; const c = { ...o }; (eval)(s); }'],
    ['a direct eval behind a type assertion', 'function f(s: string) { const o = { a: 1 }; const c = { ...o }; (eval as any)(s); }'],
    ['a switch comparing the copy with objects', 'const o = { a: 1 }; const c = { ...o }; switch (c) { case o: break; }'],
    ['a built-in replaced in the file', 'const o = { a: 1 }; const c = { ...o }; console.log(c.a); JSON.stringify = (x) => "";'],
    ['an Object.prototype getter defined in the file', 'Object.defineProperty(Object.prototype, "g", { get() { return 1; } }); const o = { a: 1 }; const c = { ...o };'],
    ['a value below a deep copy written', 'const o = { items: [1] }; const c = structuredClone(o); c.items.push(2);'],
  ])('%s', (_name, code) => {
    expect(firstCouldShare(code)).toBe(false);
  });
});

/** Fresh plain originals for the copies below, so that only what the copy meets decides. */
const ORIGINALS = 'const o = { a: 1, k: 2, n: 3 }; const a = [1, 2]; const v = JSON.parse(text); const msg = { a: 1 };\n';

describe('could not share: the copy is written, escapes or is out of sight', () => {
  it('claims the copy of these originals when it is only read', () => {
    expect(firstCouldShare(`${ORIGINALS}const c = { ...o }; console.log(c.a);`)).toBe(true);
  });

  it.each([
    ['a property assignment', 'const c = { ...o }; c.a = 1;'],
    ['a mutating method', 'const c = [...a]; c.push(1);'],
    ['a sort', 'const c = a.slice(); c.sort();'],
    ['a delete', 'const c = { ...o }; delete c.k;'],
    ['an increment', 'const c = { ...o }; c.n++;'],
    ['a compound assignment', 'const c = { ...o }; c.n += 1;'],
    ['a destructuring assignment into a property', 'const c = { ...o }; [c.a] = list;'],
    ['being returned', 'function f() { const c = { ...o }; return c; }'],
    ['being passed to a function', 'const c = [...a]; mutate(c);'],
    ['being stored under another name', 'const c = { ...o }; const alias = c;'],
    ['a let binding', 'let c = [...a]; log(c.length);'],
    ['an await using binding, whose disposal calls into it', 'async function f() { await using c = { ...o }; }'],
    ['a using binding', 'function f() { using c = { ...o }; }'],
    ['an exported const', 'export const c = { ...o };'],
    ['a closure that writes', 'const c = { ...o }; setTimeout(() => { c.x = 2; });'],
    ['a callback that can see the array', 'const c = [...a]; c.map((x, i, all) => all.push(x));'],
    ['a callback given by name', 'const c = [...a]; c.forEach(visit);'],
    ['an unknown method', 'const c = { ...o }; c.update();'],
    ['a tag read from the copy, called with it as this', 'const c = { ...o }; c.tag`x`;'],
    ['an eager copy', 'const c = { ...o, k: 1 }; log(c.k);'],
    ['a nested write into a deep copy', 'const c = structuredClone(v); c.items[0].done = true;'],
    ['a deep copy value stored', 'const c = structuredClone(v); const first = c.items[0];'],
    ['a deep copy spread', 'const c = structuredClone(v); const d = [...c];'],
    ['a direct eval in scope', 'const c = { ...o }; eval(code);'],
    ['a copy sorted directly', 'const sorted = a.slice().sort();'],
    ['a copy assigned to a property', 'this.state = { ...o };'],
    ['a message to another realm', 'worker.postMessage(msg);'],
    ['an object rest in an assignment', 'let r; ({ a, ...r } = o);'],
    ['an object rest parameter', 'function f({ a, ...r }) { return r.b; }'],
  ])('%s', (_name, code) => {
    expect(firstCouldShare(ORIGINALS + code)).toBe(false);
  });

  it('does not trust a top-level const of a classic script, which other scripts share', () => {
    const code = 'const a = [1]; const c = [...a]; console.log(c.length);';
    expect(firstCouldShare(code, 'script.js')).toBe(false);
    expect(firstCouldShare(code, 'module.mjs')).toBe(true);
    expect(firstCouldShare(`import x from 'x';\n${code}`, 'esm.js')).toBe(true);
    expect(firstCouldShare(`const fs = require('fs');\n${code}`, 'cjs.js')).toBe(true);
    expect(firstCouldShare(`function f() { ${code} }`, 'script.js')).toBe(true);
  });

  it('judges a write anywhere in the scope, also before the declaration', () => {
    expect(firstCouldShare('const a = [1];\nconst c = [...a];\nfunction later() { return c.length; }')).toBe(true);
    expect(firstCouldShare('function earlier() { c.length = 0; }\nconst a = [1];\nconst c = [...a];')).toBe(false);
    expect(firstCouldShare('function earlier() { a.length = 0; }\nconst a = [1];\nconst c = [...a];')).toBe(false);
  });
});
