import type { Counters } from './counters.js';
import type { SiteId } from './types.js';

interface Group {
  readonly members: WeakRef<object>[];
  sweepAt: number;
}

/**
 * Counts the values that share one structure at one time: the structure and its copies that are
 * still alive and still share it. Dead or written copies are swept out whenever a group doubles,
 * so the cost stays amortised O(1) a copy; the high-water mark is only raised with counts taken
 * right after a sweep, so it never claims more sharing than there was.
 */
export class SharingTracker {
  private readonly groups = new WeakMap<object, Group>();

  constructor(
    private readonly counters: Counters,
    private readonly stillShares: (member: object) => boolean,
  ) {}

  add(site: SiteId, structure: object, member: object): void {
    let group = this.groups.get(structure);
    if (!group) this.groups.set(structure, (group = { members: [], sweepAt: 1 }));
    group.members.push(new WeakRef(member));
    if (group.members.length < group.sweepAt) return;
    const live = group.members.filter((ref) => {
      const m = ref.deref();
      return m !== undefined && this.stillShares(m);
    });
    group.members.length = 0;
    group.members.push(...live);
    group.sweepAt = Math.max(1, live.length * 2);
    this.counters.sharedAtOnce(site, live.length + 1);
  }
}
