/**
 * Differential property tests of the runtime: random values and random programs over them, run
 * with plain JS semantics, with createRuntime('observe') and with createRuntime('cow') (as
 * instrumented code calls them); the three runs must observe the same thing after every step.
 *
 * The full properties generate everything the harness knows (symbols, functions, objects in
 * Sets, extra properties on arrays, freezing, accessors, prototypes); the core property leaves
 * those out, so that it keeps guarding the everyday paths while a full property fails on one of
 * them. A failure prints the shrunk program as code, and the first observation that differs.
 * COWLENS_DIFF_SCALE multiplies the number of runs; COWLENS_DIFF_SEED replays a seed.
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { createRuntime } from '../../../src/runtime/index.js';
import { COPY_KINDS, compareRuns, type CopyStats, type Op, plainImpl, type ProgramOptions, programArbitrary, type Run, type RunOptions, runProgram, runtimeImpl, statsLine } from './program.js';
import { FAMILY_TIMEOUT, runs, SEED } from './scale.js';
import { ANY_VALUES, CLONEABLE_VALUES, type EnvSpec, envArbitrary, JSON_VALUES, logTrapCall, type ValueOptions } from './values.js';


const VARS = 5;
const stats: CopyStats = {};

function differential(e: EnvSpec, ops: readonly Op[], options: RunOptions): void {
  const results: [string, Run][] = [
    ['plain', runProgram(e, ops, plainImpl, VARS, options)],
    ['observe', runProgram(e, ops, runtimeImpl(createRuntime('observe')), VARS, options)],
    ['cow', runProgram(e, ops, runtimeImpl(createRuntime('cow', { overlayMinLength: 16 }), stats), VARS, options)],
  ];
  const report = compareRuns(e, results);
  if (report !== undefined) throw new Error(report);
}

/** Any values; values structuredClone accepts; values that survive JSON (which deep copies share lazily). */
const fullEnv = fc.oneof(envArbitrary(ANY_VALUES, 3), envArbitrary(CLONEABLE_VALUES, 3), envArbitrary(JSON_VALUES, 3, 1));
const full: ProgramOptions = { vars: VARS, copyKinds: COPY_KINDS, values: ANY_VALUES, maxOps: 12 };

/** Plain data without symbols or functions, without objects in Sets, without extra array properties, and no reshaping. */
const CORE_VALUES: ValueOptions = { ...CLONEABLE_VALUES, setObjects: false };
const coreEnv = fc.oneof(envArbitrary(CORE_VALUES, 3), envArbitrary(JSON_VALUES, 3, 1));
const core: ProgramOptions = { vars: VARS, copyKinds: COPY_KINDS, values: CORE_VALUES, maxOps: 12, weights: { reshape: 0 } };
const CORE_RUN: RunOptions = { setObjects: false, arrayProps: false };

/** Values with the program's own Proxies (every mix of traps, some computing a value at each read) around containers. */
const PROXY_VALUES: ValueOptions = { ...ANY_VALUES, proxies: true };
const proxyEnv = fc.oneof(envArbitrary(PROXY_VALUES, 3), envArbitrary({ ...JSON_VALUES, proxies: true }, 3, 1));
const proxies: ProgramOptions = { ...full, values: PROXY_VALUES };
/** The same, with each Proxy's target also reachable other than through it: other containers may hold it, and copies of them share it. */
const SHARED_TARGETS: ValueOptions = { ...PROXY_VALUES, sharedProxyTargets: true };
const sharedTargetEnv = fc.oneof(envArbitrary(SHARED_TARGETS, 3), envArbitrary({ ...JSON_VALUES, proxies: true, sharedProxyTargets: true }, 3, 3));
const sharedTargets: ProgramOptions = { ...full, values: SHARED_TARGETS };

/**
 * Enumerable properties a program (or an old library) puts on Object.prototype and
 * Array.prototype before it copies: data, names the runtime's own option bags and descriptors
 * use, a getter that logs its reads, a setter on a key programs write; and on Array.prototype an
 * element index too, which holes show.
 */
