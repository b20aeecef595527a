import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createCopyMatcher, type CopyMatch } from '../../src/analysis/copy-match.js';
import { COPY_KINDS, isDeepKind } from '../../src/runtime/copy-kinds.js';
import { onlySite, sitesOf, siteTags } from './sites.js';

describe('every copy kind, at its exact place', () => {
  it('finds each kind once with its 1-based line and column', () => {
    const text = [
      /* 1 */ "import _ from 'lodash';",
      /* 2 */ 'const a = { ...o };',
      /* 3 */ 'const { x, ...rest } = o;',
      /* 4 */ 'const b = [...list];',
      /* 5 */ 'const c = list.slice(1);',
      /* 6 */ 'const d = list.concat();',
      /* 7 */ 'const e = Array.from(set);',
      /* 8 */ 'const f = Object.assign({}, o);',
      /* 9 */ 'const g = Object.assign(Object.create(proto), o);',
      /* 10 */ 'const h = structuredClone(v);',
      /* 11 */ 'const i = JSON.parse(JSON.stringify(v));',
      /* 12 */ 'const j = new Map(m);',
      /* 13 */ 'const k = new Set(s);',
      /* 14 */ 'const l = new Uint8Array(bytes);',
      /* 15 */ 'const n = Buffer.from(buf);',
      /* 16 */ 'const p = _.clone(v);',
      /* 17 */ 'const q = _.cloneDeep(v);',
      /* 18 */ 'port.postMessage(msg);',
    ].join('\n');
    expect(siteTags(text)).toEqual([
      'object-spread@2:11',
      'object-rest@3:12',
      'array-spread@4:11',
      'array-slice@5:11',
      'array-concat@6:11',
      'array-from@7:11',
      'object-assign@8:11',
      'object-assign-proto@9:11',
      'structured-clone@10:11',
      'json-roundtrip@11:11',
      'map-copy@12:11',
      'set-copy@13:11',
      'typed-array-copy@14:11',
      'buffer-copy@15:11',
      'lodash-clone@16:11',
      'lodash-clone-deep@17:11',
      'post-message@18:1',
    ]);
    expect(new Set(sitesOf(text).map((s) => s.kind))).toEqual(new Set(COPY_KINDS));
  });

  it('reports the deep flag exactly where isDeepKind says so', () => {
    const sites = sitesOf(
      "import _ from 'lodash';\n[...a]; a.slice(); structuredClone(a); JSON.parse(JSON.stringify(a)); _.cloneDeep(a); _.clone(a); w.postMessage(a); new Set(a);",
    );
    expect(sites).toHaveLength(8);
    for (const site of sites) expect(site.deep, site.kind).toBe(isDeepKind(site.kind));
    expect(sites.filter((s) => s.deep).map((s) => s.kind)).toEqual(['structured-clone', 'json-roundtrip', 'lodash-clone-deep', 'post-message']);
  });

  it('starts a site after leading comments and whitespace and ends it after the last character', () => {
    const site = onlySite('const a =   /* note */\n    // more\n    { ...o,\n      k: 1 };');
    expect(site).toMatchObject({ line: 3, column: 5, endLine: 4, endColumn: 13, kind: 'object-spread' });
  });

  it('places a multi-line call at the start of its receiver', () => {
    const site = onlySite('const copy =\n  items\n    .filter(Boolean)\n    .slice(\n      0,\n    );');
    expect(site).toMatchObject({ kind: 'array-slice', line: 2, column: 3, endLine: 6, endColumn: 6 });
  });

  it('places an object rest at its `...rest` element', () => {
    expect(siteTags('function f({ a, b: { c }, ...others }) {}')).toEqual(['object-rest@1:27']);
    expect(siteTags('for (const { id, ...fields } of rows) {}')).toEqual(['object-rest@1:18']);
    expect(siteTags('try {} catch ({ message, ...details }) {}')).toEqual(['object-rest@1:26']);
    expect(siteTags('let a, r;\n({ a, ...r } = o);')).toEqual(['object-rest@2:7']);
    expect(siteTags('let r;\n[{ ...r }] = list;')).toEqual(['object-rest@2:4']);
    expect(siteTags('let r;\nfor ({ ...r } of list) {}')).toEqual(['object-rest@2:8']);
  });

  it('does not take a destructuring target for a literal copy', () => {
    expect(siteTags('let a, b;\n[a, ...b] = list;')).toEqual([]);
    expect(siteTags('let a;\n({ a = { ...d } } = o);')).toEqual(['object-spread@2:8']);
    expect(siteTags('let a;\n[a = [...d]] = list;')).toEqual(['array-spread@2:6']);
  });

  it('finds optional-chaining calls', () => {
    expect(siteTags('a?.slice();\na?.b.concat(c);\na.slice?.();')).toEqual(['array-slice@1:1', 'array-concat@2:1', 'array-slice@3:1']);
  });

  it('finds copies in TSX and in JSX inside .js files', () => {
    const jsx = 'export const C = (p) => <List items={[...p.items]} style={{ ...p.style }} />;';
    expect(siteTags(jsx, 'c.tsx')).toEqual(['array-spread@1:38', 'object-spread@1:59']);
    expect(siteTags(jsx, 'c.js')).toEqual(['array-spread@1:38', 'object-spread@1:59']);
    expect(siteTags(jsx, 'c.jsx')).toEqual(['array-spread@1:38', 'object-spread@1:59']);
  });

  it('finds lodash through ES imports', () => {
    const text = [
      "import { clone, cloneDeep as deep } from 'lodash';",
      "import * as L from 'lodash-es';",
      "import cd from 'lodash.clonedeep';",
      "import c1 from 'lodash/clone';",
      "import { default as cd2 } from 'lodash/cloneDeep';",
      'clone(a); deep(a); L.cloneDeep(a); cd(a); c1(a); cd2(a); lodash.clone(a);',
    ].join('\n');
    expect(sitesOf(text).map((s) => `${s.kind}@${s.column}`)).toEqual([
      'lodash-clone@1',
      'lodash-clone-deep@11',
      'lodash-clone-deep@20',
      'lodash-clone-deep@36',
      'lodash-clone@43',
      'lodash-clone-deep@50',
      'lodash-clone@58',
    ]);
  });

  it('finds lodash through CommonJS require', () => {
    const text = [
      "const _l = require('lodash');",
      "const { cloneDeep, clone: shallow } = require('lodash');",
      "const cloneDeepFn = require('lodash/cloneDeep');",
      "const one = require('lodash.clone');",
      "const picked = require('lodash').cloneDeep;",
      "_l.clone(a); cloneDeep(a); shallow(a); cloneDeepFn(a); one(a); picked(a); require('lodash').cloneDeep(a);",
    ].join('\n');
    expect(sitesOf(text, 'lib.cjs').map((s) => `${s.kind}@${s.line}:${s.column}`)).toEqual([
      'lodash-clone@6:1',
      'lodash-clone-deep@6:14',
      'lodash-clone@6:28',
      'lodash-clone-deep@6:40',
      'lodash-clone@6:56',
      'lodash-clone-deep@6:64',
      'lodash-clone-deep@6:75',
    ]);
  });

  it('ignores clone calls that lodash does not make', () => {
    expect(siteTags("import { clone } from './mine.js';\nclone(a); thing.clone(a); cloneDeep(a); _.clone();")).toEqual([]);
    expect(siteTags("import type { cloneDeep } from 'lodash';\ncloneDeep(a);")).toEqual([]);
  });
});

