/**
 * Programs that clone (structuredClone, the global's, postMessage over a MessagePort) values from
 * which the clone reaches views through accessors: an object's own getter, a getter on a nested
 * object, an own getter of a class instance (its prototype's is never run by a clone), a Map's key
 * or value, a Set's member, an array's accessor element, a getter that returns a plain value
 * holding views; and views held directly beside them. Getters log as they run, and what the
 * clone refuses (a function, a symbol, a Proxy of the program's, a WeakMap) may stand anywhere
 * among them: each run must log the same getters, in the same order, and the same copy or error.
 */
import fc from 'fast-check';

const pick = <T>(...items: T[]): fc.Arbitrary<T> => fc.constantFrom(...items);

/** Copies cow mode makes views of, from the program's sources and of a view made before (`made`). */
const VIEWS = ['[...list]', 'list.slice()', '{ ...obj }', 'structuredClone(obj)', 'new Map(map)', 'new Set(set)', 'Object.assign({}, obj)', 'made', '[...made]', 'structuredClone({ list, obj })'];

/** What the clone refuses, as V8 words it. */
const REFUSED = ['function named() {}', 'Symbol("s")', 'new Proxy({}, {})', 'new WeakMap()', '[() => 1]'];

/** A value reaching `inner` (an expression) as the clone reaches it; `tag` names the getter in the log. */
const REACHES: readonly ((inner: string, tag: string) => string)[] = [
  (inner) => inner,
  (inner, tag) => `{ a: 1, get ${tag}() { log("${tag}"); return ${inner}; }, z: 2 }`,
  (inner, tag) => `{ n: { m: [0, { get ${tag}() { log("${tag}"); return ${inner}; } }] } }`,
  (inner, tag) => `new Holder("${tag}", () => ${inner})`,
  (inner) => `new Map([["k", ${inner}], ["other", 1]])`,
  (inner) => `new Map([[${inner}, "value"]])`,
  (inner) => `new Set([1, ${inner}])`,
  (inner, tag) => `element("${tag}", () => ${inner})`,
  (inner, tag) => `{ get ${tag}() { log("${tag}"); return { held: ${inner}, list: [${inner}] }; } }`,
];

const CLONES = ['structuredClone(value)', 'globalThis.structuredClone(value)', 'post(value)', 'structuredClone(value, { transfer: [] })'];

/** What is logged of a clone: identity-free, Maps and Sets spelt out, long arrays cut short. */
const SHOW = 'JSON.stringify(c, (k, x) => (x instanceof Map || x instanceof Set ? [x.constructor.name, ...x] : typeof x === "bigint" ? String(x) : Array.isArray(x) && x.length > 4 ? ["length", x.length, x[0], x[x.length - 1]] : x))';

const PRELUDE = [
  "const { MessageChannel, receiveMessageOnPort } = require('worker_threads');",
  'const list = Array.from({ length: 8 }, (_, i) => ({ i }));',
  'const obj = Object.fromEntries(Array.from({ length: 8 }, (_, i) => ["k" + i, [i]]));',
  'const map = new Map(Array.from({ length: 8 }, (_, i) => ["m" + i, { i }]));',
  'const set = new Set(Array.from({ length: 8 }, (_, i) => i));',
  'class Holder { constructor(tag, make) { this.own = tag; Object.defineProperty(this, tag, { enumerable: true, get() { log(tag); return make(); } }); } get inherited() { log("prototype getter"); return 1; } }',
  'function element(tag, make) { const a = [1, 2, 3]; Object.defineProperty(a, 1, { enumerable: true, get() { log(tag); return make(); } }); return a; }',
  'const { port1, port2 } = new MessageChannel();',
  'const post = (v) => { port1.postMessage(v); return receiveMessageOnPort(port2).message; };',
];

/** A value reaching a view through up to three accessors, nested. */
function reaching(depth: number, tags: { next: number }): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(REACHES.length - 1), depth > 0 ? fc.boolean() : fc.constant(false), pick(...VIEWS)).chain(([reach, deeper, view]) => {
    const tag = `g${String(tags.next++)}`;
    return (deeper ? reaching(depth - 1, tags) : fc.constant(view)).map((inner) => REACHES[reach]!(inner, tag));
  });
}

export function cloneProgram(): fc.Arbitrary<string> {
  return fc.nat().chain(() => {
    const tags = { next: 0 };
    return fc
      .record({
        parts: fc.array(reaching(2, tags), { minLength: 1, maxLength: 3 }),
        refused: fc.option(fc.tuple(pick(...REFUSED), fc.nat(3), fc.boolean()), { nil: undefined }),
        clone: pick(...CLONES),
        madeFirst: fc.boolean(),
        write: fc.boolean(),
      })
      .map((p) => {
        const parts = [...p.parts];
        if (p.refused) {
          const [refused, at, behindGetter] = p.refused;
          parts.splice(Math.min(at, parts.length), 0, behindGetter ? `{ get refused() { log("refused"); return ${refused}; } }` : refused);
        }
        return [
          ...PRELUDE,
          // A view made before the clone, or none until the clone's getters make one.
          p.madeFirst ? 'const made = [...list];' : 'let made; made = list;',
          `const value = { ${parts.map((part, i) => `p${String(i)}: ${part}`).join(', ')} };`,
          `try { const c = ${p.clone}; log(${SHOW}); } catch (e) { log(e.name + ": " + e.message); }`,
          ...(p.write ? ['list[0].i = "written"; obj.k0.push("written"); map.set("m0", "written");', `try { const c = ${p.clone}; log(${SHOW}); } catch (e) { log(e.name + ": " + e.message); }`] : []),
          'port1.close();',
        ].join('\n');
      });
  });
}
