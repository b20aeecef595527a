import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { parseSource } from '../../src/analysis/parse-source.js';
import { createTypeFacts, type TypeFacts } from '../../src/analysis/type-facts.js';

/** The facts of a file, and the expression `probe` is initialised with in it. */
function probe(code: string, file = 'sample.ts'): { facts: TypeFacts; value: ts.Expression } {
  const sf = parseSource(file, code, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  let value: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'probe') value = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (value === undefined) throw new Error(`no probe in ${code}`);
  return { facts: createTypeFacts(sf), value };
}

describe('type facts: plain data by the type checker', () => {
  it.each([
    ['numbers', 'declare const v: number[]; const probe = v;'],
    ['an object of primitives and arrays', 'declare const v: { id: number; tags: readonly string[]; note?: string | null }; const probe = v;'],
    ['a recursive tree', 'interface Tree { name: string; children: Tree[] } declare const v: Tree; const probe = v;'],
    ['a record of numbers', 'declare const v: Record<string, number>; const probe = v;'],
    ['a tuple', 'declare const v: [number, string]; const probe = v;'],
    ['an inferred literal in JavaScript', 'const v = { a: 1, b: ["x"] }; const probe = v;', 'sample.js'],
  ])('%s is plain data', (_name, code, file?: string) => {
    const { facts, value } = probe(code, file);
    expect(facts.isPlainData(value)).toBe(true);
  });

  it.each([
    ['any', 'declare const v: any; const probe = v;'],
    ['unknown', 'declare const v: unknown; const probe = v;'],
    ['{}', 'declare const v: {}; const probe = v;'],
    ['object', 'declare const v: object; const probe = v;'],
    ['a class instance', 'class P { x = 1; } declare const v: P; const probe = v;'],
    ['a getter', 'const v = { get a() { return 1; } }; const probe = v;'],
    ['a method', 'const v = { a: 1, f() { return 1; } }; const probe = v;'],
    ['a function value', 'declare const v: { f: () => void }; const probe = v;'],
    ['a toJSON', 'declare const v: { toJSON: string }; const probe = v;'],
    ['a Date inside', 'declare const v: { at: Date }; const probe = v;'],
    ['a Map', 'declare const v: Map<string, number>; const probe = v;'],
    ['a symbol value', 'declare const v: { s: symbol }; const probe = v;'],
    ['a type parameter', 'function f<T>(v: T) { const probe = v; }'],
    ['an import', "import { v } from './elsewhere'; const probe = v;"],
  ])('%s is not', (_name, code) => {
    const { facts, value } = probe(code);
    expect(facts.isPlainData(value)).toBe(false);
  });

  it('a plain record has declared keys only, none of them __proto__', () => {
    const declared = probe('declare const v: { a: number; b?: string }; const probe = v;');
    expect(declared.facts.isPlainRecord(declared.value)).toBe(true);
    for (const code of ['declare const v: Record<string, number>; const probe = v;', 'declare const v: { __proto__: number }; const probe = v;', 'declare const v: number[]; const probe = v;']) {
      const { facts, value } = probe(code);
      expect(facts.isPlainRecord(value), code).toBe(false);
    }
  });

  it('tells primitives, arrays and strings', () => {
    const { facts, value } = probe('declare const n: 1 | 2 | undefined; const probe = n;');
    expect(facts.isPrimitive(value)).toBe(true);
    const array = probe('declare const xs: (string | number)[]; const probe = xs;');
    expect(array.facts.isArrayOfPrimitives(array.value)).toBe(true);
    const subclass = probe('class Rows extends Array<number> {} declare const xs: Rows; const probe = xs;');
    expect(subclass.facts.isArray(subclass.value)).toBe(false);
    const text = probe("const probe = 'a,b';");
    expect(text.facts.isString(text.value)).toBe(true);
  });
});
