import { describe, expect, it } from 'vitest';
import { type CopyKind, createRuntime, isCow, type RunMode, type RuntimeHandle } from '../../src/runtime/index.js';
import type { SiteFigures } from '../../src/runtime/figures/types.js';
import { shallowSize } from '../../src/runtime/size/index.js';

/** Every copy shareable, however small, so that these tests watch what writes do to small values. */
function setup() {
  const rt = createRuntime('observe', { minSharedBytes: 0 });
  return { rt, loc: rt.location('app.ts', 9, 3) };
}

describe('observe mode', () => {
  it('makes the copy as written and counts it as saved until a write', () => {
    const { rt, loc } = setup();
    const site = rt.site('app.ts', 1, 1, 'object-spread');
    const source = { a: 1, b: 2 };
    const copy = rt.objectSpread(site, source) as typeof source;
    expect(isCow(copy)).toBe(false);
    expect(copy).toEqual(source);
    expect(copy).not.toBe(source);
    let f = rt.accounting.counters.figuresOf(site);
    expect(f.executions).toBe(1);
    expect(f.materialized).toBe(0);
    expect(f.bytesCopied).toBeGreaterThan(0);
    expect(f.bytesSaved).toBe(f.bytesCopied);
    rt.set(copy, 'a', 5, loc);
    f = rt.accounting.counters.figuresOf(site);
    expect(f.materialized).toBe(1);
    expect(f.bytesSaved).toBe(0);
    expect(f.copyPoints).toEqual([{ location: loc, count: 1, bytes: f.bytesCopied }]);
    rt.set(copy, 'b', 6, loc);
    expect(rt.accounting.counters.figuresOf(site).copyPoints[0]!.count).toBe(1);
  });

  it('a write to the source while the copy is alive materializes the copy too', () => {
    const { rt, loc } = setup();
    const site = rt.site('app.ts', 1, 1, 'array-slice');
    const source = [1, 2, 3];
    const copy = rt.slice(site, source) as number[];
    rt.touch(source, loc).push(4);
    expect(copy).toEqual([1, 2, 3]);
    expect(rt.accounting.counters.figuresOf(site).materialized).toBe(1);
  });

  it('a nested write into a deep copy charges only the path, like path copying', () => {
    const { rt, loc } = setup();
    const site = rt.site('app.ts', 1, 1, 'structured-clone');
    const state = { items: Array.from({ length: 1000 }, (_, i) => ({ id: i, done: false })), meta: { v: 1 } };
    const copy = rt.structuredClone(site, state);
    const before = rt.accounting.counters.figuresOf(site);
    rt.set(copy.items[10]!, 'done', true, loc);
    const after = rt.accounting.counters.figuresOf(site);
    expect(after.materialized).toBe(1);
    const pathBytes = before.bytesSaved - after.bytesSaved;
    expect(pathBytes).toBeGreaterThan(0);
    expect(pathBytes).toBeLessThan(before.bytesCopied / 2);
    expect(after.copyPoints[0]!.bytes).toBe(pathBytes);
    rt.set(copy.items[11]!, 'done', true, loc);
    const third = rt.accounting.counters.figuresOf(site);
    expect(after.bytesSaved - third.bytesSaved).toBeLessThan(pathBytes);
  });

  it('a write to a source that deep copies share materializes each of them once, with its path', () => {
    const { rt, loc } = setup();
    const site = rt.site('app.ts', 1, 1, 'structured-clone');
    const source = { a: { b: [1, 2, 3] }, c: { d: 'x' } };
    const first = rt.structuredClone(site, source);
    const second = rt.structuredClone(site, source);
    rt.set(first.a, 'b', [], loc);
    let f = rt.accounting.counters.figuresOf(site);
    expect(f.materialized).toBe(1);
    const saved = f.bytesSaved;
    const path = shallowSize(source.a.b) + shallowSize(source.a) + shallowSize(source);
    rt.touch(source.a.b, loc).push(4);
    f = rt.accounting.counters.figuresOf(site);
    expect(f.materialized).toBe(2);
    // Each copy needs an image of the array and its path (`a`, the top), the one written before too.
    expect(saved - f.bytesSaved).toBe(2 * path);
    rt.set(second.c, 'd', 'y', loc);
    rt.touch(source.a.b, loc).push(5);
    expect(rt.accounting.counters.figuresOf(site).materialized).toBe(2);
    const third = rt.structuredClone(site, source);
    rt.set(source.c, 'd', 'z', loc);
    expect(rt.accounting.counters.figuresOf(site).materialized).toBe(3);
    expect(third.c.d).toBe('x');
  });

  it('deep copies of one unchanging source, made again and again, keep no memory per copy', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run the tests with --expose-gc (server/vitest.config.ts does)');
    const { rt } = setup();
    const site = rt.site('app.ts', 1, 1, 'structured-clone');
    const config = { limits: { a: [1, 2, 3], b: { c: 'x' } }, rules: Array.from({ length: 20 }, (_, i) => ({ i })) };
    const heapAfter = (copies: number): number => {
      for (let i = 0; i < copies; i++) rt.structuredClone(site, config);
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heapAfter(1000);
    const after = heapAfter(20_000);
    expect(rt.accounting.counters.figuresOf(site).executions).toBe(21_000);
    // An entry a source node a copy was 1.8 kB a copy here: 36 MB for these 20,000.
    expect(after - before).toBeLessThan(4_000_000);
  });

  it("a deep copy's nodes are charged with their path once, whichever is written first, through cycles and shared subgraphs", () => {
    const { rt, loc } = setup();
    const site = rt.site('app.ts', 1, 1, 'structured-clone');
    const leaf = { v: 1 };
    const source: { shared: { v: number }; again: { v: number }; deep: { mid: { end: number[] } }; self?: unknown } = { shared: leaf, again: leaf, deep: { mid: { end: [1] } } };
    source.self = source;
    const copy = rt.structuredClone(site, source);
    expect(copy.shared).toBe(copy.again);
    expect(copy.self).toBe(copy);
    const before = rt.accounting.counters.figuresOf(site).bytesSaved;
    const path = shallowSize(copy.deep.mid.end) + shallowSize(copy.deep.mid) + shallowSize(copy.deep) + shallowSize(copy);
    rt.touch(copy.deep.mid.end, loc).push(2);
    const first = rt.accounting.counters.figuresOf(site);
    expect(first.materialized).toBe(1);
    expect(before - first.bytesSaved).toBe(path);
    // `mid` is private now, and so is every node above it: a write there copies nothing more.
    rt.set(copy.deep.mid, 'other', 1, loc);
    expect(rt.accounting.counters.figuresOf(site).bytesSaved).toBe(first.bytesSaved);
    rt.set(copy.again, 'v', 2, loc);
    const third = rt.accounting.counters.figuresOf(site);
    expect(first.bytesSaved - third.bytesSaved).toBe(shallowSize(copy.shared));
    expect(third.materialized).toBe(1);
  });

  it('a node of a deep copy that is copied in turn keeps both roles: its own copy and its source', () => {
    const { rt, loc } = setup();
    const deepSite = rt.site('app.ts', 1, 1, 'structured-clone');
    const spreadSite = rt.site('app.ts', 2, 1, 'object-spread');
    const source = { items: [{ id: 1, tags: ['a'] }] };
    const copy = rt.structuredClone(deepSite, source);
    const item = copy.items[0]!;
    const again = rt.objectSpread(spreadSite, item) as typeof item;
    rt.set(item, 'id', 2, loc);
    expect(rt.accounting.counters.figuresOf(deepSite).materialized).toBe(1);
    expect(rt.accounting.counters.figuresOf(spreadSite).materialized).toBe(1);
    expect(again.id).toBe(1);
    const saved = rt.accounting.counters.figuresOf(deepSite).bytesSaved;
    const tags = shallowSize(item.tags);
    // The write made `items` and the top private too: the tags array below is still shared.
    rt.touch(item.tags, loc).push('b');
    expect(saved - rt.accounting.counters.figuresOf(deepSite).bytesSaved).toBe(tags);
  });

  it('a write to a source node charges each group of deep copies with its own path, after the program moved the node', () => {
    const { rt, loc } = setup();
    const site = rt.site('app.ts', 1, 1, 'structured-clone');
    const node = { v: 1 };
    const source: { a: { n?: { v: number } }; b: { n?: { v: number } } } = { a: { n: node }, b: {} };
    rt.structuredClone(site, source);
    rt.set(source.a, 'x', 1, loc);
    // A second group, made after the program moved the node from `a` to `b`.
    source.b.n = node;
    delete source.a.n;
    rt.structuredClone(site, source);
    const saved = rt.accounting.counters.figuresOf(site).bytesSaved;
    rt.set(node, 'v', 2, loc);
    const f = rt.accounting.counters.figuresOf(site);
    expect(f.materialized).toBe(2);
    // The first group had its image of `a` and the top already; the second needs the node, `b`, the top.
    expect(saved - f.bytesSaved).toBe(shallowSize(node) + (shallowSize(node) + shallowSize(source.b) + shallowSize(source)));
  });

  it('a copy plus a write ({ ...s, k: v }) materializes at once and saves nothing', () => {
    const { rt } = setup();
    const site = rt.site('app.ts', 4, 7, 'object-spread');
    const s = { a: 1 };
    const out = rt.writtenAtOnce(site, s, { ...s, b: 2 });
    expect(out).toEqual({ a: 1, b: 2 });
    const f = rt.accounting.counters.figuresOf(site);
    expect(f.materialized).toBe(1);
    expect(f.bytesSaved).toBe(0);
    expect(f.bytesCopied).toBeGreaterThan(0);
  });

  it('counts values sharing one structure at once', () => {
    const { rt } = setup();
    const site = rt.site('app.ts', 1, 1, 'object-spread');
    const config = { a: 1, b: 2 };
    const keep = Array.from({ length: 50 }, () => rt.objectSpread(site, config));
    expect(keep).toHaveLength(50);
    expect(rt.accounting.counters.figuresOf(site).sharedMax).toBeGreaterThanOrEqual(33);
  });

  it('batches only what changed to the sink', () => {
    const { rt } = setup();
    const batches: unknown[] = [];
    rt.connect((b) => batches.push(b), 60_000);
    const site = rt.site('app.ts', 1, 1, 'object-spread');
    rt.objectSpread(site, { a: 1 });
    rt.flush();
    rt.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ mode: 'observe', sites: [{ id: site, file: 'app.ts', kind: 'object-spread' }], figures: [{ site, executions: 1 }], final: false });
    rt.flush(true);
    expect(batches).toHaveLength(2);
  });
});

