import type { HazardKind } from '../runtime/figures/types.js';

/**
 * How serious each hazard is. An uninstrumented write in cow mode changes a value cowlens shares
 * without the runtime seeing it, so other holders of the value may see the write: a correctness
 * problem. An eager fallback only costs the copy cow mode meant to avoid.
 */
export const HAZARD_SEVERITY: Readonly<Record<HazardKind, 'error' | 'warning'>> = {
  'uninstrumented-write': 'error',
  'eager-fallback': 'warning',
};
