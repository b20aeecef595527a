import { types } from 'node:util';
import { standIn } from '../patch-clone-globals.js';

/**
 * A view stands for a plain copy, so `util.types.isProxy` must say of it what it says of the copy:
 * false. Views are Proxies, which only Node's own check sees; it is replaced, once, when the first
 * view is made, by one that answers false for views and asks the built-in about anything else.
 * The program's own Proxies stay Proxies.
 */
export function hideViewsFromIsProxy(isView: (value: unknown) => boolean): void {
  const descriptor = Reflect.getOwnPropertyDescriptor(types, 'isProxy');
  const builtin = descriptor?.value as ((value: unknown) => boolean) | undefined;
  if (descriptor === undefined || typeof builtin !== 'function') return;
  // A method, as the built-in is: no `prototype`, not a constructor.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { isProxy } = {
    isProxy(value: unknown): boolean {
      return builtin(value) && !isView(value);
    },
  };
  Reflect.defineProperty(types, 'isProxy', { ...descriptor, value: standIn(isProxy, builtin) });
}
