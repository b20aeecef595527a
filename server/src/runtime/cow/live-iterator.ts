import { inspect } from 'node:util';
import { withoutOwnFrames } from '../own-frames.js';
import { standIn } from '../patch-clone-globals.js';
import { privateStamp } from '../private-stamp.js';
import { builtinMap, builtinSet } from '../captured-intrinsics.js';
import { Object, Reflect } from '../captured-namespaces.js';

/**
 * Iterators of Map and Set views that are live, as a real Map's are: an entry set during the
 * iteration is visited, one deleted before it is reached is not, and an iterator made before a
 * write and advanced after it sees the write. A view's content is immutable until the view
 * materializes (the shared collection, or an image of it once its source is written), and then
 * is the view's own collection, written in place; each change of content is a copy of the content
 * before it, in the same order, so a cursor goes on at the same position in the new one. The view
 * moves its cursors at its materialization, before the write that caused it.
 *
 * The iterator the program gets is a Map Iterator or Set Iterator to every test it can make: its
 * prototype is the built-in one, whose `next` (and `util.inspect` hook) also serve these.
 */
type Collection = Map<unknown, unknown> | Set<unknown>;
export type IterationKind = 'keys' | 'values' | 'entries';

/** What a cursor needs of its view. */
export interface IteratedView {
  readonly materialized: boolean;
  current(): Collection;
  /** The value a slot shows (a deep view presents shared nodes as its own views). */
  present(key: unknown, value: unknown): unknown;
  /** Called while the view has no content of its own: the view moves `cursor` when it materializes. */
  follow(cursor: Cursor): void;
}

const MAP_ITERATOR = Object.getPrototypeOf(new Map().entries()) as object;
const SET_ITERATOR = Object.getPrototypeOf(new Set().values()) as object;

/** Read through the built-in methods: the program may have replaced them, or the collection's prototype. */
function entriesOf(content: Collection, isMap: boolean): Iterator<[unknown, unknown]> {
  return isMap ? builtinMap.entries(content) : builtinSet.entries(content);
}

export class Cursor {
  private content: Collection;
  private inner: Iterator<[unknown, unknown]>;
  /** Entries passed in `content`, which is immutable until the view materializes. */
  private consumed = 0;
  private done = false;

  constructor(
    private readonly view: IteratedView,
    private readonly kind: IterationKind,
    readonly isMap: boolean,
  ) {
    this.content = view.current();
    this.inner = entriesOf(this.content, isMap);
    if (!view.materialized) view.follow(this);
  }

  /** The view's content is now `content`, a copy of what this cursor iterated: go on from the same place in it. */
  moveTo(content: Collection): void {
    if (this.done || content === this.content) return;
    this.content = content;
    this.inner = entriesOf(content, this.isMap);
    for (let i = 0; i < this.consumed; i++) this.inner.next();
  }

  /** The next entry as [key, shown value], or undefined once done (for good, as a built-in iterator). */
  nextEntry(): [unknown, unknown] | undefined {
    if (this.done) return undefined;
    this.moveTo(this.view.current());
    const step = this.inner.next();
    if (step.done === true) {
      this.done = true;
      return undefined;
    }
    this.consumed++;
    const [key, value] = step.value;
    return [key, this.view.present(key, value)];
  }

  step(): IteratorResult<unknown> {
    const entry = this.nextEntry();
    if (entry === undefined) return { value: undefined, done: true };
    if (this.kind === 'entries') return { value: entry, done: false };
    return { value: this.kind === 'keys' && this.isMap ? entry[0] : entry[1], done: false };
  }

  /** A built-in iterator of the same kind over what is left, for util.inspect to show as it shows one. */
  preview(): object {
    const rest: [unknown, unknown][] = [];
    if (!this.done) {
      this.moveTo(this.view.current());
      const from = entriesOf(this.content, this.isMap);
      for (let i = 0; i < this.consumed; i++) from.next();
      for (let step = from.next(); step.done !== true; step = from.next()) rest.push([step.value[0], this.view.present(step.value[0], step.value[1])]);
    }
    if (this.isMap) {
      const map = new Map();
      for (const [k, v] of rest) builtinMap.set(map, k, v);
      return this.kind === 'entries' ? builtinMap.entries(map) : this.kind === 'keys' ? builtinMap.keys(map) : builtinMap.values(map);
    }
    const set = new Set();
    for (const [, v] of rest) builtinSet.add(set, v);
    return this.kind === 'entries' ? builtinSet.entries(set) : builtinSet.values(set);
  }
}

const cursors = privateStamp<Cursor>();

/** Whether `value` is a live iterator of a Map's view (true) or a Set's (false); undefined for anything else. */
export function isLiveMapIterator(value: unknown): boolean | undefined {
  return typeof value === 'object' && value !== null ? cursors.get(value)?.isMap : undefined;
}

/** A Map Iterator or Set Iterator over `view`, of `kind`. */
export function liveIterator(view: IteratedView, kind: IterationKind, isMap: boolean): object {
  patchIteratorPrototypes();
  const iterator = Object.create(isMap ? MAP_ITERATOR : SET_ITERATOR) as object;
  cursors.set(iterator, new Cursor(view, kind, isMap));
  return iterator;
}

let patched = false;

/** Once, at the first live iterator: the built-in prototypes' `next` serves live iterators too. */
function patchIteratorPrototypes(): void {
  if (patched) return;
  patched = true;
  for (const proto of [MAP_ITERATOR, SET_ITERATOR]) {
    const descriptor = Reflect.getOwnPropertyDescriptor(proto, 'next');
    const builtin = descriptor?.value as ((this: unknown) => IteratorResult<unknown>) | undefined;
    if (descriptor === undefined || typeof builtin !== 'function') continue;
    // A method, as the built-in is: no `prototype`, not a constructor.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { next } = {
      next(this: unknown): IteratorResult<unknown> {
        const cursor = typeof this === 'object' && this !== null ? cursors.get(this) : undefined;
        if (cursor !== undefined) return cursor.step();
        try {
          return Reflect.apply(builtin, this, []);
        } catch (error) {
          throw withoutOwnFrames(error, next);
        }
      },
    };
    Reflect.defineProperty(proto, 'next', { ...descriptor, value: standIn(next, builtin) });
    // util.inspect reads a built-in iterator's entries natively; a live one shows a built-in one of what is left.
    Reflect.defineProperty(proto, inspect.custom, { value: showIterator, writable: true, enumerable: false, configurable: true });
  }
}

/** A built-in iterator of what `value` has left when it is a live iterator (for Node's console.table, which reads one natively); undefined otherwise. */
export function builtinPreviewOf(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null ? cursors.get(value)?.preview() : undefined;
}

/** Returning `this` leaves a built-in iterator to util.inspect's own formatting. */
function showIterator(this: unknown): unknown {
  const cursor = typeof this === 'object' && this !== null ? cursors.get(this) : undefined;
  return cursor === undefined ? this : cursor.preview();
}
