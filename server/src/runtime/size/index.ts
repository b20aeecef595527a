/** The V8 heap size model: what a copy duplicates, in bytes, as V8 lays it out on 64-bit Node. */
export { deepSize, type DeepSizeOptions } from './deep-size.js';
export { copySize, shallowSize, shallowSizeBound, stringSize } from './shallow-size.js';
