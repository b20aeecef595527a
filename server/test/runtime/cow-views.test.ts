import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRuntime, isCow, toPlain } from '../../src/runtime/index.js';

const big = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, done: false, tags: ['a', 'b'] }));

function setup() {
  const rt = createRuntime('cow');
  const site = (kind: Parameters<typeof rt.site>[3]) => rt.site('app.ts', 1, 1, kind);
  const loc = rt.location('app.ts', 2, 1);
  return { rt, site, loc };
}

describe('cow mode: values one copy hands to another', () => {
  it('a Date a copy handed out, stored beside another copy of the same Date, stays a Date of its own in a deep copy', () => {
    // Found by the differential fuzz (seed -1030819749): the deep copy read both as the one node they came from.
    const rt = createRuntime('cow', { minSharedBytes: 0 });
    const s = rt.site('app.ts', 1, 1, 'structured-clone');
    const first = rt.structuredClone(s, [new Date(0)]);
    const second = rt.structuredClone(s, first);
    rt.set(first, 1, second[0], rt.location('app.ts', 2, 1));
    const copy = rt.structuredClone(s, first);
    expect(copy[0]).not.toBe(copy[1]);
    expect(copy.map((d) => d.getTime())).toEqual([0, 0]);
    expect(copy[1]).not.toBe(second[0]);
  });

  it('a shared Date or typed array whose prototype the program swapped can still be written, and the deep view keeps its value', () => {
    // Found by the differential fuzz (seed -1022844041): the image of the Date called its own getTime, gone with its prototype.
    const rt = createRuntime('cow', { minSharedBytes: 0 });
    const s = rt.site('app.ts', 1, 1, 'structured-clone');
    const loc = rt.location('app.ts', 2, 1);
    const date = new Date(0);
    const bytes = new Uint8Array([1, 2, 3]);
    const copy = rt.structuredClone(s, { a: [date, bytes] });
    Object.setPrototypeOf(date, null);
    Object.setPrototypeOf(bytes, null);
    expect(rt.set(date, 'a', 0, loc)).toBe(0);
    expect(rt.set(bytes, 0, 9, loc)).toBe(9);
    const [copiedDate, copiedBytes] = copy.a as [Date, Uint8Array];
    expect(copiedDate).toBeInstanceOf(Date);
    expect(copiedDate.getTime()).toBe(0);
    expect(Object.keys(copiedDate)).toEqual([]);
    expect(copiedBytes).toBeInstanceOf(Uint8Array);
    expect([...copiedBytes]).toEqual([1, 2, 3]);
  });
});

