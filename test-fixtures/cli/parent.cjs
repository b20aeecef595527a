// A process that starts another Node process: both must be instrumented and merged.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const mine = [...Array.from({ length: 100 }, (_, i) => i)];
console.log('parent', mine.length);
process.stdout.write(execFileSync(process.execPath, [join(__dirname, 'child.cjs')]));
