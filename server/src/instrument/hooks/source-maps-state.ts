/**
 * Node applies source maps per thread, and decides for each module when it compiles it: a module
 * compiled while they are off stays unmapped for good. Whether they are on is the program's
 * business (`--enable-source-maps`, `process.setSourceMapsEnabled`), except for TypeScript that
 * cowlens transpiles (module-source-map.ts). ES modules are compiled by the thread that imports
 * them but loaded, and so instrumented, by the module hooks on a thread of their own: this lets
 * the hooks read, at each load, whether the importing thread has source maps on, and has that
 * thread turn them on before it compiles a transpiled module.
 */
import Module from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { needsTranspile } from '../../analysis/source-language.js';
import { carriesInlineMap } from './inline-source-map.js';
import type { MapReaders } from './module-source-map.js';

/** Passed to the hooks in their `initialize` data. */
export interface SourceMapsLink {
  /** A debugger was attached when the hooks were registered (module-source-map.ts). */
  readonly debugger: boolean;
  /** One Int32: 1 while the importing thread has source maps on. */
  readonly state: SharedArrayBuffer;
  /**
   * A message asks the importing thread to turn source maps on. Absent where that thread turns
   * them on itself as it receives a transpiled module.
   */
  readonly requests?: MessagePort;
}

/**
 * Longest the hooks wait for the importing thread to turn source maps on. It answers at once while
 * it awaits the module, as it does for any `import` on Node 20; it cannot while it is blocked on
 * the hooks (the imports of a `require`d ES module, on Node 22 before 22.15), and then that module
 * runs unmapped.
 */
const ENABLE_TIMEOUT_MS = 1000;

/** In the thread that runs the program, before any of the program's code loads. */
export function shareSourceMapsState(): SourceMapsLink {
  const state = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const flag = new Int32Array(state);
  const publish = (): void => {
    Atomics.store(flag, 0, process.sourceMapsEnabled ? 1 : 0);
    Atomics.notify(flag, 0);
  };
  publish();
  const link = { debugger: debuggerAttached(), state };
  if (watchEachLoad(publish)) return link;
  // Node 20 and 22 before 22.15: the program's calls tell the hooks, and the hooks ask for source
  // maps by message, which this thread reads while it awaits the module.
  const original = process.setSourceMapsEnabled.bind(process);
  process.setSourceMapsEnabled = function setSourceMapsEnabled(value: boolean): void {
    original(value);
    publish();
  };
  const { port1, port2 } = new MessageChannel();
  port1.on('message', enable);
  // Asking must not keep a program alive that has nothing left to do.
  port1.unref();
  return { ...link, requests: port2 };
}

/** Whether a debugger is attached to this thread, or can attach (the inspector is listening). */
export function debuggerAttached(): boolean {
  return process.features.inspector && process.getBuiltinModule('node:inspector').url() !== undefined;
}

function enable(): void {
  if (!process.sourceMapsEnabled) process.setSourceMapsEnabled(true);
}

type LoadResult = { readonly format?: string | null; readonly source?: string | ArrayBufferView | ArrayBuffer | null };
type RegisterHooks = (hooks: { load: (url: string, context: object, nextLoad: (url: string, context: object) => LoadResult) => LoadResult }) => unknown;

/**
 * Where Node has in-thread module hooks (22.15, 23.5 and later), one of them runs in the importing
 * thread around each load by the hooks thread: before it, it tells the hooks the switch as the
 * program left it, however it was set; after it, before Node compiles the module, it turns source
 * maps on for a transpiled one (Node 24 blocks the importing thread while the hooks load, so it
 * could not answer a request). False where there are none (Node 22.14's
 * `module.setSourceMapsSupport` then goes unseen).
 */
function watchEachLoad(publish: () => void): boolean {
  const { registerHooks } = Module as { registerHooks?: RegisterHooks };
  if (registerHooks === undefined) return false;
  registerHooks({
    load(url, context, nextLoad) {
      publish();
      const loaded = nextLoad(url, context);
      // CommonJS is transpiled by the require hook, which turns source maps on itself. TypeScript
      // whose types were stripped in place ends with its `//# sourceURL` (module-source-map.ts).
      if (loaded.format === 'module' && url.startsWith('file:') && needsTranspile(fileURLToPath(url)) && carriesInlineMap(sourceText(loaded.source))) enable();
      return loaded;
    },
  });
  return true;
}

/** A loaded module's source as text: Node takes a string or bytes. */
function sourceText(source: LoadResult['source']): string {
  if (typeof source === 'string') return source;
  if (source === null || source === undefined) return '';
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return new TextDecoder().decode(bytes);
}

/** The hooks' side of the link. */
export class SourceMapsState {
  private readonly flag: Int32Array;
  private asked = false;
  private waited = false;

  constructor(private readonly link: SourceMapsLink) {
    this.flag = new Int32Array(link.state);
  }

  /** Whether the importing thread has source maps on now. */
  get enabled(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  /** Who would read the map of a module handed over now. */
  get readers(): MapReaders {
    return { node: this.enabled, debugger: this.link.debugger };
  }

  /** Asks the importing thread to turn source maps on; it does when it next runs its event loop. */
  request(): void {
    if (this.link.requests === undefined || this.asked || this.enabled) return;
    this.asked = true;
    this.link.requests.postMessage(null);
  }

  /**
   * Waits until the importing thread has turned source maps on, as asked: it compiles the module
   * about to be handed over as soon as it gets it. Only the first module waits: after it, source
   * maps are on, or the thread could not answer, and waiting again would slow every module down.
   */
  untilEnabled(): void {
    if (!this.asked || this.waited) return;
    this.waited = true;
    Atomics.wait(this.flag, 0, 0, ENABLE_TIMEOUT_MS);
  }
}
