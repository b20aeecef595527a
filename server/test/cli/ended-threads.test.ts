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

const idle = write('idle.mjs', 'setInterval(() => {}, 1000);\n');
const copier = write('copier.mjs', "const base = { a: 1, list: [1, 2, 3] };\nlet n = 0;\nfor (;;) { n += ({ ...base }).a; if (n % 1e5 === 0) await new Promise((r) => setTimeout(r, 1)); }\n");
const terminates = (worker: string): string =>
  write(
    `main-${worker.replace(/\W/g, '')}.mjs`,
    `import { Worker } from 'node:worker_threads';\nconst w = new Worker(${worker});\nsetTimeout(() => { void w.terminate().then(() => console.log('ended')); }, 600);\n`,
  );

describe('worker threads their parent ends', () => {
  it('one that ran instrumented code makes the run incomplete: its last figures may be lost', () => {
    const run = reportOf(['node', terminates(JSON.stringify(copier))], { mode: 'observe', cwd: dir });
    expect(run.stdout).toBe('ended\n');
    expect(run.report.complete).toBe(false);
    expect(run.report.incomplete.join('\n')).toMatch(/1 worker thread .* ended without sending its last figures/);
  });

  it('one that ran no instrumented code leaves the run complete', () => {
    for (const worker of [JSON.stringify(idle), "'setInterval(() => {}, 1000)', { eval: true }"]) {
      const run = reportOf(['node', terminates(worker)], { mode: 'observe', cwd: dir });
      expect(run.stdout).toBe('ended\n');
      expect(run.report).toMatchObject({ complete: true, incomplete: [] });
    }
  });
});
