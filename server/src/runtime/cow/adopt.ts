import { shallowSize } from '../size/index.js';
import { NodeKind, plainNodeKind } from './node-kind.js';
import { isLent } from './lent.js';
import { handlerOf } from './node-view.js';
import { Domain, markArrayProperties, moveReaders, register, versionsOf } from './versions.js';
import { builtinArray, builtinMap, builtinSet, OwnSet } from '../captured-intrinsics.js';
import { Object, Reflect, Math, Number } from '../captured-namespaces.js';

/** What a deep copy may contain and still be shared lazily, by the rules of the copy it stands for. */
export const enum DeepRules {
  /** structuredClone, postMessage, lodash cloneDeep of plain data. */
  Structured = 0,
  /** JSON.parse(JSON.stringify(x)): only what survives the round trip unchanged. */
  Json = 1,
}

/**
 * Puts every node reachable from `root` under version control in one domain, so that writes by
 * instrumented code keep images for the views that share them. Returns the domain, or undefined
 * when some node cannot be shared faithfully under `rules`, or is lent (see lent.ts): the caller
 * then copies eagerly, which also raises whatever error the real copy raises. Nodes already versioned deeply are not walked
 * again: sharing a graph a second time costs O(1).
 */
export function adoptDeep(root: object, rules: DeepRules, into?: Domain, minBytes = 0): Domain | undefined {
  const known: Domain[] = [];
  const stack: object[] = [root];
  const seen = new OwnSet<object>();
  const walked: object[] = [];
  const kinds: NodeKind[] = [];
  let bytes = 0;
  let walkedAll = true;
  while (stack.length > 0) {
    const node = builtinArray.pop(stack)!;
    if (seen.has(node)) {
      if (rules === DeepRules.Json) return undefined; // JSON rejects cycles and duplicates shared nodes
      continue;
    }
    seen.add(node);
    if (handlerOf(node)) return undefined; // a view inside plain data: its content is not versioned here
    const kind = plainNodeKind(node);
    if (kind === undefined || isLent(node)) return undefined;
    if (rules === DeepRules.Json && kind !== NodeKind.Object && kind !== NodeKind.Array) return undefined;
    const versions = versionsOf(node);
    if (versions?.deep === true && rules === DeepRules.Structured) {
      const versioned = versions.domain.root();
      if (versioned.holdsUnversioned) return undefined;
      builtinArray.push(known, versioned);
      walkedAll = false;
      continue;
    }
    builtinArray.push(walked, node);
    builtinArray.push(kinds, kind);
    bytes += shallowSize(node);
    if (!pushChildren(node, kind, rules, stack)) return undefined;
  }
  // A value smaller than a view is copied eagerly: version control would cost more than it saves.
  if (walkedAll && bytes < minBytes) return undefined;
  // Sharing an already versioned graph again reuses its domain, and with it its cached size.
  const domain = (into ?? known[0] ?? new Domain()).root();
  for (let i = 0; i < known.length; i++) mergeInto(known[i]!, domain);
  for (let i = 0; i < walked.length; i++) {
    const node = walked[i]!;
    const v = versionsOf(node) ?? register(node, kinds[i]!, domain);
    mergeInto(v.domain, domain);
    v.deep = true;
  }
  return domain.root();
}

/** Versions one node on its own (a shallow copy shares only the top node). */
export function adoptShallow(node: object, kind: NodeKind): Domain {
  const v = versionsOf(node) ?? register(node, kind, new Domain());
  return v.domain.root();
}

function mergeInto(from: Domain, to: Domain): void {
  const a = from.root();
  const b = to.root();
  if (a === b) return;
  b.sharedAt = Math.max(a.sharedAt, b.sharedAt);
  b.holdsUnversioned ||= a.holdsUnversioned;
  b.lent ||= a.lent;
  b.onLoan += a.onLoan;
  for (let i = 0; i < a.touched.length; i++) builtinArray.push(b.touched, a.touched[i]!);
  a.touched.length = 0;
  b.keepImages ||= a.keepImages;
  moveReaders(a, b);
  a.imaged.forEach((v) => b.imaged.add(v));
  b.liveImages += a.liveImages;
  b.imagesMade += a.imagesMade;
  b.imagesCounted += a.imagesCounted;
  // The copies sharing either graph now share the merged one: a write to it materializes them all.
  a.sharing.forEach((views, site) => b.sharing.set(site, (b.sharing.get(site) ?? 0) + views));
  a.sharing.clear();
  a.imaged.clear();
  a.parent = b;
}

