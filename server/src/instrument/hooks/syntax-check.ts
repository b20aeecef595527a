/**
 * Run by a process that is dying of a SyntaxError in a module cowlens instrumented (see
 * crash-monitor.ts), in a process of its own, with `--experimental-vm-modules`: only that flag
 * lets JavaScript compile an ES module without running it, and the program must not get it. For
 * each candidate file, most likely first, it instruments the file again as the hooks did, and
 * answers with the first one whose instrumented code fails with that very error, and whether the
 * file as written compiles: if it does, cowlens broke it; if not, the program did.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { ModuleFormat } from '../to-javascript.js';
import { transformModule } from '../transform-module.js';

export interface SyntaxCheckRequest {
  readonly candidates: readonly { readonly file: string; readonly format: ModuleFormat }[];
  /** The error's line, `SyntaxError: …`. */
  readonly error: string;
}

export interface SyntaxCheckAnswer {
  /** The candidate whose instrumented code fails with the error; null when none does. */
  readonly file: string | null;
  readonly compilesAsWritten: boolean;
}

/** CommonJS modules are compiled by Node as the body of a function with these parameters. */
const COMMONJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

const request = JSON.parse(readFileSync(0, 'utf8')) as SyntaxCheckRequest;
process.stdout.write(JSON.stringify(check(request)));

function check({ candidates, error }: SyntaxCheckRequest): SyntaxCheckAnswer {
  for (const { file, format } of candidates) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const instrumented = transformModule(file, text, format, true);
    if (instrumented.skipped !== undefined || compileError(instrumented.code, file, format) !== error) continue;
    // As written, but as Node runs it: a TypeScript file without its types.
    const asWritten = transformModule(file, text, format, false);
    return { file, compilesAsWritten: compileError(asWritten.code, file, format) === undefined };
  }
  return { file: null, compilesAsWritten: true };
}

function compileError(code: string, file: string, format: ModuleFormat): string | undefined {
  try {
    if (format === 'module') new vm.SourceTextModule(code, { identifier: pathToFileURL(file).href });
    else vm.compileFunction(code, COMMONJS_PARAMETERS, { filename: file });
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
