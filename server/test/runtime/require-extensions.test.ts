/**
 * Issue 11 (the hostile run's repro 14), in real processes: `require.extensions` holds what plain
 * Node's does. rechoir and interpret register a TypeScript loader only when none is there: with
 * cowlens's extensions in it, they registered none, and cowlens compiled what the program's
 * loader would have. The program is a `.cjs`, which Node loads with its `.js` loader, as cowlens's
 * hook then does.
 */
import { describeSameAsPlain } from './same-as-plain.js';

const OWN_TS_LOADER = `
const fs = require('fs');
const path = require('path');
const xs = [1, 2, 3];
console.log(Object.keys(require.extensions).join(' '), [...xs].length);
if (!require.extensions['.ts']) require.extensions['.ts'] = (module, file) => module._compile('module.exports = "compiled by the program: " + ' + JSON.stringify(path.basename(file)), file);
const typed = path.join(__dirname, 'typed.ts');
fs.writeFileSync(typed, 'export const x: number = 1;\\n');
console.log(require(typed), [...xs].length);
delete require.extensions['.ts'];
console.log(Object.keys(require.extensions).join(' '));
`;

describeSameAsPlain('require.extensions under cowlens', {
  'own-ts-loader.cjs': [OWN_TS_LOADER, "plain Node's extensions only, so the program registers its own TypeScript loader, which compiles its .ts"],
});
