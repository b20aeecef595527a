/**
 * cowlens's preload is the first `--require` of a process: the program's own preloads (`node -r
 * ./setup.js`, `-r ts-node/register`, `-r tsx/cjs`) run after it. cowlens's hooks go in after
 * those, where its `--import` put them before: a loader a preload registers is the one that hands
 * cowlens its output (require-hook.ts), its TypeScript extensions are known to the module hooks,
 * and the program's own `--import` modules, which Node runs after every `--require`, load through
 * cowlens's module hooks. Node resolves the program's entry right after the preloads, by
 * `Module._findPath(…, isMain)`, which returns before any of the program's code runs: no frame of
 * cowlens's is left in a stack. A process with no entry to resolve gets them now in a main thread
 * (`node -e`, the REPL, `node --test`, whose runner may load the test files itself), or once its
 * code has run its first turn in a worker of code.
 */
import Module from 'node:module';
import { isMainThread } from 'node:worker_threads';

type FindPath = (this: unknown, request: string, paths: unknown, isMain?: boolean) => unknown;

export function afterProgramPreloads(install: () => void): void {
  if (isMainThread && (process.argv[1] === undefined || process.execArgv.includes('--test'))) {
    install();
    return;
  }
  const internals = Module as unknown as { _findPath: FindPath };
  const findPath = internals._findPath;
  let installed = false;
  const once = (): void => {
    if (installed) return;
    installed = true;
    // A preload of the program's may have wrapped it in turn: then it stays, and passes through.
    if (internals._findPath === findMainPath) internals._findPath = findPath;
    install();
  };
  const findMainPath: FindPath = function findPathAfterPreloads(request, paths, isMain) {
    if (isMain === true) once();
    return findPath.call(this, request, paths, isMain);
  };
  internals._findPath = findMainPath;
  // A microtask, not a tick: a tick still queued when the program starts would change its async stack traces (own-thread-start.ts).
  queueMicrotask(once);
}
