// Requires a module that does not exist: Node's MODULE_NOT_FOUND, raised in its resolver.
const rows = [1, 2];
console.log([...rows]);
require('./no-such-module.cjs');
