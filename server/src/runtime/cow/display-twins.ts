/**
 * What util.inspect is handed in place of values that reach a view, when it would show a view as
 * the Proxy it is (`showProxy`, which `%o` sets) or format a view's bare target (`customInspect:
 * false`, which `console.dir` sets). No hook on the target can help then: Node tells a Proxy apart
 * before any hook runs. So the value is swapped for its display twin: each view becomes an object
 * of its prototype holding its own properties (their attributes, an array's length and holes, a
 * Map's or Set's entries), each plain object, array, Map or Set on the way to a view becomes a twin
 * of the same shape, as does each Error, Date, boxed primitive, RegExp, function and class on the
 * way, made with the internal slots Node prints of it (an Error's class and stack, a Date's time, a
 * primitive, a pattern, a function's kind), and each object with an inspect hook on the way has a
 * twin whose hook runs the object's own on the object itself and hands Node the twin of what it
 * returns; everything else is handed over as it is. One twin per object, so shared objects and
 * cycles come out as Node numbers them for the plain copy (`<ref *1>`, `[Circular *1]`).
 *
 * Only what Node would print is searched: down to the inspection's depth, and the views one level
 * below it, which Node prints as `[Object]` or `[]`. Nothing the program wrote runs but the hooks
 * Node would run: own properties are read as descriptors (a getter is copied, not called), the
 * program's own Proxies are neither searched nor copied (Node shows them as such), nor are objects
 * whose printing Node leaves to internal slots a twin would not have.
 */
import { inspect as builtinInspect, types } from 'node:util';
import { isProxy } from '../is-proxy.js';
import { withoutOwnFrames } from '../own-frames.js';
import { handlerOf, type ViewHandler } from './node-view.js';
import { OwnMap } from '../captured-intrinsics.js';

