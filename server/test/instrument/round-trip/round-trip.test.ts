/**
 * The round-trip oracle: unit tests that show it restores what the instrumenter writes and fails
 * where it must, then the oracle itself over every file of the project's node_modules.
 */
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../../src/instrument/instrument-source.js';
import { marksFor } from '../../../src/runtime/edit-marks.js';
import { type Mismatch, parseAs, roundTrip } from './check-file.js';
import { formatSummary, NODE_MODULES, runOracle } from './oracle.js';
import { RUNTIME_FORMS } from './runtime-forms.js';
import { firstDifference } from './same-tree.js';
import { uninstrument } from './uninstrument.js';

const JS = '/virtual/round-trip.js';
const TS = '/virtual/round-trip.ts';
/** Module bindings as the instrumenter appends them; their content is not read. */
const BINDINGS = '\nvar __cl$r,__cl$s,__cl$l;function __cl$i(){return __cl$r;}';

/** The round trip of an instrumented text written by hand. */
function check(original: string, instrumented: string, file = JS): Mismatch | undefined {
  return roundTrip(file, parseAs(file, original), { code: instrumented });
}

function restore(instrumented: string, file = JS): string {
  return uninstrument(parseAs(file, instrumented)).text.toString();
}

/** Code the instrumenter rewrites with each runtime method, at least once. */
const EXAMPLES: Readonly<Record<string, { readonly code: string; readonly file?: string }>> = {
  touch: { code: 'function f(o) { o.k.n = 1; o.list.push(2); }' },
  wrote: { code: 'const o = {}; o.k = g();' },
  hold: { code: 'function f(o, i) { o.p.k = g(); o.list[i++] += 1; delete o.p[k()]; }' },
  release: { code: 'getO().k = g();' },
  settle: { code: 'a[i++].k ??= g();' },
  carry: { code: 'async function f(i) { a[i++].k = await g(); }' },
  wroteCall: { code: 'const m = new Map(); function f(k, v) { m.delete(k); m.set(k, v); m.set("k", v); }' },
  touchCall: { code: 'function f(o, k) { o.m.delete(k); o.m.set(k, 1); o.m.clear(); }' },
  touchDelete: { code: 'function f(o, k) { delete o.a; delete o.b["c"]; delete o[k]; delete o?.[0]; }' },
  lend: { code: 'import lib from "pkg"; lib.f(make());' },
  lent: { code: 'import lib from "pkg"; const o = {}; lib.f(o); const v = lib.g(o); lib.h()\n;[1].map(String); lib.h();' },
  returned: { code: 'import lib from "pkg"; const o = {}; const v = lib.g(o); if (v) lib.f(o), lib.h(o); const w = await lib.s(make()); const k = lib.f?.(o).k;' },
  callReturned: { code: 'import lib from "pkg"; const o = {}; lib.f(o); lib.g(make())\nconst ok = lib.isX(o); let p = lib.save(make());' },
  proxied: { code: 'const p = new Proxy(target, handler); const { proxy } = Proxy.revocable(list.items, {});' },
  writer: { code: 'const push = [].push; push.call(s, 1); Reflect.apply(Object.assign, null, [t, u]); o[m].apply(o, a);' },
  viaCallee: { code: 'const sc = structuredClone; const c = sc(z);' },
  called: { code: 'const a = Array.from(x)(y); const b = structuredClone(x)?.(y);' },
  calledOn: { code: 'const c = [...x].map(f); o.k.push(1); const d = x.slice()["m"]?.();' },
  iterated: { code: 'const e = [0, ...structuredClone(x)]; for (const v of structuredClone(x)) f(v);' },
  writtenAtOnce: { code: 'const d = { ...e, f: 1 }; const g = [...h, 1];' },
  writtenAtOnceWithAccessors: { code: 'const d = { ...e, get f() { return 1; } };' },
  objectSpread: { code: 'const a = { ...b };' },
  arraySpread: { code: 'const c = [...d];' },
  slice: { code: 'const z = y.slice(1); const w = (a || b).slice();' },
  concat: { code: 'const cc = aa.concat(bb, ...rest);' },
  postMessage: { code: 'port.postMessage(msg, [buffer]);' },
  arrayFrom: { code: 'const t = Array.from(it); const u = Array.from<number>(set);', file: TS },
  assign: { code: 'const t = Object.assign({}, u);' },
  structuredClone: { code: 'const s = structuredClone(v); const g = globalThis.structuredClone(w);' },
  jsonRoundTrip: { code: 'const j = JSON.parse(JSON.stringify(w));' },
  newMap: { code: 'const m = new Map<string, number>(entries);', file: TS },
  newSet: { code: 'const s = new Set(items);' },
  typedArrayCopy: { code: 'const u8 = new Uint8Array(bytes);' },
  bufferCopy: { code: 'const b = Buffer.from(buf);' },
  lodashClone: { code: 'import _ from "lodash"; const c = _.clone(x);' },
  lodashCloneDeep: { code: 'import cloneDeep from "lodash/cloneDeep"; const c = cloneDeep(x);' },
  objectRest: { code: 'const { a, b: c, "d": e, ...rest } = init;' },
  withObject: { code: 'with (o) { x.k = [...y]; }\nwith (p) q.r = 1\nwith (s) with (t) u.v++;' },
};

