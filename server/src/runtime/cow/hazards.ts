import { changedUnseen } from './lendings.js';
import type { Root } from './root.js';
import { unchangedSinceSeen, type Versions } from './versions.js';

export const UNSEEN_WRITE_MESSAGE =
  'code that cowlens did not instrument changed a value that copies made here share: those copies may show the change';

/** Reports a write cowlens did not see into a shared node, found when a view first reads it. */
export function checkShared(root: Root, node: object, content: object, versions: Versions | undefined): void {
  if (versions === undefined || content !== node || unchangedSinceSeen(node, versions)) return;
  changedUnseen(versions);
  root.accounting.counters.hazard(versions.domain.root().site || root.site, 'uninstrumented-write', UNSEEN_WRITE_MESSAGE);
}
