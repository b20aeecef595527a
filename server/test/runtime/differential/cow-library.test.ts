/**
 * Differential property tests of the public copy-on-write API: `cow(value)`, writes through the
 * views (plain assignments, deletes and mutating methods: a view needs no instrumentation) and
 * chains of `snapshot()` must behave like `structuredClone` plus plain writes, for plain data.
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { cow, isCow, snapshot, toPlain } from '../../../src/runtime/index.js';
import { compareRuns, type Impl, type Op, plainCopy, plainImpl, programArbitrary, type Run, type RunOptions, runProgram } from './program.js';
import { FAMILY_TIMEOUT, runs, SEED } from './scale.js';
import { CLONEABLE_VALUES, type EnvSpec, envArbitrary, type ValueOptions } from './values.js';


const VARS = 4;
const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;

/** The meaning of the API: every `cow` and `snapshot` is a structuredClone. */
const reference: Impl = {
  ...plainImpl,
  name: 'reference',
  adopt: (v) => (isObject(v) ? structuredClone(v) : v),
  copy: (kind, src) => (isObject(src) ? plainCopy('structuredClone', src, [], [], undefined) : src),
};

let snapshots = 0;
let snapshotsOfViews = 0;
let writes = 0;
let writesToViews = 0;

/**
 * The API. `snapshot(x)` of a value that is not a view is `cow(x)`, which takes ownership of x
 * (the program must not write x directly afterwards, as with Immer's base state); the program
 * generator cannot know which values are views, so a snapshot of a plain value (one the program
 * stored into a view and read back) is taken as `cow(toPlain(x))`, which is what structuredClone
 * means without giving up x.
 */
const library: Impl = {
  ...plainImpl,
  name: 'cow',
  adopt: (v) => (isObject(v) ? cow(v) : v),
  copy: (_kind, src) => {
    if (!isObject(src)) return src;
    snapshots++;
    if (!isCow(src)) return cow(toPlain(src) as object);
    snapshotsOfViews++;
    return snapshot(src);
  },
};

/**
 * Runs the program with the API and with the reference. With `viewsOnly`, the program writes only
 * through views: a write whose target is a plain object (one the program stored into a view and
 * read back) is skipped in both runs, as the API decided.
 */
function differential(e: EnvSpec, ops: readonly Op[], viewsOnly: boolean, options: RunOptions): void {
  const decisions: boolean[] = [];
  const api: Impl = viewsOnly
    ? {
        ...library,
        mayWrite: (t) => {
          const ok = !isObject(t) || isCow(t);
          writes++;
          if (isObject(t) && ok) writesToViews++;
          decisions.push(ok);
          return ok;
        },
      }
    : library;
  const cowRun = runProgram(e, ops, api, VARS, options);
  let next = 0;
  const ref: Impl = viewsOnly ? { ...reference, mayWrite: () => decisions[next++] ?? true } : reference;
  const results: [string, Run][] = [
    ['reference', runProgram(e, ops, ref, VARS, options)],
    ['cow', cowRun],
  ];
  const report = compareRuns(e, results);
  if (report !== undefined) throw new Error(report);
}

const programsOf = (values: ValueOptions) => programArbitrary({ vars: VARS, copyKinds: ['snapshot'], values, maxOps: 12, weights: { copy: 4, fresh: 1, reshape: 0 } });
/** Plain data without objects inside Sets, which the next property covers on its own. */
const FLAT_SETS: ValueOptions = { ...CLONEABLE_VALUES, setObjects: false };

describe('differential: cow() and snapshot() behave like structuredClone with plain writes', () => {
  afterAll(() => {
    console.log(`cow library: ${String(snapshotsOfViews)} of ${String(snapshots)} snapshots were of views; ${String(writesToViews)} of ${String(writes)} writes (views-only property) went to views`);
  });

  it('writes through views only, and snapshot chains', () => {
    fc.assert(
      fc.property(envArbitrary(FLAT_SETS, 2), programsOf(FLAT_SETS), (e, ops) => { differential(e, ops, true, { setObjects: false }); }),
      { numRuns: runs(1000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('Sets holding objects (as values, and added through the view)', () => {
    fc.assert(
      fc.property(envArbitrary(CLONEABLE_VALUES, 2), programsOf(CLONEABLE_VALUES), (e, ops) => { differential(e, ops, true, {}); }),
      { numRuns: runs(400), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('core: writes through views only, no extra properties on arrays', () => {
    fc.assert(
      fc.property(envArbitrary(FLAT_SETS, 2), programsOf(FLAT_SETS), (e, ops) => { differential(e, ops, true, { setObjects: false, arrayProps: false }); }),
      { numRuns: runs(1000), ...SEED },
    );
  }, FAMILY_TIMEOUT);
});
