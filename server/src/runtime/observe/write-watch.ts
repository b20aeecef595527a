import type { Counters } from '../figures/counters.js';
import type { LocationId, SiteId } from '../figures/types.js';
import { shallowSize } from '../size/index.js';

/**
 * Observe mode: the program's copies are real; this watches them. Every node of a copy and of
 * its source is entered here with its parent, so that a write to either side while both are alive
 * can be charged what copy-on-write would have copied for it: the written node and its path up to
 * the copy's top, each node once (path copying).
 */
export interface Track {
  readonly site: SiteId;
  readonly copy: WeakRef<object>;
  readonly source: WeakRef<object>;
  materialized: boolean;
}

interface Entry {
  readonly track: Track;
  readonly parent: object | undefined;
  /** Copy-on-write would already have copied this node (and so its whole path). */
  copied: boolean;
}

export class WriteWatch {
  private readonly entries = new WeakMap<object, Entry | Entry[]>();

  constructor(private readonly counters: Counters) {}

  watch(track: Track, node: object, parent: object | undefined): void {
    const entry: Entry = { track, parent, copied: false };
    const known = this.entries.get(node);
    if (known === undefined) this.entries.set(node, entry);
    else if (Array.isArray(known)) known.push(entry);
    else this.entries.set(node, [known, entry]);
  }

  /** `node` is about to be written at `location`. */
  written(node: object, location: LocationId): void {
    const known = this.entries.get(node);
    if (known === undefined) return;
    if (Array.isArray(known)) {
      for (const entry of known) this.charge(node, entry, location);
      // Entries of copies that died or were charged in full need no more watching.
      const live = known.filter((e) => !e.copied && e.track.copy.deref() !== undefined);
      if (live.length === 0) this.entries.delete(node);
      else if (live.length < known.length) this.entries.set(node, live.length === 1 ? live[0]! : live);
    } else {
      this.charge(node, known, location);
      if (known.copied) this.entries.delete(node);
    }
  }

  private charge(node: object, entry: Entry, location: LocationId): void {
    if (entry.copied) return;
    const { track } = entry;
    if (track.copy.deref() === undefined || track.source.deref() === undefined) return;
    let bytes = 0;
    let current: Entry | undefined = entry;
    let at: object | undefined = node;
    while (current && !current.copied && at) {
      current.copied = true;
      bytes += shallowSize(at);
      at = current.parent;
      current = at ? this.entryOf(at, track) : undefined;
    }
    this.counters.materialized(track.site, location, bytes, !track.materialized, false);
    track.materialized = true;
  }

  private entryOf(node: object, track: Track): Entry | undefined {
    const known = this.entries.get(node);
    if (known === undefined) return undefined;
    if (!Array.isArray(known)) return known.track === track ? known : undefined;
    return known.find((e) => e.track === track);
  }
}
