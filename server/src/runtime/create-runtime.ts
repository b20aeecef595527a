import type { CowlensRuntime, RunMode, StructuredCloneOptions } from './api.js';
import type { CopyKind } from './copy-kinds.js';
import { adoptDeep, DeepRules } from './cow/adopt.js';
import { NodeKind } from './cow/node-kind.js';
import { deepView, type LazyCopy, MIN_SHARED_BYTES, shallowView } from './cow/lazy-copy.js';
import { UNSEEN_WRITE_MESSAGE } from './cow/hazards.js';
import { handlerOf, isView, OVERLAY_MIN_LENGTH } from './cow/node-view.js';
import type { TopShape } from './cow/root.js';
import { beforeWrite, type Domain, noteArrayKey, unchangedSinceSeen, type Versions, versionsOf } from './cow/versions.js';
import { childObjects } from './child-objects.js';
import { Accounting } from './figures/accounting.js';
import { Registry } from './figures/registry.js';
import { BatchFlusher, type Sink } from './figures/sink.js';
import type { LocationId, SiteId } from './figures/types.js';
import { isObject } from './is-object.js';
import { isProxy } from './is-proxy.js';
import { isLodashCopier } from './lodash-functions.js';
import { defineData } from './define-data.js';
import { inheritedDescriptor } from './inherited-descriptor.js';
import { Observer } from './observe/observer.js';
import { ObservedLendings } from './observe/lendings.js';
import { copySize, deepSize, shallowSize, shallowSizeBound } from './size/index.js';
import { cloneNatively } from './unwrap.js';
import { types } from 'node:util';
import { cloneErrorAsWritten } from './clone-error-source.js';
import { raisedFor, withoutOwnFrames } from './own-frames.js';
import { replacements } from './replaced-globals.js';
import { createBuiltinWriters } from './builtin-writers.js';
import { viewMethodFor } from './cow/collection-view.js';
import { crossing } from './cow/crossings.js';
import { called, calledOn, iterated, notIterableByValue } from './call-guards.js';
import { callChangesNothing, deleteChangesNothing } from './unchanging-writes.js';
import { isLent, markLent } from './cow/lent.js';
import { Lendings } from './cow/lendings.js';
import { HeldWrites } from './held-writes.js';
import { withBindings, withObject } from './with-bindings.js';
import { builtinArray, collectionMethodsIntact, OwnSet, propertyIsEnumerable } from './captured-intrinsics.js';
import { Object, Reflect, JSON, Array } from './captured-namespaces.js';

export interface RuntimeHandle extends CowlensRuntime {
  readonly registry: Registry;
  readonly accounting: Accounting;
  /** Sends batches of figures to `sink` every `intervalMs`, and once more at exit. */
  connect(sink: Sink, intervalMs?: number): void;
  flush(final?: boolean): void;
}

const nativeStructuredClone = globalThis.structuredClone as <T>(value: T, options?: StructuredCloneOptions) => T;

type Strategy = Pick<
  CowlensRuntime,
  'objectSpread' | 'objectRest' | 'arraySpread' | 'slice' | 'concat' | 'arrayFrom' | 'assign' | 'structuredClone' | 'jsonRoundTrip' | 'newMap' | 'newSet' | 'lodashClone' | 'lodashCloneDeep'
>;

export interface RuntimeOptions {
  /**
   * Cow mode copies a value eagerly when its copy is smaller than this, since a view costs
   * about 240 bytes; the default is twice that. Tests set 0 to make every copy they can a view.
   */
  readonly minSharedBytes?: number;
  /** Views of arrays this long or longer write elements into an overlay, not a whole copy; tests lower it to fuzz overlays. */
  readonly overlayMinLength?: number;
}