describe('what is not a copy', () => {
  it.each([
    ['a Map built from an array literal', 'new Map([[1, 2]]);'],
    ['a Set of nothing', 'new Set(); new Set(undefined); new Set(null); new Set(a, b);'],
    ['a typed array of a length', 'new Uint8Array(16); new Float64Array(n * 2); new Int32Array(list.length); new BigInt64Array(-1);'],
    ['a typed array over a buffer', 'new Uint8Array(new ArrayBuffer(8)); new Uint16Array(other.buffer); new Uint8Array(buf, 0, 4);'],
    ['a typed array from a literal', 'new Float32Array([1, 2, 3]);'],
    ['a Buffer from a string or an array', "Buffer.from('abc'); Buffer.from(`x${y}`); Buffer.from([1, 2]); Buffer.from(s, 'hex');"],
    ['an object literal without spread', 'const o = { a: 1, b };'],
    ['an array literal without spread', 'const a = [1, 2, x];'],
    ['a spread into call arguments or JSX attributes', 'f(...args); const e = <div {...props} />;'],
    ['a class method named slice', 'class Rope { slice(start: number) { return start; } }'],
    ['Object.assign into an existing object', 'Object.assign(target, source); Object.assign({});'],
    ['Array.from of an array-like literal', 'Array.from({ length: 3 }, (_, i) => i); Array.from();'],
    ['a JSON round trip with extra arguments', 'JSON.parse(JSON.stringify(v), reviver); JSON.parse(JSON.stringify(v, null, 2)); JSON.parse(text);'],
    ['postMessage without a message', 'worker.postMessage();'],
    ['array rest in a pattern', 'const [first, ...tail] = list; function f(...args) {}'],
  ])('%s', (_name, text) => {
    expect(siteTags(text, 'sample.tsx')).toEqual([]);
  });

  it('reports x.slice() whatever the receiver, since only the runtime knows it', () => {
    expect(siteTags("'text'.slice(1); this.slice(); super.slice;")).toEqual(['array-slice@1:1', 'array-slice@1:18']);
  });

  it('skips types, declare contexts, overloads and abstract members', () => {
    const text = [
      'type T = { [K in keyof typeof o]: T };',
      'interface I { f(x: { a: number }): void }',
      'declare const d: Map<string, number>;',
      'declare namespace N { const n = { ...o }; namespace M { const m = [...l]; } }',
      "declare module 'm' { const z = a.slice(); }",
      'declare global { var g: number[] }',
      'function over({ a, ...r }: T): void;',
      'function over(p: T): void {}',
      'abstract class A { abstract m({ ...r }: T): void; declare p: number; }',
      'let fn: ({ a, ...r }: T) => void;',
    ].join('\n');
    expect(siteTags(text)).toEqual([]);
  });

  it('reads nothing from a declaration file', () => {
    expect(sitesOf('export declare const a: number;\nconst x = { ...o };', 'types.d.ts')).toEqual([]);
    expect(sitesOf('const x = { ...o };', 'types.d.mts')).toEqual([]);
  });
});

