import { types } from 'node:util';
import type { Accounting } from '../figures/accounting.js';
import type { SiteId } from '../figures/types.js';
import { isObject } from '../is-object.js';
import { isProxy } from '../is-proxy.js';
import { copySize, deepSize, shallowSize, shallowSizeBound } from '../size/index.js';
import { adoptDeep, adoptShallow, DeepRules, settleTouched } from './adopt.js';
import { tick } from './clock.js';
import { elementsInherited, NodeKind, plainNodeKind } from './node-kind.js';
import { inNativeClone } from './in-native-clone.js';
import { createView, handlerOf, VIEW_OVERHEAD_BYTES, type ViewHandler, wrap } from './node-view.js';
import { type Inherited, InheritedLayers, type PrivateContent, Root, type TopShape } from './root.js';
import { addReader, type Domain, register, versionsOf } from './versions.js';
import './collection-view.js';
import './turn-to-copy.js';

/** A copy smaller than this costs less than the view that would share it: by default it is copied eagerly. */
export const MIN_SHARED_BYTES = 2 * VIEW_OVERHEAD_BYTES;

export interface LazyCopy {
  readonly view: object;
  /** What the eager copy would have cost: the bytes the view does not duplicate. */
  readonly eagerBytes: number;
  readonly root: Root;
  /** The domain the view shares, for counting how many values share it. */
  readonly domain: Domain;
}

/**
 * A copy-on-write view standing for a shallow copy of `source` into a node of kind `want` (its top
 * node shared, its children shared as JS shares them), or undefined when the copy must be made
 * eagerly.
 */
export function shallowView(accounting: Accounting, site: SiteId, source: object, want: NodeKind, top: TopShape): LazyCopy | undefined {
  if (inNativeClone()) return undefined;
  const h = handlerOf(source);
  if (h) return h.root.deep || hasShape(h.root.top) || h.kind !== want || !h.holdsOnlyPlainData() ? undefined : shallowViewOfView(accounting, site, h, top);
  // A Proxy is never plain data (each read of it runs the program's traps); anything surely smaller
  // than a view is copied eagerly before its kind is asked, which reads a descriptor a key.
  if (isProxy(source) || shallowSizeBound(source) < accounting.minSharedBytes) return undefined;
  // Only a copy of the same kind shares its source: `{ ...array }` or `{ ...map }` is another shape.
  const kind = plainNodeKind(source);
  if (kind !== want || (kind === NodeKind.Array && elementsInherited())) return undefined;
  const eagerBytes = shallowSize(source);
  if (eagerBytes < accounting.minSharedBytes) return undefined;
  const t = tick();
  const domain = adoptShallow(source, kind);
  share(domain, t, site);
  const root = new Root(site, false, accounting, t, t, InheritedLayers.EMPTY, top);
  root.eagerBytes = eagerBytes;
  readBy(domain, root, t);
  return { view: createView(root, kind, source, t, undefined, true), eagerBytes, root, domain };
}

function shallowViewOfView(accounting: Accounting, site: SiteId, h: ViewHandler, top: TopShape): LazyCopy | undefined {
  h.flushOverlay();
  // A view's own content is sized as a copy (the view filled it with data properties); a node it shares is the program's.
  const eagerBytes = h.materialized ? copySize(h.shell) : shallowSize(h.current());
  if (eagerBytes < accounting.minSharedBytes) return undefined;
  const t = tick();
  let node = h.node;
  let readAt = h.tick;
  let domain = h.root.ownDomain;
  if (h.materialized) {
    domain = (versionsOf(h.shell) ?? register(h.shell, h.kind, h.root.ownDomain)).domain;
    share(domain, t, site);
    node = h.shell;
    readAt = t;
  }
  const root = new Root(site, false, accounting, t, readAt, InheritedLayers.EMPTY, top);
  root.eagerBytes = eagerBytes;
  if (!h.materialized && h.root.baseDomain) readBy(h.root.baseDomain, root, h.tick);
  return { view: createView(root, h.kind, node, readAt, undefined, true), eagerBytes, root, domain: domain.root() };
}

/**
 * A copy-on-write view standing for a deep copy of `source` made by `rules`, or undefined when
 * the copy must be made eagerly (the value holds something a view cannot stand for faithfully).
 */