export function createRuntime(mode: RunMode, options: RuntimeOptions = {}): RuntimeHandle {
  const registry = new Registry();
  const accounting = new Accounting(options.minSharedBytes ?? MIN_SHARED_BYTES, options.overlayMinLength ?? OVERLAY_MIN_LENGTH);
  const { counters } = accounting;
  const heldWrites = new HeldWrites((target, location) => runtime.touch(target, location));
  /** The head of the optional chain cut last (see `chainStops`), until `chainHead` takes it. */
  let chainHead: unknown;
  // A held write is held only while its value runs: any still held between jobs had a value that threw.
  const flusher = new BatchFlusher(mode, registry, counters, () => {
    heldWrites.forget();
    settleLendings();
  });
  const observer = new Observer(counters);
  const observedLendings = new ObservedLendings(observer);
  const settleLendings = (): void => {
    if (mode === 'cow') lendings.settleAll();
    else observedLendings.settleAll();
  };
  /** The location of each site's own expression: where a copy made with writes materializes. */
  const siteLocations: number[] = [];
  const siteLocation = (site: SiteId): LocationId => {
    let at = siteLocations[site];
    if (at === undefined) {
      const info = registry.siteInfo(site);
      siteLocations[site] = at = info ? registry.location(info.file, info.line, info.column) : 0;
    }
    return at;
  };

  /**
   * Observe mode: the copy exists; record it and watch both sides, unless cow mode would have made
   * it eagerly: then it is predicted eager, saving nothing, and no write to either side concerns it.
   * `sharedBytes` is what cow mode sizes against the threshold when it is not the copy itself.
   */
  const observed = <T>(site: SiteId, source: unknown, copy: T, deep: boolean, sharedBytes?: (source: object) => number): T => {
    if (!isObject(copy)) {
      counters.copied(site, 0, 0);
      return copy;
    }
    const min = accounting.minSharedBytes;
    // The copy of a Proxy is what its traps gave: cow mode makes it eagerly, as it does a copy of no object.
    const unshared = !isObject(source) || isProxy(source);
    if (deep) {
      // Cow mode sizes a deep copy's nodes without their strings against the threshold (see adoptDeep).
      if (unshared || deepSize(copy, { strings: false, upTo: min }) < min) return eagerRecord(site, copy, true);
      const bytes = observer.deep(site, source, copy);
      counters.copied(site, bytes, bytes);
      return copy;
    }
    const bytes = copySize(copy);
    if (unshared || (bytes < min && (sharedBytes === undefined || sharedBytes(source) < min))) {
      counters.copiedEagerly(site, bytes);
      return copy;
    }
    observer.shallow(site, source, copy, bytes);
    counters.copied(site, bytes, bytes);
    return copy;
  };

  /** Cow mode: a view when one stands for the copy faithfully, else the eager copy, recorded as such. */
  const lazyOr = <T>(site: SiteId, lazy: LazyCopy | undefined, eager: () => T, deep: boolean): T => {
    if (lazy) {
      counters.copied(site, 0, lazy.eagerBytes);
      const { domain, root } = lazy;
      const sharing = (domain.sharing.get(site) ?? 0) + 1;
      domain.sharing.set(site, sharing);
      counters.sharedAtOnce(site, sharing + 1);
      root.sharedDomain = domain;
      root.sharedImages = domain.imagesCounted;
      return lazy.view as T;
    }
    return eagerRecord(site, eager(), deep);
  };

  /**
   * What a native array method should run on: a shallow array view's own elements when it reads
   * them plainly (a slice of a 100-item view is then one native slice, not 200 trap calls), else
   * the value itself.
   */
  const elementsOf = (value: unknown): unknown => handlerOf(value)?.plainElements() ?? value;

  const fullArrayCopyArgs = (array: unknown[], args: unknown[]): boolean =>
    args.length === 0 || (args.length <= 2 && (args[0] === undefined || args[0] === 0) && (args[1] === undefined || (typeof args[1] === 'number' && args[1] >= array.length)));

  const observe: Strategy = {
    objectSpread: (site, source) => observed(site, source, { ...(source as object) }, false),
    // Cow mode's view of a rest copy shares its source whole, hiding the keys taken: it sizes the source.
    objectRest: (site, source, excluded) => observed(site, source, restOf(source, excluded), false, shallowSize),
    arraySpread: (site, source) => {
      const iterate = iteratorOf(site, source);
      const copy = spreadWith(source, iterate);
      // Cow mode shares only a plain array read through the array iterator (a Set's or a generator's spread is copied).
      return iterate === arrayValues && isPlainArray(source) ? observed(site, source, copy, false) : eagerRecord(site, copy);
    },
    slice: (site, target, ...args) => {
      const result = Reflect.apply<unknown, unknown[], unknown>(methodOf(site, target, 'slice'), target, args);
      if (!Array.isArray(target)) return result;
      // A Proxy's length is not read again: its trap would run once more than the program runs it.
      return !isProxy(target) && fullArrayCopyArgs(target, args) ? observed(site, target, result, false) : eagerRecord(site, result);
    },
    concat: (site, target, ...args) => {
      const result = Reflect.apply<unknown, unknown[], unknown>(methodOf(site, target, 'concat'), target, args);
      if (!Array.isArray(target)) return result;
      return args.length === 0 ? observed(site, target, result, false) : writtenRecord(site, result);
    },
    arrayFrom: (site, source, mapFn, thisArg) => {
      // Any `mapFn` but undefined is the built-in's to check (`null is not a function`).
      const result = mapFn !== undefined ? Array.from(source as ArrayLike<unknown>, mapFn, thisArg) : Array.from(source as ArrayLike<unknown>);
      if (mapFn !== undefined) return writtenRecord(site, result);
      return Array.isArray(source) ? observed(site, source, result, false) : eagerRecord(site, result);
    },
    assign: (site, target, ...sources) =>
      // One source is the case that matters (`Object.assign({}, s)`): spared the spread call.
      sources.length === 1 ? observed(site, sources[0], Object.assign(target, sources[0]), false) : writtenRecord(site, assignEach(target, sources)),
    structuredClone: (site, value, options) => {
      const copy = cloneNatively(value, (cloneable) => nativeStructuredClone(cloneable as typeof value, options));
      // Cow mode leaves a call with options to the built-in: the copy is eager.
      return options !== undefined ? eagerRecord(site, copy, true) : observed(site, value, copy, true);
    },
    jsonRoundTrip: (site, value) => observed(site, value, JSON.parse(JSON.stringify(value)) as unknown, true),
    // By internal slot: `instanceof` would ask a Proxy's getPrototypeOf trap.
    newMap: (site, source) => {
      const result = new Map(source);
      return types.isMap(source) ? observed(site, source, result, false) : eagerRecord(site, result);
    },
    newSet: (site, source) => {
      const result = new Set(source);
      return types.isSet(source) ? observed(site, source, result, false) : eagerRecord(site, result);
    },
    // Cow mode shares only lodash's own copiers: another function of the name makes its copy eagerly.
    lodashClone: (site, fn, value) => (isLodashCopier(fn, 'clone') ? observed(site, value, fn(value), false) : eagerRecord(site, fn(value))),
    lodashCloneDeep: (site, fn, value) => (isLodashCopier(fn, 'cloneDeep') ? observed(site, value, fn(value), true) : eagerRecord(site, fn(value), true)),
  };

  /** A value code cowlens cannot see may write (see cow/lent.ts): a view made of it could show such a write. */
  const mayBeKept = (source: object): boolean => {
    if (isLent(source)) return true;
    const domain = versionsOf(source)?.domain.root();
    return domain !== undefined && (domain.lent || domain.onLoan > 0);
  };

  const shallow = (site: SiteId, source: unknown, want: NodeKind, eager: () => object, top: TopShape = {}): object =>
    lazyOr(site, isObject(source) && !mayBeKept(source) ? shallowView(accounting, site, source, want, top) : undefined, eager, false);
  // A structured clone's Maps and Sets are views, which run no replacement the program made of their methods (JSON has none).
  const deep = <T>(site: SiteId, source: unknown, rules: DeepRules, eager: () => T): T =>
    lazyOr(site, isObject(source) && !mayBeKept(source) && (rules === DeepRules.Json || collectionMethodsIntact()) ? deepView(accounting, site, source, rules) : undefined, eager, true);

  const cow: Strategy = {
    objectSpread: (site, source) => shallow(site, source, NodeKind.Object, () => ({ ...(source as object) })),
    objectRest: (site, source, excluded) =>
      shallow(site, source, NodeKind.Object, () => restOf(source, excluded), excluded.length > 0 ? { hidden: new OwnSet(builtinArray.map(excluded, propertyKey)) } : {}),
    // A Proxy the program made is copied as written, reading it as the program does: never a view.
    arraySpread: (site, source) =>
      isPlainArray(source) && usesArrayIterator(source)
        ? (shallow(site, source, NodeKind.Array, () => [...source], { holesAsUndefined: true }) as unknown[])
        : eagerRecord<unknown[]>(site, spreadOf(site, source)),
    slice: (site, target, ...args) => {
      // The method is read once, as the program reads it.
      const method = methodOf(site, target, 'slice');
      const native = isPlainArray(target) && method === arraySlice;
      const copy = (t: unknown): unknown => Reflect.apply<unknown, unknown[], unknown>(method, native ? elementsOf(t) : t, args);
      return native && fullArrayCopyArgs(target, args) ? shallow(site, target, NodeKind.Array, () => copy(target) as object) : observeOnly(site, target, copy);
    },
    concat: (site, target, ...args) => {
      const method = methodOf(site, target, 'concat');
      const native = isPlainArray(target) && method === arrayConcat;
      const copy = (t: unknown): unknown => Reflect.apply<unknown, unknown[], unknown>(method, native ? elementsOf(t) : t, args);
      if (native && args.length === 0) return shallow(site, target, NodeKind.Array, () => copy(target) as object);
      const result = copy(target);
      if (!Array.isArray(target)) return result;
      return args.length > 0 ? writtenRecord(site, result) : eagerRecord(site, result);
    },
    arrayFrom: (site, source, mapFn, thisArg) => {
      if (mapFn !== undefined) return writtenRecord(site, Array.from(source as ArrayLike<unknown>, mapFn, thisArg));
      if (!isPlainArray(source) || !usesArrayIterator(source)) return eagerRecord(site, Array.from(source as ArrayLike<unknown>));
      return shallow(site, source, NodeKind.Array, () => Array.from(source), { holesAsUndefined: true }) as unknown[];
    },
    assign: (site, target, ...sources) => {
      const source = sources[0];
      if (sources.length !== 1) return writtenRecord(site, assignEach(target, sources));
      const proto: object | null = Object.getPrototypeOf(target) as object | null;
      const eager = (): object => Object.assign(target, source);
      // A source surely smaller than a view is copied eagerly before its keys are looked up the chain.
      if (!isObject(source) || isProgramProxy(source) || (!isView(source) && shallowSizeBound(source) < accounting.minSharedBytes) || !assignDefinesAll(proto, source)) {
        return lazyOr(site, undefined, eager, false);
      }
      return shallow(site, source, NodeKind.Object, eager, proto === Object.prototype ? {} : { proto });
    },
    // Options are the built-in's to read and check, once: a call with any is made as written.
    structuredClone: (site, value, options) =>
      options !== undefined
        ? lazyOr(site, undefined, () => cloneNatively(value, (cloneable) => nativeStructuredClone(cloneable as typeof value, options)), true)
        : deep(site, value, DeepRules.Structured, () => cloneNatively(value, (cloneable) => nativeStructuredClone(cloneable as typeof value))),
    jsonRoundTrip: (site, value) => deep(site, value, DeepRules.Json, () => JSON.parse(JSON.stringify(value)) as unknown),
    newMap: (site, source) =>
      types.isMap(source) && Object.getPrototypeOf(source) === Map.prototype && collectionMethodsIntact()
        ? (shallow(site, source, NodeKind.Map, () => new Map(source)) as Map<unknown, unknown>)
        : eagerRecord(site, new Map(source)),
    newSet: (site, source) =>
      types.isSet(source) && Object.getPrototypeOf(source) === Set.prototype && collectionMethodsIntact()
        ? (shallow(site, source, NodeKind.Set, () => new Set(source)) as Set<unknown>)
        : eagerRecord(site, new Set(source)),
    // A function that is not lodash's own (another library's `_`, a mock) runs as written: no view stands for what it does.
    lodashClone: (site, fn, value) => {
      if (!isLodashCopier(fn, 'clone')) return lazyOr(site, undefined, () => fn(value), false);
      return isObject(value) && !isView(value) ? shallow(site, value, Array.isArray(value) ? NodeKind.Array : NodeKind.Object, () => fn(value) as object) : observeOnly(site, value, fn);
    },
    // lodash turns holes into undefined and keeps prototypes: only JSON-like data is the same as a view.
    lodashCloneDeep: (site, fn, value) => (isLodashCopier(fn, 'cloneDeep') ? deep(site, value, DeepRules.Json, () => fn(value)) : lazyOr(site, undefined, () => fn(value), true)),
  };

  /** A copy the program makes as written, with writes: it materializes at once, where it is made. */
  function madeAsWritten<T>(site: SiteId, result: T, bytes: number): T {
    counters.copied(site, bytes, 0);
    counters.materialized(site, siteLocation(site), 0, true, true);
    return result;
  }

  /**
   * A copy made together with writes, as the scan tags it written at once (`a.concat(b)`,
   * `Array.from(s, f)`, `Object.assign({}, a, b)`, and the literals of `writtenAtOnce`): written
   * where it is made, in both modes.
   */
  function writtenRecord<T>(site: SiteId, result: T): T {
    return madeAsWritten(site, result, isObject(result) ? copySize(result) : 0);
  }

  /**
   * A copy of something no view can stand for, or too small to share: cow mode makes it eagerly,
   * and observe mode predicts so. A deep copy allocates its strings anew.
   */
  function eagerRecord<T>(site: SiteId, result: T, deep = false): T {
    counters.copiedEagerly(site, !isObject(result) ? 0 : deep ? deepSize(result, { strings: true }) : copySize(result));
    return result;
  }

  function observeOnly<T>(site: SiteId, target: T, op: (t: T) => unknown): unknown {
    const result = op(target);
    if (Array.isArray(target)) eagerRecord(site, result);
    return result;
  }

  const strategy = mode === 'cow' ? cow : observe;

  /**
   * Per site, the message V8 gives when the copy fails for the operand's type (`x is not
   * iterable`), rendered from the site's own text by the instrumenter.
   */
  const failures: string[] = [];
  const failure = (site: SiteId, fallback: string): TypeError => raisedFor(new TypeError(failures[site] ?? fallback));

  /** `[...source]`: the iterator method is read once, as the language reads it. */
  function spreadOf(site: SiteId, source: unknown): unknown[] {
    return spreadWith(source, iteratorOf(site, source));
  }

  /** `source[Symbol.iterator]`, read once, as a spread reads it, failing with V8's words for the site. */
  function iteratorOf(site: SiteId, source: unknown): (...args: unknown[]) => unknown {
    if (source === null || source === undefined) throw failure(site, notIterableByValue(source));
    const iterate = (source as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof iterate !== 'function') throw failure(site, notIterableByValue(source));
    return iterate as (...args: unknown[]) => unknown;
  }

  function spreadWith(source: unknown, iterate: (...args: unknown[]) => unknown): unknown[] {
    // An array's own iterator read again from its prototype runs no code, unless a Proxy reads it.
    if (iterate === arrayValues && Array.isArray(source) && !isProxy(source)) return [...(source as unknown[])];
    return [...{ [Symbol.iterator]: () => Reflect.apply(iterate, source, []) as Iterator<unknown> }];
  }

  /** `target[name]`, read once, as a call reads it, failing with V8's words for the site. */
  function methodOf(site: SiteId, target: unknown, name: string): (...args: unknown[]) => unknown {
    if (target === null || target === undefined) throw raisedFor(new TypeError(`Cannot read properties of ${String(target)} (reading '${name}')`));
    const method = (target as Record<string, unknown>)[name];
    if (typeof method !== 'function') throw failure(site, `${name} is not a function`);
    return method as (...args: unknown[]) => unknown;
  }

  /** Per site, the built-in an alias called there last held, and the copy method that stands for it. */
  const viaMethods: { readonly fn: unknown; readonly call: (...args: unknown[]) => unknown }[] = [];
  const copyMethodOf = (site: SiteId, fn: unknown): ((...args: unknown[]) => unknown) | undefined => {
    const known = viaMethods[site];
    if (known !== undefined && known.fn === fn) return known.call;
    const method = fn === Object.assign ? 'assign' : fn === nativeStructuredClone ? 'structuredClone' : fn === Array.from ? 'arrayFrom' : undefined;
    if (method === undefined) return undefined;
    const call = (...args: unknown[]): unknown => (runtime[method] as (site: SiteId, ...rest: unknown[]) => unknown)(site, ...args);
    viaMethods[site] = { fn, call };
    return call;
  };

  const beforeWriteTo = (target: unknown, location: LocationId): void => {
    if (!isObject(target)) return;
    if (mode === 'observe') {
      observer.written(target, location);
      return;
    }
    const versions = versionsOf(target);
    if (versions === undefined) {
      // Through a Proxy the program did not make in instrumented code (a package's), V8 writes a
      // target no barrier sees: the views that share it check their digests at their next read.
      if (isProgramProxy(target)) crossing();
      return;
    }
    versions.domain.root().writes++;
    // First: a change a package call made to what it was lent is no hazard.
    lendings.writing(target, versions, location);
    if (!unchangedSinceSeen(target, versions)) counters.hazard(versions.domain.root().site, 'uninstrumented-write', UNSEEN_WRITE_MESSAGE);
    const bytes = beforeWrite(target, versions);
    if (bytes !== undefined) countImage(versions.domain.root(), location, bytes);
  };

  /** An image of `bytes` was taken in `domain` for a write at `location`: the copies sharing the domain are materialized. */
  const countImage = (domain: Domain, location: LocationId, bytes: number): void => {
    if (domain.sharing.size === 0) counters.materialized(domain.site, location, bytes, false, true);
    for (const [site, views] of domain.sharing) {
      counters.materializedMany(site, location, bytes, views, true);
      bytes = 0;
    }
    domain.sharing.clear();
  };
  const lendings = new Lendings(countImage);

  /**
   * Images of every shared node `value` reaches, for the copies sharing them, as if code that
   * cowlens cannot see were about to write them all: taken for a package call `checked` on its
   * return (see cow/lendings.ts), else (a Proxy's target) counted at once, the value lent for good.
   * Nothing is walked when nothing is shared; a deep graph is walked once per time it is shared,
   * however often it is lent.
   */
  const lendShared = (value: object, location: LocationId, checked: boolean): void => {
    const versions = versionsOf(value);
    if (!versions) return;
    const domain = versions.domain.root();
    if (!versions.deep) {
      if (!checked) {
        beforeWriteTo(value, location);
        return;
      }
      if (versions.imagedAt < domain.sharedAt) lendings.settleDomain(domain);
      lendings.holdDomain(location, domain);
      imageForLending(value, versions, location, domain.lentAt);
      return;
    }
    const walks = domain.lentAt < domain.sharedAt;
    if (checked) {
      if (walks) lendings.settleDomain(domain);
      lendings.holdDomain(location, domain);
    } else domain.lent = true;
    if (!walks) return;
    const lentAtBefore = domain.lentAt;
    domain.lentAt = domain.sharedAt;
    const seen = new OwnSet<object>();
    const stack: object[] = [value];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const nodeVersions = versionsOf(node);
      if (seen.has(node) || nodeVersions?.domain.root() !== domain) continue;
      seen.add(node);
      if (checked) imageForLending(node, nodeVersions, location, lentAtBefore);
      else beforeWriteTo(node, location);
      // By index: the program may have replaced the array iterator and `push`.
      const children = childObjects(node);
      for (let i = 0; i < children.length; i++) builtinArray.push(stack, children[i]!);
    }
  };

  /** A provisional image of a shared node for a package call, after the check every write makes for one cowlens did not see. */
  const imageForLending = (node: object, versions: Versions, location: LocationId, lentAtBefore: number): void => {
    if (!unchangedSinceSeen(node, versions)) counters.hazard(versions.domain.root().site, 'uninstrumented-write', UNSEEN_WRITE_MESSAGE);
    lendings.image(node, versions, location, lentAtBefore);
  };

  const adoptWritten = (target: unknown, value: unknown): void => {
    if (mode !== 'cow' || !isObject(target) || !isObject(value)) return;
    const versions = versionsOf(target);
    if (versions?.deep === true && !adoptDeep(value, DeepRules.Structured, versions.domain)) versions.domain.root().holdsUnversioned = true;
  };

  /**
   * Whether a write into `target` concerns a copy (observe: the observer saw it copied or made by a
   * copy; cow: views share it): only then is the question whether it changes anything worth its
   * cost. A view answers it itself, in its traps and methods.
   */
  const watched = (target: unknown): target is object => isObject(target) && (mode === 'observe' ? observer.watches(target) : versionsOf(target) !== undefined);

  const builtinWriter = createBuiltinWriters((target, location) => runtime.touch(target, location), viewMethodFor);

  const runtime: RuntimeHandle = {
    mode,
    registry,
    accounting,
    site: (file, line, column, kind: CopyKind) => registry.site(file, line, column, kind),
    location: (file, line, column) => registry.location(file, line, column),
    sites: (file, flat, messages) => {
      const ids: SiteId[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3) {
        const id = registry.site(file, flat[i] as number, flat[i + 1] as number, flat[i + 2] as CopyKind);
        const message = messages?.[i / 3];
        if (typeof message === 'string') failures[id] = message;
        builtinArray.push(ids, id);
      }
      return ids;
    },
    restSource: (site, value) => {
      if (value !== null && value !== undefined) return value;
      const template = failures[site] ?? "Cannot destructure '%s' as it is %s.";
      throw raisedFor(new TypeError(template.replace(/%s/g, String(value))));
    },
    locations: (file, flat) => {
      const ids: LocationId[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) builtinArray.push(ids, registry.location(file, flat[i]!, flat[i + 1]!));
      return ids;
    },
    ...strategy,
    typedArrayCopy: (site, ctor, source) => {
      // `new Uint8Array(n)` allocates and `new Uint8Array(arrayBuffer)` views that memory: only an
      // array-like or iterable source is copied.
      if (!isObject(source) || types.isAnyArrayBuffer(source)) return new ctor(source);
      // Native receivers need real typed arrays: cow mode copies eagerly, and observe mode predicts so.
      return eagerRecord(site, new ctor(source));
    },
    bufferCopy: (site, source) => {
      // `Buffer.from(text)` encodes a string and `Buffer.from(arrayBuffer)` views that memory: only a
      // buffer or array source is copied.
      if (!isObject(source) || types.isAnyArrayBuffer(source)) return Buffer.from(source);
      return eagerRecord(site, Buffer.from(source));
    },
    postMessage: (site, port, message, transfer) => {
      const post = methodOf(site, port, 'postMessage');
      const cloneable = cloneNatively(message, (image) => {
        Reflect.apply(post, port, [image, transfer]);
        return image;
      });
      // Sized once posted: a message the platform refused (it holds a Proxy, say) is read no further.
      counters.copiedEagerly(site, deepSize(cloneable, { strings: true, dataOnly: true }));
    },
    writtenAtOnce: (site, _source, result) => madeAsWritten(site, result, isObject(result) ? copySize(result) : 0),
    // Sized through descriptors, so that none of the literal's getters runs.
    writtenAtOnceWithAccessors: (site, _source, result) => madeAsWritten(site, result, isObject(result) ? shallowSize(result) : 0),
    set: (target, key, value, location) => {
      accounting.location = location;
      try {
        beforeWriteTo(target, location);
        adoptWritten(target, value);
        if (Array.isArray(target)) noteArrayKey(target, key);
        (target as Record<PropertyKey, unknown>)[key] = value;
        return value;
      } finally {
        accounting.location = 0;
      }
    },
    del: (target, key, location) => {
      accounting.location = location;
      try {
        beforeWriteTo(target, location);
        if (target === null || target === undefined) throw new TypeError(`Cannot convert undefined or null to object`);
        // The language's own strict delete: a failure is V8's TypeError, in V8's words for the target, and a Proxy's trap runs once.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the program's own `delete target[key]`
        return delete (Object(target) as Record<PropertyKey, unknown>)[key];
      } finally {
        accounting.location = 0;
      }
    },
    touch: (target, location) => {
      beforeWriteTo(target, location);
      if (mode === 'cow' && isObject(target)) {
        const versions = versionsOf(target);
        if (versions?.deep === true) versions.domain.root().touched.push(target);
      }
      accounting.location = handlerOf(target) ? location : 0;
      return target;
    },
    wrote: (value, target, location) => {
      runtime.touch(target, location);
      return value;
    },
    hold: (target, location) => {
      heldWrites.hold(target, location);
      return target;
    },
    release: (value, location, settles) => {
      heldWrites.release(location, settles === 1);
      return value;
    },
    settle: (result, location) => {
      heldWrites.settle(location);
      return result;
    },
    carry: (target) => target,
    chainStops: (head) => {
      chainHead = head;
      return head === null || head === undefined;
    },
    chainHead: () => {
      const head = chainHead;
      chainHead = undefined;
      return head;
    },
    wroteCall: (value, target, location, method, ...earlier) => {
      const changesNothing = watched(target) && (earlier.length === 0 ? callChangesNothing(target, method, value, undefined) : callChangesNothing(target, method, earlier[0], value));
      if (!changesNothing) runtime.touch(target, location);
      return value;
    },
    touchCall: (target, location, method, ...args) => (watched(target) && callChangesNothing(target, method, args[0], args[1]) ? target : runtime.touch(target, location)),
    touchDelete: (target, location, key) => (watched(target) && deleteChangesNothing(target, key) ? target : runtime.touch(target, location)),
    writer: (fn, location) => builtinWriter(fn, location) as typeof fn,
    called,
    calledOn,
    iterated,
    viaCallee: (site, fn) => {
      const copy = copyMethodOf(site, fn);
      return copy === undefined ? fn : (copy as typeof fn);
    },
    lend: (value, location) => {
      crossing();
      if (!isObject(value)) return value;
      if (mode === 'observe') observedLendings.lend(value, location);
      else {
        lendings.hold(location, value);
        lendShared(value, location, true);
      }
      return value;
    },
    proxied: (value, location) => {
      if (!isObject(value)) return value;
      if (mode === 'observe') observer.written(value, location);
      else {
        markLent(value);
        lendShared(value, location, false);
      }
      return value;
    },
    withObject,
    withBindings,
    lent: (location, ...values) => {
      crossing();
      for (const value of values) runtime.lend(value, location);
      return true;
    },
    returned: (value, location) => {
      crossing();
      if (mode === 'cow') lendings.returned(value, location);
      else observedLendings.returned(value, location);
      return value;
    },
    callReturned: (location, value) => {
      runtime.returned(value, location);
      return true;
    },
    connect: (sink, intervalMs = 100) => {
      flusher.connect(sink, intervalMs);
    },
    flush: (final = false) => {
      if (final) settleLendings();
      flusher.flush(final);
    },
  };
  const methods = runtime as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of COPY_METHODS) methods[name] = asProgramCalls(methods[name]!, REPLACEABLE[name]);
  return runtime;
}

