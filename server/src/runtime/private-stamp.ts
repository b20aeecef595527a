import { OwnWeakMap } from './captured-intrinsics.js';

/**
 * Attaches a value to any object in a field that only this module can see: a class private field
 * added through the constructor-return trick. Reading or adding it costs a few nanoseconds and
 * nothing at garbage collection, where a WeakMap entry costs a few hundred; no reflection
 * (`Reflect.ownKeys`, `JSON.stringify`, `util.inspect`, proxies' traps) ever sees it, so the
 * program's behaviour is unchanged. An object that refuses a new private field (a future V8 may
 * refuse them on non-extensible objects) falls back to a WeakMap.
 */
export interface PrivateStamp<T> {
  get(o: object): T | undefined;
  set(o: object, value: T): void;
}

export function privateStamp<T>(): PrivateStamp<T> {
  // The base class exists only to return its argument from its constructor, which makes `super()`
  // add the subclass's private field to that object.
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class
  class ReturnsItsArgument {
    constructor(o: object) {
      return o;
    }
  }
  class Stamped extends ReturnsItsArgument {
    #value: T;

    constructor(o: object, value: T) {
      super(o);
      this.#value = value;
    }

    static has(o: object): boolean {
      return #value in o;
    }

    static read(o: object): T {
      return (o as Stamped).#value;
    }

    static write(o: object, value: T): void {
      (o as Stamped).#value = value;
    }
  }
  const fallback = new OwnWeakMap<object, T>();
  // Until an object refuses a private field (none does on today's V8), an unstamped object is not
  // looked up in the WeakMap: that lookup would cost more than the stamp.
  let fallbackUsed = false;
  return {
    get: (o) => (Stamped.has(o) ? Stamped.read(o) : fallbackUsed ? fallback.get(o) : undefined),
    set: (o, value) => {
      if (Stamped.has(o)) Stamped.write(o, value);
      else {
        try {
          new Stamped(o, value);
        } catch {
          fallbackUsed = true;
          fallback.set(o, value);
        }
      }
    },
  };
}
