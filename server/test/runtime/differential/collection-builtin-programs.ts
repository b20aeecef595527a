/**
 * Programs that take Map's and Set's built-ins from elsewhere and that replace them. A built-in
 * that only reads, called on a copy through `call`, `apply`, `bind` or `Reflect.apply` (taken from
 * the prototype, from another collection, or as a name), must read the copy as it reads a plain
 * one, and refuse a receiver without the slots it needs with its own message. A program that
 * replaces the collections' methods, counting its calls and calling the built-in it saved (through
 * `call`, `apply` or `Reflect.apply`), must count as many calls as without cowlens: the runtime's
 * own records never run it, and a copy runs it where a plain copy would. Each program logs only
 * strings and numbers, and puts the built-ins back before its last line.
 */
import fc from 'fast-check';

const pick = <T>(...items: T[]): fc.Arbitrary<T> => fc.constantFrom(...items);

type Kind = 'map' | 'set';

const SOURCES: Record<Kind, string> = {
  map: 'new Map(Array.from({ length: N }, (_, i) => ["k" + i, { i }]))',
  set: 'new Set(Array.from({ length: N }, (_, i) => "k" + i))',
};

const COPIES: Record<Kind, readonly string[]> = {
  map: ['new Map(src)', 'structuredClone(src)', 'structuredClone({ m: src }).m'],
  set: ['new Set(src)', 'structuredClone(src)', 'structuredClone([src])[0]'],
};

const PROTO: Record<Kind, string> = { map: 'Map.prototype', set: 'Set.prototype' };

/** Where a reading built-in is taken from; NAME is its name. */
const TAKEN = ['P.NAME', 'new C().NAME', 'NAME', 'P["NAME"]'];

/** The reading built-ins, with the arguments a call passes and what is logged of the result R. */
const READERS: Record<Kind, readonly { name: string; args: string; shown: string }[]> = {
  map: [
    { name: 'get', args: '"kA"', shown: 'JSON.stringify(R)' },
    { name: 'has', args: '"kA"', shown: 'R' },
    { name: 'forEach', args: '(v, k, m) => { out.push(k + ":" + JSON.stringify(v) + (m === c)); }', shown: 'out.splice(0).join(" ")' },
    { name: 'entries', args: '', shown: 'JSON.stringify([...R]) + util.types.isMapIterator(R)' },
    { name: 'keys', args: '', shown: 'JSON.stringify([...R])' },
    { name: 'values', args: '', shown: 'JSON.stringify(R.next())' },
  ],
  set: [
    { name: 'has', args: '"kA"', shown: 'R' },
    { name: 'forEach', args: '(v, k, s) => { out.push(k + ":" + v + (s === c)); }', shown: 'out.splice(0).join(" ")' },
    { name: 'entries', args: '', shown: 'JSON.stringify([...R]) + util.types.isSetIterator(R)' },
    { name: 'keys', args: '', shown: 'JSON.stringify([...R])' },
    { name: 'values', args: '', shown: 'JSON.stringify(R.next())' },
  ],
};

/** How the built-in F is called on the receiver T with the arguments ARGS. */
const CALLS = ['F.call(T, ARGS)', 'F.apply(T, [ARGS])', 'Reflect.apply(F, T, [ARGS])', 'F.bind(T)(ARGS)', 'F.call.call(F, T, ARGS)'];

/** Calls that are not of a listed reader, each logging what it returns. */
const OTHERS: Record<Kind, readonly string[]> = {
  map: [
    'Object.getOwnPropertyDescriptor(Map.prototype, "size").get.call(T)',
    'Reflect.apply(Object.getOwnPropertyDescriptor(Map.prototype, "size").get, T, [])',
    'JSON.stringify(Map.prototype[Symbol.iterator].call(T).next())',
    'JSON.stringify(Reflect.apply(Map.prototype[Symbol.iterator], T, []).next())',
    'T.size',
    'JSON.stringify(T.get("kA"))',
  ],
  set: [
    'Object.getOwnPropertyDescriptor(Set.prototype, "size").get.call(T)',
    'JSON.stringify(Set.prototype[Symbol.iterator].call(T).next())',
    'T.size',
    'T.has("kA")',
  ],
};

/** Writes between the reads, of the copy or of its source (W). */
const WRITES: Record<Kind, readonly string[]> = {
  map: ['W.set("kA", "w")', 'W.set("new", 1)', 'W.delete("kA")', 'W.clear()', 'Map.prototype.set.call(W, "kA", 2)', 'Reflect.apply(Map.prototype.delete, W, ["kA"])'],
  set: ['W.add("new")', 'W.delete("kA")', 'W.clear()', 'Set.prototype.add.call(W, "x")', 'Reflect.apply(Set.prototype.delete, W, ["kA"])'],
};