const POLLUTION = {
  object: ['polluted', 'value', 'transfer', 'strings', 'counted', 'setter b'],
  array: ['extra', '3', 'counted'],
} as const;
type Pollution = { readonly object: readonly (typeof POLLUTION.object)[number][]; readonly array: readonly (typeof POLLUTION.array)[number][] };
const pollutionArb: fc.Arbitrary<Pollution> = fc.record({
  object: fc.subarray([...POLLUTION.object], { minLength: 1 }),
  array: fc.subarray([...POLLUTION.array]),
});

/** Runs `f` with the prototypes polluted as said, and takes everything off again afterwards. */
function polluted(pollution: Pollution, f: () => void): void {
  const added: [object, string][] = [];
  const add = (proto: object, name: string): void => {
    const key = name === 'setter b' ? 'b' : name;
    // Without a prototype: a descriptor would inherit the `value` added before it.
    const descriptor =
      name === 'counted'
        ? { __proto__: null, get: () => (logTrapCall(`prototype get ${key}`), 'inherited'), enumerable: true, configurable: true }
        : name === 'setter b'
          ? { __proto__: null, get: () => 'inherited b', set: () => {
                logTrapCall('prototype set b');
              }, enumerable: false, configurable: true }
          : { __proto__: null, value: `inherited ${key}`, writable: true, enumerable: true, configurable: true };
    Object.defineProperty(proto, key, descriptor as PropertyDescriptor);
    added.push([proto, key]);
  };
  try {
    for (const name of pollution.object) add(Object.prototype, name);
    for (const name of pollution.array) add(Array.prototype, name);
    f();
  } finally {
    for (const [proto, key] of added) Reflect.deleteProperty(proto, key);
    // An index made Array.prototype (an array) longer, which deleting it leaves: the families after
    // this one would find an index on a prototype still, and copy arrays eagerly.
    (Array.prototype as unknown[]).length = 0;
  }
}

describe('differential: plain JS, observe mode and cow mode run the same programs alike', () => {
  afterAll(() => {
    console.log(`cow copies that came back as views (views/copies): ${statsLine(stats)}`);
  });

  it('full generator, observed after every step', () => {
    fc.assert(
      fc.property(fullEnv, programArbitrary(full), (e, ops) => { differential(e, ops, {}); }),
      { numRuns: runs(3000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('full generator, observed only at the end, so that views are first read after the writes', () => {
    fc.assert(
      fc.property(fullEnv, programArbitrary(full), (e, ops) => { differential(e, ops, { observeEvery: false }); }),
      { numRuns: runs(2000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('the program’s own Proxies, every mix of traps, their calls logged after every step', () => {
    fc.assert(
      fc.property(proxyEnv, programArbitrary(proxies), (e, ops) => { differential(e, ops, {}); }),
      { numRuns: runs(1000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('the program’s own Proxies, observed only at the end', () => {
    fc.assert(
      fc.property(proxyEnv, programArbitrary(proxies), (e, ops) => { differential(e, ops, { observeEvery: false }); }),
      { numRuns: runs(600), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('the program’s own Proxies whose targets other containers also hold, written through the Proxy, observed after every step', () => {
    fc.assert(
      fc.property(sharedTargetEnv, programArbitrary(sharedTargets), (e, ops) => { differential(e, ops, {}); }),
      { numRuns: runs(1000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('enumerable properties on Object.prototype and Array.prototype, set before the program runs', () => {
    fc.assert(
      fc.property(fullEnv, programArbitrary(full), pollutionArb, (e, ops, pollution) => {
        polluted(pollution, () => { differential(e, ops, {}); });
      }),
      { numRuns: runs(1000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('core: plain data, observed after every step', () => {
    fc.assert(
      fc.property(coreEnv, programArbitrary(core), (e, ops) => { differential(e, ops, CORE_RUN); }),
      { numRuns: runs(2000), ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it('core: plain data, observed only at the end', () => {
    fc.assert(
      fc.property(coreEnv, programArbitrary(core), (e, ops) => { differential(e, ops, { ...CORE_RUN, observeEvery: false }); }),
      { numRuns: runs(1500), ...SEED },
    );
  }, FAMILY_TIMEOUT);
});