describe('cow mode: shallow copies', () => {
  it('spreads a large object into a view that reads like the copy and copies on first write', () => {
    const { rt, site, loc } = setup();
    const source: Record<string, number> = {};
    for (let i = 0; i < 100; i++) source[`k${String(i)}`] = i;
    const s = site('object-spread');
    const copy = rt.objectSpread(s, source) as Record<string, number>;
    expect(isCow(copy)).toBe(true);
    expect(Object.keys(copy)).toEqual(Object.keys(source));
    expect(copy).toEqual(source);
    rt.set(copy, 'k1', 99, loc);
    expect(copy.k1).toBe(99);
    expect(source.k1).toBe(1);
    const f = rt.accounting.counters.figuresOf(s);
    expect(f.executions).toBe(1);
    expect(f.materialized).toBe(1);
    expect(f.copyPoints).toEqual([{ location: loc, count: 1, bytes: expect.any(Number) as number }]);
    expect(f.copyPoints[0]!.bytes).toBeGreaterThan(0);
  });

  it('slices and concats of an array view read what the view shows, written, overlaid or with holes', () => {
    const { rt, site, loc } = setup();
    const source = big(100);
    const view = rt.slice(site('array-slice'), source) as ReturnType<typeof big>;
    expect(isCow(view)).toBe(true);
    rt.set(source, 1, 'written to the source', loc);
    const part = rt.slice(site('array-slice'), view, 1, 3) as unknown[];
    expect(isCow(part)).toBe(false);
    expect(part).toEqual([view[1], view[2]]);
    expect(part[0]).toBe(view[1]);
    expect(rt.concat(site('array-concat'), view, [0]) as unknown[]).toEqual([...view, 0]);
    // Element writes into a large view go to an overlay: the slice must see them too.
    const small = createRuntime('cow', { overlayMinLength: 8 });
    const smallSite = small.site('app.ts', 1, 1, 'array-slice');
    const overlaid = small.slice(smallSite, big(100)) as unknown[];
    small.set(overlaid, 5, 'over', small.location('app.ts', 2, 1));
    expect(small.slice(smallSite, overlaid, 4, 7) as unknown[]).toEqual([overlaid[4], 'over', overlaid[6]]);
    // A spread turns holes into undefined: a slice of its view keeps them undefined, own elements.
    const holey: unknown[] = [];
    holey[150] = 'end';
    const spread = rt.arraySpread(site('array-spread'), holey);
    const tail = rt.slice(site('array-slice'), spread, 0, 3) as unknown[];
    expect(tail).toEqual([undefined, undefined, undefined]);
    expect(0 in tail).toBe(true);
  });

  it('keeps a snapshot of the source when instrumented code writes the source afterwards', () => {
    const { rt, site, loc } = setup();
    const source = big(100);
    const copy = rt.arraySpread(site('array-spread'), source);
    rt.touch(source, loc).push({ id: -1, done: true, tags: [] });
    rt.set(source, 0, 'replaced', loc);
    expect(copy).toHaveLength(100);
    expect(copy[0]).toEqual({ id: 0, done: false, tags: ['a', 'b'] });
    expect(source[0]).toBe('replaced');
    expect(copy[1]).toBe(source[1]);
  });

  it('shares children as JS does: a shallow copy returns the source’s own child objects', () => {
    const { rt, site } = setup();
    const source = big(100);
    const copy = rt.slice(site('array-slice'), source) as typeof source;
    expect(copy[3]).toBe(source[3]);
    expect(Array.isArray(copy)).toBe(true);
  });

  it('small copies are eager: a view would cost more than it saves', () => {
    const { rt, site } = setup();
    const copy = rt.objectSpread(site('object-spread'), { a: 1 });
    expect(isCow(copy)).toBe(false);
    expect(copy).toEqual({ a: 1 });
  });

  it('object rest leaves out the named keys', () => {
    const { rt, site } = setup();
    const source: Record<string, number> = {};
    for (let i = 0; i < 60; i++) source[`k${String(i)}`] = i;
    const rest = rt.objectRest(site('object-rest'), source, ['k0', 'k5']) as Record<string, number>;
    expect('k0' in rest).toBe(false);
    expect(Object.keys(rest)).toHaveLength(58);
    expect(rest.k6).toBe(6);
  });

  it('array spread turns holes into undefined, slice keeps them', () => {
    const { rt, site } = setup();
    const holey: unknown[] = new Array(200);
    holey[5] = 'x';
    const spread = rt.arraySpread(site('array-spread'), holey);
    const sliced = rt.slice(site('array-slice'), holey) as unknown[];
    expect(0 in spread).toBe(true);
    expect(0 in sliced).toBe(false);
    expect(Object.keys(spread)).toHaveLength(200);
    expect(Object.keys(sliced)).toEqual(['5']);
  });
});

