/**
 * cowlens's work at a process's exit and at an uncaught exception listens on no event of
 * `process`: a program sees the listeners there (`process.eventNames()`, `listenerCount('exit')`,
 * `rawListeners()`, signal-exit's bookkeeping), and Node warns (MaxListenersExceededWarning) when a
 * program that adds ten of its own finds cowlens's too.
 *
 * Node emits its process events through `process.emit`, which it looks up on `process` each time,
 * from C++ as from its own JavaScript, in the main thread and in workers. An accessor on the
 * prototype of `process`, where `emit` is inherited, sees each such look-up: it hands out the
 * `emit` in force and keeps one the program assigns (signal-exit's), so that Node still looks it
 * up there. A wrapper of `emit` kept in place would add a frame to the stack of everything a
 * process event runs (an IPC message handler's errors); the accessor runs before the call and
 * leaves none. An `emit` the program defines on `process` itself (`Object.defineProperty`) is
 * looked up there, and the watchers see no more look-ups (README, Limits).
 */

/** Given the `emit` in force, what this look-up hands out instead, or undefined for that `emit`. */
export type EmitLookup = (emit: unknown) => unknown;

const watchers: EmitLookup[] = [];
let installed: boolean | undefined;

/**
 * Calls `watch` at each look-up of `process.emit` on `process`; false when another preload made
 * `emit` an own property already, where Node looks first (the caller then listens, as before).
 */
export function watchEmitLookups(watch: EmitLookup): boolean {
  installed ??= installAccessor();
  if (installed) watchers.push(watch);
  return installed;
}

function installAccessor(): boolean {
  const holder = Object.getPrototypeOf(process) as object;
  if (Object.hasOwn(holder, 'emit') || Object.hasOwn(process, 'emit')) return false;
  // Handed out as found, and called on `process` by whoever reads it.
  let emit: unknown = Reflect.get(process, 'emit');
  return Reflect.defineProperty(holder, 'emit', {
    configurable: true,
    enumerable: false,
    get(this: unknown) {
      if (this !== process) return emit;
      let handed = emit;
      // By index: the program may have replaced the array iterator. And never a throw: Node's C++
      // reads `emit` where an exception aborts the process.
      for (let i = 0; i < watchers.length; i++) {
        try {
          handed = watchers[i]!(handed) ?? handed;
        } catch {
          // The program's event goes on with the `emit` in force.
        }
      }
      return handed;
    },
    set(this: unknown, value: unknown) {
      // Assigned on another object inheriting from `process` (jest's process of a test file): its own, as it would be.
      if (this === process) emit = value;
      else Reflect.defineProperty(this as object, 'emit', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
