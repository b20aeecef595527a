/**
 * The `require` a generated program gets: packages that stand in for real ones. `lodash` is the
 * real library (its clones are copy sites); `fakes` exports a look-alike of each built-in a
 * program may shadow (a copy through one of them is not a copy, and an instrumenter that treats
 * it as one changes what the program prints). Everything here is frozen, so that no program can
 * leave state behind for the next one.
 */
import { createRequire } from 'node:module';
import { hideViewsFromTypeChecks } from '../../../src/runtime/cow/hidden-proxies.js';
import { viewKindOf } from '../../../src/runtime/cow/node-view.js';

const nodeRequire = createRequire(import.meta.url);

/**
 * Each fake answers like the built-in it stands for in shape, but differently: an identity where
 * the built-in copies, so `copy === source` tells a real copy from a fake one at once.
 */
class FakeMap extends Map<unknown, unknown> {
  constructor(source?: Iterable<readonly [unknown, unknown]>) {
    super(source);
    this.set('fake', 'Map');
  }
}

class FakeSet extends Set<unknown> {
  constructor(source?: Iterable<unknown>) {
    super(source);
    this.add('fake Set');
  }
}

const fakeStructuredClone = (value: unknown): unknown => value;

const FakeJSON = Object.freeze({
  stringify: (value: unknown): unknown => value,
  parse: (text: unknown): unknown => text,
});

const FakeObject = Object.freeze({
  assign: (target: unknown, ...sources: unknown[]): unknown => sources[0] ?? target,
  keys: (o: object): string[] => Object.keys(o),
});

const FakeArray = Object.freeze({
  from: (source: unknown): unknown => source,
  isArray: (value: unknown): boolean => Array.isArray(value),
});

const fakeLodash = Object.freeze({
  clone: (value: unknown): unknown => value,
  cloneDeep: (value: unknown): unknown => ({ fake: 'cloneDeep', value }),
});

/** What a program that binds `globalThis` itself gets: its own copies are fakes too. */
const fakeGlobal = Object.freeze({
  structuredClone: fakeStructuredClone,
  JSON: FakeJSON,
  Object: FakeObject,
  Array: FakeArray,
  Map: FakeMap,
  Set: FakeSet,
});

const FakeSymbol = Object.freeze({ for: (key: string): string => `fake symbol ${key}`, iterator: Symbol.iterator });

class FakeError extends Error {
  override get name(): string {
    return 'FakeError';
  }
}

const FAKES = Object.freeze({
  Map: FakeMap,
  Set: FakeSet,
  JSON: FakeJSON,
  Object: FakeObject,
  Array: FakeArray,
  structuredClone: fakeStructuredClone,
  globalThis: fakeGlobal,
  _: fakeLodash,
  clone: fakeLodash.clone,
  cloneDeep: fakeLodash.cloneDeep,
  Symbol: FakeSymbol,
  Error: FakeError,
});

for (const value of [FakeMap, FakeSet, FakeMap.prototype, FakeSet.prototype, FakeError, FakeError.prototype, fakeStructuredClone]) Object.freeze(value);

// lodash keeps the type checks it finds when it loads (its isMap and isSet): under cowlens's preload
// they already know views (cow/hidden-proxies.ts), so they must here too.
hideViewsFromTypeChecks(viewKindOf);
const lodash = nodeRequire('lodash') as object;

const MODULES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['lodash', lodash],
  ['lodash/clone', nodeRequire('lodash/clone')],
  ['lodash/cloneDeep', nodeRequire('lodash/cloneDeep')],
  ['fakes', FAKES],
  ['fakes/lodash', fakeLodash],
  ['fakes/json', FakeJSON],
]);

export function fakeRequire(name: string): unknown {
  if (!MODULES.has(name)) throw new Error(`Cannot find module '${name}'`);
  return MODULES.get(name);
}