describe('cow mode: deep copies', () => {
  it('structuredClone gives a lazy view that keeps identity, cycles and shared subgraphs', () => {
    const { rt, site, loc } = setup();
    const shared = { name: 'shared', values: big(20) };
    const state: Record<string, unknown> = { a: shared, b: shared, items: big(200) };
    state.self = state;
    const copy = rt.structuredClone(site('structured-clone'), state) as typeof state & { a: typeof shared; b: typeof shared; self: unknown; items: ReturnType<typeof big> };
    expect(isCow(copy)).toBe(true);
    expect(copy.a).toBe(copy.b);
    expect(copy.a).not.toBe(shared);
    expect(copy.self).toBe(copy);
    expect(copy.items[3]).toBe(copy.items[3]);
    rt.set(copy.items[3]!, 'done', true, loc);
    expect(copy.items[3]!.done).toBe(true);
    expect((state.items as ReturnType<typeof big>)[3]!.done).toBe(false);
  });

  it('a deep view sees the source as it was, whatever instrumented code writes later', () => {
    const { rt, site, loc } = setup();
    const state = { items: big(300), meta: { version: 1 } };
    const copy = rt.structuredClone(site('structured-clone'), state);
    rt.set(state.meta, 'version', 2, loc);
    rt.set(state.items[7]!, 'done', true, loc);
    rt.touch(state.items, loc).splice(0, 10);
    expect(copy.meta.version).toBe(1);
    expect(copy.items[7]!.done).toBe(false);
    expect(copy.items).toHaveLength(300);
    expect(JSON.stringify(copy)).toBe(JSON.stringify({ items: big(300), meta: { version: 1 } }));
  });

  it('values the user writes into a deep view come back as they are', () => {
    const { rt, site, loc } = setup();
    const state = { items: big(300) };
    const copy = rt.structuredClone(site('structured-clone'), state);
    const mine = { id: 1000, done: true, tags: [] as string[] };
    rt.set(copy.items, 0, mine, loc);
    expect(copy.items[0]).toBe(mine);
    rt.set(copy, 'alias', state.items[1], loc);
    expect((copy as unknown as { alias: unknown }).alias).toBe(state.items[1]);
  });

  it('a copy of a copy sees what the first copy wrote, and neither sees the other’s later writes', () => {
    const { rt, site, loc } = setup();
    const s = site('structured-clone');
    const state = { items: big(300) };
    const v1 = rt.structuredClone(s, state);
    rt.set(v1.items[1]!, 'done', true, loc);
    const mine = { id: -1, done: false, tags: ['mine'] };
    rt.set(v1.items, 2, mine, loc);
    const v2 = rt.structuredClone(s, v1);
    expect(isCow(v2)).toBe(true);
    expect(v2.items[1]!.done).toBe(true);
    expect(v2.items[2]).toEqual(mine);
    expect(v2.items[2]).not.toBe(mine);
    rt.set(mine, 'done', true, loc);
    rt.set(v1.items[1]!, 'done', false, loc);
    expect(v2.items[2]!.done).toBe(false);
    expect(v2.items[1]!.done).toBe(true);
    rt.set(v2.items[4]!, 'done', true, loc);
    expect(v1.items[4]!.done).toBe(false);
    expect(state.items[1]!.done).toBe(false);
  });

  it('JSON round trips share only what survives JSON unchanged', () => {
    const { rt, site } = setup();
    const s = site('json-roundtrip');
    expect(isCow(rt.jsonRoundTrip(s, { items: big(100) }))).toBe(true);
    const withDate = { items: big(100), when: new Date(0) };
    const copy = rt.jsonRoundTrip(s, withDate) as { when: unknown };
    expect(isCow(copy)).toBe(false);
    expect(copy.when).toBe('1970-01-01T00:00:00.000Z');
  });

  it('errors of the real copy are the same: structuredClone of a function throws DataCloneError', () => {
    const { rt, site } = setup();
    expect(() => rt.structuredClone(site('structured-clone'), { f: () => 1, items: big(50) })).toThrow(/could not be cloned/);
  });

  it('Map and Set copies are views until written', () => {
    const { rt, site, loc } = setup();
    const m = new Map(big(100).map((o) => [o.id, o]));
    const copy = rt.newMap(site('map-copy'), m);
    expect(isCow(copy)).toBe(true);
    expect(copy.size).toBe(100);
    expect(copy.get(5)).toBe(m.get(5));
    expect([...copy.keys()].slice(0, 3)).toEqual([0, 1, 2]);
    rt.touch(copy, loc).set(5, { id: 5, done: true, tags: [] });
    expect(copy.get(5)).toEqual({ id: 5, done: true, tags: [] });
    expect(m.get(5)!.done).toBe(false);
    const set = new Set(Array.from({ length: 100 }, (_, i) => i));
    const sc = rt.newSet(site('set-copy'), set);
    rt.touch(set, loc).delete(3);
    expect(sc.has(3)).toBe(true);
    expect(sc.size).toBe(100);
  });

  it('views print, clone and serialise as their plain value', () => {
    const { rt, site } = setup();
    const state = { items: big(50), m: new Map([[1, { a: 1 }]]) };
    const copy = rt.structuredClone(site('structured-clone'), state);
    expect(inspect(copy, { depth: 4 })).toBe(inspect(state, { depth: 4 }));
    expect(structuredClone(toPlain(copy))).toEqual(state);
    expect(rt.structuredClone(site('structured-clone'), { inner: copy })).toEqual({ inner: state });
  });

  it('freezing a view settles it into a plain frozen object', () => {
    const { rt, site } = setup();
    const source: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) source[`k${String(i)}`] = { i };
    const copy = rt.structuredClone(site('structured-clone'), source);
    Object.freeze(copy);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(copy.k3).toEqual({ i: 3 });
    expect(() => {
      'use strict';
      (copy).k3 = 1;
    }).toThrow(TypeError);
  });

  it('a frozen view answers every question as the plain frozen copy does (its traps are gone, not its answers)', () => {
    const { rt, site } = setup();
    const s = site('array-spread');
    const source = big(100);
    const copy = rt.arraySpread(s, source);
    const plain = Object.freeze([...source]);
    Object.freeze(copy);
    expect(isCow(copy)).toBe(true);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Reflect.ownKeys(copy)).toEqual(Reflect.ownKeys(plain));
    expect(Object.getOwnPropertyDescriptor(copy, 7)).toEqual(Object.getOwnPropertyDescriptor(plain, 7));
    expect(Object.getOwnPropertyDescriptor(copy, 'length')).toEqual(Object.getOwnPropertyDescriptor(plain, 'length'));
    expect(Object.getPrototypeOf(copy)).toBe(Array.prototype);
    expect([5 in copy, 100 in copy, 'map' in copy]).toEqual([true, false, true]);
    expect(copy[5]).toBe(source[5]);
    expect(Reflect.defineProperty(copy, 0, { value: 1 })).toBe(false);
    expect(() => Object.defineProperty(copy, 0, { value: 1 })).toThrow('Cannot redefine property: 0');
    expect(Reflect.setPrototypeOf(copy, null)).toBe(false);
    expect(Reflect.set(copy, 0, 1)).toBe(false);
    expect(() => {
      'use strict';
      copy[0] = source[1]!;
    }).toThrow("Cannot assign to read only property '0' of object '[object Array]'");
    expect(copy).toEqual(plain);
  });

  it('a frozen view is copied again, shallow and deep, as the plain frozen copy is', () => {
    // Found by the differential fuzz: once its traps were dropped, the deep copy of a frozen object view threw.
    const { rt, site } = setup();
    const source: Record<string, number> = {};
    for (let i = 0; i < 50; i++) source[`k${String(i)}`] = i + 0.5;
    const copy = rt.objectSpread(site('object-spread'), source);
    Object.freeze(copy);
    expect(rt.structuredClone(site('structured-clone'), copy)).toEqual(source);
    expect(rt.objectSpread(site('object-spread'), copy)).toEqual(source);
    expect(Object.isFrozen(rt.structuredClone(site('structured-clone'), copy))).toBe(false);
  });
});