/** The methods that run the program's operand through native code or its own: their errors are the program's. */
const COPY_METHODS = [
  'objectSpread',
  'objectRest',
  'restSource',
  'arraySpread',
  'slice',
  'concat',
  'arrayFrom',
  'assign',
  'structuredClone',
  'jsonRoundTrip',
  'newMap',
  'newSet',
  'typedArrayCopy',
  'bufferCopy',
  'lodashClone',
  'lodashCloneDeep',
  'postMessage',
] as const satisfies readonly (keyof CowlensRuntime)[];

const constructing =
  (replaced: () => (new (...args: unknown[]) => unknown) | undefined) =>
  (): ((...args: unknown[]) => unknown) | undefined => {
    const Replacement = replaced();
    return Replacement === undefined ? undefined : (...args) => new Replacement(...args);
  };

/** The copy methods that stand for a global built-in, and what runs when the program replaced it. */
const REPLACEABLE: Partial<Record<(typeof COPY_METHODS)[number], () => ((...args: unknown[]) => unknown) | undefined>> = {
  structuredClone: replacements.structuredClone,
  jsonRoundTrip: replacements.jsonRoundTrip,
  assign: replacements.assign,
  arrayFrom: replacements.arrayFrom,
  bufferCopy: replacements.bufferFrom,
  newMap: constructing(replacements.map),
  newSet: constructing(replacements.set),
};

