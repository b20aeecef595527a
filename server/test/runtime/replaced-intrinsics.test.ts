/**
 * The first law against programs that replace the built-ins cowlens's runtime itself uses: spies
 * on `JSON`, `Object`, `Reflect`, `Math` and `Number`, on `Array.prototype`'s methods and on the
 * array iterator, and a program's own `Error.prepareStackTrace`. Each program, run with plain
 * `node` and through `cowlens report` in observe and in cow mode, must print the same, on stdout
 * and stderr, and exit alike: the runtime calls none of the replacements on its own account, at
 * copy sites, at writes, at its flush timer or at exit, and hands a program's prepareStackTrace
 * none of its frames. The values are large enough for cow mode's default threshold to share them
 * as views. (replaced-collections.test.ts does the same for Map, Set, WeakMap and WeakSet.)
 */
import { describeSameAsPlain } from './same-as-plain.js';

/** Copies of every common kind, written into at the top and deep down, as the programs below make them. */
const COPIES = `
const base = {}; for (let i = 0; i < 100; i++) base['k' + i] = { i, list: [i, i + 1] };
const points = Array.from({ length: 100 }, (_, i) => ({ i }));
const map = new Map(Object.entries(base));
const out = [];
const spread = { ...base }; spread.k0 = 5; spread.k1.i = 7; out.push(spread.k1.i);
const clone = structuredClone(base); clone.k2.list.push(1); out.push(clone.k2.list.length);
const json = JSON.parse(JSON.stringify(base)); json.k3.i = 9; out.push(json.k3.i);
const assigned = Object.assign({}, base); assigned.k4 = 1; out.push(assigned.k4);
const { k5, ...rest } = base; rest.k6 = 2; out.push(rest.k6, k5.i);
const arr = [...points]; arr[0] = 1; out.push(arr.length);
const copiedMap = new Map(map); copiedMap.set('x', 1); out.push(copiedMap.size);
const deepMap = structuredClone({ map }).map; deepMap.get('k7').i = 3; out.push(deepMap.get('k7').i);
`;

/** Every function of the namespaces the runtime reads replaced by one that counts its calls; the counts printed after the runtime's flush timer ran. */
const NAMESPACES = `
let calls = 0;
const apply = Reflect.apply;
for (const owner of [JSON, Object, Reflect, Math, Number, Array]) {
  for (const key of Reflect.ownKeys(owner)) {
    const d = Object.getOwnPropertyDescriptor(owner, key);
    if (typeof d.value !== 'function' || !d.writable || d.value === Array) continue;
    const builtin = d.value;
    owner[key] = function (...a) { calls++; return new.target ? Reflect.construct(builtin, a, new.target) : apply(builtin, this, a); };
  }
}
${COPIES}
console.log(out.join(' '), 'calls', calls);
setTimeout(() => console.log('after a flush', calls), 350);
`;

/**
 * Array.prototype's methods replaced by counting ones, as a spy on \`push\` does; all but \`pop\`,
 * which Node itself calls after each timer's callback (popAsyncContext), cowlens's flush timer's too.
 */
const ARRAY_METHODS = `
let calls = 0;
const apply = Reflect.apply;
for (const key of Reflect.ownKeys(Array.prototype)) {
  const d = Object.getOwnPropertyDescriptor(Array.prototype, key);
  if (typeof d.value !== 'function' || key === 'constructor' || key === Symbol.iterator || key === 'pop') continue;
  const builtin = d.value;
  Array.prototype[key] = function (...a) { calls++; return apply(builtin, this, a); };
}
${COPIES}
console.log(out.length, 'calls', calls);
setTimeout(() => console.log('after a flush', calls), 350);
`;

/**
 * The array iterator replaced by one that counts, as it is consumed by \`for…of\`, spreads, \`new Map\`
 * and destructuring: the runtime's own walks over its own arrays must not run it. Printing once
 * first: plain Node's own console, set up lazily on a pipe, would iterate with it.
 */
const ARRAY_ITERATOR = `
console.log('start');
let calls = 0;
const values = Array.prototype[Symbol.iterator];
const ArrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
const next = ArrayIterator.next;
Array.prototype[Symbol.iterator] = function () { calls++; return values.call(this); };
ArrayIterator.next = function () { calls++; return next.call(this); };
${COPIES}
console.log(out.join(' '), 'calls', calls);
setTimeout(() => console.log('after a flush', calls), 350);
`;

/** An array iterator that yields nothing of the array: the program's own copies of arrays that do not iterate still work. */
const BROKEN_ITERATOR = `
console.log('start');
const a = Array(100).fill(0);
const b = a.slice();
const o = {}; for (let i = 0; i < 100; i++) o['k' + i] = { i };
Array.prototype[Symbol.iterator] = function* () { yield 'patched'; };
const c = { ...o }; c.k1.i = 2;
const d = structuredClone(o); d.k2.i = 3;
console.log(a.slice().length, b.length, c.k1.i, d.k2.i, JSON.parse(JSON.stringify(o)).k3.i);
setTimeout(() => console.log('done'), 350);
`;

/** A program's own prepareStackTrace, as source-map-support, callsites, depd and Sentry install: it sees the program's frames only. */
const PREPARE_STACK_TRACE = `
let prepared = 0;
Error.prepareStackTrace = (err, frames) => { prepared++; return err.message + ' @ ' + frames.slice(0, 3).map((f) => f.getFunctionName() + '@' + (f.getFileName() || '').split('/').pop()).join(' ; '); };
const none = null;
function spreadNone() { return [...none]; }
function copyNothing() { return new Map(5); }
function bigint() { return JSON.parse(JSON.stringify({ n: 1n })); }
function cloneFunction() { return structuredClone({ f() {} }); }
for (const f of [spreadNone, copyNothing, bigint, cloneFunction]) {
  try { f(); } catch (e) { console.log(e.stack); }
}
console.log('prepared', prepared);
`;

/** \`slice\` and \`concat\` replaced by ones that say so: a copy site of either runs the replacement, as written, in cow mode too. */
const REPLACED_SLICE = `
const arr = Array.from({ length: 200 }, (_, i) => ({ i }));
const { slice, concat } = Array.prototype;
Array.prototype.slice = function (...a) { console.log('slice called'); return slice.apply(this, a); };
Array.prototype.concat = function (...a) { console.log('concat called'); return concat.apply(this, a); };
const s = arr.slice(); s[0].i = 5;
const c = arr.concat(); c.push(1);
console.log(s.length, c.length, arr[0].i);
`;

const PROGRAMS: Record<string, [source: string, what: string]> = {
  'namespaces.js': [NAMESPACES, 'JSON, Object, Reflect, Math, Number and Array replaced by spies count the program’s calls only'],
  'array-methods.js': [ARRAY_METHODS, 'Array.prototype’s methods replaced by spies count the program’s calls only'],
  'array-iterator.js': [ARRAY_ITERATOR, 'the array iterator replaced by a spy counts the program’s iterations only'],
  'broken-iterator.js': [BROKEN_ITERATOR, 'an array iterator that yields garbage breaks none of the runtime’s own walks'],
  'replaced-slice.js': [REPLACED_SLICE, 'a slice and a concat the program put in place of the built-ins run at copy sites, as written'],
  'prepare-stack-trace.js': [PREPARE_STACK_TRACE, 'a program’s Error.prepareStackTrace is handed the program’s frames only, for errors copy sites raise'],
};

describeSameAsPlain('the built-ins the runtime uses, replaced by the program, in real processes', PROGRAMS);