describe('cow mode: hazards', () => {
  it('reports a write it did not see into a shared value when a view reads it', () => {
    const { rt, site } = setup();
    const s = site('structured-clone');
    const state = { items: big(100) };
    const copy = rt.structuredClone(s, state);
    state.items[3]!.done = true; // not instrumented
    expect(copy.items[3]!.done).toBe(true);
    const hazards = rt.accounting.counters.allHazards();
    expect(hazards).toEqual([{ site: s, kind: 'uninstrumented-write', message: expect.stringContaining('did not instrument') as string, count: 1 }]);
  });

  it('reports nothing when every write is instrumented', () => {
    const { rt, site, loc } = setup();
    const state = { items: big(100) };
    const copy = rt.structuredClone(site('structured-clone'), state);
    rt.set(state.items[3]!, 'done', true, loc);
    rt.set(state.items[3]!, 'done', false, loc);
    expect(copy.items[3]!.done).toBe(false);
    rt.set(state.items[3]!, 'done', true, loc);
    const again = rt.structuredClone(site('structured-clone'), state);
    expect(again.items[3]!.done).toBe(true);
    expect(rt.accounting.counters.allHazards()).toEqual([]);
  });
});

describe('views given to code that was not instrumented', () => {
  it('the global structuredClone and postMessage accept views once patched', async () => {
    const { patchCloneGlobals } = await import('../../src/runtime/index.js');
    const { MessageChannel } = await import('node:worker_threads');
    const { rt, site } = setup();
    const state = { items: big(100) };
    const view = rt.structuredClone(site('structured-clone'), state);
    expect(() => structuredClone(view)).toThrow(/could not be cloned/);
    const restore = patchCloneGlobals();
    try {
      expect(structuredClone({ inner: view })).toEqual({ inner: state });
      const { port1, port2 } = new MessageChannel();
      const received = new Promise((resolve) => port2.once('message', resolve));
      port1.postMessage(view);
      expect(await received).toEqual(state);
      port1.close();
    } finally {
      restore();
    }
    expect(() => structuredClone(view)).toThrow(/could not be cloned/);
  });
});

