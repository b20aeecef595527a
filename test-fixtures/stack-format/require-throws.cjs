// Requires a module that throws while it loads: the error passes through Node's CommonJS loader.
const rows = [1, 2];
const copy = [...rows];
require('./throws-while-loading.cjs');
console.log(copy);
