/**
 * When a process of the run dies of an error cowlens caused (a module that no longer compiles
 * once instrumented, an exception raised inside cowlens's runtime), the report must not look like
 * a clean run of a failing program: the process says so in the spool before it dies. It only
 * watches (uncaught-exceptions.ts), before the program's own handlers: the error is printed,
 * handled by them and ends the process exactly as without cowlens.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { relativePath } from '../../analysis/relative-path.js';
import { fileURLToPath } from 'node:url';
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { createInstrumentFilter } from '../instrument-filter.js';
import { type CrashCause, crashCause, type Frame } from './crash-cause.js';
import { atUncaughtException } from './uncaught-exceptions.js';
import type { ModuleFormat } from '../to-javascript.js';
import type { RunConfig } from './run-config.js';
import type { SpoolWriter } from './spool-writer.js';
import type { SyntaxCheckAnswer, SyntaxCheckRequest } from './syntax-check.js';

/** cowlens's own code, as built and, through source maps, as written. */
const SERVER = fileURLToPath(new URL('../../../', import.meta.url));
const OWN_DIRS = ['dist', 'src'].map((dir) => `${SERVER}${dir}${sep}`);
const SYNTAX_CHECK = fileURLToPath(new URL('./syntax-check.js', import.meta.url));
/**
 * An ES module that fails to compile was loaded last or nearly: Node compiles each module as soon
 * as the hooks hand it over, while they go on with the modules already asked for. The check
 * instruments these again, most recent first, until one fails as the module did.
 */
const MAX_MODULE_CANDIDATES = 200;
const SYNTAX_CHECK_TIMEOUT_MS = 30_000;

type Failure = { readonly message: string; readonly at?: { readonly file: string; readonly line?: number; readonly column?: number } };

export interface CrashMonitor {
  /** The require hook instrumented this file, CommonJS or an ES module that `require` loaded. */
  readonly instrumented: (file: string, format: ModuleFormat) => void;
  /** The ES modules instrumented so far, by the module hooks or the require hook. */
  readonly modulesInstrumented: () => readonly string[];
}

/**
 * `esmFiles` receives the path of each ES module the module hooks instrumented (they run on a
 * thread of their own); it is read only when a SyntaxError needs it.
 */
export function monitorCrashes(config: RunConfig, writer: SpoolWriter, esmFiles: MessagePort): CrashMonitor {
  const commonJs = new Set<string>();
  const modules: string[] = [];
  const wanted = createInstrumentFilter(config);
  const modulesInstrumented = (): readonly string[] => {
    for (let message = receiveMessageOnPort(esmFiles); message !== undefined; message = receiveMessageOnPort(esmFiles)) modules.push(message.message as string);
    return modules;
  };
  atUncaughtException((error) => {
    try {
      modulesInstrumented();
      const cause = crashCause(error, isOwnCode);
      const failure = cause === undefined ? undefined : failureOf(cause, { root: config.root, commonJs, modules, wanted });
      if (failure !== undefined) writer.failure(failure.message, failure.at);
    } catch {
      // Whatever goes wrong here, the program's own error must go on as it would.
    }
  });
  return {
    instrumented: (file, format) => {
      if (format === 'commonjs') commonJs.add(file);
      else modules.push(file);
    },
    modulesInstrumented,
  };
}

function isOwnCode(file: string): boolean {
  return OWN_DIRS.some((dir) => file.startsWith(dir));
}

interface Known {
  readonly root: string;
  readonly commonJs: ReadonlySet<string>;
  /** In the order they were instrumented. */
  readonly modules: readonly string[];
  readonly wanted: (file: string) => boolean;
}

function failureOf(cause: CrashCause, known: Known): Failure | undefined {
  const { root } = known;
  switch (cause.kind) {
    case 'own-code':
      return ownCodeFailure(cause.message, cause.frame, cause.caller, known);
    case 'file-syntax': {
      const format = known.commonJs.has(cause.file) ? 'commonjs' : known.modules.includes(cause.file) ? 'module' : undefined;
      if (format === undefined) return undefined;
      return syntaxFailure(cause.message, [{ file: cause.file, format }], root);
    }
    case 'module-syntax': {
      const candidates = known.modules.slice(-MAX_MODULE_CANDIDATES).reverse();
      return candidates.length === 0 ? undefined : syntaxFailure(cause.message, candidates.map((file) => ({ file, format: 'module' as const })), root);
    }
  }
}