describe('lodash copies', () => {
  it('clone and cloneDeep of plain data become views; of class instances, lodash itself copies', async () => {
    const { default: _ } = await import('lodash');
    // lodash's own functions, as the instrumenter hands them over (cowlens stands only for these).
    // eslint-disable-next-line @typescript-eslint/unbound-method -- lodash's functions read no `this`
    const clone = _.clone as (v: unknown) => unknown;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- as `clone`
    const cloneDeep = _.cloneDeep as (v: unknown) => unknown;
    const { rt, site, loc } = setup();
    const state = { items: big(100) };
    const shallow = rt.lodashClone(site('lodash-clone'), clone, state) as typeof state;
    const deep = rt.lodashCloneDeep(site('lodash-clone-deep'), cloneDeep, state) as typeof state;
    expect(isCow(deep)).toBe(true);
    expect(shallow.items).toBe(state.items);
    rt.set(deep.items[0]!, 'done', true, loc);
    expect(state.items[0]!.done).toBe(false);
    expect(deep).toEqual(_.set(_.cloneDeep(state), 'items[0].done', true));
    class Point {
      constructor(readonly x: number) {}
    }
    const points = Array.from({ length: 100 }, (_unused, i) => new Point(i));
    const copied = rt.lodashCloneDeep(site('lodash-clone-deep'), cloneDeep, points) as Point[];
    expect(isCow(copied)).toBe(false);
    expect(copied[3]).toBeInstanceOf(Point);
    expect(copied[3]).not.toBe(points[3]);
  });
});

/**
 * Collects the copies nothing holds, and lets the runtime count them out as readers: a finalization
 * registry does that in callbacks that run as tasks of their own after a collection.
 */
async function collectReaders(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    (globalThis as { gc: () => void }).gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('images of shared values', () => {
  it('are dropped once no copy that could read them is alive', async () => {
    const { pruneImages, versionsOf } = await import('../../src/runtime/cow/versions.js');
    const gc = (globalThis as { gc?: () => void }).gc;
    const { rt, site, loc } = setup();
    const s = site('structured-clone');
    const store = { items: big(200) };
    const node = store.items[7]!;
    const kept = rt.structuredClone(s, store);
    // Copies made and dropped in a loop, each followed by a write: each write keeps an image.
    for (let i = 0; i < 300; i++) {
      rt.structuredClone(s, store);
      rt.set(node, 'done', i % 2 === 0, loc);
    }
    const images = versionsOf(node)!.images?.length ?? 0;
    expect(images).toBeGreaterThan(0);
    expect(kept.items[7]!.done).toBe(false);
    if (!gc) throw new Error('run the tests with --expose-gc (server/vitest.config.ts does)');
    await collectReaders();
    pruneImages(versionsOf(node)!.domain.root());
    // Only the image the kept copy reads is left.
    expect(versionsOf(node)!.images).toHaveLength(1);
    expect(kept.items[7]!.done).toBe(false);
    rt.set(node, 'done', true, loc);
    expect(kept.items[7]!.done).toBe(false);
  });

  it('a view made after an image was dropped still sees the image taken after it was made', async () => {
    const { pruneImages, versionsOf } = await import('../../src/runtime/cow/versions.js');
    const { rt, site, loc } = setup();
    const s = site('structured-clone');
    const store = { items: big(200) };
    const node = store.items[9]!;
    // A copy that is garbage once this returns: its image is dropped by the next prune.
    const copyThenWrite = (): void => {
      const earlier = rt.structuredClone(s, store);
      rt.set(node, 'done', true, loc);
      expect(earlier.items[9]!.done).toBe(false);
    };
    copyThenWrite();
    const later = rt.structuredClone(s, store);
    expect(later.items[9]!.done).toBe(true);
    await collectReaders();
    pruneImages(versionsOf(node)!.domain.root());
    expect(versionsOf(node)!.images).toHaveLength(0);
    rt.set(node, 'done', false, loc);
    expect(versionsOf(node)!.images).toHaveLength(1);
    expect(later.items[9]!.done).toBe(true);
  });
});