// Taken at load: the program may replace any of them later, and plain inspection would not run its versions.
const { apply, defineProperty, deleteProperty, getOwnPropertyDescriptor, getPrototypeOf, ownKeys, setPrototypeOf } = Reflect;
const { isArray } = Array;
const MapClass = Map;
const SetClass = Set;
const ErrorClass = Error;
const DateClass = Date;
const RegExpClass = RegExp;
const box = Object;
/* eslint-disable @typescript-eslint/unbound-method -- called with Reflect.apply on the receivers they are meant for */
const mapEntries = Map.prototype.entries;
const mapSet = Map.prototype.set;
const setValues = Set.prototype.values;
const setAdd = Set.prototype.add;
const nextOfMap = (getPrototypeOf(new Map().entries()) as Iterator<unknown>).next;
const nextOfSet = (getPrototypeOf(new Set().values()) as Iterator<unknown>).next;
const functionSource = Function.prototype.toString;
const stringStartsWith = String.prototype.startsWith;
const stringEndsWith = String.prototype.endsWith;
const stringIndexOf = String.prototype.indexOf;
const stringIncludes = String.prototype.includes;
const stringSlice = String.prototype.slice;
const regExpExec = RegExp.prototype.exec;
/** Node's own patterns for telling a class from a function by its source (lib/internal/util/inspect.js). */
const COMMENTS = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;
const CLASS_HEAD = /^(\s+[^(]*?)\s*{/;
const timeOf = Date.prototype.getTime;
const unboxers: readonly [(value: unknown) => boolean, (this: never) => unknown][] = [
  [types.isNumberObject, Number.prototype.valueOf],
  [types.isStringObject, String.prototype.valueOf],
  [types.isBooleanObject, Boolean.prototype.valueOf],
  [types.isBigIntObject, BigInt.prototype.valueOf],
  [types.isSymbolObject, Symbol.prototype.valueOf],
];
/* eslint-enable @typescript-eslint/unbound-method */
/** A RegExp's flags, each read from its slot by the built-in getter, in the order `flags` gives them. */
const FLAG_GETTERS: readonly [string, (() => unknown) | undefined][] = [
  ['d', 'hasIndices'],
  ['g', 'global'],
  ['i', 'ignoreCase'],
  ['m', 'multiline'],
  ['s', 'dotAll'],
  ['u', 'unicode'],
  ['v', 'unicodeSets'],
  ['y', 'sticky'],
].map(([flag, name]) => [flag!, getOwnPropertyDescriptor(RegExp.prototype, name!)?.get]);
const sourceOf = getOwnPropertyDescriptor(RegExp.prototype, 'source')!.get!;
/** V8's own `stack` accessor of errors (V8 12 on; a data property before), which reads the stack of the error it is called on. */
const nativeStack = getOwnPropertyDescriptor(new Error(), 'stack')?.get;
const { hasOwn } = Object;
const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
const {
  isAnyArrayBuffer,
  isArgumentsObject,
  isArrayBufferView,
  isBoxedPrimitive,
  isDate,
  isAsyncFunction,
  isExternal,
  isGeneratorFunction,
  isGeneratorObject,
  isMap,
  isMapIterator,
  isModuleNamespaceObject,
  isNativeError,
  isPromise,
  isRegExp,
  isSet,
  isSetIterator,
  isWeakMap,
  isWeakSet,
} = types;

/**
 * `values`, with each one that reaches a view within its depth (Infinity for none) swapped for its
 * twin; undefined when none does. `runsHooks` says whether Node runs inspect hooks (`customInspect`)
 * or prints the objects that have them as it prints any other, own hook included.
 */
export function displayTwins(values: readonly unknown[], depths: readonly (number | undefined)[], runsHooks: boolean): unknown[] | undefined {
  const search = new Search(runsHooks);
  for (let i = 0; i < values.length; i++) {
    const depth = depths[i];
    if (depth !== undefined) search.from(values[i], depth);
  }
  if (search.views.length === 0 && search.hooked.length === 0) return undefined;
  const twins = search.twins(runsHooks);
  const shown: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    shown[i] = depths[i] !== undefined && isObject(value) ? (twins.get(value) ?? value) : value;
  }
  return shown;
}

/** What an object holds that Node prints, for a twin to hold in turn. */
interface Holding {
  /** Own property keys, with their descriptors. */
  readonly keys: readonly PropertyKey[];
  /** A Map's or a Set's entries ([value, value] for a Set). */
  readonly entries: readonly (readonly [unknown, unknown])[] | undefined;
  readonly isMap: boolean;
}

class Search {
  readonly views: object[] = [];
  /** Objects met whose inspect hook Node would run (at any depth: Node runs a hook before it looks at the depth). */
  readonly hooked: object[] = [];
  /** The most levels below each object met that Node prints. */
  private readonly budgets = new OwnMap<object, number>();
  /** Each searched object's children, by the objects that hold them. */
  private readonly parents = new OwnMap<object, object[]>();
  private readonly holdings = new OwnMap<object, Holding>();

  constructor(private readonly runsHooks: boolean) {}

  from(root: unknown, depth: number): void {
    if (!isObject(root)) return;
    // Pairs of an object and its budget, popped by hand: nothing here goes through Array.prototype.
    const stack: unknown[] = [root, depth];
    while (stack.length > 0) {
      const budget = stack[stack.length - 1] as number;
      const node = stack[stack.length - 2] as object;
      stack.length -= 2;
      const known = this.budgets.get(node);
      if (known !== undefined && known >= budget) continue;
      this.budgets.set(node, budget);
      const h = handlerOf(node);
      if (h !== undefined) {
        if (known === undefined) this.views[this.views.length] = node;
      } else {
        if (budget < 0 && !this.runsHooks) continue;
        const found = hookOf(node);
        if (found === false || !isTwinnable(node)) continue;
        if (known === undefined && found !== undefined && this.runsHooks) this.hooked[this.hooked.length] = node;
      }
      if (budget < 0) continue;
      const children = this.children(node, h);
      for (let i = 0; i < children.length; i++) {
        stack[stack.length] = children[i];
        stack[stack.length] = budget - 1;
      }
    }
  }

  /** The objects `node` holds (own property values, entries), read once. */
  private children(node: object, h: ViewHandler | undefined): object[] {
    const known = this.holdings.get(node);
    const holding = known ?? holdingOf(node, h);
    const children: object[] = [];
    for (let i = 0; i < holding.keys.length; i++) {
      const descriptor = getOwnPropertyDescriptor(node, holding.keys[i]!);
      if (descriptor !== undefined && hasOwn(descriptor, 'value') && isObject(descriptor.value)) children[children.length] = descriptor.value;
    }
    const entries = holding.entries ?? [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (isObject(entry[0])) children[children.length] = entry[0];
      if (holding.isMap && isObject(entry[1])) children[children.length] = entry[1];
    }
    if (known === undefined) {
      this.holdings.set(node, holding);
      for (let i = 0; i < children.length; i++) {
        const list = this.parents.get(children[i]!);
        if (list === undefined) this.parents.set(children[i]!, [node]);
        else list[list.length] = node;
      }
    }
    return children;
  }

  /** A twin for each view and each object searched that holds a view, made before any is filled so that cycles close. */
  twins(runsHooks: boolean): Map<object, object> {
    const twins = new OwnMap<object, object>();
    // Every object given a twin, in order; those from `next` on still to have their holders found.
    const made: object[] = [];
    const seeds = [this.views, this.hooked];
    for (let s = 0; s < seeds.length; s++) {
      for (let i = 0; i < seeds[s]!.length; i++) {
        const seed = seeds[s]![i]!;
        twins.set(seed, emptyTwin(seed, this.holding(seed)));
        made[made.length] = seed;
      }
    }
    for (let next = 0; next < made.length; next++) {
      const parents = this.parents.get(made[next]!) ?? [];
      for (let i = 0; i < parents.length; i++) {
        const parent = parents[i]!;
        if (twins.has(parent)) continue;
        const twin = emptyTwin(parent, this.holding(parent));
        twins.set(parent, twin);
        made[made.length] = parent;
        // A class twin's `prototype` is its own for good: it becomes the twin of the class's, in
        // place of one made already (none is filled, nor handed out, yet).
        const prototype = typeof parent === 'function' ? getOwnPropertyDescriptor(parent, 'prototype') : undefined;
        if (prototype === undefined || !hasOwn(prototype, 'value') || !isObject(prototype.value) || handlerOf(prototype.value) !== undefined || !isClass(parent)) continue;
        const held = (twin as { prototype: object }).prototype;
        setPrototypeOf(keepingOwnPropertiesOf(prototype.value, held), getPrototypeOf(prototype.value));
        if (!twins.has(prototype.value)) made[made.length] = prototype.value;
        twins.set(prototype.value, held);
      }
    }
    const twinOf = (value: unknown): unknown => (isObject(value) ? (twins.get(value) ?? value) : value);
    for (let i = 0; i < made.length; i++) fill(twins.get(made[i]!)!, made[i]!, this.holding(made[i]!), twinOf, runsHooks);
    return twins;
  }

  /** What `node` holds: read when it was searched, or now for a view met one level below the depth printed. */
  private holding(node: object): Holding {
    let holding = this.holdings.get(node);
    if (holding === undefined) this.holdings.set(node, (holding = holdingOf(node, handlerOf(node))));
    return holding;
  }
}

/** Objects and functions: Node prints a function's own properties as it does an object's. */
export function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * Whether Node prints `node` from its prototype, own properties, (for a Map or Set) entries, the
 * internal slots `slotted` gives a twin and its inspect hook (hookOf), all of which a twin copies
 * or runs: not a Proxy of the program's, nor an object of other internal slots Node reads (a typed
 * array, a Promise...).
 */
