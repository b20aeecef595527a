let depth = 0;

/**
 * Runs `clone`, a call of the platform's structuredClone or postMessage, telling the copy sites
 * that it runs: a getter the native clone calls may make a copy, and a view handed back to the
 * clone would make it throw, so such a copy is made eagerly (what plain JavaScript makes).
 */
export function duringNativeClone<T>(clone: () => T): T {
  depth++;
  try {
    return clone();
  } finally {
    depth--;
  }
}

/** True while the platform's clone runs (see duringNativeClone): copies are made eagerly then. */
export function inNativeClone(): boolean {
  return depth > 0;
}
