/**
 * Worker threads that their parent ends: one that ran instrumented code may have figures it never
 * sent, and the report says so; one that ran none (a loader's, a library's, code from a string)
 * had nothing to send, and the run stays complete.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportOf } from './run-cowlens.js';

const dir = mkdtempSync(join(tmpdir(), 'cowlens-ended-threads-'));
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// Each worker leaves a file its parent watches for before the parent ends it, so that the test
// does not depend on how long a thread takes to start: a file, not a message, since a message
// sends figures, and not a shared flag, since storing it is a write cowlens instruments.
const running = (name: string): string => `require('node:fs').writeFileSync(${JSON.stringify(join(dir, `${name}.running`))}, '');`;
const idle = write('idle.cjs', `${running('idle')}\nsetInterval(() => {}, 1000);\n`);
const copier = write('copier.cjs', `const base = { a: 1, list: [1, 2, 3] };\nlet n = 0;\nsetInterval(() => {\n  for (let i = 0; i < 1000; i++) n += ({ ...base }).a;\n  ${running('copier')}\n}, 1);\n`);
const terminates = (name: string, worker: string): string =>
  write(
    `main-${name}.mjs`,
    [
      "import { existsSync } from 'node:fs';",
      "import { Worker } from 'node:worker_threads';",
      `const w = new Worker(${worker});`,
      `const watch = setInterval(() => { if (existsSync(${JSON.stringify(join(dir, `${name}.running`))})) { clearInterval(watch); void w.terminate().then(() => console.log('ended')); } }, 5);`,
      '',
    ].join('\n'),
  );

describe('worker threads their parent ends', () => {
  it('one that ran instrumented code makes the run incomplete: its last figures may be lost', () => {
    const run = reportOf(['node', terminates('copier', JSON.stringify(copier))], { mode: 'observe', cwd: dir });
    expect(run.stdout).toBe('ended\n');
    expect(run.report.complete).toBe(false);
    expect(run.report.incomplete.join('\n')).toMatch(/1 worker thread .* ended without sending its last figures/);
  });

  it('one that ran no instrumented code leaves the run complete', () => {
    const workers: [string, string][] = [
      ['idle', JSON.stringify(idle)],
      ['evaluated', `${JSON.stringify(`${running('evaluated')} setInterval(() => {}, 1000)`)}, { eval: true }`],
    ];
    for (const [name, worker] of workers) {
      const run = reportOf(['node', terminates(name, worker)], { mode: 'observe', cwd: dir });
      expect(run.stdout).toBe('ended\n');
      expect(run.report).toMatchObject({ complete: true, incomplete: [] });
    }
  });
});