function isTwinnable(node: object): boolean {
  if (isProxy(node)) return false;
  if (
    typeof node !== 'function' &&
    (isAnyArrayBuffer(node) ||
    isArgumentsObject(node) ||
    isArrayBufferView(node) ||
    isExternal(node) ||
    isGeneratorObject(node) ||
    isMapIterator(node) ||
    isModuleNamespaceObject(node) ||
    isPromise(node) ||
    isSetIterator(node) ||
    isWeakMap(node) ||
    isWeakSet(node))
  ) {
    return false;
  }
  return true;
}

/** A hook Node runs on an object, as Node runs it. */
type Hook = (this: unknown, depth: unknown, options: unknown, inspect: unknown) => unknown;

/**
 * The inspect hook Node would run on `node` (the first `[util.inspect.custom]` on its chain), with
 * whether it is `node`'s own; undefined for none (or one Node passes over), false for one a twin
 * cannot stand in for: one found only by running a getter or a trap, or one on a prototype, which
 * Node passes over (`node.constructor.prototype === node`) where a twin's would not be.
 */
function hookOf(node: object): { readonly hook: Hook; readonly own: boolean } | undefined | false {
  const found = dataOnChain(node, CUSTOM);
  if (found === undefined) return undefined;
  if (found === false) return false;
  const hook = found.value;
  if (typeof hook !== 'function' || hook === builtinInspect || hook === inspectForHooks) return undefined;
  const constructor = dataOnChain(node, 'constructor');
  if (constructor === false) return false;
  if (constructor !== undefined && isObject(constructor.value)) {
    const prototype = dataOnChain(constructor.value, 'prototype');
    if (prototype === false || prototype?.value === node) return false;
  }
  return { hook: hook as Hook, own: found.holder === node };
}

