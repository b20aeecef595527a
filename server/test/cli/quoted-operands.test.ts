/**
 * Issue 11, the messages V8 words from the source text: a failed call (`x.f(...).m is not a
 * function`) or iteration (`x is not iterable`) quotes the code at the place, which cowlens
 * rewrote when the code there copies or writes (`[...xs].m()`, `o.a.push(v)`). Under cowlens the
 * program must still read the message of the code as written. One program makes each class of
 * such failure and prints the error's class, message and the line of its first frame (columns
 * move on edited lines); plain, observe and cow must print the same.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { plainNode, reportOf } from './run-cowlens.js';

/** Each case runs in a scope of its own with `xs` (an array), `o` (an object holding one) and `k` (a method's name). */
const CASES: Record<string, string> = {
  'a copy called as a function': `Array.from(xs)(1)`,
  'the callee of an ASI-joined line': `const c = structuredClone(xs)\n(xs)`,
  'a method a copy does not have': `[...xs].nope()`,
  'a method of a structured clone': `structuredClone(o).nope()`,
  'a method of an object spread': `({ ...o }).nope()`,
  'a method of a new Set': `new Set(xs).nope()`,
  'a method after a chain of copies': `xs.slice().concat(xs).map(String).nope()`,
  'a method of a copy in a logical operation': `(0 || structuredClone(xs)).nope()`,
  'a method of a copy in a comma operation': `(structuredClone(xs), o).nope()`,
  'a literal key': `xs.slice()['nope']()`,
  'a key held by a constant': `xs.slice()[k]()`,
  'an optional member': `structuredClone(xs)?.nope()`,
  'an optional call that is not made': `log('an optional call that is not made', structuredClone(xs).nope?.())`,
  'the arguments run before the call fails': `[...xs].nope(log('argument'))`,
  'a tagged template': 'structuredClone(xs).nope`x`',
  "a write target's method": `o.list.nope(1)`,
  "a write target that is not what it was": `o.n.push(1)`,
  'a template literal called': '`${[...xs]}`(1)',
  'a spread of what is not iterable': `log([0, ...structuredClone(5)])`,
  'a for…of over what is not iterable': `for (const x of structuredClone(null)) log(x)`,
  'an iterated call that fails': `log([0, ...structuredClone(xs).nope()])`,
  'a call spread into a copied array, its callee as written': `log([...o.nope((e) => ({ ...e }))])`,
  'a call spread into a copied array from a call': `log([...o.list.nope()])`,
  'a static field (V8 before 12 words it by the value)': `class K { static f = structuredClone(xs).nope() }`,
  'a static block iterating (V8 before 12 words it by the value)': `class K { static { log([0, ...structuredClone(5)]) } }`,
  'a computed member name: V8 words it by the value': `class K { [structuredClone(xs).nope()]() {} }`,
  'a spread in a class field’s computed name: V8 words it by the value': `class K { ['k' + [...{ a: 0 }].length] = 0 }; new K()`,
  'a spread in an object literal’s computed name, nested: V8 words it by the value': `({ c: { ['k' + [...{ a: 0 }].length]: 0 } })`,
  'a spread in a destructuring pattern’s computed name: V8 words it by the value': `const { [[...{ a: 0 }].length]: q } = {}; q`,
  'a rest target of a destructuring assignment is written, not iterated': `[o.n, ...o.list.rest] = [...xs]; for ([o.n, ...o.list.rest] of [xs]); log('a rest target of a destructuring assignment is written, not iterated', o.n, o.list.rest.join())`,
  'calls that succeed keep their receiver': `const c = { ...{ n: 2, twice() { return this.n * 2 } } }; log('calls that succeed keep their receiver', c.twice(), [...xs].map((x) => x + 1).join())`,
};

const program = Object.entries(CASES)
  .map(
    ([name, code]) => `{
  const xs = [1, 2], o = { list: {}, n: 5 }, k = 'nope';
  try {
${code}
  } catch (e) {
    log(${JSON.stringify(name)}, e.constructor.name, e.message, /:(\\d+):\\d+\\)?$/.exec(e.stack.split('\\n')[1])[1]);
  }
}`,
  )
  .join('\n');

describe('messages V8 words from the source text read as the code was written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-quoted-operands-'));
  const file = join(dir, 'quoted.js');
  writeFileSync(file, `const log = (...values) => console.log(values.join(' | '));\n${program}\n`);
  const plain = plainNode([file], { cwd: dir });

  it('the program makes every case plainly, and cowlens edits the code of each', () => {
    expect(plain.status).toBe(0);
    for (const name of Object.keys(CASES)) expect(plain.stdout).toContain(name);
    expect(plain.stdout).toContain('argument');
    expect(plain.stdout).toContain('undefined is not a function');
    const instrumented = instrumentSource(file, program).code;
    expect(instrumented.match(/__cl\$i\(\)\.calledOn\(/g)?.length).toBeGreaterThan(10);
    expect(instrumented).toContain('__cl$i().called(');
    expect(instrumented).toContain('__cl$i().iterated(');
  });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode prints what plain node prints`, () => {
      const run = reportOf(['node', file], { mode, cwd: dir });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: plain.status, stdout: plain.stdout });
    });
  }
});
