/**
 * Which writes change nothing (runtime/unchanging-writes.ts): calls of the keyed collections, by
 * the built-in's own answer, keys by SameValueZero and values by SameValue, and `delete` of a
 * property the object does not have, found without running any of the program's code; anything
 * it cannot see through counts as a write.
 */
import { describe, expect, it } from 'vitest';
import { builtinChangesNothing, callChangesNothing, deleteChangesNothing } from '../../src/runtime/unchanging-writes.js';

const builtin = (owner: object, name: string): unknown => Reflect.get(owner, name);
const setAdd = builtin(Set.prototype, 'add');

/** A handler whose every trap fails the test: asking through it must run none. */
const untouchable: ProxyHandler<object> = new Proxy(
  {},
  {
    get: (_, trap) => () => {
      throw new Error(`trap ${String(trap)} ran`);
    },
  },
);

describe('calls of the keyed collections that change nothing', () => {
  it('answers as the built-ins do', () => {
    const m = new Map<unknown, unknown>([
      ['a', 0],
      ['n', NaN],
      [0, 'zero'],
    ]);
    const s = new Set<unknown>([1, 0]);
    expect(callChangesNothing(m, 'delete', 'gone', undefined)).toBe(true);
    expect(callChangesNothing(m, 'delete', 'a', undefined)).toBe(false);
    expect(callChangesNothing(m, 'set', 'a', 0)).toBe(true);
    expect(callChangesNothing(m, 'set', 'n', NaN)).toBe(true);
    // Keys by SameValueZero, values by SameValue: -0 over +0 is a change that `get` shows.
    expect(callChangesNothing(m, 'set', -0, 'zero')).toBe(true);
    expect(callChangesNothing(m, 'set', 'a', -0)).toBe(false);
    expect(callChangesNothing(m, 'set', 'gone', undefined)).toBe(false);
    expect(callChangesNothing(s, 'add', 1, undefined)).toBe(true);
    expect(callChangesNothing(s, 'add', -0, undefined)).toBe(true);
    expect(callChangesNothing(s, 'add', 2, undefined)).toBe(false);
    expect(callChangesNothing(s, 'delete', 2, undefined)).toBe(true);
    expect(callChangesNothing(s, 'clear', undefined, undefined)).toBe(false);
    expect(callChangesNothing(new Set(), 'clear', undefined, undefined)).toBe(true);
    expect(callChangesNothing(new Map(), 'clear', undefined, undefined)).toBe(true);
    // A name that reaches another built-in is that built-in's call, with the arguments it gets.
    expect(callChangesNothing(m, 'has', 'gone', undefined)).toBe(false);
    expect(callChangesNothing([1], 'push', undefined, undefined)).toBe(false);
  });

  it('answers for WeakMap and WeakSet too, and leaves a call that throws to throw', () => {
    const key = {};
    const w = new WeakMap([[key, 1]]);
    const ws = new WeakSet([key]);
    expect(callChangesNothing(w, 'delete', 1, undefined)).toBe(true);
    expect(callChangesNothing(w, 'delete', key, undefined)).toBe(false);
    expect(callChangesNothing(w, 'set', key, 1)).toBe(true);
    expect(callChangesNothing(w, 'set', 1, 1)).toBe(false);
    expect(callChangesNothing(ws, 'add', key, undefined)).toBe(true);
    expect(callChangesNothing(ws, 'add', 1, undefined)).toBe(false);
    expect(callChangesNothing(ws, 'delete', {}, undefined)).toBe(true);
  });

  it('finds the method through subclasses, and takes a replaced or shadowed one for a write', () => {
    class Sub extends Map {}
    expect(callChangesNothing(new Sub(), 'delete', 1, undefined)).toBe(true);
    class Own extends Map {
      override delete(): boolean {
        return false;
      }
    }
    expect(callChangesNothing(new Own(), 'delete', 1, undefined)).toBe(false);
    const shadowed = new Set();
    Object.defineProperty(shadowed, 'delete', { value: setAdd });
    expect(callChangesNothing(shadowed, 'delete', 1, undefined)).toBe(false);
    // Without the internal slot the built-in throws: not a call that changes nothing.
    expect(callChangesNothing(Object.create(Map.prototype), 'delete', 1, undefined)).toBe(false);
    expect(callChangesNothing(null, 'delete', 1, undefined)).toBe(false);
  });

  it('runs no getter and no trap of the program', () => {
    let got = 0;
    const proto = Object.create(Set.prototype, {
      add: {
        get() {
          got++;
          return setAdd;
        },
      },
    }) as object;
    const behindGetter = new Set([1]);
    Object.setPrototypeOf(behindGetter, proto);
    expect(callChangesNothing(behindGetter, 'add', 1, undefined)).toBe(false);
    expect(got).toBe(0);
    const behindProxy = new Set([1]);
    Object.setPrototypeOf(behindProxy, new Proxy(Set.prototype, untouchable));
    expect(callChangesNothing(behindProxy, 'add', 1, undefined)).toBe(false);
    const proxied = new Proxy(new Set([1]), untouchable);
    expect(callChangesNothing(proxied, 'add', 1, undefined)).toBe(false);
    expect(builtinChangesNothing(setAdd, proxied, 1, undefined)).toBe(false);
  });

  it('knows the built-ins by identity: a function in their place is the program’s own', () => {
    const s = new Set([1]);
    expect(builtinChangesNothing(setAdd, s, 1, undefined)).toBe(true);
    expect(builtinChangesNothing((v: unknown) => v, s, 1, undefined)).toBe(false);
    expect(builtinChangesNothing(builtin(Array.prototype, 'push'), [], undefined, undefined)).toBe(false);
  });
});

describe('delete of a property that is not there', () => {
  it('changes nothing where the object has no own property of that key, frozen or not', () => {
    const o = Object.freeze({ a: 1, [Symbol.for('s')]: 2, 0: 'zero' });
    expect(deleteChangesNothing(o, 'gone')).toBe(true);
    expect(deleteChangesNothing(o, 'a')).toBe(false);
    expect(deleteChangesNothing(o, 0)).toBe(false);
    expect(deleteChangesNothing(o, Symbol.for('s'))).toBe(false);
    // Inherited is not own: delete leaves the prototype alone.
    expect(deleteChangesNothing(o, 'toString')).toBe(true);
    expect(deleteChangesNothing([1, 2], 5)).toBe(true);
    expect(deleteChangesNothing([1, 2], 'length')).toBe(false);
    expect(deleteChangesNothing(new Uint8Array(2), 7)).toBe(true);
    expect(deleteChangesNothing(new String('ab'), 1)).toBe(false);
  });

  it('takes a Proxy, a key that is an object, or no object for a write, and runs no trap or conversion', () => {
    expect(deleteChangesNothing(new Proxy({}, untouchable), 'gone')).toBe(false);
    let converted = 0;
    const key = {
      toString(): string {
        converted++;
        return 'gone';
      },
    };
    expect(deleteChangesNothing({}, key)).toBe(false);
    expect(converted).toBe(0);
    expect(deleteChangesNothing('text', 'gone')).toBe(false);
    expect(deleteChangesNothing(null, 'gone')).toBe(false);
  });
});
