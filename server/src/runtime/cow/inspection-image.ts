/**
 * What util.inspect formats in place of a view. Node formats a Proxy's target, not its traps, but
 * it formats whatever object a target's `util.inspect.custom` hook returns within the same
 * inspection (its depth, its indentation, its record of the objects on the way, which finds
 * cycles). So the hook returns an image: an object of the view's prototype holding the view's own
 * properties with their attributes (hidden ones, accessors, an array's length and holes, a Map's
 * or Set's entries), whose children are the view's children; a child view is imaged in turn when
 * Node reaches it. A view keeps one image during a synchronous run, refreshed at each request, so a
 * cycle through it meets the same object again, as it meets the same copy under plain Node.
 */
import { types } from 'node:util';
import { builtinMap, builtinSet, OwnWeakMap } from '../captured-intrinsics.js';
import { Reflect, Array } from '../captured-namespaces.js';

/** A Map or Set view's entries as it shows them ([value, value] for a Set). */
export interface Members {
  readonly isMap: boolean;
  readonly entries: Iterable<[unknown, unknown]>;
}

let images = new OwnWeakMap<object, object>();
let clearing = false;

export function inspectionImage(view: object, members: Members | undefined): object {
  let image = images.get(view);
  if (image === undefined) {
    image = members === undefined ? (Array.isArray(view) ? [] : {}) : members.isMap ? new Map() : new Set();
    images.set(view, image);
    if (!clearing) {
      clearing = true;
      queueMicrotask(() => {
        images = new OwnWeakMap();
        clearing = false;
      });
    }
  } else {
    empty(image);
  }
  fill(image, view, members);
  return image;
}

function empty(image: object): void {
  // Told by their internal slots: the program may have given the view another prototype.
  if (types.isMap(image)) builtinMap.clear(image);
  else if (types.isSet(image)) builtinSet.clear(image);
  const array = Array.isArray(image);
  for (const key of Reflect.ownKeys(image)) if (!array || key !== 'length') Reflect.deleteProperty(image, key);
  if (array) image.length = 0;
}

function fill(image: object, view: object, members: Members | undefined): void {
  Reflect.setPrototypeOf(image, Reflect.getPrototypeOf(view));
  if (members?.isMap === true) for (const [k, v] of members.entries) builtinMap.set(image, k, v);
  else if (members !== undefined) for (const [, v] of members.entries) builtinSet.add(image, v);
  if (Array.isArray(image)) image.length = (view as unknown[]).length;
  for (const key of Reflect.ownKeys(view)) {
    if (key === 'length' && Array.isArray(image)) continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(view, key);
    // Configurable whatever the view says (util.inspect does not show it), so that the image can be refreshed.
    if (descriptor !== undefined) Reflect.defineProperty(image, key, { ...descriptor, configurable: true });
  }
}
