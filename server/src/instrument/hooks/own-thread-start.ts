/**
 * The threads cowlens starts for itself (its module hooks', its transform worker) inherit
 * NODE_OPTIONS, and with them cowlens's preload: the marker, seen only by the thread started here,
 * tells the preload not to run the runtime there, nor the program's own preloads.
 *
 * Starting a thread also queues callbacks of Node's own with `process.nextTick` (the thread's
 * stdout and stderr pipes, the `worker` event). Left in the tick queue while a module of the
 * program loads, they would have the program's next microtasks run from that queue, and its async
 * stack traces end in `processTicksAndRejections`, as plain Node's do not. They concern only
 * cowlens's thread, and run as soon as it has started instead, but for the `worker` event, which
 * would tell a program's listener of a thread that a plain run never starts. The thread's pipes
 * into the process's stdout and stderr leave no listener there (own-thread-stdio.ts).
 */
import { withoutStdioListeners } from './own-thread-stdio.js';
import { OWN_THREAD_ENV } from './run-config.js';

type NextTick = (callback: (...args: unknown[]) => void, ...args: unknown[]) => void;

export function startOwnThread<T>(start: () => T): T {
  const holder = process as unknown as { nextTick: NextTick };
  const nextTick = holder.nextTick;
  const queued: (() => void)[] = [];
  holder.nextTick = (callback, ...args) => {
    queued.push(() => {
      callback(...args);
    });
  };
  process.env[OWN_THREAD_ENV] = '1';
  try {
    return withoutStdioListeners(start);
  } finally {
    Reflect.deleteProperty(process.env, OWN_THREAD_ENV);
    holder.nextTick = nextTick;
    withoutWorkerEvents(() => {
      for (const run of queued) run();
    });
  }
}

/**
 * Runs `run` with `process.emit` dropping the `worker` event, then puts back what was there: an
 * own `emit` of the program's (signal-exit replaces it so) or none.
 */
function withoutWorkerEvents(run: () => void): void {
  const own = Object.getOwnPropertyDescriptor(process, 'emit');
  const emit: unknown = Reflect.get(process, 'emit');
  Object.defineProperty(process, 'emit', {
    configurable: true,
    writable: true,
    value: function emitOtherThanWorker(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      return event === 'worker' ? false : Reflect.apply(emit as (...a: unknown[]) => boolean, this, [event, ...args]);
    },
  });
  try {
    run();
  } finally {
    if (own === undefined) Reflect.deleteProperty(process, 'emit');
    else Object.defineProperty(process, 'emit', own);
  }
}
