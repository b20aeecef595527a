import { Object, Reflect } from '../captured-namespaces.js';

/*
 * What of Node's insides the runtime reaches where Node exposes nothing public to patch; a
 * function of Node's is taken as it was when cowlens loaded, so that a program that replaces it
 * later is never called by the runtime.
 */

const legacyBinding: unknown = Reflect.get(process, 'binding');

/**
 * Node's C++ binding `name`, where taking it is unseen: not once --pending-deprecation has
 * wrapped process.binding in a warning (DEP0111) the program did not cause (the wrapper is
 * named `deprecated`), nor where the permission model refuses it; then undefined.
 */
export function quietBinding(name: string): object | undefined {
  if (typeof legacyBinding !== 'function' || legacyBinding.name !== 'binding') return undefined;
  try {
    const binding: unknown = Reflect.apply(legacyBinding, process, [name]);
    return typeof binding === 'object' && binding !== null ? binding : undefined;
  } catch {
    return undefined;
  }
}

/** The value of `target`'s own symbol-keyed property whose description is `description`. */
function ownBySymbol(target: object, description: string): unknown {
  const symbols = Object.getOwnPropertySymbols(target);
  for (let i = 0; i < symbols.length; i++) if (symbols[i]!.description === description) return Reflect.get(target, symbols[i]!);
  return undefined;
}

/**
 * Whether the IPC channel of `target` (a ChildProcess, or `process` in a forked child) serializes
 * with V8 (`serialization: 'advanced'`): Node keeps the channel's handle under `kChannelHandle`,
 * and gives an advanced channel's handle a `kMessageBuffer`, a JSON one a `kJSONBuffer`. A child
 * cannot tell otherwise, since Node takes the setting out of its environment.
 */
export function serializesWithV8(target: object): boolean {
  const handle = ownBySymbol(target, 'kChannelHandle');
  return typeof handle === 'object' && handle !== null && ownBySymbol(handle, 'kMessageBuffer') !== undefined;
}
