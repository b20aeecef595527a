import { shallowSize } from '../size/index.js';
import { currentCrossing } from './crossings.js';
import { checkShared } from './hazards.js';
import type { Inherited, Root } from './root.js';
import { beforeWrite, contentAt, type Versions, versionsOf } from './versions.js';

/**
 * What a view reads before it has content of its own: the node it shares as it was at the view's
 * tick, or what an earlier copy of its lineage wrote for that node. While that is the live node it
 * watches for new images (a write after the view was made) and switches to the image.
 */
export class SharedContent {
  private versions: Versions | undefined;
  private seen: number;
  private content: object;
  private readonly shared: object;
  private readonly tick: number;
  /** Set until the first read: a write cowlens could not see, between the copy and that read, is caught there. */
  private unread = true;

  constructor(
    private readonly root: Root,
    node: object,
    tick: number,
    inherited: Inherited | undefined,
  ) {
    this.shared = inherited ? inherited.shell : node;
    this.tick = inherited ? inherited.tick : tick;
    this.versions = versionsOf(this.shared);
    this.content = contentAt(this.shared, this.versions, this.tick);
    this.seen = this.versions?.imagesTaken ?? 0;
    checkShared(root, this.shared, this.content, this.versions);
    if (this.content !== this.shared) this.versions = undefined;
    else if (this.versions) this.versions.checkedAt = currentCrossing();
  }

  /** The content as it is now, without counting as the view's first read (for setting the view up). */
  peek(): object {
    return this.content;
  }

  get(): object {
    const versions = this.versions;
    if (versions !== undefined) {
      // At the first read, and at the first read of the node by any view after a crossing.
      const crossing = currentCrossing();
      if (this.unread || versions.checkedAt !== crossing) {
        checkShared(this.root, this.shared, this.content, versions);
        versions.checkedAt = crossing;
        this.unread = false;
      }
    }
    if (this.versions !== undefined && this.versions.imagesTaken !== this.seen) {
      this.content = contentAt(this.shared, this.versions, this.tick);
      this.seen = this.versions.imagesTaken;
      if (this.content !== this.shared) this.versions = undefined;
    }
    return this.content;
  }
}

/**
 * Before a view writes its own content again: when a later copy of its lineage shares that
 * content, keep an image of it for that copy (charged as a copy point of the view's site).
 */
export function beforeOwnWrite(root: Root, shell: object): void {
  const versions = versionsOf(shell);
  if (!versions) return;
  const image = beforeWrite(shell, versions);
  if (image) root.accounting.counters.materialized(root.site, root.accounting.takeLocation(), shallowSize(image), false, true);
}

/** A view wrote `bytes` of its own without copying the node it shares (an element of a large array). */
export function recordPartialCopy(root: Root, bytes: number): void {
  const first = root.firstMaterialization();
  root.accounting.counters.materialized(root.site, root.accounting.takeLocation(), bytes, first, true);
}

/** A view's first write made its content private: `shell` now holds a copy of the shared node. */
export function recordMaterialization(root: Root, shell: object): void {
  const first = root.firstMaterialization();
  root.accounting.counters.materialized(root.site, root.accounting.takeLocation(), shallowSize(shell), first, true);
}
