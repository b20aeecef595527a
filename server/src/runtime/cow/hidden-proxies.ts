import { syncBuiltinESMExports } from 'node:module';
import { types } from 'node:util';
import { standIn } from '../patch-clone-globals.js';
import { NodeKind } from './node-kind.js';
import { isLiveMapIterator } from './live-iterator.js';
import { Reflect } from '../captured-namespaces.js';

type TypeCheck = (value: unknown) => boolean;
type CheckName = 'isProxy' | 'isMap' | 'isSet' | 'isMapIterator' | 'isSetIterator';

let restore: (() => void) | undefined;

/**
 * A view stands for a plain copy, so Node's type checks must say of it what they say of the copy:
 * `util.types.isProxy` false, `isMap` and `isSet` true for a Map's or a Set's view, and
 * `isMapIterator` and `isSetIterator` true for the iterators it hands out (live-iterator.ts). Views are
 * Proxies, which only Node's own checks see through. They are replaced by checks that answer for
 * views and ask the built-in about anything else (the program's own Proxies stay Proxies): in cow
 * mode before the program loads (patch-clone-globals.ts), since a package may keep the check it
 * found then (lodash's `isMap` and `isSet`, and so its `cloneDeep` of a Map, which would come out
 * empty), and else when the first view is made. Once: the function that puts the built-ins back is
 * returned to every caller.
 */
export function hideViewsFromTypeChecks(viewKind: (value: unknown) => NodeKind | undefined): () => void {
  if (restore !== undefined) return restore;
  // Methods, as the built-ins are: no `prototype`, not constructors.
  const restores = [
    replace('isProxy', (builtin) => ({ isProxy: (value: unknown): boolean => builtin(value) && viewKind(value) === undefined }).isProxy),
    replace('isMap', (builtin) => ({ isMap: (value: unknown): boolean => builtin(value) || viewKind(value) === NodeKind.Map }).isMap),
    replace('isSet', (builtin) => ({ isSet: (value: unknown): boolean => builtin(value) || viewKind(value) === NodeKind.Set }).isSet),
    replace('isMapIterator', (builtin) => ({ isMapIterator: (value: unknown): boolean => builtin(value) || isLiveMapIterator(value) === true }).isMapIterator),
    replace('isSetIterator', (builtin) => ({ isSetIterator: (value: unknown): boolean => builtin(value) || isLiveMapIterator(value) === false }).isSetIterator),
  ];
  // `import { isMap } from 'node:util/types'` reads the module's exports as they are now.
  syncBuiltinESMExports();
  restore = () => {
    for (const put of restores) put();
    syncBuiltinESMExports();
    restore = undefined;
  };
  return restore;
}

function replace(name: CheckName, make: (builtin: TypeCheck) => TypeCheck): () => void {
  const descriptor = Reflect.getOwnPropertyDescriptor(types, name);
  const builtin = descriptor?.value as TypeCheck | undefined;
  if (descriptor === undefined || typeof builtin !== 'function') return () => undefined;
  Reflect.defineProperty(types, name, { ...descriptor, value: standIn(make(builtin), builtin) });
  return () => {
    Reflect.defineProperty(types, name, descriptor);
  };
}
