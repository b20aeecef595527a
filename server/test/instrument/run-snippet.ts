import { inspect } from 'node:util';
import { RUNTIME_KEY } from '../../src/instrument/module-bindings.js';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { toJavaScript } from '../../src/instrument/to-javascript.js';
import { needsTranspile } from '../../src/analysis/source-language.js';
import { createRuntime, type RuntimeHandle } from '../../src/runtime/index.js';

export type SnippetMode = 'plain' | 'observe' | 'cow';

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (Object.getPrototypeOf(async function empty() {
  await Promise.resolve();
}) as { constructor: AsyncFunctionConstructor }).constructor;

/**
 * Runs a snippet (the body of an async function, with `log(...values)`) as it is, or instrumented
 * against a fresh runtime, and returns what it logged, formatted as console.log would show it.
 * Cow mode shares every copy it can (no size threshold) so the views are exercised.
 */
export async function runSnippet(code: string, mode: SnippetMode, file = '/virtual/snippet.js'): Promise<{ log: string[]; runtime?: RuntimeHandle }> {
  const log: string[] = [];
  const record = (...values: unknown[]): void => {
    log.push(values.map((v) => inspect(v, { depth: 6 })).join(' '));
  };
  let source = code;
  let runtime: RuntimeHandle | undefined;
  if (mode !== 'plain') {
    const instrumented = instrumentSource(file, code);
    source = needsTranspile(file) ? toJavaScript(file, instrumented.code, instrumented.map, 'commonjs').code : instrumented.code;
    runtime = createRuntime(mode, { minSharedBytes: 0 });
    (globalThis as Record<symbol, unknown>)[Symbol.for(RUNTIME_KEY)] = runtime;
  } else if (needsTranspile(file)) {
    source = toJavaScript(file, code, undefined, 'commonjs').code;
  }
  try {
    await new AsyncFunction('log', source)(record);
  } catch (error) {
    record('threw', error instanceof Error ? `${error.name}: ${error.message}` : error);
  } finally {
    Reflect.deleteProperty(globalThis, Symbol.for(RUNTIME_KEY));
  }
  return runtime ? { log, runtime } : { log };
}
