import { inspect } from 'node:util';
import { defineData } from '../define-data.js';
import { isObject } from '../is-object.js';
import { copySize, shallowSize } from '../size/index.js';
import { elementsInherited, isIndex, NodeKind } from './node-kind.js';
import { copiedLeafOf, handlerOf, inspectView, knownKind, setAfterChildView, VIEW_OVERHEAD_BYTES, type ViewHandler } from './node-view.js';
import { type Inherited, type Root, TickedMap } from './root.js';
import { SharedContent } from './shared-content.js';
import { hasArrayProperties, shallowImage, versionsOf } from './versions.js';
import { builtinArray } from '../captured-intrinsics.js';
import { Object, Reflect } from '../captured-namespaces.js';

/**
 * A deep view keeps every view it hands out (so that `v.x === v.x`, and a WeakMap keyed by one
 * keeps working), and each costs more than the small node it shares: a program that reads its
 * copies in full would hold several times what plain copies cost. So a root whose views cost more
 * than this share of its eager copy turns itself into that copy, in one walk: each view it handed
 * out becomes the plain node it stands for (the same proxy, now reading a target that holds the
 * data, as a written view reads it), every node no view was made for is copied plainly (strings shared: they cannot
 * change), and the root stops reading what it shared, so later writes to the source keep no
 * images for it. The bytes it copies are no longer saved (`unsaved`).
 */
const VIEW_SHARE_DIVISOR = 32;
/**
 * Nor before it made this many views' worth: turning costs a walk of the whole copy, which a
 * program that reads a few nodes of each small copy (and writes one) would pay at every copy.
 */
const MIN_TURNING_VIEW_BYTES = 64 * VIEW_OVERHEAD_BYTES;
/**
 * What a view handed out still costs once it stands for a plain node: its proxy, its handler and
 * the stamp that tells it for a view (its target is the node's copy, charged as such). Measured
 * with `process.memoryUsage()` after full collections, a deep copy's views turned by the
 * thousand; each was charged VIEW_OVERHEAD_BYTES when made, the rest is charged as it turns.
 */
const TURNED_VIEW_BYTES = 368;

setAfterChildView((root) => {
  if (root.viewBytes < MIN_TURNING_VIEW_BYTES || root.viewBytes * VIEW_SHARE_DIVISOR <= root.eagerBytes || root.turnedToCopy || root.staysLazy) return;
  if (!turnToCopy(root)) root.staysLazy = true;
});

/** A node of the copy whose slots are still to be filled: from the content it stands for, read as its view reads it. */
interface Fill {
  readonly target: object;
  readonly content: object;
  readonly kind: NodeKind;
  /** The view standing for the node, when one was handed out: it knows its own slots and their ticks. */
  readonly handler: ViewHandler | undefined;
  readonly inherited: Inherited | undefined;
  readonly tick: number;
}

/**
 * Turns `root` into a plain copy; false when it holds what this does not handle, having changed
 * nothing the program sees (an overlay may have been folded into its view's own content).
 */
export function turnToCopy(root: Root): boolean {
  const views = root.viewsMade();
  // Content shared with a later copy of the lineage must stay as it is, under version control.
  if (views === undefined || !root.deep || root.sharedWrites.length > 0) return false;
  const handlers: ViewHandler[] = [];
  for (const [, , view] of views.entries()) {
    const h = handlerOf(view);
    if (h === undefined || h.root !== root) continue;
    if (h.becomeCopy === undefined || !h.holdsOnlyPlainData()) return false;
    handlers[handlers.length] = h;
  }
  for (const view of builtinArray.splice(root.overlaid, 0)) view.flushOverlay();
  const copy = new PlainCopy(root, views);
  const data: object[] = [];
  for (let i = 0; i < handlers.length; i++) {
    const h = handlers[i]!;
    data[i] = copy.fillLater(h.kind, h.current(), h, undefined, h.tick);
  }
  if (!copy.fillAll()) return false;
  for (let i = 0; i < handlers.length; i++) {
    const h = handlers[i]!;
    const materialized = h.materialized;
    h.becomeCopy!(data[i]!);
    if (!materialized) copy.bytes += copySize(h.shell);
  }
  root.accounting.counters.unsaved(root.site, copy.bytes);
  root.accounting.counters.overhead(root.site, handlers.length * (TURNED_VIEW_BYTES - VIEW_OVERHEAD_BYTES));
  root.turnedToCopy = true;
  root.forgetViews();
  root.readerToken = undefined;
  root.baseDomain = undefined;
  return true;
}

