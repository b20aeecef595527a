// How long a run takes from the editor against the same run from the CLI (issue 15, item 6): the
// editor-speed fixture, a store whose actions run in batches between event-loop turns so that its
// figures flow live, run in cow mode from *Run Current File* until the status bar shows the final
// figures, and by `cowlens report` in the same workspace, on the same Node, in turns. Prints the
// figures and writes them to figures.json; it fails only when a run does (speed is a figure here,
// not a pass mark).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { e2eEnvironment, openFile, openWorkbench, runCommand, runSteps, stepLog, waitFor as waitUntil } from './e2e-helpers.mjs';

const { url, out: OUT, workspace: WORKSPACE } = e2eEnvironment();
const CLI = join(import.meta.dirname, '../../../server/bin/cowlens.js');
const PROGRAM = 'store.mjs';
const ROUNDS = 3;
const log = stepLog('speed');
const figures = { plainMs: [], cliMs: [], editorMs: [] };

const { page, finish } = await openWorkbench(url, OUT, 'browser-console.log');
const waitFor = (what, probe, ms) => waitUntil(page, what, probe, ms);
const statusText = () => page.locator('[id="cowlens.cowlens.status"]').first().textContent({ timeout: 2000 }).catch(() => '');

/** Milliseconds a command takes in the workspace, failing on a failing exit status. */
function timed(command) {
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd: WORKSPACE, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Math.round(ms);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

await runSteps({ page, finish, out: OUT, log, label: 'speed', failureShot: 'failure.png', figures: { file: 'figures.json', values: figures } }, async () => {
  await openFile(page, PROGRAM);
  for (let round = 1; round <= ROUNDS; round++) {
    figures.plainMs.push(timed(['node', PROGRAM]));
    figures.cliMs.push(timed(['node', CLI, 'report', '--mode', 'cow', '--', 'node', PROGRAM]));
    await runCommand(page, 'cowlens: Run Current File');
    const started = Date.now();
    await waitFor('the run to start', async () => (await statusText()).includes('running'), 30_000);
    const final = await waitFor('the run to finish', async () => {
      const text = await statusText();
      return /cowlens cow: saved/.test(text) ? text : undefined;
    }, 180_000);
    figures.editorMs.push(Date.now() - started);
    log(`round ${round}: plain ${figures.plainMs.at(-1)} ms, CLI ${figures.cliMs.at(-1)} ms, editor ${figures.editorMs.at(-1)} ms (${final.trim()})`);
  }
  figures.editorOverCli = Number((median(figures.editorMs) / median(figures.cliMs)).toFixed(2));
  log(`medians: plain ${median(figures.plainMs)} ms, CLI ${median(figures.cliMs)} ms, editor ${median(figures.editorMs)} ms: the editor run is ×${figures.editorOverCli} of the CLI run`);
});
