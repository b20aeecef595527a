import type { LocationId } from '../figures/types.js';
import { builtinArray, OwnMap, OwnWeakMap, OwnWeakSet } from '../captured-intrinsics.js';
import { OpenCalls, settleEach } from '../lending-calls.js';
import { fingerprint } from './fingerprint.js';
import { endLoan, loan, markLent } from './lent.js';
import { beforeWrite, type Domain, dropImage, latestImage, type Versions } from './versions.js';

/**
 * An image taken before a package call, for the views sharing a node the call was handed: counted
 * as a materialization only once the node is seen to have changed (the package wrote it) or an
 * instrumented write needs it; dropped, counting nothing, when the node is found unchanged.
 */
class ProvisionalImage {
  constructor(
    readonly owner: Lendings,
    readonly node: object,
    readonly versions: Versions,
    readonly image: object,
    readonly bytes: number,
    /** The node's digest when the image was taken. */
    readonly print: number,
    readonly imagedAt: number,
    readonly imagedBefore: number,
    readonly location: LocationId,
    /** The domain's `lentAt` before the walk that took the image: a dropped image asks the next lending to walk again. */
    readonly lentAtBefore: number,
  ) {}

  changed(): boolean {
    return fingerprint(this.node, this.versions.kind) !== this.print;
  }
}

/** What a call holds (see OpenCalls). */
const enum Held {
  Value = 0,
  Domain = 1,
  Image = 2,
}

/** The provisional image each node holds, if any. */
const provisional = new OwnWeakMap<Versions, ProvisionalImage>();
/** The images themselves: a view reads one without keeping it (shared-content.ts), since it may be dropped. */
const provisionalImages = new OwnWeakSet<object>();

export function isProvisionalImage(image: object): boolean {
  return provisionalImages.has(image);
}

/**
 * A view found `versions`'s node changed by code cowlens did not see: if a lending took an image
 * of it, that image is counted now (the views before the lending read it); the change is still a
 * hazard, since a package may have written it after its call returned.
 */
export function changedUnseen(versions: Versions): void {
  const entry = provisional.get(versions);
  if (entry !== undefined) entry.owner.keepChanged(entry);
}

/**
 * Lending is checked, not assumed. Before a package call, the views sharing what its arguments
 * reach get images (the package may write them), taken provisionally; the instrumenter tells the
 * runtime when the call returns (`returned`). Then each node the call imaged is compared with its
 * digest: a changed one keeps its image, counted where it was lent, and its domain stays lent
 * (later copies of it are eager); an unchanged one counts nothing. A call that returned a thenable
 * (an async package may write later), or never returned (it threw, or its arguments await: settled
 * between jobs), keeps every image it relied on, counted, and what it was handed stays lent.
 *
 * Unchanged images stay, uncounted, until the domain is lent anew after another copy of it, or
 * between jobs, or at exit, when each is dropped if its node is still unchanged (counted if not):
 * a package call in a hot loop walks the value once, the next calls relying on the images of the
 * first. A write found later by a view's digest check is a hazard, as any write cowlens did not
 * see, since a package may keep what it was handed and write it after its call returned.
 */
export class Lendings {
  private readonly calls = new OpenCalls();
  /** The images not settled yet, by the domain they were taken in; a domain merged since is settled with all of them (`settleAll`). */
  private readonly byDomain = new OwnMap<Domain, ProvisionalImage[]>();

  constructor(private readonly count: (domain: Domain, location: LocationId, bytes: number) => void) {}

  /** `held` (a value or a domain) is handed to the package call at `location`, about to run. */
  hold(location: LocationId, held: object): void {
    loan(held);
    this.calls.hold(location, held, Held.Value);
  }

  /** A node of `domain` is handed to the package call at `location`, about to run. */
  holdDomain(location: LocationId, domain: Domain): void {
    domain.onLoan++;
    this.calls.hold(location, domain, Held.Domain);
  }