/**
 * Which candidate's instrumented code fails with `error`, when the file as written compiles; none
 * when the file fails as written too (the program's own error) or none fails (not a file cowlens
 * changed). The error's line is not said: it is the instrumented code's, which has lines the file
 * does not.
 */
function syntaxFailure(error: string, candidates: SyntaxCheckRequest['candidates'], root: string): Failure | undefined {
  const answer = checkSyntax({ candidates, error });
  if (answer === undefined) {
    const only = candidates.length === 1 ? candidates[0]!.file : undefined;
    return { message: uncertainSyntax(error, only === undefined ? undefined : relativePath(root, only)), ...(only === undefined ? {} : { at: { file: only } }) };
  }
  if (answer.file === null || !answer.compilesAsWritten) return undefined;
  return { message: brokenSyntax(error, relativePath(root, answer.file)), at: { file: answer.file } };
}

function ownCodeFailure(error: string, frame: Frame, caller: Frame | undefined, { root, wanted }: Known): Failure {
  const own = asWritten(frame);
  const where = `${relativePath(SERVER, own.file)}:${String(own.line)}`;
  if (caller === undefined) {
    return { message: `uncaught ${error}, raised inside cowlens (${where}) outside any call from the program's code: without cowlens the program would not fail here. Please report it to cowlens with the error's stack trace, which Node printed.` };
  }
  const file = relativePath(root, caller.file);
  const called = `uncaught ${error}, raised inside cowlens (${where}) in a call from ${file}:${String(caller.line)}:${String(caller.column)}: without cowlens the program may not fail here.`;
  const advice = wanted(caller.file) ? ` Leave ${file} uninstrumented with ${excludeOption(file)}, and please report it to cowlens` : ' Please report it to cowlens';
  return { message: `${called}${advice} with the error's stack trace, which Node printed.`, at: { file: caller.file, line: caller.line, column: caller.column } };
}

/**
 * A frame of cowlens's built code, at its place in cowlens's TypeScript, through the map built
 * next to it: Node maps no frame itself unless the program turned source maps on. As it is when
 * it has no map.
 */
function asWritten(frame: Frame): Frame {
  try {
    const mapFile = `${frame.file}.map`;
    const entry = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload).findEntry(frame.line - 1, frame.column - 1);
    if (!('originalSource' in entry)) return frame;
    return { file: resolve(dirname(mapFile), entry.originalSource), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return frame;
  }
}

function brokenSyntax(error: string, file: string): string {
  return `${file} does not compile once cowlens has instrumented it (${error}), though it does as written: a bug of cowlens. Leave the file uninstrumented with ${excludeOption(file)}, and please report it to cowlens.`;
}

function uncertainSyntax(error: string, file: string | undefined): string {
  const which = file ?? 'a module (Node names it in the error printed above)';
  return `${which} failed to compile (${error}) after cowlens instrumented it, and cowlens could not check whether it compiles as written. If it does, leave it uninstrumented with ${excludeOption(file ?? '<file>')}, and please report it to cowlens.`;
}

/** The option that leaves `file` (relative to the run's folder) uninstrumented, quoted for a shell. */
function excludeOption(file: string): string {
  return `\`cowlens report --exclude '${file.replace(/[*?[\]{}()!+@]/g, '\\$&')}'\``;
}

/** What syntax-check.ts answers, or undefined when it could not answer. */
function checkSyntax(request: SyntaxCheckRequest): SyntaxCheckAnswer | undefined {
  const result = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', SYNTAX_CHECK], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    // Not the run's NODE_OPTIONS: the check must not load cowlens's preload, nor report to the run.
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: SYNTAX_CHECK_TIMEOUT_MS,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout) as SyntaxCheckAnswer;
  } catch {
    return undefined;
  }
}