/** The value of `key` as a Get from `node` finds it, read without running a getter or a trap: undefined when absent, false when it would run one. */
function dataOnChain(node: object, key: PropertyKey): { readonly value: unknown; readonly holder: object } | undefined | false {
  for (let o: object | null = node; o !== null; o = getPrototypeOf(o)) {
    if (isProxy(o)) return false;
    const descriptor = getOwnPropertyDescriptor(o, key);
    if (descriptor === undefined) continue;
    return hasOwn(descriptor, 'value') ? { value: descriptor.value, holder: o } : false;
  }
  return undefined;
}

/** The util.inspect a hook is handed: the program's own (patch-inspect-globals.ts), which prints views as copies. */
let inspectForHooks: unknown = builtinInspect;

export function handHooks(inspect: unknown): void {
  inspectForHooks = inspect;
}

/**
 * What stands in for `node`'s hook on its twin: the hook, run on `node` itself with the util.inspect
 * the program has, and what it returns in turn swapped for its twin, searched to the depth left.
 * A hook that returns `node` has Node print the twin itself, without the stand-in.
 */
function hookStandIn(node: object, twin: object, found: { readonly hook: Hook; readonly own: boolean }): Hook {
  // A method, as hooks are: Node prints none of it but where a hook returns its object.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- run by Node on the twin
  const { inspect } = {
    inspect(this: unknown, depth: unknown, options: unknown): unknown {
      let shown: unknown;
      try {
        shown = apply(found.hook, node, [depth, options, inspectForHooks]);
      } catch (error) {
        throw withoutOwnFrames(error, inspect);
      }
      if (shown === node) {
        if (found.own) defineProperty(twin, CUSTOM, { __proto__: null, value: found.hook } as PropertyDescriptor);
        else deleteProperty(twin, CUSTOM);
        return twin;
      }
      if (!isObject(shown)) return shown;
      return displayTwins([shown], [typeof depth === 'number' ? depth : Infinity], true)?.[0] ?? shown;
    },
  };
  return inspect;
}