  /**
   * Takes a provisional image of `node` for the call at `location`, unless it has one since its
   * domain was last shared; `versions.print` is its digest now (the caller just compared it).
   */
  image(node: object, versions: Versions, location: LocationId, lentAtBefore: number): void {
    const earlier = provisional.get(versions);
    const print = versions.print!;
    const imagedBefore = versions.imagedAt;
    const bytes = beforeWrite(node, versions, true);
    // The digest stays known, so that a write no lending explains is found (beforeWrite forgot it).
    versions.print = print;
    if (bytes === undefined) return;
    // An image a running call still relied on when the domain was shared again: kept, and counted.
    if (earlier !== undefined) this.keep(earlier, earlier.location);
    const image = latestImage(versions);
    const entry = new ProvisionalImage(this, node, versions, image, bytes, print, versions.imagedAt, imagedBefore, location, lentAtBefore);
    provisional.set(versions, entry);
    provisionalImages.add(image);
    const domain = versions.domain.root();
    let taken = this.byDomain.get(domain);
    if (taken === undefined) this.byDomain.set(domain, (taken = []));
    builtinArray.push(taken, entry);
    this.calls.hold(location, entry, Held.Image);
  }

  /** The call at `location` returned `value`. */
  returned(value: unknown, location: LocationId): void {
    this.calls.returned(location, value, this.close);
  }

  /** An instrumented write is about to change `versions`'s node: the image it finds is counted there, or where it was lent if the package changed the node. */
  writing(node: object, versions: Versions, location: LocationId): void {
    const entry = provisional.get(versions);
    if (entry === undefined) return;
    if (entry.changed()) this.keepChanged(entry);
    else this.keep(entry, location);
  }

  /** Where no code of the program runs (between jobs, at exit): every call still open never returned, and every image is settled. */
  settleAll(): void {
    this.calls.closeAll(this.close);
    settleEach(this.byDomain, (domain) => {
      this.settleDomain(domain);
    });
  }

  /** Settles the images taken in `domain`, before it is lent anew, unless a call still running holds it. */
  settleDomain(domain: Domain): void {
    const taken = this.byDomain.get(domain);
    if (taken === undefined || domain.root().onLoan > 0) return;
    this.byDomain.delete(domain);
    for (let i = 0; i < taken.length; i++) {
      const entry = taken[i]!;
      // Counted since, by a write or a call that kept it.
      if (provisional.get(entry.versions) !== entry) continue;
      if (entry.changed()) this.keepChanged(entry);
      else this.drop(entry);
    }
  }

  /** The package changed the node: its image is counted where it was lent, and its domain stays lent. */
  keepChanged(entry: ProvisionalImage): void {
    entry.versions.domain.root().lent = true;
    this.keep(entry, entry.location);
    entry.versions.print = fingerprint(entry.node, entry.versions.kind);
  }

  /** A call returned (`returned`: not a thenable) or never did: what it held is lent no more, or for good. */
  private readonly close = (item: object, kind: Held, returned: boolean): void => {
    if (kind === Held.Image) {
      const entry = item as ProvisionalImage;
      if (provisional.get(entry.versions) !== entry) return;
      if (!returned || entry.changed()) this.keepChanged(entry);
      return;
    }
    if (kind === Held.Value) {
      endLoan(item);
      if (!returned) markLent(item);
      return;
    }
    const held = item as Domain;
    held.onLoan--;
    // A domain merged into another while on loan counted there too (adopt.ts).
    const root = held.root();
    if (root !== held) root.onLoan--;
    if (returned) return;
    root.lent = true;
    const taken = this.byDomain.get(held);
    if (taken !== undefined) for (let i = 0; i < taken.length; i++) if (provisional.get(taken[i]!.versions) === taken[i]) this.keep(taken[i]!, taken[i]!.location);
  };

  private keep(entry: ProvisionalImage, location: LocationId): void {
    provisional.delete(entry.versions);
    provisionalImages.delete(entry.image);
    const domain = entry.versions.domain.root();
    domain.imagesCounted++;
    this.count(domain, location, entry.bytes);
  }

  private drop(entry: ProvisionalImage): void {
    const { versions } = entry;
    provisional.delete(versions);
    provisionalImages.delete(entry.image);
    dropImage(versions, entry.image, entry.imagedAt, entry.imagedBefore);
    versions.print = entry.print;
    const domain = versions.domain.root();
    if (domain.lentAt > entry.lentAtBefore) domain.lentAt = entry.lentAtBefore;
  }
}
