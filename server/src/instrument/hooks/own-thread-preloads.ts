/**
 * Node runs every `--require` preload in every thread, the threads cowlens starts for itself too
 * (its module hooks' thread, its transform worker). There the program's own preloads would run a
 * second time, where plain Node never runs them: a `-r ./setup.js` that prints would print twice.
 * cowlens's preload, the first of them, has Node skip the ones after it in such a thread.
 */
import Module from 'node:module';

type Load = (request: string, parent: { id?: unknown } | null | undefined, ...rest: unknown[]) => unknown;

/** The module Node loads preloads from (`Module._preloadModules`), in Node 20 to 24. */
const PRELOAD_PARENT = 'internal/preload';

export function skipProgramPreloads(): void {
  const internals = Module as unknown as { _load: Load };
  const load = internals._load;
  internals._load = function loadOutsidePreloads(request, parent, ...rest) {
    return parent?.id === PRELOAD_PARENT ? {} : load.call(this, request, parent, ...rest);
  };
}
