import { types } from 'node:util';

/**
 * Whether `value` is a Proxy (one of the program's, or a view), answered by V8 without running any
 * trap. Taken at load: the program, or a test's mock, may replace `util.types.isProxy` later.
 */
export const isProxy: (value: unknown) => boolean = types.isProxy;
