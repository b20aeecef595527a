// Run with `node -r @babel/register main.js`: babel's hook, registered before cowlens's, compiles lib.js first.
console.log(require('./lib.js').withThree([1, 2]));