/** Receivers a built-in refuses, each with its own message. */
const STRANGERS = ['{}', 'null', 'new Proxy(new Map(), {})', 'new WeakMap()', '[]', 'OTHER'];

/** What a replacement of the method `m`, saved in `saved[m]`, runs once it has counted its call. */
const FORWARDS = ['saved.M.call(this, ...a)', 'saved.M.apply(this, a)', 'Reflect.apply(saved.M, this, a)', 'Function.prototype.call.call(saved.M, this, ...a)'];

const REPLACEABLE: Record<Kind, readonly string[]> = {
  map: ['get', 'has', 'set', 'delete', 'forEach', 'entries', 'keys', 'values'],
  set: ['has', 'add', 'delete', 'forEach', 'entries', 'values'],
};

export function collectionBuiltinProgram(): fc.Arbitrary<string> {
  return pick<Kind>('map', 'set').chain((kind) => {
    const op = fc.oneof(
      fc.record({
        reader: pick(...READERS[kind]),
        taken: pick(...TAKEN),
        call: pick(...CALLS),
        stranger: fc.option(pick(...STRANGERS), { freq: 4, nil: undefined }),
      }).map(({ reader, taken, call, stranger }) => {
        const fn = taken.replaceAll('NAME', reader.name);
        const invocation = call.replaceAll('F', `(${fn})`).replace('T', stranger ?? 'c').replace(', ARGS', reader.args === '' ? '' : `, ${reader.args}`).replace('[ARGS]', `[${reader.args}]`).replace('(ARGS)', `(${reader.args})`);
        return `t(() => { const R = ${invocation}; return ${reader.shown}; });`;
      }),
      pick(...OTHERS[kind]).map((expr) => `t(() => ${expr.replaceAll('T', 'c')});`),
      fc.record({ write: pick(...WRITES[kind]), target: pick('c', 'c', 'src') }).map(({ write, target }) => `t(() => { ${write.replaceAll('W', target)}; return "written"; });`),
    );
    return fc
      .record({
        n: fc.integer({ min: 0, max: 6 }),
        a: fc.integer({ min: 0, max: 7 }),
        copy: pick(...COPIES[kind]),
        replaced: fc.subarray([...REPLACEABLE[kind]], { maxLength: 3 }),
        size: fc.boolean(),
        forward: pick(...FORWARDS),
        ops: fc.array(op, { minLength: 1, maxLength: 6 }),
      })
      .map((p) => {
        const lines = [
          'const util = require("util");',
          `const P = ${PROTO[kind]}; const C = ${kind === 'map' ? 'Map' : 'Set'};`,
          `const { ${READERS[kind].map((r) => r.name).join(', ')} } = P;`,
          `const OTHER = ${kind === 'map' ? 'new Set([1])' : 'new Map([[1, 1]])'};`,
          'const out = [];',
          'let calls = 0;',
          'const saved = {};',
          'const sizeDescriptor = Object.getOwnPropertyDescriptor(P, "size");',
          // Stack traces formatted as by plain Node: the test runner's hook reads Maps through their prototypes.
          'const formatStack = Error.prepareStackTrace; Error.prepareStackTrace = undefined;',
          'function t(f) { try { log(String(f())); } catch (e) { log(e.constructor.name + ": " + e.message); } }',
          ...p.replaced.map((m) => `saved.${m} = P.${m}; P.${m} = function ${m}(...a) { calls++; return ${p.forward.replaceAll('M', m)}; };`),
          p.size ? 'Object.defineProperty(P, "size", { configurable: true, get() { calls++; return sizeDescriptor.get.call(this); } });' : '',
          'try {',
          `  const N = ${String(p.n)};`,
          `  const src = ${SOURCES[kind]};`,
          `  const c = ${p.copy};`,
          ...p.ops.map((o) => `  ${o.replaceAll('kA', `k${String(p.a)}`)}`),
          `  log(JSON.stringify([...c].map((x) => JSON.stringify(x))), JSON.stringify([...src].map((x) => JSON.stringify(x))));`,
          '} finally {',
          ...p.replaced.map((m) => `  P.${m} = saved.${m};`),
          '  Object.defineProperty(P, "size", sizeDescriptor);',
          '  Error.prepareStackTrace = formatStack;',
          '}',
          'log("calls", String(calls));',
        ];
        return lines.filter((line) => line !== '').join('\n');
      });
  });
}
