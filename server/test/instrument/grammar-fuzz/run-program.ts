/**
 * Runs one generated program three ways: as written, and instrumented against a fresh runtime in
 * observe mode and in cow mode. The program is the body of an async function of `log`, `require`,
 * `exports` and `module`, as a CommonJS module is the body of a function of the last three; the
 * instrumented text is what cowlens's module hook would give Node (tryInstrument: a program with
 * syntax errors runs uninstrumented), and TypeScript, or JavaScript with `import`s, goes through
 * toJavaScript both times, as run-snippet does.
 */
import { inspect } from 'node:util';
import { RUNTIME_KEY } from '../../../src/instrument/module-bindings.js';
import { tryInstrument } from '../../../src/instrument/transform-module.js';
import { toJavaScript } from '../../../src/instrument/to-javascript.js';
import { createRuntime, patchCloneGlobals, patchFunctionToString } from '../../../src/runtime/index.js';
import { fakeRequire } from './fake-modules.js';

export type Mode = 'plain' | 'observe' | 'cow';

export interface Prepared {
  readonly plain: string;
  /** Whether the program may leave work queued when its body returns (async functions, promises). */
  readonly async: boolean;
  /** The instrumented program, as JavaScript; undefined when it runs uninstrumented. */
  readonly instrumented: string | undefined;
  readonly skipped: string | undefined;
  readonly sites: number;
  readonly writes: number;
}

export interface Outcome {
  /** Each `log(...)` line, then `threw <name>: <message>` if the program threw. */
  readonly log: readonly string[];
  /** Whether the text compiled (else `log` holds the SyntaxError). */
  readonly compiled: boolean;
}

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (Object.getPrototypeOf(async function empty() {
  await Promise.resolve();
}) as { constructor: AsyncFunctionConstructor }).constructor;

const PARAMETERS = ['log', 'require', 'exports', 'module'] as const;

/**
 * Built-ins a program may replace on the global object itself (as a polyfill or a test's mock
 * does), put back after each run: [owner, key, the original].
 */
const REPLACEABLE: readonly (readonly [object, string, unknown])[] = [
  [globalThis, 'structuredClone', globalThis.structuredClone],
  [Object, 'assign', Object.assign],
  [Array, 'from', Array.from],
  [JSON, 'parse', JSON.parse],
];

function restoreReplaced(): void {
  for (const [owner, key, original] of REPLACEABLE) {
    if ((owner as Record<string, unknown>)[key] !== original) Object.defineProperty(owner, key, { value: original, writable: true, enumerable: false, configurable: true });
  }
}

/** Whether the file is compiled before it runs: TypeScript, or JavaScript written as an ES module. */
function compiles(file: string, source: string): boolean {
  return file.endsWith('.ts') || /^import\s/m.test(source);
}

export function prepare(file: string, source: string): Prepared {
  const toJs = (code: string, map?: Parameters<typeof toJavaScript>[2]): string => (compiles(file, source) ? toJavaScript(file, code, map, 'commonjs').code : code);
  const plain = toJs(source);
  const attempt = tryInstrument(file, source);
  const async = /\basync\b|\.then\(/.test(source);
  if ('skipped' in attempt) return { plain, async, instrumented: undefined, skipped: attempt.skipped, sites: 0, writes: 0 };
  const { code, map, sites, writes } = attempt.instrumented;
  return { plain, async, instrumented: toJs(code, map), skipped: undefined, sites, writes };
}

/** Whether `js` compiles as a program body (the check a printed program's hazards are repaired by). */
export function compilesAsBody(js: string): boolean {
  try {
    new AsyncFunction(...PARAMETERS, js);
    return true;
  } catch {
    return false;
  }
}

export async function execute(prepared: Prepared, mode: Mode): Promise<Outcome> {
  const lines: string[] = [];
  const record = (...values: unknown[]): void => {
    lines.push(values.map(format).join(' '));
  };
  const js = mode === 'plain' || prepared.instrumented === undefined ? prepared.plain : prepared.instrumented;
  const slot = Symbol.for(RUNTIME_KEY);
  const globals = Reflect.ownKeys(globalThis).length;
  // As `cowlens report` sets a process up (hooks/register.ts), but sharing every copy it can and
  // keeping element writes of short arrays in overlays, so that views and overlays are exercised.
  if (mode !== 'plain') (globalThis as Record<symbol, unknown>)[slot] = createRuntime(mode, { minSharedBytes: 0, overlayMinLength: 4 });
  const restoreToString = mode === 'plain' ? undefined : patchFunctionToString();
  const restore = mode === 'cow' ? patchCloneGlobals() : undefined;
  let compiled = false;
  try {
    const program = new AsyncFunction(...PARAMETERS, js);
    compiled = true;
    const exports = {};
    await program(record, fakeRequire, exports, { exports });
  } catch (error) {
    record(thrown(error));
  } finally {
    // Let what the program left queued (the rest of an async function it did not await) run
    // against this runtime, not the next program's.
    if (prepared.async) await new Promise((resolve) => setImmediate(resolve));
    restore?.();
    restoreToString?.();
    restoreReplaced();
    Reflect.deleteProperty(globalThis, slot);
  }
  if (Reflect.ownKeys(globalThis).length !== globals) throw new Error('the program left a global behind: the generator must not write globals');
  return { log: lines, compiled };
}

/** A thrown value as an uncaught one shows on stderr: its name and message. */
export function thrown(error: unknown): string {
  if (error instanceof Error) return `threw ${error.name}: ${error.message}`;
  return `threw ${format(error)}`;
}

/**
 * A value as console.log shows it. A graph with a cycle through a cow view is a known divergence
 * of util.inspect (it marks the circular reference one level later, README: Limits), so such
 * values are printed by an own walk that reads them only through ordinary property access.
 */
function format(value: unknown): string {
  return hasCycle(value) ? walk(value, new Map(), '$') : inspect(value, { depth: 6 });
}

/** What a value holds, read without running the program's code (accessors are not called). */
function children(value: object): unknown[] {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>).entries()].flat();
  if (value instanceof Set) return [...(value as Set<unknown>)];
  return Object.keys(value).flatMap((k) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, k);
    return descriptor && 'value' in descriptor ? [descriptor.value as unknown] : [];
  });
}

function hasCycle(value: unknown, path = new Set<object>(), depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 8) return false;
  if (path.has(value)) return true;
  path.add(value);
  const found = children(value).some((child) => hasCycle(child, path, depth + 1));
  path.delete(value);
  return found;
}

function walk(value: unknown, seen: Map<object, string>, at: string): string {
  if (typeof value !== 'object' || value === null) return inspect(value);
  const before = seen.get(value);
  if (before !== undefined) return `<ref ${before}>`;
  seen.set(value, at);
  if (value instanceof Map) return `Map {${[...value.entries()].map(([k, v], i) => `${walk(k, seen, `${at}.k${i}`)} => ${walk(v, seen, `${at}.v${i}`)}`).join(', ')}}`;
  if (value instanceof Set) return `Set {${[...value].map((v, i) => walk(v, seen, `${at}.${i}`)).join(', ')}}`;
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  const entries = Object.keys(value).map((k) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, k);
    return `${k}: ${descriptor && 'value' in descriptor ? walk(descriptor.value, seen, `${at}.${k}`) : '[Getter/Setter]'}`;
  });
  return `${open}${entries.join(', ')}${close}`;
}
