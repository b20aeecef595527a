import { copySize } from '../size/index.js';
import { currentCrossing } from './crossings.js';
import { checkShared } from './hazards.js';
import { isProvisionalImage } from './lendings.js';
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
    if (isProvisionalImage(this.content)) {
      // Read, never kept: see `get`.
      this.content = this.shared;
      this.seen = -1;
    } else if (this.content !== this.shared) this.versions = undefined;
    else if (this.versions) checkOncePerCrossing(root, this.shared, this.versions);
  }

  /** The content as it is now, without counting as the view's first read (for setting the view up). */
  peek(): object {
    const versions = this.versions;
    return versions !== undefined && versions.imagesTaken !== this.seen ? contentAt(this.shared, versions, this.tick) : this.content;
  }

  get(): object {
    const versions = this.versions;
    if (versions === undefined) return this.content;
    if (versions.imagesTaken !== this.seen) {
      const content = contentAt(this.shared, versions, this.tick);
      // An image a lending took may be dropped (cow/lendings.ts): read, never kept, so that the view holds nothing once it is.
      if (isProvisionalImage(content)) return content;
      this.seen = versions.imagesTaken;
      // The view reads the node as it was before a write: what was written since, seen or not, does not show.
      if (content !== this.shared) {
        this.content = content;
        this.versions = undefined;
        return content;
      }
    }
    if (this.unread) {
      // Code cowlens did not instrument may have run since the copy without a crossing (a package
      // calling back into instrumented code): the first read looks, whatever the crossing.
      this.unread = false;
      checkShared(this.root, this.shared, this.shared, versions);
      versions.checkedAt = currentCrossing();
    } else {
      checkOncePerCrossing(this.root, this.shared, versions);
    }
    return this.content;
  }
}

/**
 * Compares the node's digest with the one cowlens last took, at the first read of it by any view
 * after a crossing (see crossings.ts), where code cowlens did not instrument may have run. A
 * digest an instrumented write set aside is taken anew at once, so that a write after it is caught.
 */
function checkOncePerCrossing(root: Root, node: object, versions: Versions): void {
  const crossing = currentCrossing();
  if (versions.checkedAt === crossing && versions.print !== undefined) return;
  checkShared(root, node, node, versions);
  versions.checkedAt = crossing;
}

/**
 * Before a view writes its own content again: when a later copy of its lineage shares that
 * content, keep an image of it for that copy (charged as a copy point of the view's site).
 */
export function beforeOwnWrite(root: Root, shell: object): void {
  const versions = versionsOf(shell);
  if (!versions) return;
  const bytes = beforeWrite(shell, versions);
  if (bytes !== undefined) root.accounting.counters.materialized(root.site, root.accounting.takeLocation(), bytes, false, true);
}

/** A view wrote `bytes` of its own without copying the node it shares (an element of a large array). */
export function recordPartialCopy(root: Root, bytes: number): void {
  const first = root.firstMaterialization();
  root.accounting.counters.materialized(root.site, root.accounting.takeLocation(), bytes, first, true);
}

/** A view's first write made its content private: `shell` now holds a copy of the shared node. */
export function recordMaterialization(root: Root, shell: object): void {
  const first = root.firstMaterialization();
  // Sized as a copy: the view filled its shell with data properties, and nothing else has written it.
  root.accounting.counters.materialized(root.site, root.accounting.takeLocation(), copySize(shell), first, true);
}