describe('copies written at once', () => {
  it.each([
    ['{ ...s }', false],
    ['{ ...s, k: v }', true],
    ['{ k: v, ...s }', true],
    ['{ ...a, ...b }', true],
    ['[...a]', false],
    ['[...a, x]', true],
    ['[...a, ...b]', true],
    ['a.concat()', false],
    ['a.concat(b)', true],
    ['a.slice(1)', false],
    ['Object.assign({}, s)', false],
    ['Object.assign({}, s, t)', true],
    ['Object.assign({}, { k: v })', true],
    ['Object.assign({}, ...sources)', true],
    ['Object.assign(Object.create(p), s)', false],
    ['Object.assign(Object.create(p), s, { k: v })', true],
    ['Array.from(s)', false],
    ['Array.from(s, (x) => x * 2)', true],
  ])('%s is written at once: %s', (expression, writtenAtOnce) => {
    expect(onlySite(`let c = ${expression};`).writtenAtOnce).toBe(writtenAtOnce);
  });
});

describe('createCopyMatcher on a tree with parent pointers', () => {
  function matchesOf(text: string, file = 'm.ts'): CopyMatch[] {
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const match = createCopyMatcher(sourceFile);
    const found: CopyMatch[] = [];
    const visit = (node: ts.Node): void => {
      const m = match(node);
      if (m) found.push(m);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  }

  it('gives the node to replace and the node to report', () => {
    const [rest, spread] = matchesOf('const { a, ...r } = o;\nconst s = { ...o };');
    expect(rest?.kind).toBe('object-rest');
    expect(rest?.node.kind).toBe(ts.SyntaxKind.ObjectBindingPattern);
    expect(rest?.at.kind).toBe(ts.SyntaxKind.BindingElement);
    expect(spread?.node).toBe(spread?.at);
    expect(spread?.node.kind).toBe(ts.SyntaxKind.ObjectLiteralExpression);
  });

  it('matches the outer JSON.parse call only', () => {
    const found = matchesOf('const c = JSON.parse(JSON.stringify(v));');
    expect(found).toHaveLength(1);
    expect(ts.isCallExpression(found[0]!.node) && found[0]!.node.expression.getText()).toBe('JSON.parse');
  });

  it('rejects nodes inside types and declare contexts when called on every node', () => {
    expect(matchesOf('declare namespace N { const n = { ...o }; }\nlet t: typeof x;\nfunction f({ ...r }: T): void;')).toEqual([]);
  });

  it('matches nothing in a declaration file', () => {
    expect(matchesOf('declare const a: number;', 'x.d.ts')).toEqual([]);
  });
});

describe('names resolve by scope, not by spelling', () => {
  it('a name the program binds is not the built-in, at any scope level', () => {
    const text = [
      /* 1 */ "import { Map } from 'immutable';",
      /* 2 */ 'const a = new Map(m);',
      /* 3 */ 'function f(structuredClone) { return structuredClone(v); }',
      /* 4 */ 'try { g(); } catch ({ JSON }) { JSON.parse(JSON.stringify(v)); }',
      /* 5 */ '{ const Object = lib; Object.assign({}, o); }',
      /* 6 */ 'function h() { return new Set(s); var Set = Other; }',
      /* 7 */ 'class Array { static from(x) { return x; } } Array.from(x);',
      /* 8 */ 'const copy = (_) => _.cloneDeep(v);',
      /* 9 */ 'const b = new Set(s);',
    ].join('\n');
    expect(siteTags(text, 'sample.mjs')).toEqual(['set-copy@9:11']);
  });

  it('a type-only import binds no value, and `declare` emits none', () => {
    expect(siteTags("import type { Map } from 'immutable';\ndeclare const Set: unknown;\nconst a = new Map(m), b = new Set(s);")).toEqual(['map-copy@3:11', 'set-copy@3:27']);
  });

  it('aliases of Object.assign are sites; through an unknown binding nothing is claimed', () => {
    const text = [
      /* 1 */ 'const assign = Object.assign || polyfill;',
      /* 2 */ 'const { assign: a2 } = Object;',
      /* 3 */ 'const c = assign({}, o), d = a2({}, o);',
      /* 4 */ 'with (scope) { Object.assign({}, o); }',
    ].join('\n');
    expect(siteTags(text, 'sample.js')).toEqual(['object-assign@3:11', 'object-assign@3:30']);
  });

  it('a sloppy direct eval hides every name of its function, also in parentheses', () => {
    const text = [
      /* 1 */ 'function f(s) { eval(s); return new Map(m); }',
      /* 2 */ 'function g(s) { (eval)(s); return new Map(m); }',
      /* 3 */ 'function h(s) { (0, eval)(s); return new Map(m); }',
    ].join('\n');
    expect(siteTags(text, 'sample.js')).toEqual(['map-copy@3:38']);
  });

  it('globalThis.structuredClone is the built-in unless globalThis is bound', () => {
    expect(siteTags('const a = globalThis.structuredClone(v);', 'sample.mjs')).toEqual(['structured-clone@1:11']);
    expect(siteTags('const globalThis = { structuredClone: (x) => x };\nconst a = globalThis.structuredClone(v);', 'sample.mjs')).toEqual([]);
  });
});
