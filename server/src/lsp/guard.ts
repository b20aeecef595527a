import { ResponseError } from 'vscode-languageserver/node';

/**
 * A handler that never takes the server down: an exception is logged and the client gets
 * `fallback` (no hints, no hover) instead. A ResponseError is a deliberate answer for the client
 * (a run that cannot start, say) and goes through.
 */
export function guarded<P extends unknown[], R>(name: string, log: (message: string) => void, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`cowlens: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

/** The same for notifications, which have no answer. */
export function guardedNotification<P extends unknown[]>(name: string, log: (message: string) => void, handler: (...args: P) => void): (...args: P) => void {
  return (...args) => {
    try {
      handler(...args);
    } catch (error) {
      log(`cowlens: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
}
