import { MessageChannel } from 'node:worker_threads';
import _ from 'lodash';
import { describe, expect, it } from 'vitest';
import { type CopyKind, createRuntime, type RunMode, type RuntimeHandle } from '../../src/runtime/index.js';

/**
 * Every copy kind in both modes: the copy equals what plain JavaScript makes, the site counts one
 * execution and the bytes, a write to the copy never reaches the source and counts the copy as
 * materialized at the write's location.
 */
type Writer = (rt: RuntimeHandle, copy: unknown, at: number) => void;

interface KindCase {
  readonly kind: CopyKind;
  readonly source: () => unknown;
  readonly copy: (rt: RuntimeHandle, site: number, source: unknown) => unknown;
  readonly plain: (source: unknown) => unknown;
  readonly write: Writer;
}

const objectOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_unused, i) => [`k${String(i)}`, { i }]));
const arrayOf = (n: number) => Array.from({ length: n }, (_unused, i) => ({ i }));
const setKey: Writer = (rt, copy, at) => rt.set(copy, 'k1', 'written', at);
const setIndex: Writer = (rt, copy, at) => rt.set(copy, 1, 'written', at);
/** lodash's own functions, as the instrumenter hands them over (cowlens stands only for these). */
// eslint-disable-next-line @typescript-eslint/unbound-method -- lodash's functions read no `this`; the instrumenter hands them over alone
const clone = _.clone as (v: unknown) => unknown;
const greeter = { greet: () => 'hi' };
// eslint-disable-next-line @typescript-eslint/unbound-method -- as `clone`
const cloneDeep = _.cloneDeep as (v: unknown) => unknown;

const cases: KindCase[] = [
  { kind: 'object-spread', source: () => objectOf(80), copy: (rt, s, v) => rt.objectSpread(s, v), plain: (v) => ({ ...(v as object) }), write: setKey },
  {
    kind: 'object-rest',
    source: () => objectOf(80),
    copy: (rt, s, v) => rt.objectRest(s, v, ['k0']),
    plain: (v) => {
      const { k0: _k0, ...rest } = v as Record<string, unknown>;
      return rest;
    },
    write: setKey,
  },
  { kind: 'array-spread', source: () => arrayOf(80), copy: (rt, s, v) => rt.arraySpread(s, v as unknown[]), plain: (v) => [...(v as unknown[])], write: setIndex },
  { kind: 'array-slice', source: () => arrayOf(80), copy: (rt, s, v) => rt.slice(s, v), plain: (v) => (v as unknown[]).slice(), write: setIndex },
  { kind: 'array-concat', source: () => arrayOf(80), copy: (rt, s, v) => rt.concat(s, v), plain: (v) => (v as unknown[]).concat(), write: setIndex },
  { kind: 'array-from', source: () => arrayOf(80), copy: (rt, s, v) => rt.arrayFrom(s, v), plain: (v) => Array.from(v as unknown[]), write: setIndex },
  { kind: 'object-assign', source: () => objectOf(80), copy: (rt, s, v) => rt.assign(s, {}, v), plain: (v) => Object.assign({}, v), write: setKey },
  {
    kind: 'object-assign-proto',
    source: () => objectOf(80),
    copy: (rt, s, v) => rt.assign(s, Object.create(greeter) as object, v),
    plain: (v) => Object.assign(Object.create(greeter) as object, v),
    write: setKey,
  },
  { kind: 'structured-clone', source: () => ({ list: arrayOf(80), when: new Date(5) }), copy: (rt, s, v) => rt.structuredClone(s, v), plain: (v) => structuredClone(v), write: (rt, c, at) => rt.set((c as { list: object[] }).list[3]!, 'i', -1, at) },
  { kind: 'json-roundtrip', source: () => ({ list: arrayOf(80) }), copy: (rt, s, v) => rt.jsonRoundTrip(s, v), plain: (v) => JSON.parse(JSON.stringify(v)) as unknown, write: (rt, c, at) => rt.set((c as { list: object[] }).list[3]!, 'i', -1, at) },
  {
    kind: 'map-copy',
    source: () => new Map(arrayOf(80).map((o) => [o.i, o])),
    copy: (rt, s, v) => rt.newMap(s, v as Map<unknown, unknown>),
    plain: (v) => new Map(v as Map<unknown, unknown>),
    write: (rt, c, at) => rt.touch(c as Map<unknown, unknown>, at).set(1, 'written'),
  },
  {
    kind: 'set-copy',
    source: () => new Set(Array.from({ length: 80 }, (_unused, i) => i)),
    copy: (rt, s, v) => rt.newSet(s, v as Set<unknown>),
    plain: (v) => new Set(v as Set<unknown>),
    write: (rt, c, at) => rt.touch(c as Set<unknown>, at).add('written'),
  },
  {
    kind: 'typed-array-copy',
    source: () => new Float64Array(200).fill(1.5),
    copy: (rt, s, v) => rt.typedArrayCopy(s, Float64Array, v as Float64Array),
    plain: (v) => new Float64Array(v as Float64Array),
    write: setIndex,
  },
  { kind: 'buffer-copy', source: () => Buffer.alloc(200, 7), copy: (rt, s, v) => rt.bufferCopy(s, v as Buffer), plain: (v) => Buffer.from(v as Buffer), write: setIndex },
  { kind: 'lodash-clone', source: () => objectOf(80), copy: (rt, s, v) => rt.lodashClone(s, clone, v), plain: clone, write: setKey },
  { kind: 'lodash-clone-deep', source: () => ({ list: arrayOf(80) }), copy: (rt, s, v) => rt.lodashCloneDeep(s, cloneDeep, v), plain: cloneDeep, write: (rt, c, at) => rt.set((c as { list: object[] }).list[3]!, 'i', -1, at) },
];

