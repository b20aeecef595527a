import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRuntime, isCow } from '../../src/runtime/index.js';

/** A document of `n` paragraphs: small nodes, which a view costs more than. */
const documentOf = (n: number) => ({
  title: 'doc',
  paragraphs: Array.from({ length: n }, (_, i) => ({ id: i, text: `paragraph ${String(i)}`, style: { bold: i % 7 === 0, size: 12 } })),
});

type Doc = ReturnType<typeof documentOf>;

function setup() {
  const rt = createRuntime('cow');
  const site = rt.site('app.ts', 1, 1, 'structured-clone');
  const at = rt.location('app.ts', 2, 1);
  return { rt, site, at };
}

describe('cow mode: a deep copy read in full turns into a plain copy', () => {
  it('keeps the objects it handed out, shows the source as it was, and leaves the nodes it had not handed out plain', () => {
    const { rt, site, at } = setup();
    const doc = documentOf(2000);
    const copy = rt.structuredClone<Doc>(site, doc);
    const first = copy.paragraphs[0]!;
    const firstStyle = first.style;
    const keyed = new WeakMap<object, string>([[firstStyle, 'style of 0']]);
    rt.set(doc.paragraphs[1500]!, 'text', 'edited before the turn', at);
    // The views of the first few paragraphs cost more than a share of the copy: the copy turns.
    for (let i = 0; i < 100; i++) expect(copy.paragraphs[i]!.style.size).toBe(12);
    rt.set(doc.paragraphs[1600]!, 'text', 'edited after the turn', at);
    expect(copy.paragraphs[0]).toBe(first);
    expect(copy.paragraphs[0]!.style).toBe(firstStyle);
    expect(keyed.get(copy.paragraphs[0]!.style)).toBe('style of 0');
    expect(copy.paragraphs[1500]!.text).toBe('paragraph 1500');
    expect(copy.paragraphs[1600]!.text).toBe('paragraph 1600');
    expect(isCow(copy.paragraphs[1999])).toBe(false);
    expect(copy.paragraphs[1999]).toBe(copy.paragraphs[1999]);
    expect(copy).toEqual(documentOf(2000));
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Reflect.has(first, inspect.custom)).toBe(false);
    expect(Object.keys(first)).toEqual(['id', 'text', 'style']);
  });

  it('takes writes as the plain copy does, the source unchanged, before and after a freeze', () => {
    const { rt, site, at } = setup();
    const doc = documentOf(1000);
    const copy = rt.structuredClone<Doc>(site, doc);
    for (const p of copy.paragraphs) expect(p.style.size).toBe(12);
    const p0 = copy.paragraphs[0]!;
    rt.set(p0, 'text', 'written', at);
    rt.set(copy.paragraphs[999]!.style, 'size', 30, at);
    rt.set(copy, 'title', 'copy', at);
    expect([p0.text, copy.paragraphs[999]!.style.size, copy.title]).toEqual(['written', 30, 'copy']);
    expect([doc.paragraphs[0]!.text, doc.paragraphs[999]!.style.size, doc.title]).toEqual(['paragraph 0', 12, 'doc']);
    Object.freeze(p0);
    expect(() => {
      'use strict';
      (p0 as { text: string }).text = 'again';
    }).toThrow(TypeError);
    expect(Object.isFrozen(p0)).toBe(true);
  });

  it('charges what it copies as not saved: the copy saves its strings, less the views it keeps', () => {
    const { rt, site } = setup();
    const doc = documentOf(2000);
    const copy = rt.structuredClone<Doc>(site, doc);
    const shared = rt.accounting.counters.figuresOf(site).bytesSaved;
    let sum = 0;
    for (const p of copy.paragraphs) sum += p.text.length + p.style.size;
    expect(sum).toBeGreaterThan(0);
    const figures = rt.accounting.counters.figuresOf(site);
    // The nodes copied (two objects a paragraph) are no longer saved; the strings they share are.
    expect(figures.bytesCopied).toBeGreaterThan(2000 * 2 * 40);
    expect(figures.bytesSaved).toBeLessThan(shared / 2);
    expect(figures.bytesSaved).toBeGreaterThan(0);
  });

  it('a copy holding a Map keeps its views however much it is read', () => {
    const { rt, site, at } = setup();
    const doc = { ...documentOf(500), index: new Map([['a', { n: 1 }]]) };
    const copy = rt.structuredClone<typeof doc>(site, doc);
    for (const p of copy.paragraphs) expect(p.style.size).toBe(12);
    expect(copy.index.get('a')).toEqual({ n: 1 });
    rt.set(doc.paragraphs[400]!, 'text', 'edited', at);
    expect(copy.paragraphs[400]!.text).toBe('paragraph 400');
    expect(isCow(copy.paragraphs[499])).toBe(true);
  });

  it('a copy of a copy that turned is made eagerly, and equals it', () => {
    const { rt, site } = setup();
    const copy = rt.structuredClone<Doc>(site, documentOf(1000));
    for (const p of copy.paragraphs) expect(p.style.size).toBe(12);
    const again = rt.structuredClone(site, copy);
    expect(isCow(again)).toBe(false);
    expect(again).toEqual(copy);
    expect(again.paragraphs[0]).not.toBe(copy.paragraphs[0]);
  });
});
