/**
 * The `cowlens` command: `report` runs a program or test suite instrumented and reports its
 * copies, `scan` lists copy sites without running anything, `merge` combines reports of CI shards.
 * Each command's module is loaded only when it runs: `report` never loads the TypeScript parser.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { FileSet } from '../analysis/file-set.js';
import { parseByteSize } from '../report/byte-units.js';
import { parsePercent } from '../report/budgets.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/format-report.js';
import type { RunMode } from '../runtime/api.js';
import { DEFAULT_MAX_FILE_SIZE } from '../analysis/read-source-file.js';
import { ExitCode, UserError } from './exit-codes.js';
import { formatFromOut } from './format-from-out.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const asNumber =
  (what: string) =>
  (text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a positive number, got "${text}".`);
    return n;
  };
const asBytes = (text: string): number => {
  try {
    return parseByteSize(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};
const asPercent = (text: string): number => {
  try {
    return parsePercent(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function buildProgram(run: (status: number) => void): Command {
  const program = new Command('cowlens')
    .description('See, and cut, what your JavaScript and TypeScript code copies.')
    .version(version)
    .showHelpAfterError('(run cowlens --help for usage)')
    .enablePositionalOptions()
    .exitOverride();

  program
    .command('report')
    .description('run a command with every Node.js process it starts instrumented, and report its copies')
    .argument('<command...>', 'the command to run, after --')
    .addOption(new Option('--mode <mode>', 'observe: copies run as written, cowlens measures what copy-on-write would save; cow: copies become copy-on-write views').choices(['observe', 'cow']).default('observe'))
    .addOption(new Option('--format <format>', "report format (default: the one --out's extension names, .json, .sarif or .md, else text)").choices([...REPORT_FORMATS]))
    .option('--out <file>', 'write the report to a file (- for stdout); without it the report goes to stderr')
    .option('--include <glob>', "instrument these files too, besides the project's own (every file under the working directory outside node_modules): a dependency, e.g. 'node_modules/immer/**' (repeatable)", collect)
    .option('--only <glob>', "instrument only the files matching this glob, in place of the project's own (repeatable; --include still adds to it)", collect)
    .option('--exclude <glob>', 'never instrument the files matching this glob: wins over --only and --include (repeatable)', collect)
    .option('--timeout <seconds>', 'stop the command after this many seconds and report what was gathered', asNumber('--timeout'))
    .option('--max-bytes-copied <size>', 'fail when the run copies more than this (e.g. 50MB)', asBytes)
    .option('--fail-on-hazard', 'fail when cow mode met a write it could not see', false)
    .option('--baseline <report.json>', 'compare with an earlier JSON report and list per-site regressions')
    .option('--max-regression <pct>', 'with --baseline: fail when copies grew by more than this percentage', asPercent)
    .option('--max-file-size <size>', 'larger files run as written, uninstrumented, with a diagnostic (default 5MB)', asBytes)
    .option('-q, --quiet', 'print nothing but the report file and failures', false)
    .option('--no-transform-cache', 'instrument every module afresh, keeping nothing in node_modules/.cache/cowlens')
    .passThroughOptions()
    .action(async (command: string[], opts: Record<string, unknown>) => {
      const { reportCommand } = await import('./report-command.js');
      run(
        await reportCommand(command, {
          mode: opts.mode as RunMode,
          format: (opts.format as ReportFormat | undefined) ?? formatFromOut(opts.out as string | undefined),
          files: fileSetOf(opts),
          failOnHazard: opts.failOnHazard === true,
          maxFileSize: (opts.maxFileSize as number | undefined) ?? DEFAULT_MAX_FILE_SIZE,
          quiet: opts.quiet === true,
          transformCache: opts.transformCache !== false,
          version,
          ...optional('out', opts.out as string | undefined),
          ...optional('timeout', opts.timeout as number | undefined),
          ...optional('maxBytesCopied', opts.maxBytesCopied as number | undefined),
          ...optional('baseline', opts.baseline as string | undefined),
          ...optional('maxRegression', opts.maxRegression as number | undefined),
        }),
      );
    });

  program
    .command('scan')
    .description('list the copy sites of files and directories, without running anything')
    .argument('<paths...>', 'files or directories')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--include <glob>', "scan these files too, besides the project's own (every file under the paths outside node_modules and dot folders): a dependency, e.g. 'node_modules/immer/**' (repeatable)", collect)
    .option('--only <glob>', "scan only the files matching this glob, in place of the project's own (repeatable; --include still adds to it)", collect)
    .option('--exclude <glob>', 'never scan the files matching this glob: wins over --only and --include (repeatable)', collect)
    .option('--max-file-size <size>', 'skip larger files, with a diagnostic (default 5MB)', asBytes)
    .option('--out <file>', 'write to a file (- for stdout, the default)', '-')
    .action(async (paths: string[], opts: Record<string, unknown>) => {
      const { scanCommand } = await import('./scan-command.js');
      run(
        await scanCommand(paths, {
          format: opts.format as 'text' | 'json',
          out: opts.out as string,
          maxFileSize: (opts.maxFileSize as number | undefined) ?? DEFAULT_MAX_FILE_SIZE,
          files: fileSetOf(opts),
        }),
      );
    });

  program
    .command('merge')
    .description('combine JSON reports of CI shards into one (like nyc merge)')
    .argument('<reports...>', 'JSON reports written by cowlens report --format json')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('json'))
    .option('--out <file>', 'write to a file (- for stdout, the default)', '-')
    .action(async (reports: string[], opts: Record<string, unknown>) => {
      const { mergeCommand } = await import('./merge-command.js');
      run(await mergeCommand(reports, { format: opts.format as ReportFormat, out: opts.out as string }));
    });
  program
    .command('lsp')
    .description('start the cowlens language server (for editors: Neovim, Helix, Emacs, ...)')
    .option('--stdio', 'talk LSP over stdin and stdout')
    .option('--node-ipc', 'talk LSP over the Node IPC channel of the parent process')
    .option('--socket <port>', 'talk LSP over a socket on this port')
    .allowUnknownOption()
    .action(async () => {
      // The server reads its transport from process.argv itself, and runs until the client ends it.
      const { startServer } = await import('../lsp/start-server.js');
      startServer();
    });
  return program;
}

/** The file set of `--only`, `--include` and `--exclude`, which `scan` and `report` read the same way. */
function fileSetOf(opts: Record<string, unknown>): FileSet {
  return {
    only: (opts.only as string[] | undefined) ?? [],
    include: (opts.include as string[] | undefined) ?? [],
    exclude: (opts.exclude as string[] | undefined) ?? [],
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Runs the CLI on `argv` (without node and the script); resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let status: number = ExitCode.Ok;
  const program = buildProgram((s) => {
    status = s;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (isCommanderExit(error)) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    process.stderr.write(`cowlens failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in cowlens; please report it with the command you ran.\n`);
    return ExitCode.CowlensFailed;
  }
}

function isCommanderExit(error: unknown): error is CommanderError {
  return error instanceof CommanderError;
}