function pushChildren(node: object, kind: NodeKind, rules: DeepRules, stack: object[]): boolean {
  switch (kind) {
    case NodeKind.Array: {
      const a = node as unknown[];
      let present = 0;
      for (let i = 0; i < a.length; i++) {
        // A hole is no own element, whatever the program put on Array.prototype under its index.
        if (!Object.hasOwn(a, i)) {
          if (rules === DeepRules.Json) return false;
          continue;
        }
        present++;
        // An accessor element: a view would run its getter at each read, the copy runs it once.
        if (getterOf(a, i) !== undefined || !acceptValue(a[i], rules, stack)) return false;
      }
      // Other properties of an array: structuredClone keeps them, JSON and lodash drop them.
      const keys = Object.keys(a);
      // Hidden properties and symbols (beyond `length`) follow rules a view does not model.
      if (Reflect.ownKeys(a).length !== keys.length + 1) return false;
      if (keys.length === present) return true;
      if (rules === DeepRules.Json) return false;
      markArrayProperties(a);
      for (let i = present; i < keys.length; i++) if (getterOf(a, keys[i]!) !== undefined || !acceptValue((a as unknown as Record<string, unknown>)[keys[i]!], rules, stack)) return false;
      return true;
    }
    case NodeKind.Object: {
      const keys = Object.keys(node);
      for (let i = 0; i < keys.length; i++) if (!acceptValue((node as Record<string, unknown>)[keys[i]!], rules, stack)) return false;
      return true;
    }
    case NodeKind.Map:
      for (const entry of builtinMap.entries(node)) {
        const k = entry[0];
        const v = entry[1];
        // A clone would clone object keys too; symbols and functions make the real clone throw.
        if (!isPrimitiveKey(k) || !acceptValue(v, rules, stack)) return false;
      }
      return true;
    case NodeKind.Set:
      for (const v of builtinSet.values(node)) if (!isPrimitiveKey(v)) return false;
      return true;
    case NodeKind.Date:
    case NodeKind.Typed:
      return true;
  }
}

/**
 * The getter of an own property (undefined for a data property), found without calling it: V8's
 * lookup allocates no descriptor, which matters once an element. Taken at load, with `call` bound
 * to it, so that a program's replacement never runs.
 */
// eslint-disable-next-line @typescript-eslint/unbound-method -- `call` bound to the built-in, as captured-intrinsics.ts binds Map's
const getterOf = Reflect.apply(Function.prototype.bind, Function.prototype.call, [Reflect.getOwnPropertyDescriptor(Object.prototype, '__lookupGetter__')!.value]) as (o: object, key: PropertyKey) => unknown;

function isPrimitiveKey(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined' || type === 'bigint';
}

function acceptValue(value: unknown, rules: DeepRules, stack: object[]): boolean {
  switch (typeof value) {
    case 'object':
      if (value !== null) builtinArray.push(stack, value);
      return true;
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return rules !== DeepRules.Json || (Number.isFinite(value) && !Object.is(value, -0));
    case 'undefined':
    case 'bigint':
      return rules !== DeepRules.Json;
    default:
      return false; // functions and symbols: the real copy throws, or drops them
  }
}

/**
 * Versions the children that methods (push, splice, Map#set...) put into the domain's nodes
 * since it was last shared, before it is shared again; a child that cannot be versioned makes
 * the domain's later deep copies eager.
 */
export function settleTouched(domain: Domain): void {
  const root = domain.root();
  const touched = builtinArray.splice(root.touched, 0);
  for (let i = 0; i < touched.length; i++) {
    const node = touched[i]!;
    const children: object[] = [];
    const kind = versionsOf(node)?.kind;
    if (kind === undefined) continue;
    if (!pushChildren(node, kind, DeepRules.Structured, children) || builtinArray.some(children, (child) => !adoptDeep(child, DeepRules.Structured, root))) {
      root.holdsUnversioned = true;
    }
  }
}
