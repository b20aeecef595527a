/**
 * The crash monitor learns of each uncaught exception (and unhandled rejection) with no
 * 'uncaughtExceptionMonitor' listener, which the program would see (process-emit.ts). For each
 * one, Node's C++ looks up `process._fatalException` and calls it, and it emits
 * 'uncaughtExceptionMonitor' first, through `process.emit`. An accessor in place of
 * `_fatalException`'s value (enumerable, as the value was, and keeping one the program assigns)
 * marks that look-up; the next look-up of `emit` on `process` is handed, for that one call, a
 * function that tells the error, then emits as the `emit` in force does. Its frame is on the
 * stack of the program's own 'uncaughtExceptionMonitor' listeners only (README, Limits).
 *
 * At exit the value goes back in place of the accessor: while Node frees the environment, no
 * JavaScript can run, and an exception then (one an inspector session's callback raises, as tap's
 * coverage has) has Node's C++ read `_fatalException` with no way to call a getter, which aborts
 * the process. An uncaught exception in the program's own 'exit' listeners is not told.
 */
import { atProcessExit } from './at-process-exit.js';
import { watchEmitLookups } from './process-emit.js';

/** Calls `tell` with each uncaught exception of the process (or worker thread), before any of the program's listeners. */
export function atUncaughtException(tell: (error: unknown) => void): void {
  let pending = false;
  const watched = watchEmitLookups((emit) => {
    if (!pending) return undefined;
    pending = false;
    return function (this: unknown, ...args: unknown[]): unknown {
      if (args[0] === 'uncaughtExceptionMonitor') tell(args[1]);
      return Reflect.apply(emit as (...args: unknown[]) => unknown, this, args);
    };
  });
  if (!watched || !markFatalExceptions(() => (pending = true))) process.on('uncaughtExceptionMonitor', tell);
}

function markFatalExceptions(mark: () => void): boolean {
  const found = Object.getOwnPropertyDescriptor(process, '_fatalException');
  if (found === undefined || !('value' in found) || found.configurable !== true || found.writable !== true) return false;
  let handler: unknown = found.value;
  atProcessExit(() => {
    Reflect.defineProperty(process, '_fatalException', { value: handler, writable: true, enumerable: found.enumerable === true, configurable: true });
  });
  return Reflect.defineProperty(process, '_fatalException', {
    configurable: true,
    enumerable: found.enumerable === true,
    get() {
      mark();
      return handler;
    },
    set(value: unknown) {
      handler = value;
    },
  });
}