function holdingOf(node: object, h: ViewHandler | undefined): Holding {
  const keys = ownKeys(node);
  if (h !== undefined) {
    const members = h.members?.();
    if (members === undefined) return { keys, entries: undefined, isMap: false };
    const entries: (readonly [unknown, unknown])[] = [];
    for (const entry of members.entries) entries[entries.length] = entry;
    return { keys, entries, isMap: members.isMap };
  }
  if (isMap(node)) return { keys, entries: stepsOf(apply(mapEntries, node, []) as Iterator<[unknown, unknown]>, nextOfMap), isMap: true };
  if (isSet(node)) {
    const values = stepsOf(apply(setValues, node, []) as Iterator<unknown>, nextOfSet);
    const entries: [unknown, unknown][] = [];
    for (let i = 0; i < values.length; i++) entries[i] = [values[i], values[i]];
    return { keys, entries, isMap: false };
  }
  return { keys, entries: undefined, isMap: false };
}

/** What `iterator` yields, stepped with the built-in `next` the program cannot have replaced. */
function stepsOf<T>(iterator: Iterator<T>, next: () => IteratorResult<unknown>): T[] {
  const out: T[] = [];
  for (let step = apply(next, iterator, []) as IteratorResult<T>; step.done !== true; step = apply(next, iterator, []) as IteratorResult<T>) {
    out[out.length] = step.value;
  }
  return out;
}

function emptyTwin(node: object, holding: Holding): object {
  const twin = holding.entries !== undefined ? (holding.isMap ? new MapClass() : new SetClass()) : isArray(node) ? [] : (slotted(node) ?? {});
  setPrototypeOf(twin, getPrototypeOf(node));
  return twin;
}

/** A new object with the internal slots Node prints of `node`, read by built-ins, and no own property a twin could not redefine; undefined for an object without such slots. */
function slotted(node: object): object | undefined {
  if (typeof node === 'function') return keepingOwnPropertiesOf(node, freshFunction(node));
  if (isNativeError(node)) return keepingOwnPropertiesOf(node, new ErrorClass());
  if (isDate(node)) return new DateClass(apply<Date, [], number>(timeOf, node, []));
  if (isRegExp(node)) {
    let flags = '';
    for (let i = 0; i < FLAG_GETTERS.length; i++) {
      const [flag, get] = FLAG_GETTERS[i]!;
      if (get !== undefined && apply(get, node, []) === true) flags += flag;
    }
    return new RegExpClass(apply<object, [], string>(sourceOf, node, []), flags);
  }
  if (isBoxedPrimitive(node)) {
    for (let i = 0; i < unboxers.length; i++) {
      const [is, valueOf] = unboxers[i]!;
      if (is(node)) return box(apply<never, [], unknown>(valueOf, node as never, [])) as object;
    }
  }
  return undefined;
}

/**
 * Whether Node prints `fn` as a class or as a function, read from its source as Node's
 * getFunctionBase reads it (the same in Node 20, 22 and 24): a source that opens with `class` and
 * ends with `}`, with no `(` before its first `{` or, failing that, a head that still passes for a
 * class once its comments are replaced (by `undefined`: Node's replace is given no replacement).
 */
function functionKind(fn: object): 'class' | 'function' {
  const source = apply<object, [], string>(functionSource, fn, []);
  if (!apply<string, [string], boolean>(stringStartsWith, source, ['class']) || !apply<string, [string], boolean>(stringEndsWith, source, ['}'])) return 'function';
  const head = slice(source, 5, -1);
  const brace = apply<string, [string], number>(stringIndexOf, head, ['{']);
  if (brace === -1) return 'function';
  if (!apply<string, [string], boolean>(stringIncludes, slice(head, 0, brace), ['('])) return 'class';
  return exec(CLASS_HEAD, commentsReplaced(head)) !== null ? 'class' : 'function';
}

