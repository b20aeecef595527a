/**
 * The report schema's check, compiled ahead of time (`npm run build`, after tsc) into
 * server/dist/report/report-schema-check.cjs: ajv's standalone code for schema/report.schema.json,
 * bundled with the few helpers it requires. Loading ajv and compiling the schema at run time cost
 * every `cowlens report` about a tenth of a second; the compiled check loads in a few milliseconds
 * (report/validate-report.ts). client/scripts/bundle.mjs ships this very file in the .vsix.
 */
import { Ajv, _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const server = join(import.meta.dirname, '..');
const schema = JSON.parse(await readFile(join(server, 'schema/report.schema.json'), 'utf8'));
// The formats go into the code as a require of ajv-formats's own, which the bundle then carries.
const ajv = new Ajv({ allErrors: true, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
addFormats.default(ajv, ['date-time']);

await build({
  stdin: { contents: standaloneCode(ajv, ajv.compile(schema)), resolveDir: server, sourcefile: 'report-schema-check.cjs', loader: 'js' },
  outfile: join(server, 'dist/report/report-schema-check.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