describe('the round trip of what the instrumenter writes', () => {
  it.each(Object.keys(RUNTIME_FORMS))('restores %s', (method) => {
    const example = EXAMPLES[method];
    expect(example, `an example for ${method}`).toBeDefined();
    const file = example!.file ?? JS;
    const { code } = instrumentSource(file, example!.code);
    expect(code).toContain(`__cl$i().${method}`);
    expect(check(example!.code, code, file)).toBeUndefined();
  });

  it('restores an object rest, nested copies and TypeScript', () => {
    const code = `interface P { a: number; b: string[] }
export function f(p: P, xs: number[][]) {
  const { a, ...rest } = p;
  const all = [...xs.slice(1).concat([[a]]), { ...rest }];
  rest.b.push(...all.map(String));
  return Object.assign({}, { all }, JSON.parse(JSON.stringify(rest)));
}`;
    const instrumented = instrumentSource(TS, code).code;
    expect(instrumented).toContain('objectRest');
    expect(check(code, instrumented, TS)).toBeUndefined();
  });

  it('restores writes whose object is carried across their value\'s await or yield in a variable of the function', () => {
    for (const [file, code] of [
      [JS, 'async function f(i) {\n  "use strict"\n  getO().k = await g();\n  delete a[i++][await k()];\n}\nfunction* h() { (c ? a : b).k ??= yield 1; }'],
      [JS, 'let o = {}\nasync function f() {\n  const b = o.b\n  o.a = await o.a\n  if (b) o.c = await o.a\n}\no = {}'],
      [TS, 'export async function f(xs: { k?: number }[], i: number) { xs[i++].k = await Promise.resolve(1); }'],
    ] as const) {
      const instrumented = instrumentSource(file, code).code;
      expect(instrumented).toMatch(/let __cl\$w0\b/);
      expect(check(code, instrumented, file)).toBeUndefined();
    }
  });

  it('restores optional chains cut before a write in them', () => {
    const code = 'function f(a, k, s) {\n  a?.b.push(1)\n  delete a?.b.c\n  f()?.[k].push(...s)\n  a?.b.push(1).c?.d.push(2)\n  a?.b?.push([...a.b])\n  return a?.b.sort().length\n}\nasync function g(a) { a?.b.c.push(await 1); }';
    const instrumented = instrumentSource(JS, code).code;
    expect(instrumented.match(/__cl\$i\(\)\.chainHead\(\)/g)).toHaveLength(8);
    expect(check(code, instrumented)).toBeUndefined();
  });

  it('restores TypeScript writes through references a type-checker narrows, which keep their syntax', () => {
    const code = `export function f(t: { o: { seen?: Set<string>; n?: number } }, k: string) {
  t.o.seen = t.o.seen ?? new Set();
  t.o.seen.add(k);
  t.o.n = 1;
  t.o.n += 2;
  t.o.n++;
  delete t.o.n;
  return t.o.seen.size;
}`;
    const instrumented = instrumentSource(TS, code).code;
    expect(instrumented).toMatch(/__cl\$i\(\)\.touchDelete\(t\.o, __cl\$l\[\d+\], "n"\), delete t\.o\.n;/);
    expect(check(code, instrumented, TS)).toBeUndefined();
  });

  it('restores statements without semicolons that their line ends, closed by a write, as statements of their own', () => {
    for (const [file, code] of [
      [JS, 'const o = {}, p = { q: 1 }\nlet a = [1], b = [2]\no.k = p.q++\n[a, b] = [b, a]\no.m = p.q--\n(function () {})()\nfunction* g(t) {\n  t.got = yield\n  `tpl`\n}'],
      [TS, 'const o: { k?: number[]; s?: number[] } = {}\nlet a = [1], b = [2]\no.k = a.slice() as number[]\n[a, b] = [b, a]\no.s = [...b] satisfies number[]\n(function () {})()\nclass C {\n  n = o.k = b.concat(a) as number[]\n  [\'m\'] = 1\n}'],
    ] as const) {
      const instrumented = instrumentSource(file, code).code;
      // Each statement the line ends (after `++`, `--`, a bare `yield`, a type) ends with a `;`; the rest as written.
      const program = instrumented.slice(0, instrumented.indexOf('\nvar __cl$r'));
      expect(program.match(/;(\/\*cl\$>\w+\*\/)?\n/g)?.length, program).toBe(3);
      expect(check(code, instrumented, file)).toBeUndefined();
    }
  });

  it('restores runtime calls written by hand, and drops the module bindings', () => {
    expect(restore(`const a = __cl$i().slice(__cl$s[0], x, 1), b = __cl$i().objectSpread(__cl$s[1], __cl$i().touch(y, __cl$l[0]));${BINDINGS}`)).toBe(
      'const a = x.slice(1), b = {...y};',
    );
    expect(restore(`__cl$i().lent(__cl$l[0], o); f(o);${BINDINGS}`)).toBe(' f(o);');
    expect(restore(`const __cl$t0 = __cl$i().restSource(__cl$s[0], o), { a } = __cl$t0, r = __cl$i().objectRest(__cl$s[0], __cl$t0, ["a"]);${BINDINGS}`)).toBe(
      'const { a, ...r } = o;',
    );
  });
});