/** `text` with each comment Node's pattern finds replaced by `undefined`, matched by the built-in exec the program cannot have replaced. */
function commentsReplaced(text: string): string {
  let out = '';
  let from = 0;
  COMMENTS.lastIndex = 0;
  for (let match = exec(COMMENTS, text); match !== null; match = exec(COMMENTS, text)) {
    out += slice(text, from, match.index) + 'undefined';
    from = match.index + match[0].length;
  }
  return out + slice(text, from);
}

function slice(text: string, start: number, end?: number): string {
  return apply<string, [number, number | undefined], string>(stringSlice, text, [start, end]);
}

function exec(pattern: RegExp, text: string): RegExpExecArray | null {
  return apply<RegExp, [string], RegExpExecArray | null>(regExpExec, pattern, [text]);
}

function isClass(fn: object): boolean {
  return functionKind(fn) === 'class';
}

/** A function of the kind Node names of `fn` (`[class A]`, `[AsyncGeneratorFunction: f]`), not sloppy (whose `arguments` would be its own). */
function freshFunction(fn: object): object {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a class, for Node to name one
  if (isClass(fn)) return class {};
  const async = isAsyncFunction(fn);
  if (isGeneratorFunction(fn)) return async ? async function* () {} : function* () {};
  // eslint-disable-next-line @typescript-eslint/require-await -- an async function, for Node to name one
  return async ? async () => undefined : () => undefined;
}

/**
 * `fresh` without the own properties it was made with that `node` lacks (an error's stack, a
 * function's name): those `node` has too are redefined in place by `fill`, so that they come in
 * the same order, a generator's `prototype` being there to stay.
 */
function keepingOwnPropertiesOf(node: object, fresh: object): object {
  const keys = ownKeys(fresh);
  for (let i = 0; i < keys.length; i++) if (!hasOwn(node, keys[i]!)) deleteProperty(fresh, keys[i]!);
  return fresh;
}

function fill(twin: object, node: object, holding: Holding, twinOf: (value: unknown) => unknown, runsHooks: boolean): void {
  const entries = holding.entries ?? [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (holding.isMap) apply(mapSet, twin, [twinOf(entry[0]), twinOf(entry[1])]);
    else apply(setAdd, twin, [twinOf(entry[0])]);
  }
  const array = isArray(twin);
  for (let i = 0; i < holding.keys.length; i++) {
    const key = holding.keys[i]!;
    const descriptor = getOwnPropertyDescriptor(node, key);
    if (descriptor === undefined) continue;
    if (array && key === 'length') {
      (twin as unknown[]).length = descriptor.value as number;
      continue;
    }
    const isData = hasOwn(descriptor, 'value');
    const kept = getOwnPropertyDescriptor(twin, key);
    // A property the twin was made with and cannot redefine (a boxed string's characters and length, a RegExp's lastIndex) keeps its attributes.
    if (kept !== undefined && kept.configurable === false) {
      if (isData && kept.writable === true) defineProperty(twin, key, { __proto__: null, value: twinOf(descriptor.value) } as PropertyDescriptor);
      continue;
    }
    // V8's stack accessor would read the twin's own stack: the twin's reads the stack of the error it stands for.
    const get = descriptor.get !== undefined && descriptor.get === nativeStack ? () => apply(nativeStack, node, []) : descriptor.get;
    // No prototype: a field the program put on Object.prototype must not read as part of it.
    const own = isData
      ? { __proto__: null, value: twinOf(descriptor.value), writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: true }
      : { __proto__: null, get, set: descriptor.set, enumerable: descriptor.enumerable, configurable: true };
    defineProperty(twin, key, own as PropertyDescriptor);
  }
  const found = runsHooks ? hookOf(node) : undefined;
  if (found === undefined || found === false) return;
  const standIn = hookStandIn(node, twin, found);
  // In place of an own hook (its attributes kept), or in front of an inherited one.
  const descriptor = found.own ? { __proto__: null, value: standIn } : { __proto__: null, value: standIn, writable: true, enumerable: false, configurable: true };
  defineProperty(twin, CUSTOM, descriptor as PropertyDescriptor);
}
