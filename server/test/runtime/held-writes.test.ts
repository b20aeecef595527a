/**
 * The runtime's record of writes held until their value passes (runtime/held-writes.ts): which
 * objects each release tells the write barrier of, as the instrumenter's `hold`, `release` and
 * `settle` call it, values that threw and logical assignments that wrote nothing included.
 */
import { describe, expect, it } from 'vitest';
import { HeldWrites } from '../../src/runtime/held-writes.js';

function recorded(): { told: unknown[]; held: HeldWrites } {
  const told: unknown[] = [];
  return { told, held: new HeldWrites((target) => told.push(target)) };
}

describe('writes held until their value passes', () => {
  it('tells the held object when the value passes, once, and holds nothing after', () => {
    const { told, held } = recorded();
    const a = {};
    held.hold(a, 1);
    expect(told).toEqual([]);
    held.release(1, false);
    expect(told).toEqual([a]);
    held.release(1, false);
    expect(told).toEqual([a]);
  });

  it('tells a recursion’s outer object again at its own release, after the inner one', () => {
    const { told, held } = recorded();
    const [outer, inner] = [{ n: 'outer' }, { n: 'inner' }];
    held.hold(outer, 1);
    held.hold(inner, 1);
    held.release(1, false);
    held.release(1, false);
    expect(told).toEqual([outer, inner, outer]);
  });

  it('leaves nothing held by a logical assignment, whether or not it evaluated its value', () => {
    const { told, held } = recorded();
    const [skipped, written, next] = [{}, {}, {}];
    held.hold(skipped, 1);
    held.settle(1);
    held.hold(written, 1);
    held.release(1, true);
    held.settle(1);
    held.hold(next, 1);
    held.release(1, false);
    expect(told).toEqual([written, next]);
  });

  it('tells an object whose value threw with the next writes of its place, until it forgets them all', () => {
    const { told, held } = recorded();
    const [threw, next, later] = [{}, {}, {}];
    held.hold(threw, 1);
    held.hold(next, 1);
    held.release(1, false);
    expect(told).toEqual([threw, next]);
    held.forget();
    held.hold(later, 1);
    held.release(1, false);
    expect(told).toEqual([threw, next, later]);
  });

  it('tells the oldest of more than 32 held at one place at once, and keeps the others', () => {
    const { told, held } = recorded();
    const objects = Array.from({ length: 33 }, (_, i) => ({ i }));
    for (const o of objects) held.hold(o, 1);
    expect(told).toEqual([objects[0]]);
    held.release(1, false);
    expect(told.slice(1)).toEqual(objects.slice(1));
  });

  it('keeps each place’s writes apart', () => {
    const { told, held } = recorded();
    const [a, b] = [{}, {}];
    held.hold(a, 1);
    held.hold(b, 2);
    held.release(2, false);
    held.release(1, false);
    expect(told).toEqual([b, a]);
  });
});