/**
 * A copy method as the program's call sees it: the program's replacement of the built-in runs when
 * it made one, and an error its operand raises shows none of cowlens's frames. One function, with
 * the arguments passed on as they came (their count included), since it runs at every copy.
 */
function asProgramCalls(method: (...args: unknown[]) => unknown, replaced?: () => ((...args: unknown[]) => unknown) | undefined): (...args: unknown[]) => unknown {
  const copy = function (this: unknown): unknown {
    try {
      const replacement = replaced?.();
      // eslint-disable-next-line prefer-rest-params -- handed on whole, `arguments` allocates nothing on this hot path; a rest array would
      if (replacement === undefined) return Reflect.apply(method, undefined, arguments);
      // eslint-disable-next-line prefer-rest-params -- the site id goes; the built-in's own arguments stay
      return Reflect.apply(replacement, undefined, builtinArray.sliceOf(arguments as unknown as unknown[], 1));
    } catch (error) {
      // eslint-disable-next-line prefer-rest-params -- the values copied, after the site id
      throw withoutOwnFrames(cloneErrorAsWritten(error, builtinArray.sliceOf(arguments as unknown as unknown[], 1)), copy);
    }
  };
  return copy;
}

/**
 * Whether `Object.assign` onto a fresh object whose prototype is `proto` defines every property of
 * `source`, as a view of it shows them: no setter or read-only property up the chain takes one
 * (Object.prototype's own `__proto__`, or one the program put there). Asked of the source's keys,
 * which `in` looks up on a chain without Proxies running no code: listing Object.prototype's own
 * would cost more than a small copy.
 */