/** Cow mode copies these eagerly (native receivers need real typed arrays), and observe mode predicts so: private from the start. */
const EAGER: ReadonlySet<CopyKind> = new Set(['typed-array-copy', 'buffer-copy']);
/**
 * Deep copies whose views the comparison reads in full: cow mode turns each into a plain copy then
 * (turn-to-copy.ts), charging its bytes as not saved, so the write after it materializes nothing.
 */
const READ_IN_FULL: ReadonlySet<CopyKind> = new Set(['structured-clone', 'json-roundtrip', 'lodash-clone-deep']);

describe.each(['observe', 'cow'] as RunMode[])('every copy kind in %s mode', (mode) => {
  it.each(cases.map((c) => [c.kind, c] as const))('%s', (_kind, c) => {
    const rt = createRuntime(mode);
    const site = rt.site('app.ts', 3, 9, c.kind);
    const at = rt.location('app.ts', 4, 1);
    const source = c.source();
    const sourceBefore = cloneDeep(source);
    const copy = c.copy(rt, site, source);
    // Figures first: comparing the copy reads all of it, and a view pays for each node it shows.
    const made = rt.accounting.counters.figuresOf(site);
    expect(made.executions).toBe(1);
    expect(made.bytesCopied + made.bytesSaved).toBeGreaterThan(0);
    const expected = c.plain(source);
    expect(copy).toEqual(expected);
    expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(expected));
    c.write(rt, copy, at);
    expect(source).toEqual(sourceBefore);
    expect(copy).not.toEqual(expected);
    const written = rt.accounting.counters.figuresOf(site);
    if (EAGER.has(c.kind)) {
      // Eager, not materialized: no write made it private, so the write adds no copy point.
      expect(made).toMatchObject({ eager: 1, materialized: 0 });
      expect(written).toMatchObject({ eager: 1, materialized: 0, bytesSaved: 0, copyPoints: [] });
    } else if (mode === 'cow' && READ_IN_FULL.has(c.kind)) {
      expect(written).toMatchObject({ eager: 0, materialized: 0, copyPoints: [] });
      expect(written.bytesSaved).toBeLessThan(made.bytesSaved);
    } else {
      expect(written).toMatchObject({ eager: 0, materialized: 1 });
      expect(written.copyPoints.map((p) => p.location)).toContain(at);
    }
  });

  it('a typed array or Buffer made over an ArrayBuffer views its memory: no copy is counted', () => {
    const rt = createRuntime(mode);
    const typedSite = rt.site('app.ts', 10, 1, 'typed-array-copy');
    const bufferSite = rt.site('app.ts', 11, 1, 'buffer-copy');
    for (const memory of [new ArrayBuffer(64), new SharedArrayBuffer(64)]) {
      const typed = rt.typedArrayCopy(typedSite, Int32Array, memory as unknown as Int32Array);
      const buffer = rt.bufferCopy(bufferSite, memory as unknown as Buffer);
      expect(typed.buffer).toBe(memory);
      expect(buffer.buffer).toBe(memory);
    }
    for (const site of [typedSite, bufferSite]) expect(rt.accounting.counters.figuresOf(site)).toMatchObject({ executions: 0, eager: 0, bytesCopied: 0 });
  });

  it('post-message copies the message to the other side, views included', async () => {
    const rt = createRuntime(mode);
    const site = rt.site('app.ts', 5, 1, 'post-message');
    const message = { list: arrayOf(50) };
    const { port1, port2 } = new MessageChannel();
    const received = new Promise((resolve) => port2.once('message', resolve));
    rt.postMessage(site, port1, rt.structuredClone(rt.site('app.ts', 6, 1, 'structured-clone'), message));
    expect(await received).toEqual(message);
    port1.close();
    const f = rt.accounting.counters.figuresOf(site);
    expect(f.executions).toBe(1);
    expect(f.bytesCopied).toBeGreaterThan(50 * 24);
  });

  it('slice and concat of a value that is not an array read its method once, as the program does', () => {
    const rt = createRuntime(mode);
    let reads = 0;
    const sliceable = {
      get slice() {
        reads++;
        return () => 'sliced';
      },
      get concat() {
        reads++;
        return () => 'joined';
      },
    };
    expect(rt.slice(rt.site('app.ts', 8, 1, 'array-slice'), sliceable, 1)).toBe('sliced');
    expect(rt.concat(rt.site('app.ts', 9, 1, 'array-concat'), sliceable, [1])).toBe('joined');
    expect(reads).toBe(2);
  });

  it('a copy with writes ({ ...s, k: v }) materializes at once at its own location and saves nothing', () => {
    const rt = createRuntime(mode);
    const site = rt.site('app.ts', 7, 12, 'object-spread');
    const source = objectOf(10);
    const result = rt.writtenAtOnce(site, source, { ...source, extra: 1 });
    expect(result).toEqual({ ...source, extra: 1 });
    const f = rt.accounting.counters.figuresOf(site);
    expect(f).toMatchObject({ executions: 1, materialized: 1, eager: 0, bytesSaved: 0 });
    expect(f.copyPoints).toEqual([{ location: rt.location('app.ts', 7, 12), count: 1, bytes: 0 }]);
  });
});
