/**
 * Issue 11: code in a with statement's body asks the with object for every name it looks up, and
 * a sandbox Proxy (a template engine's, a REPL's) sees each one. Under cowlens it sees exactly the
 * names plain node's does, for copy sites, writes and guards, in nested functions, nested withs,
 * a body of one statement and direct eval; the runtime leaves nothing on a built-in's prototype.
 */
import { describeSameAsPlain } from './same-as-plain.js';

/** The program: a `has` trap that answers true for everything. */
const SANDBOX = `
const seen = [];
const scope = { xs: [1, 2, 3], console };
const sandbox = new Proxy(scope, {
  has(target, key) { seen.push(String(key)); return true; },
  get(target, key) { return key === Symbol.unscopables ? undefined : target[key]; },
});
with (sandbox) {
  const ys = [...xs];
  ys.push(4);
  console.log(ys, xs);
}
console.log(seen.join(','));
`;

const FORMS = `
const seen = [];
const trap = (answer) => (scope) => new Proxy(scope, {
  has(target, key) { seen.push(String(key)); return answer(target, key); },
  get(target, key) { return key === Symbol.unscopables ? undefined : target[key]; },
  set(target, key, value) { target[key] = value; return true; },
});
const some = trap((target, key) => key in target);
const all = trap(() => true);
const o = { a: { list: [1] }, k: 0, n: 1 };
const xs = [3, 1, 2];
const log = [];
function f() { return 'k'; }
with (some({ o, xs, log })) {
  const ys = [...xs].sort();
  o.k = ys.length;
  o.k += 1;
  o.n++;
  o.a.list.push(ys[0]);
  o[f()] = { ...o.a };
  [o.x, o.y] = [1, 2];
  ({ q: o.z } = { q: 3 });
  delete o.z;
  const fn = function () { return xs.slice(1); };
  const arrow = () => { o.w = [...xs]; return o.w; };
  log.push(fn(), arrow());
  const { a, ...rest } = o;
  var { k, ...others } = o;
  log.push(Object.keys(rest), Object.keys(others), a === o.a, k);
  try { [...xs].nope(); } catch (e) { log.push(e.message); }
  try { o.a.list.slice().missing(); } catch (e) { log.push(e.message); }
}
with (all({ o, xs })) o.single = [...xs];
with (all({ o, xs, all })) with (all({ inner: 1, o })) { o.nested = [...o.a.list]; }
with (some({ o, xs })) eval('o.evaled = [...xs]');
with (all({ o, xs })) { function declared() { o.fromDeclared = xs.concat([9]); } declared(); }
async function later() {
  with (some({ o, xs })) {
    o.awaited = await Promise.resolve([...xs]);
    const g = function* () { o.yielded = yield xs.slice(); };
    const it = g(); it.next(); it.next(5);
  }
}
later().then(() => {
  console.log(JSON.stringify(o), JSON.stringify(log));
  console.log(seen.join(','));
});
`;

/** The own keys of the prototypes a literal reaches and BigInt's constructor, in and after with bodies; a with object that ToObject refuses. */
const PROTOTYPES = `
const own = (o) => Reflect.ownKeys(o).map(String).join(',');
const prototypes = () => [0n, 0, '', true, Symbol(), () => {}, async () => {}, [], {}, /x/].map((v) => own(Object.getPrototypeOf(v))).join(' ');
const xs = [1, 2];
const out = [prototypes()];
with ({ xs, out, prototypes, BigInt }) {
  out.push(prototypes() === out[0], 0n.constructor === BigInt);
  out.push([...xs]);
}
try { with (null) { out.push([...xs]); } } catch (e) { out.push(e.constructor.name, e.message); }
try { with (undefined) out.push([...xs]); } catch (e) { out.push(e.constructor.name, e.message); }
with ('str') out.push([...xs].concat(length));
out.push(prototypes() === out[0], 0n.constructor === BigInt, Object.getOwnPropertyDescriptor(BigInt.prototype, 'constructor'));
console.log(JSON.stringify(out.slice(1)));
`;

/** BigInt's prototype frozen, as under `node --frozen-intrinsics`: the head asks the runtime from the global scope. */
const FROZEN = `
Object.freeze(Object.getPrototypeOf(0n));
const seen = [];
const xs = [1, 2];
const sandbox = new Proxy({ xs, console }, {
  has(target, key) { seen.push(String(key)); return true; },
  get(target, key) { return key === Symbol.unscopables ? undefined : target[key]; },
});
with (sandbox) { const ys = [...xs]; ys.push(3); console.log(ys, xs); }
console.log(seen.join(','), 0n.constructor === BigInt);
`;

describeSameAsPlain('code in a with statement asks the with object for the names plain node does', {
  'sandbox.js': [SANDBOX, 'a has trap that answers true for every name sees the program’s names only'],
  'forms.js': [FORMS, 'copy sites, writes held and released, guards, rests, nested functions and withs, one-statement bodies, direct eval, await and yield'],
  'frozen.js': [FROZEN, 'with BigInt’s prototype frozen, as with frozen intrinsics'],
  'prototypes.js': [PROTOTYPES, 'no property left on a prototype a literal reaches; `with (null)` throws before its body'],
});