/** The plain copy of a root's nodes, built beside its views before any of them changes. */
class PlainCopy {
  /** What the copy holds for each node read at each tick: a view handed out, or a plain node made here. */
  private readonly made = new TickedMap<object>();
  private readonly fills: Fill[] = [];
  private readonly ownElementsOnly = !elementsInherited();
  /** Bytes of the plain nodes made. */
  bytes = 0;
  /** Set when a slot leads to a Map or Set: their views keep members of their own, which this does not copy. */
  private unhandled = false;

  constructor(
    private readonly root: Root,
    views: TickedMap<object>,
  ) {
    for (const [tick, node, view] of views.entries()) this.made.set(tick, node, view);
  }

  /** A new object or array whose slots `fillAll` will copy from `content`. */
  fillLater(kind: NodeKind, content: object, handler: ViewHandler | undefined, inherited: Inherited | undefined, tick: number): object {
    // Slots a view's becomeCopy takes over: a null prototype lets `__proto__` be one like any other.
    const target = kind === NodeKind.Array ? [] : handler ? (Object.create(null) as object) : {};
    this.fills[this.fills.length] = { target, content, kind, handler, inherited, tick };
    return target;
  }

  /** Fills every node made, and those their slots lead to; false when one is a Map or Set. */
  fillAll(): boolean {
    for (let fill = builtinArray.pop(this.fills); fill !== undefined; fill = builtinArray.pop(this.fills)) {
      this.fill(fill);
      if (this.unhandled) return false;
      if (fill.handler === undefined) this.bytes += copySize(fill.target);
    }
    return true;
  }

  private fill(f: Fill): void {
    const content = f.content as Record<PropertyKey, unknown>;
    const target = f.target as Record<PropertyKey, unknown>;
    if (f.kind === NodeKind.Array) {
      const from = content as unknown as unknown[];
      const to = target as unknown as unknown[];
      const length = from.length;
      to.length = length;
      for (let i = 0; i < length; i++) {
        if (this.ownElementsOnly ? !(i in from) : !Object.hasOwn(from, i)) continue;
        to[i] = this.slot(f, i, from[i]);
      }
      if (hasArrayProperties(from)) {
        for (const key of Object.keys(from)) {
          if (!isIndex(key)) put(target, key, this.slot(f, key, content[key]));
        }
      }
      return;
    }
    for (const key of Reflect.ownKeys(content)) {
      const raw = content[key];
      if (key !== inspect.custom || raw !== inspectView) put(target, key, this.slot(f, key, raw));
    }
  }

  /** What the copy holds in a slot, as the view would present it (see presentSlot). */
  private slot(f: Fill, key: PropertyKey, value: unknown): unknown {
    if (!isObject(value)) return value;
    const h = f.handler;
    if (h !== undefined && h.materialized && h.ownSlots()?.has(typeof key === 'number' ? `${key}` : key)) return value;
    const root = this.root;
    const view = handlerOf(value);
    if (view) {
      if (view.root === root || view.root.lineage !== root.lineage) return value;
      return this.node(view.node, view.tick);
    }
    const leaf = copiedLeafOf(value);
    if (leaf && leaf.root.lineage === root.lineage) return this.node(leaf.node, leaf.tick);
    return this.node(value, this.slotTick(f, typeof key === 'number' ? `${key}` : key));
  }

  private slotTick(f: Fill, key: PropertyKey): number {
    if (f.handler) return f.handler.slotTick(key);
    if (f.inherited) return f.inherited.slotTicks?.get(key) ?? f.inherited.defaultTick;
    return f.tick;
  }

  /** The copy of `node` read at `tick`, as `wrap` would read it. */
  private node(node: object, tick: number): object {
    const known = this.made.get(tick, node);
    if (known !== undefined) return known;
    const inherited = this.root.inherited.get(tick, node);
    // Read as a view's first read reads it: a write cowlens did not see since the copy is reported there.
    const source = new SharedContent(this.root, node, tick, inherited).get();
    const kind = inherited ? inherited.kind : (versionsOf(node)?.kind ?? knownKind(source));
    let out: object;
    if (kind === undefined) {
      out = source;
    } else if (kind === NodeKind.Date || kind === NodeKind.Typed) {
      out = shallowImage(source, kind);
      this.bytes += shallowSize(out);
    } else if (kind === NodeKind.Map || kind === NodeKind.Set) {
      this.unhandled = true;
      return source;
    } else {
      out = this.fillLater(kind, source, undefined, inherited, tick);
    }
    this.made.set(tick, node, out);
    return out;
  }
}

/** Defined where the prototype chain has the key (a setter the program put there), else assigned. */
function put(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  if (key in target) defineData(target, key, value);
  else target[key] = value;
}