export function deepView(accounting: Accounting, site: SiteId, source: object, rules: DeepRules): LazyCopy | undefined {
  if (inNativeClone()) return undefined;
  const h = handlerOf(source);
  // What a view holds was checked against structuredClone's rules only: a JSON copy of it is eager.
  if (h) return h.root.deep && rules === DeepRules.Structured ? deepViewOfView(accounting, site, h) : undefined;
  // A Date or typed array alone is copied eagerly; whether anything else is plain data adoptDeep
  // asks of every node it walks, this one first.
  if (types.isDate(source) || ArrayBuffer.isView(source)) return undefined;
  const domain = adoptDeep(source, rules, undefined, accounting.minSharedBytes);
  if (domain) settleTouched(domain);
  if (!domain || domain.holdsUnversioned) return undefined;
  // Sizing walks the value; copying it again before any write reuses the figure.
  if (domain.sizedAtWrites !== domain.writes || domain.sizedRoot !== source) {
    // structuredClone and JSON allocate every string anew; the view shares them.
    domain.bytes = deepSize(source, { strings: true });
    domain.sizedAtWrites = domain.writes;
    domain.sizedRoot = source;
  }
  const eagerBytes = domain.bytes;
  if (eagerBytes < accounting.minSharedBytes) return undefined;
  const t = tick();
  share(domain, t, site);
  const root = new Root(site, true, accounting, t, t, InheritedLayers.EMPTY, {});
  root.eagerBytes = eagerBytes;
  readBy(domain, root, t);
  return { view: wrap(root, source, t) as object, eagerBytes, root, domain };
}

/**
 * A deep copy of a deep view: a new view of the same lineage that reads everything the old one
 * wrote as it is now. The old view's private content, and the values its user wrote into it, are
 * put under version control, so its later writes keep images for the new one. O(nodes it wrote).
 */
function deepViewOfView(accounting: Accounting, site: SiteId, h: ViewHandler): LazyCopy | undefined {
  const from = h.root;
  for (const view of from.overlaid.splice(0)) view.flushOverlay();
  // A root turned into a plain copy holds its content in its views, outside version control.
  if (from.holdsForeignViews || from.holdsUncloneable || from.turnedToCopy) return undefined;
  for (const written of from.unsharedWrites) {
    for (const key of written.ownSlots() ?? []) {
      const value = (written.shell as Record<PropertyKey, unknown>)[key];
      if (isObject(value) && !adoptDeep(value, DeepRules.Structured, from.ownDomain)) return undefined;
    }
  }
  // Values already versioned are not walked again: what methods put into them since is looked at now.
  settleTouched(from.ownDomain);
  if (from.ownDomain.root().holdsUnversioned) return undefined;
  const t = tick();
  const records: [PrivateContent, Inherited][] = [];
  for (const written of [...from.sharedWrites, ...from.unsharedWrites]) {
    const record = written.sharedRecord(t);
    if (!record) return undefined;
    records.push([written, record]);
  }
  for (const written of from.unsharedWrites) {
    if (!versionsOf(written.shell)) register(written.shell, written.kind, from.ownDomain);
  }
  from.sharedWrites.push(...from.unsharedWrites);
  from.unsharedWrites.length = 0;
  share(from.ownDomain, t, site);
  const inherited = from.inherited.push(records.map(([written, record]) => [written.tick, written.node, record]));
  const root = new Root(site, true, accounting, t, from.baseTick, inherited, {}, from.lineage);
  root.eagerBytes = from.eagerBytes;
  if (from.baseDomain) readBy(from.baseDomain, root, from.baseTick);
  return { view: wrap(root, h.node, h.tick) as object, eagerBytes: from.eagerBytes, root, domain: from.ownDomain.root() };
}

/** `root` reads `domain`'s nodes as they were at `tick`: their images from then on must stay. */
function readBy(domain: Domain, root: Root, tick: number): void {
  root.baseDomain = domain;
  addReader(domain, root, tick);
}

function share(domain: Domain, t: number, site: SiteId): void {
  const root = domain.root();
  root.sharedAt = t;
  root.site = site;
}


function hasShape(top: TopShape): boolean {
  return top.proto !== undefined || top.hidden !== undefined || top.holesAsUndefined === true;
}
