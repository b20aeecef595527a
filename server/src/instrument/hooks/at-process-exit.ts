/**
 * cowlens's own work at a process's exit (its last figures, its checks of what the process loaded)
 * listens on no event of `process`: a program sees the listeners there
 * (`process.listenerCount('exit')`, `listeners()`, signal-exit's bookkeeping), and Node warns
 * (MaxListenersExceededWarning) when a program that adds ten of its own finds cowlens's too.
 *
 * Node emits 'exit' through `process.emit`, which it looks up on `process` each time, from C++ at
 * the event loop's natural end as from `process.exit()` or an uncaught exception, in the main
 * thread and in workers, and always once `process._exiting` is true. The work runs at the first
 * such look-up: an accessor on the prototype of `process`, where `emit` is inherited, hands out
 * the `emit` in force and keeps one the program assigns (signal-exit's), so that Node still looks it
 * up there. A wrapper of `emit` would add a frame to the stack of everything a process event runs
 * (an IPC message handler's errors); the accessor runs before the call and leaves none. The work
 * runs before the program's own 'exit' listeners, as the listeners it replaces did, having been
 * added by the preload. An `emit` the program defines on `process` itself (`Object.defineProperty`)
 * is looked up there, and the process exits without the work (README, Limits).
 */

const works: (() => void)[] = [];
let installed = false;

/** Runs `work` once, when the process (or worker thread) exits, before the program's 'exit' listeners. */
export function atProcessExit(work: () => void): void {
  works.push(work);
  if (installed) return;
  installed = true;
  // Another preload made `emit` an own property already, where Node looks first: a listener, as before.
  if (!installAccessor()) process.once('exit', runWorks);
}

function installAccessor(): boolean {
  const holder = Object.getPrototypeOf(process) as object;
  if (Object.hasOwn(holder, 'emit') || Object.hasOwn(process, 'emit')) return false;
  // Handed out as found, and called on `process` by whoever reads it.
  let emit: unknown = Reflect.get(process, 'emit');
  let exited = false;
  return Reflect.defineProperty(holder, 'emit', {
    configurable: true,
    enumerable: false,
    get(this: unknown) {
      if (!exited && this === process && (process as { _exiting?: boolean })._exiting === true) {
        exited = true;
        runWorks();
      }
      return emit;
    },
    set(this: unknown, value: unknown) {
      // Assigned on another object inheriting from `process` (jest's process of a test file): its own, as it would be.
      if (this === process) emit = value;
      else Reflect.defineProperty(this as object, 'emit', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

function runWorks(): void {
  for (const work of works) {
    try {
      work();
    } catch {
      // The program's exit must go on whatever happens here.
    }
  }
}