describe('the oracle fails', () => {
  const original = 'const a = b.slice(1);\nc.d = 2;\n';

  it('on a wrong argument', () => {
    const mismatch = check(original, `const a = __cl$i().slice(__cl$s[0], b, 2);\nc.d = 2;\n${BINDINGS}`);
    expect(mismatch).toMatchObject({ kind: 'tree differs', line: 1, column: 19 });
    expect(mismatch?.message).toContain('"1" ≠ "2"');
  });

  it('on a rewrite of the wrong kind', () => {
    expect(check(original, `const a = __cl$i().concat(__cl$s[0], b, 1);\nc.d = 2;\n${BINDINGS}`)).toMatchObject({ kind: 'tree differs', line: 1 });
  });

  it('on code the instrumenter dropped', () => {
    expect(check(original, `const a = __cl$i().slice(__cl$s[0], b, 1);\n\n${BINDINGS}`)).toMatchObject({ kind: 'tree differs' });
  });

  it('on an unknown runtime method', () => {
    const mismatch = check(original, `const a = __cl$i().sliceDeep(__cl$s[0], b, 1);\nc.d = 2;\n${BINDINGS}`);
    expect(mismatch).toMatchObject({ kind: 'unknown runtime form', line: 1, column: 11 });
    expect(mismatch?.message).toContain('sliceDeep');
  });

  it('on a known method with arguments of the wrong kinds', () => {
    expect(check(original, `const a = b.slice(1);\n__cl$i().touch(c, __cl$s[0]).d = 2;\n${BINDINGS}`)).toMatchObject({ kind: 'unknown runtime form', line: 2 });
    expect(check(original, `const a = __cl$i().slice(__cl$s[0], ...b, 1);\nc.d = 2;\n${BINDINGS}`)).toMatchObject({ kind: 'unknown runtime form' });
  });

  it('on an addition where an expression is replaced, and a replacement used as an addition', () => {
    expect(check(original, `const a = __cl$i().lent(__cl$l[0], b);\nc.d = 2;\n${BINDINGS}`)).toMatchObject({ kind: 'unknown runtime form' });
    expect(check(original, `const a = b.slice(1);\n__cl$i().lend(c, __cl$l[0]), c.d = 2;\n${BINDINGS}`)).toMatchObject({ kind: 'tree differs', line: 2 });
  });

  it('on runtime calls without the module bindings', () => {
    expect(check(original, `const a = __cl$i().slice(__cl$s[0], b, 1);\nc.d = 2;\n`)).toMatchObject({ kind: 'unknown runtime form' });
  });

  it('on an object rest whose keys are not the pattern’s', () => {
    const rest = 'const { a, ...r } = o;';
    const instrumented = `const __cl$t0 = __cl$i().restSource(__cl$s[0], o), { a } = __cl$t0, r = __cl$i().objectRest(__cl$s[0], __cl$t0, ["b"]);${BINDINGS}`;
    expect(check(rest, instrumented)).toMatchObject({ kind: 'unknown runtime form' });
  });

  it('on output that does not parse', () => {
    expect(check(original, `const a = __cl$i().slice(__cl$s[0], b, 1;\nc.d = 2;\n${BINDINGS}`)).toMatchObject({ kind: 'output does not parse', line: 1 });
  });

  it('on an insert that runs into the keyword before it', () => {
    const mismatch = check('function f(a) { return(a.b = 1); }', `function f(a) { return__cl$i().touch((a.b = 1), __cl$l[0]); }${BINDINGS}`);
    expect(mismatch).toMatchObject({ kind: 'token glued to an insert', line: 1, column: 17 });
  });

  it("on a function whose source does not read back as written: a mark that stands for other text, or none", () => {
    const fn = 'const f = (xs) => [...xs];\n';
    const marked = (original: string): string => {
      const [spread, close] = [marksFor(original), marksFor(']')];
      return `const f = (xs) => ${spread.opening}__cl$i().arraySpread(__cl$s[0], ${spread.closing}xs${close.opening})${close.closing};\n${BINDINGS}`;
    };
    expect(check(fn, marked('[...'))).toBeUndefined();
    expect(check(fn, marked('[ ...'))).toMatchObject({ kind: 'function source differs', line: 1, column: 11 });
    expect(check(fn, `const f = (xs) => __cl$i().arraySpread(__cl$s[0], xs);\n${BINDINGS}`)).toMatchObject({ kind: 'function source differs' });
  });

  it('on a line that moved', () => {
    const mismatch = check('const a = b\n  .slice(1);\nc.d = 2;\n', `const a = __cl$i().slice(__cl$s[0], b, 1);\nc.d = 2;\n${BINDINGS}`);
    expect(mismatch).toMatchObject({ kind: 'line moved', line: 2, column: 10 });
  });
});

