import { defineData } from '../define-data.js';
import { OwnWeakMap } from '../captured-intrinsics.js';
import { copySize } from '../size/index.js';
import { ARRAY_HEADER, OBJECT_HEADER, TAGGED } from '../size/v8-layout.js';
import { elementsInherited, isIndex } from './node-kind.js';
import { Object, Reflect, Math } from '../captured-namespaces.js';

/**
 * Images of large arrays, page by page, as a kernel copies the page a process writes and not its
 * address space. An image of an array keeps its elements in pages of PAGE_LENGTH; a page equal
 * (element for element, holes included) to the page of the image taken before it is shared with
 * that image, so a source written once between copies costs one page an image, not the array.
 * Any write finds its pages, whatever it was (an element, a push, a `length` change, a sort):
 * the image compares the array with the image before it, which costs a read of each element but
 * no copy. Views read the image through a Proxy that answers as the array did.
 */
export const PAGE_LENGTH = 1024;

/**
 * What an image costs besides its pages and their table: the proxy, its handler, its target (an
 * empty array of the image's length, whose elements store V8 keeps as an empty dictionary, about
 * 150 bytes) and its entry in `pagesOf`, as measured on Node 20 (280 bytes an image).
 */
const IMAGE_OVERHEAD_BYTES = 4 * TAGGED + OBJECT_HEADER + TAGGED + ARRAY_HEADER + 150 + 4 * TAGGED;

const hasOwn = Object.hasOwn;
/** Taken when cowlens loads, before the program can replace it. */
const slice = Array.prototype.slice;

/** Reads of an image: elements from its pages, anything else from its target, which holds its length and other properties. */
class PagedArray implements ProxyHandler<unknown[]> {
  constructor(readonly pages: readonly unknown[][]) {}

  /** The page holding element `key`, or undefined when `key` is no element of the image. */
  private pageOf(target: unknown[], key: PropertyKey): unknown[] | undefined {
    if (!isIndex(key)) return undefined;
    const i = Number(key);
    return i < target.length ? this.pages[Math.floor(i / PAGE_LENGTH)] : undefined;
  }

  get(target: unknown[], key: PropertyKey, receiver: unknown): unknown {
    const page = this.pageOf(target, key);
    if (page !== undefined) {
      const j = Number(key) % PAGE_LENGTH;
      // A hole reads through the prototypes, as the array's did, at the array's index.
      if (hasOwn(page, j)) return page[j];
    }
    return Reflect.get(target, key, receiver);
  }

  has(target: unknown[], key: PropertyKey): boolean {
    const page = this.pageOf(target, key);
    if (page !== undefined && hasOwn(page, Number(key) % PAGE_LENGTH)) return true;
    return Reflect.has(target, key);
  }

  getOwnPropertyDescriptor(target: unknown[], key: PropertyKey): PropertyDescriptor | undefined {
    const page = this.pageOf(target, key);
    if (page !== undefined) {
      const j = Number(key) % PAGE_LENGTH;
      // Without a prototype: V8 reads the descriptor's fields, which the program may have put on Object.prototype.
      return hasOwn(page, j) ? ({ __proto__: null, value: page[j], writable: true, enumerable: true, configurable: true } as PropertyDescriptor) : undefined;
    }
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  ownKeys(target: unknown[]): (string | symbol)[] {
    const keys: (string | symbol)[] = [];
    for (let p = 0; p < this.pages.length; p++) {
      const page = this.pages[p]!;
      for (let j = 0; j < page.length; j++) if (hasOwn(page, j)) keys.push(String(p * PAGE_LENGTH + j));
    }
    keys.push(...Reflect.ownKeys(target));
    return keys;
  }
}

// A weak map, not a private stamp: a private field on a Proxy costs V8 a property dictionary (about 200 bytes an image).
const pagesOf = new OwnWeakMap<object, readonly unknown[][]>();

export function isPagedImage(value: object): boolean {
  return pagesOf.has(value);
}

/**
 * An image of `array` (at least a page long) that shares with `previous`, an earlier image of it,
 * the pages they hold alike, and what it costs: the pages it copied and its own bookkeeping.
 * `properties` are the array's properties besides its elements, which the image keeps too.
 */
export function pagedImage(array: unknown[], previous: object | undefined, properties: boolean): { readonly image: object; readonly bytes: number } {
  const earlier = previous === undefined ? undefined : pagesOf.get(previous);
  // Inherited elements make a hole read as a value: then only own elements are compared and copied.
  const inherited = elementsInherited();
  const length = array.length;
  // Sized first: a table grown by pushes keeps spare slots.
  const pages = new Array<unknown[]>(Math.ceil(length / PAGE_LENGTH));
  let bytes = IMAGE_OVERHEAD_BYTES;
  for (let p = 0; p < pages.length; p++) {
    const start = p * PAGE_LENGTH;
    const end = Math.min(length, start + PAGE_LENGTH);
    const before = earlier?.[p];
    if (before !== undefined && samePage(array, start, end, before, inherited)) {
      pages[p] = before;
      continue;
    }
    const page = copyPage(array, start, end, inherited);
    bytes += copySize(page);
    pages[p] = page;
  }
  bytes += copySize(pages);
  const target = emptyArrayOfLength(length);
  if (properties) for (const key of Object.keys(array)) if (!isIndex(key)) defineData(target, key, (array as unknown as Record<string, unknown>)[key]);
  const image = new Proxy(target, new PagedArray(pages));
  pagesOf.set(image, pages);
  return { image, bytes };
}

/**
 * An array of `length` holes that costs no elements store: V8 gives an array whose length is set
 * (or `new Array(n)`) a store of n slots, unless it is far too long for one; an element set far
 * past the end first puts the array in dictionary mode, which setting the length then keeps empty.
 */
function emptyArrayOfLength(length: number): unknown[] {
  const array: unknown[] = [];
  const far = length + PAGE_LENGTH;
  if (far <= MAX_INDEX) array[far] = undefined;
  array.length = length;
  return array;
}

const MAX_INDEX = 2 ** 32 - 2;

/** Whether `array[start..end)` holds what `page` holds: the same values, and holes where it has holes. */
function samePage(array: unknown[], start: number, end: number, page: unknown[], inherited: boolean): boolean {
  if (page.length !== end - start) return false;
  for (let i = start, j = 0; i < end; i++, j++) {
    const value = array[i];
    if (!Object.is(value, page[j])) return false;
    if ((value === undefined || inherited) && hasOwn(array, i) !== hasOwn(page, j)) return false;
  }
  return true;
}

function copyPage(array: unknown[], start: number, end: number, inherited: boolean): unknown[] {
  // slice keeps holes holes, and the elements' kind (doubles stay unboxed), unless a prototype lends a hole a value.
  if (!inherited) return Reflect.apply(slice, array, [start, end]) as unknown[];
  const page: unknown[] = [];
  page.length = end - start;
  for (let i = start; i < end; i++) if (hasOwn(array, i)) defineData(page, String(i - start), array[i]);
  return page;
}
