/**
 * The soundness suite's programs, written for it. In each, `/*copy*\/` marks the copy under test,
 * right before its expression. A *needed* copy changes what the program prints when it is dropped
 * (the original passed instead), so the could-share hint must not claim it; a *read-only* copy
 * does not, and the share of them the hint claims is its recall.
 */

export interface Program {
  readonly name: string;
  /** What makes the copy needed, or, for a read-only copy, why the rule can or cannot prove it. */
  readonly group: string;
  /** The file name it is scanned as: `.mjs` runs as it is, `.mts` has its types stripped first. */
  readonly file: string;
  readonly code: string;
}

const js = (group: string, name: string, code: string): Program => ({ group, name, file: 'program.mjs', code });
const ts = (group: string, name: string, code: string): Program => ({ group, name, file: 'program.mts', code });

const WRITTEN = 'the original is written while the copy lives';
const COPY_WRITTEN = 'the copy is written, the original read';
const THIS_CODE = 'code runs with the copy as this, or tells it from the original';
const NAMES = 'a name is not what it seems';
const SHAPE = 'the copy is not the same kind of value as the original';

export const NEEDED: readonly Program[] = [
  js(WRITTEN, 'snapshot before a push', `
const list = [1, 2, 3];
const before = /*copy*/[...list];
list.push(4);
console.log(before.length, list.length);`),
  js(WRITTEN, 'previous state before an increment', `
const state = { count: 0 };
const prev = /*copy*/{ ...state };
state.count += 1;
console.log(prev.count !== state.count);`),
  js(WRITTEN, 'iterating a copy while splicing the original', `
const todos = [{ done: true }, { done: true }, { done: false }];
for (const t of /*copy*/[...todos]) if (t.done) todos.splice(todos.indexOf(t), 1);
console.log(todos.length);`),
  js(WRITTEN, 'written through an alias', `
const o = { n: 1 };
const alias = o;
const c = /*copy*/{ ...o };
alias.n = 2;
console.log(c.n);`),
  js(WRITTEN, 'written by a closure called later', `
const o = { n: 1 };
const bump = () => { o.n++; };
const c = /*copy*/{ ...o };
bump();
console.log(c.n);`),
  js(WRITTEN, 'written by a function it is passed to', `
function reset(xs) { xs.length = 0; }
const a = [1, 2];
const c = /*copy*/[...a];
reset(a);
console.log(c.length);`),
  js(WRITTEN, 'a Set cleared and refilled from its copy', `
class Store {
  items = new Set([1, 2, 3]);
  rebuild(f) {
    const copy = /*copy*/new Set(this.items);
    this.items.clear();
    copy.forEach((v) => this.items.add(f(v)));
  }
}
const store = new Store();
store.rebuild((v) => v * 10);
console.log([...store.items].join(','));`),
  js(WRITTEN, 'a parameter the caller writes later', `
function snapshot(xs) {
  const c = /*copy*/[...xs];
  return () => c.length;
}
const a = [1];
const size = snapshot(a);
a.push(2);
console.log(size());`),
  js(WRITTEN, 'a Map set after the copy', `
const m = new Map([['a', 1]]);
const c = /*copy*/new Map(m);
m.set('a', 2);
console.log(c.get('a'));`),
  js(WRITTEN, 'a nested write under a deep copy', `
const o = { items: [1] };
const c = /*copy*/structuredClone(o);
o.items.push(2);
console.log(c.items.length);`),
  js(WRITTEN, 'a module binding written by an exported function', `
const cfg = { debug: false };
export function enable() { cfg.debug = true; }
const c = /*copy*/{ ...cfg };
enable();
console.log(c.debug);`),
  js(WRITTEN, 'written by Object.assign', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
Object.assign(o, { a: 2 });
console.log(c.a);`),
  js(WRITTEN, 'written by a destructuring assignment', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
({ a: o.a } = { a: 5 });
console.log(c.a);`),
  js(WRITTEN, 'sorted in place', `
const a = [3, 1, 2];
const c = /*copy*/a.slice();
a.sort();
console.log(c.join());`),
  js(WRITTEN, 'written from a for-of head', `
const s = [1, 2];
const c = /*copy*/Array.from(s);
for (s[0] of [9]);
console.log(c[0]);`),
  js(WRITTEN, 'written in a timer', `
const o = { n: 1 };
const c = /*copy*/{ ...o };
setTimeout(() => { o.n = 2; console.log(c.n); });`),
  js(WRITTEN, 'a history of snapshots', `
const s = { v: 1 };
const history = [];
const first = /*copy*/{ ...s };
history.push(first.v);
s.v = 2;
console.log(history.join(), first.v);`),
  js(WRITTEN, 'handed out by a generator', `
function* steps() {
  const o = { n: 1 };
  const c = /*copy*/{ ...o };
  yield o;
  console.log(c.n);
}
const it = steps();
it.next().value.n = 7;
it.next();`),
  js(WRITTEN, 'a let original written after the copy', `
let o = { n: 1 };
const c = /*copy*/{ ...o };
o.n = 3;
console.log(c.n);`),
  js(COPY_WRITTEN, 'a deep copy of parsed JSON written', `
const o = JSON.parse('{"a":{"b":1}}');
const c = /*copy*/structuredClone(o);
c.a.b = 2;
console.log(o.a.b);`),
  js(COPY_WRITTEN, "a shallow copy's own slot replaced", `
const o = { a: [1] };
const c = /*copy*/{ ...o };
c.a = [9];
console.log(o.a[0]);`),
  js(COPY_WRITTEN, 'a nested value of a deep copy written', `
const o = { a: { n: 1 } };
const c = /*copy*/structuredClone(o);
c.a.n = 2;
console.log(o.a.n);`),
  js(THIS_CODE, 'an own method carried by a spread', `
const counter = { hits: 0, get(k) { this.hits++; return k; } };
const c = /*copy*/{ ...counter };
c.get('a');
console.log(counter.hits);`),
  js(THIS_CODE, 'a memoising getter of an Array subclass kept by slice', `
class Rows extends Array {
  get total() { this.cached ??= this.reduce((a, b) => a + b, 0); return this.cached; }
}
const r = Rows.from([1, 2]);
const c = /*copy*/r.slice();
console.log(c.total);
r.push(3);
console.log(r.total);`),
  js(THIS_CODE, 'toJSON run by JSON.stringify', `
const o = { n: 0, toJSON() { this.n++; return { n: this.n }; } };
const c = /*copy*/{ ...o };
JSON.stringify(c);
console.log(o.n);`),
  js(THIS_CODE, 'toString run by a template literal', `
const o = { calls: 0, toString() { this.calls++; return 'o'; } };
const c = /*copy*/{ ...o };
console.log(\`\${c}\`, o.calls);`),
  js(THIS_CODE, 'valueOf run by +', `
const o = { calls: 0, valueOf() { return ++this.calls; } };
const c = /*copy*/{ ...o };
console.log(c + 1, o.calls);`),
  js(THIS_CODE, 'Symbol.iterator run by for-of', `
const o = { i: 0, *[Symbol.iterator]() { this.i++; yield this.i; } };
const c = /*copy*/{ ...o };
for (const x of c) console.log(x);
for (const x of o) console.log(x);`),
  js(THIS_CODE, 'the copy as a thisArg', `
const acc = { n: 0 };
const c = /*copy*/{ ...acc };
Array.from([1, 2], function (y) { this.n += y; }, c);
console.log(acc.n);`),
  js(THIS_CODE, 'a JSON.stringify replacer writing its holder', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
JSON.stringify(c, function (k, v) { if (k === 'a') this.seen = true; return v; });
console.log(o.seen === true);`),
  js(THIS_CODE, 'Symbol.hasInstance given the copy', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
class Tag { static [Symbol.hasInstance](x) { x.tagged = true; return true; } }
console.log(c instanceof Tag, o.tagged === true);`),
  js(THIS_CODE, 'a comparator writing the elements of a deep copy', `
const o = [{ v: 2 }, { v: 1 }];
const c = /*copy*/structuredClone(o);
const sorted = c.toSorted((x, y) => { x.seen ??= 0; x.seen++; return x.v - y.v; });
console.log(sorted.length, JSON.stringify(o));`),
  js(THIS_CODE, 'a callback writing the elements of a deep copy', `
const o = [{ v: 1 }];
const c = /*copy*/structuredClone(o);
c.forEach((x) => { x.v = 0; });
console.log(o[0].v);`),
  js(THIS_CODE, 'the copy compared with its original', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
console.log(c === o);`),
  js(THIS_CODE, 'a switch comparing the copy with its original', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
switch (c) {
  case o: console.log('the original'); break;
  default: console.log('another object');
}`),
  js(THIS_CODE, 'a nested value of a deep copy compared', `
const o = { a: { b: 1 } };
const c = /*copy*/structuredClone(o);
console.log(c.a === o.a);`),
  js(THIS_CODE, 'the copy looked up in a Set of originals', `
const o = { a: 1 };
const seen = new Set([o]);
const c = /*copy*/{ ...o };
console.log(seen.has(c));`),
  js(THIS_CODE, 'a getter of the original run by the spread', `
const o = { k: 0, get now() { return ++this.k; } };
const c = /*copy*/{ ...o };
console.log(c.now, c.now);`),
  js(THIS_CODE, 'a tag called with the copy as this', `
const o = { n: 0, tag() { this.n++; return ''; } };
const c = /*copy*/{ ...o };
c.tag\`x\`;
console.log(o.n);`),
  js(THIS_CODE, 'then run by await', `
const o = { then(resolve) { this.settled = true; resolve(1); } };
const c = /*copy*/{ ...o };
await c;
console.log(o.settled === true);`),
  js(NAMES, 'a parameter named console', `
function run(console) {
  const o = { a: 1 };
  const c = /*copy*/{ ...o };
  console.log(c);
  return o.a;
}
process.stdout.write(run({ log(x) { x.a = 9; } }) + '\\n');`),
  js(NAMES, 'a module binding named JSON', `
const JSON = { stringify(x) { x.a = 2; return ''; } };
const o = { a: 1 };
const c = /*copy*/{ ...o };
JSON.stringify(c);
console.log(o.a);`),
  js(NAMES, 'a local named String', `
const String = (x) => { x.n = 1; return ''; };
const o = { n: 0 };
const c = /*copy*/{ ...o };
String(c);
console.log(o.n);`),
  js(NAMES, 'a local named Array', `
const Array = { from(x) { x.push(9); return x; } };
const o = [1];
const c = /*copy*/[...o];
Array.from(c);
console.log(o.length);`),
  js(NAMES, 'eval in parentheses, a direct eval', `
function f(code) {
  const o = { a: 1 };
  const c = /*copy*/{ ...o };
  (eval)(code);
  return o.a;
}
console.log(f('c.a = 2'));`),
  ts(NAMES, 'eval through a type assertion, a direct eval', `
function f(code: string): number {
  const o = { a: 1 };
  const c = /*copy*/{ ...o };
  (eval as (text: string) => unknown)(code);
  return o.a;
}
console.log(f('c.a = 2'));`),
  js(NAMES, 'a local named Object', `
const Object = { keys(x) { x.k = 1; return []; } };
const o = { a: 1 };
const c = /*copy*/{ ...o };
Object.keys(c);
console.log(o.k === 1);`),
  js(NAMES, 'JSON.stringify replaced in the file', `
JSON.stringify = function (x) { x.a = 2; return 'patched'; };
const o = { a: 1 };
const c = /*copy*/{ ...o };
JSON.stringify(c);
console.log(o.a);`),
  js(NAMES, 'a getter put on Object.prototype', `
Object.defineProperty(Object.prototype, 'seen', { get() { this.hits = (this.hits ?? 0) + 1; return this.hits; }, configurable: true });
const o = { a: 1 };
const c = /*copy*/{ ...o };
console.log(c.seen, o.hits);`),
  js(NAMES, 'Array.prototype.join replaced through an alias', `
const AP = Array.prototype;
AP.join = function () { this.length = 0; return ''; };
const a = [1, 2];
const c = /*copy*/[...a];
c.join();
console.log(a.length);`),
  js(SHAPE, 'an array spread into an object', `
const a = [1, 2];
const c = /*copy*/{ ...a };
console.log(Array.isArray(c));`),
  js(SHAPE, 'a Set spread into an array', `
const s = new Set([1]);
const c = /*copy*/[...s];
console.log(Array.isArray(c));`),
  js(SHAPE, 'holes filled by a spread', `
const a = [1, , 3];
const c = /*copy*/[...a];
console.log(1 in c);`),
  js(SHAPE, 'a frozen original', `
const o = Object.freeze({ a: 1 });
const c = /*copy*/{ ...o };
console.log(Object.isFrozen(c));`),
  js(SHAPE, 'a prototype the spread leaves behind', `
const o = { __proto__: { hi() { return 'p'; } }, a: 1 };
const c = /*copy*/{ ...o };
console.log(typeof c.hi);`),
  ts(SHAPE, 'an array typed as a plain array but holey', `
const xs: number[] = new Array<number>(3);
const c = /*copy*/[...xs];
console.log(c.indexOf(undefined as unknown as number));`),
];