function assignDefinesAll(proto: object | null, source: object): boolean {
  for (let o = proto; o !== null; o = Reflect.getPrototypeOf(o)) if (isProxy(o)) return false;
  if (proto === null) return true;
  const keys = Reflect.ownKeys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!(key in proto)) continue;
    const d = inheritedDescriptor(proto, key)!;
    if (!Object.hasOwn(d, 'value') || d.writable === false) return false;
  }
  return true;
}

/** `Object.assign(target, ...sources)`, one source at a time: spreading them would run the program's array iterator. */
function assignEach(target: object, sources: readonly unknown[]): object {
  for (let i = 0; i < sources.length; i++) Object.assign(target, sources[i]);
  return target;
}

function propertyKey(key: PropertyKey): PropertyKey {
  return typeof key === 'number' ? String(key) : key;
}

/** `const { ...rest } = source` without the excluded keys, by the language's CopyDataProperties. */
function restOf(source: unknown, excluded: readonly PropertyKey[]): object {
  const skip = new OwnSet<PropertyKey>(builtinArray.map(excluded, propertyKey));
  const rest: Record<PropertyKey, unknown> = {};
  if (source === null || source === undefined) throw raisedFor(new TypeError(`Cannot destructure '${String(source)}' as it is ${String(source)}.`));
  const from = Object(source) as Record<PropertyKey, unknown>;
  const keys = Reflect.ownKeys(from);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (skip.has(key) || !propertyIsEnumerable(from, key)) continue;
    defineData(rest, key, from[key]);
  }
  return rest;
}

const arrayValues = Array.prototype[Symbol.iterator];
/** The built-ins a view stands for: a `slice` or `concat` the program put in their place runs as written. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- compared by identity, never called unbound
const { slice: arraySlice, concat: arrayConcat } = Array.prototype;

/** A Proxy the program made (a view is one of cowlens's): each read of it runs the program's traps. */
function isProgramProxy(value: unknown): boolean {
  return isProxy(value) && !isView(value);
}

/** An array that is no Proxy of the program's: reading it runs none of the program's code. */
function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && !isProgramProxy(value);
}

function usesArrayIterator(array: unknown[]): boolean {
  return array[Symbol.iterator] === arrayValues;
}