describe('observe mode predicts the copies cow mode makes eagerly', () => {
  /** The same program in both modes with the default threshold: the figures of its one site. */
  function bothModes(program: (rt: RuntimeHandle, site: number, at: number) => void, kind: CopyKind): Record<RunMode, SiteFigures> {
    const figures = {} as Record<RunMode, SiteFigures>;
    for (const mode of ['observe', 'cow'] as const) {
      const rt = createRuntime(mode);
      const site = rt.site('app.ts', 1, 1, kind);
      program(rt, site, rt.location('app.ts', 2, 1));
      figures[mode] = rt.accounting.counters.figuresOf(site);
    }
    return figures;
  }

  it('a shallow copy smaller than a view is eager in both modes: it saves nothing, and writes to either side materialize nothing', () => {
    const figures = bothModes((rt, site, at) => {
      const source = { a: 1, b: 2 };
      const copy = rt.objectSpread(site, source) as typeof source;
      rt.set(copy, 'a', 5, at);
      rt.set(source, 'b', 6, at);
    }, 'object-spread');
    expect(figures.observe).toMatchObject({ executions: 1, eager: 1, materialized: 0, bytesSaved: 0, copyPoints: [] });
    expect(figures.observe.bytesCopied).toBe(shallowSize({ a: 1, b: 2 }));
    expect(figures.cow).toEqual({ ...figures.observe, site: figures.cow.site });
  });

  it('a deep copy whose nodes are smaller than a view is eager in both modes, its strings counted as copied', () => {
    const figures = bothModes((rt, site, at) => {
      const source = { name: 'a name of some length', tags: ['x', 'y'] };
      const copy = rt.structuredClone(site, source);
      rt.set(copy.tags, 0, 'z', at);
    }, 'structured-clone');
    expect(figures.observe).toMatchObject({ executions: 1, eager: 1, materialized: 0, bytesSaved: 0, copyPoints: [] });
    expect(figures.cow).toEqual({ ...figures.observe, site: figures.cow.site });
  });

  it('a copy of a view’s size or more is shared in both modes, and a write materializes it in both', () => {
    const figures = bothModes((rt, site, at) => {
      const source: Record<string, number> = {};
      for (let i = 0; i < 80; i++) source[`k${String(i)}`] = i;
      const copy = rt.objectSpread(site, source) as typeof source;
      rt.set(copy, 'k1', -1, at);
    }, 'object-spread');
    expect(figures.observe).toMatchObject({ executions: 1, eager: 0, materialized: 1 });
    expect(figures.cow).toMatchObject({ executions: 1, eager: 0, materialized: 1 });
  });

  it('a small rest copy of a large object is shared in both modes: cow mode sizes the source its view shares', () => {
    const figures = bothModes((rt, site) => {
      const source: Record<string, number> = {};
      for (let i = 0; i < 80; i++) source[`k${String(i)}`] = i;
      rt.objectRest(site, source, Object.keys(source).slice(1));
    }, 'object-rest');
    expect(figures.observe).toMatchObject({ executions: 1, eager: 0, materialized: 0 });
    expect(figures.cow).toMatchObject({ executions: 1, eager: 0, materialized: 0 });
  });

  it('a copy of what no view stands for (a slice of part of an array) is eager in both modes', () => {
    const figures = bothModes((rt, site) => {
      rt.slice(site, Array.from({ length: 100 }, (_unused, i) => i), 1);
    }, 'array-slice');
    expect(figures.observe).toMatchObject({ executions: 1, eager: 1, materialized: 0, bytesSaved: 0 });
    expect(figures.cow).toEqual({ ...figures.observe, site: figures.cow.site });
  });

  // The scan's `[written at once]` sites: one word for them in the scan and in the report.
  it.each<[string, CopyKind, (rt: RuntimeHandle, site: number, big: Record<string, number>, list: number[]) => unknown]>([
    ['a.concat(b)', 'array-concat', (rt, site, _big, list) => rt.concat(site, list, [1])],
    ['Array.from(s, f)', 'array-from', (rt, site, _big, list) => rt.arrayFrom(site, list, (x: unknown) => x)],
    ['Object.assign({}, a, b)', 'object-assign', (rt, site, big) => rt.assign(site, {}, big, { k0: -1 })],
  ])('a copy built with writes (%s) is materialized where it is made in both modes, never eager', (_name, kind, copy) => {
    const figures = bothModes((rt, site) => {
      const big: Record<string, number> = {};
      for (let i = 0; i < 80; i++) big[`k${String(i)}`] = i;
      copy(rt, site, big, Array.from({ length: 100 }, (_unused, i) => i));
    }, kind);
    expect(figures.observe).toMatchObject({ executions: 1, eager: 0, materialized: 1, bytesSaved: 0, copyPoints: [expect.objectContaining({ count: 1 })] });
    expect(figures.cow).toEqual({ ...figures.observe, site: figures.cow.site });
  });
});