describe('same tree', () => {
  const differ = (a: string, b: string, file = JS): string | undefined => firstDifference(parseAs(file, a), parseAs(file, b))?.what;

  it('ignores positions, trivia, comments and parentheses', () => {
    expect(differ('const a = (b + c) * d; // note', 'const   a=(((b+c)))*(d)')).toBeUndefined();
    expect(differ('f(globalThis.structuredClone(x))', 'f(structuredClone(x))')).toBeUndefined();
  });

  it('sees names, literals as written, operators and declaration kinds', () => {
    expect(differ('a + b', 'a + c')).toContain('text');
    expect(differ('f("x")', "f('x')")).toContain('text');
    expect(differ('a + b', 'a - b')).toContain('kind');
    expect(differ('a++', 'a--')).toContain('operator');
    expect(differ('let a = 1', 'const a = 1')).toContain('flags');
    expect(differ('a?.b.c', '(a?.b).c')).toContain('flags');
    expect(differ('f(a, b)', 'f(a)')).toContain('elements');
    expect(differ('const m = new Map<string, number>(e)', 'const m = new Map(e)', TS)).toContain('child slots');
  });

  it('reports the path and the original place of the first difference', () => {
    const a = parseAs(JS, 'if (x) {\n  f(1, 2);\n}');
    const d = firstDifference(a, parseAs(JS, 'if (x) { f(1, 3); }'));
    expect(d?.path).toBe('SourceFile > IfStatement[0] > Block > ExpressionStatement[0] > CallExpression > NumericLiteral[1]');
    expect(a.getLineAndCharacterOfPosition(d!.original.getStart(a))).toEqual({ line: 1, character: 7 });
  });
});

describe('the round-trip oracle', () => {
  // All of node_modules, no sample: minutes on two cores.
  it('finds no mismatch and no exception in any file of node_modules', { timeout: 15 * 60_000 }, async () => {
    const summary = await runOracle({ roots: [NODE_MODULES] });
    console.log(formatSummary(summary));
    expect(summary.checked).toBeGreaterThan(1000);
    expect(summary.mismatches.map((m) => `${m.kind}: ${m.file}:${String(m.line)}:${String(m.column)} ${m.message}`)).toEqual([]);
    expect(summary.errors).toEqual([]);
  });
});
