// @babel/register registered by the program, after cowlens's hook: it compiles what cowlens's hook returns.
require('@babel/register')({ extensions: ['.js'] });
console.log(require('./lib.js').withThree([1, 2]));