const PROVED = 'proved: a fresh plain original, only read';
const MISSED = 'not proved (the rule says nothing)';

export const READ_ONLY: readonly Program[] = [
  js(PROVED, 'properties of an object spread', `
const o = { a: 1, b: 'x' };
const c = /*copy*/{ ...o };
console.log(c.a, c.b);`),
  js(PROVED, 'a spread array summed', `
const a = [3, 1, 2];
const c = /*copy*/[...a];
let t = 0;
for (const x of c) t += x;
console.log(t);`),
  js(PROVED, 'a slice mapped', `
const a = [1, 2, 3];
const c = /*copy*/a.slice();
console.log(c.map((x) => x * 2).join(','));`),
  js(PROVED, 'a spread straight into JSON.stringify', `
const a = [1, 2, 3];
console.log(JSON.stringify(/*copy*/[...a]));`),
  js(PROVED, 'a Map copy read', `
const m = new Map([['a', 1], ['b', 2]]);
const c = /*copy*/new Map(m);
console.log(c.get('a'), c.has('z'), c.size);`),
  js(PROVED, 'a Set copy read', `
const s = new Set([1, 2]);
const c = /*copy*/new Set(s);
console.log(c.has(2));`),
  js(PROVED, 'a deep copy of parsed JSON read', `
const cfg = JSON.parse('{"port":8080,"hosts":["a","b"]}');
const c = /*copy*/structuredClone(cfg);
console.log(c.port, c.hosts.length);`),
  ts(PROVED, 'a typed filtered array spread into Math.max', `
const ids: number[] = [5, 3, 9].filter((n) => n > 3);
const c = /*copy*/[...ids];
console.log(Math.max(...c));`),
  ts(PROVED, 'an array from split, copied by Array.from', `
const words = 'a,b,c'.split(',');
const c = /*copy*/Array.from(words);
console.log(c.length, c.includes('b'));`),
  js(PROVED, 'a module object read in a function', `
const o = { n: 2 };
function show() {
  const c = /*copy*/{ ...o };
  return \`\${c.n}\`;
}
console.log(show());`),
  js(PROVED, 'Object.assign into an empty object', `
const point = { x: 1, y: 2 };
const c = /*copy*/Object.assign({}, point);
console.log(Object.keys(c).join(), c.x + c.y);`),
  ts(PROVED, 'a deep copy of typed primitives', `
const n: number = 4;
const rec = { n, label: 'four' };
const c = /*copy*/structuredClone(rec);
console.log(c.n * 2, c.label);`),
  js(PROVED, 'a concat with nothing', `
const xs = [1, 2, 3];
const c = /*copy*/xs.concat();
console.log(c.length > 2 ? c[0] : -1);`),
  js(PROVED, 'a spread compared with a literal', `
const o = { a: 1 };
const c = /*copy*/{ ...o };
if (c.a === 1) console.log('one');`),
  js(PROVED, 'entries of a spread', `
const o = { a: 1, b: 2 };
const c = /*copy*/{ ...o };
for (const [k, v] of Object.entries(c)) console.log(k, v);`),
  js(PROVED, 'a spread printed whole', `
const base = { a: 1, nested: { b: [2] } };
const c = /*copy*/{ ...base };
console.log(JSON.stringify(c), c.nested.b[0]);`),
  js(PROVED, 'a shared nested array written through a shallow copy', `
const o = { a: [1, 2], meta: { seen: 0 } };
const c = /*copy*/{ ...o };
c.a.push(3);
c.meta.seen++;
console.log(o.a.length, o.meta.seen);`),
  js(MISSED, 'a parameter copied and summed', `
function total(xs) {
  const c = /*copy*/[...xs];
  return c.reduce((a, b) => a + b, 0);
}
console.log(total([1, 2]));`),
  js(MISSED, 'a value returned by a function', `
function load() { return [{ id: 1 }]; }
const rows = load();
const c = /*copy*/[...rows];
console.log(c.length);`),
  js(MISSED, 'a deep copy mapped with a callback', `
const o = JSON.parse('[{"id":1},{"id":2}]');
const c = /*copy*/structuredClone(o);
console.log(c.map((r) => r.id).join());`),
];
