/**
 * Node pipes a thread's stdout and stderr into the process's (a worker's default, and always for
 * its module hooks' thread), and the pipe listens on `process.stdout` and `process.stderr`
 * ('unpipe', 'error', 'close', 'finish'): a program sees those listeners (`listenerCount('error')`),
 * and the tenth stream it pipes there itself makes Node warn (MaxListenersExceededWarning). The
 * pipe carries the thread's output without them: they only end it when the process's stream ends
 * or fails, which then fails as it would in a plain run. cowlens's threads print nothing of their
 * own there (the transform worker's output comes back with its answers).
 */
type Stdio = NodeJS.WriteStream;

/** `start()`, which starts a thread, with the listeners it adds to the process's stdout and stderr taken off again. */
export function withoutStdioListeners<T>(start: () => T): T {
  const streams: readonly Stdio[] = [process.stdout, process.stderr];
  const before = streams.map(listenersOf);
  try {
    return start();
  } finally {
    streams.forEach((stream, i) => {
      for (const [event, listeners] of listenersOf(stream)) {
        const had = before[i]!.get(event) ?? [];
        for (const listener of listeners) if (!had.includes(listener)) stream.removeListener(event, listener as (...args: unknown[]) => void);
      }
    });
  }
}

function listenersOf(stream: Stdio): Map<string | symbol, readonly unknown[]> {
  return new Map(stream.eventNames().map((event) => [event, stream.rawListeners(event)]));
}
