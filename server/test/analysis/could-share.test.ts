import { describe, expect, it } from 'vitest';
import { sitesOf } from './sites.js';

/** The could-share hint of the first site in a module snippet. */
function firstCouldShare(code: string, file = 'sample.mts'): boolean {
  const site = sitesOf(code, file)[0];
  if (site === undefined) throw new Error(`no site in ${code}`);
  return site.couldShare;
}

describe('could share: provably never written', () => {
  it.each([
    ['a const copy whose properties are only read', 'const c = { ...o }; console.log(c.a, c["b"], c?.d);'],
    ['a const copy that is iterated', 'const c = [...a]; let t = 0; for (const x of c) t += x;'],
    ['elements read and returned from a shallow copy', 'function f() { const c = a.slice(); return c.length > 0 ? c[0] : undefined; }'],
    ['a Map copy read with get and has', 'const c = new Map(m); if (c.has(k)) use(c.get(k));'],
    ['an object rest only passed to Object.keys', 'const { a, ...rest } = o; const keys = Object.keys(rest);'],
    ['read-only array methods with arrows that cannot see the array', 'const c = [...a]; const ids = c.map((x) => x.id).filter((id, i) => id > i);'],
    ['a copy handed straight to JSON.stringify', 'send(JSON.stringify({ ...o }));'],
    ['a copy iterated directly', 'for (const x of a.slice(1)) use(x);'],
    ['a deep copy only compared', 'const c = structuredClone(v); if (c.version === 2) log("v2");'],
    ['a copy spread into another literal', 'const c = { ...o }; const d = { ...c, extra: 1 };'],
    ['an unused copy', 'const c = [...a];'],
    ['a copy read in a closure', 'const c = { ...o }; export function show() { return `${c.name}`; }'],
    ['a shadowing parameter that is only read', 'const c = [...a]; items.forEach((c) => log(c.id));'],
    ['a const in a for-of head', 'for (const { id, ...fields } of rows) log(fields.name);'],
    ['a copy in a switch case, read in another case', 'switch (k) { case 1: const c = { ...o }; break; case 2: log(c.x); }'],
  ])('%s', (_name, code) => {
    expect(firstCouldShare(code)).toBe(true);
  });
});

describe('could not share: written, escaping or out of sight', () => {
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
    expect(firstCouldShare(code)).toBe(false);
  });

  it('does not trust a top-level const of a classic script, which other scripts share', () => {
    const code = 'const c = [...a]; log(c.length);';
    expect(firstCouldShare(code, 'script.js')).toBe(false);
    expect(firstCouldShare(code, 'module.mjs')).toBe(true);
    expect(firstCouldShare(`import x from 'x';\n${code}`, 'esm.js')).toBe(true);
    expect(firstCouldShare(`const fs = require('fs');\n${code}`, 'cjs.js')).toBe(true);
    expect(firstCouldShare(`function f() { ${code} }`, 'script.js')).toBe(true);
  });

  it('judges a write anywhere in the scope, also before the declaration', () => {
    expect(firstCouldShare('const c = [...a];\nfunction later() { return c.length; }')).toBe(true);
    expect(firstCouldShare('function earlier() { c.length = 0; }\nconst c = [...a];')).toBe(false);
  });
});
