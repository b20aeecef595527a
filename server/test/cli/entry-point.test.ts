/**
 * The program's entry loads under `cowlens report` as under plain node (issue 11): cowlens's
 * preload is a `--require`, so Node loads a CommonJS entry with its CommonJS loader, not its ES
 * module loader as any `--import` would make it. Each program runs plain and under cowlens, in
 * both modes, and its output, errors and exit status are compared byte for byte; the one
 * difference cowlens still makes (README, Limits) is in a CommonJS module's stack: the frames of
 * pirates, which installs its require hook (pirates-frames.ts), which the test of a throw counts.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pastPirates, piratesFrames } from './pirates-frames.js';
import { type CliRun, plainNode, REPO, reportOf } from './run-cowlens.js';

const MODES = ['observe', 'cow'] as const;
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** What a module knows of how it was loaded, and a copy for cowlens to count. */
const MODULE_FACTS = `const facts = { main: require.main === module, id: module.id, parent: module.parent, mainModule: process.mainModule === module, loaded: module.loaded, argv1: process.argv[1] === __filename, copy: [...[1, 2, 3]].length };
console.log(JSON.stringify(facts));
`;

const PROGRAMS: Record<string, string> = {
  'facts.js': MODULE_FACTS,
  // Deep enough that cowlens's frame would push one of Node's out of the default ten.
  // A copy on a line of its own: on the line it edits, cowlens's text would be quoted (README, Limits).
  'throws.js': `Error.stackTraceLimit = 50;
const xs = [1, 2];
function check(list) {
  const copy = [...list];
  if (copy.length < 3) throw new RangeError(\`too short: \${copy.length}\`);
}
check(xs);
`,
  'throws.mjs': 'const xs = [1, 2];\nfunction check(list) {\n  const copy = [...list];\n  throw new RangeError(`too short: ${copy.length}`);\n}\ncheck(xs);\n',
  'module-type/package.json': '{ "type": "module" }\n',
  'module-type/throws.js': 'const xs = [1, 2];\nfunction check(list) {\n  const copy = [...list];\n  throw new RangeError(`too short: ${copy.length}`);\n}\ncheck(xs);\n',
  'copies.mjs': 'export const copy = (xs) => [...xs];\n',
  'requires-esm.js': "const { copy } = require('./copies.mjs');\nconsole.log(copy([1, 2, 3]).length, require.main === module, module.id);\n",
  'setup.cjs': "console.log('setup', module.id, require.main === undefined, [...[1]].length);\n",
  'workers.js': `const { Worker, isMainThread, parentPort } = require('node:worker_threads');
if (isMainThread) {
  const worker = new Worker(__filename);
  worker.on('message', (message) => console.log('worker says', message));
  worker.on('exit', (code) => console.log('worker exit', code));
} else {
  parentPort.postMessage({ copy: [...[1, 2, 3]].length, main: require.main === module, id: module.id });
}
`,
  'children.js': `const { spawnSync } = require('node:child_process');
for (const file of ['facts.js', 'absent-child.js']) {
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  console.log(child.status, JSON.stringify(child.stdout), JSON.stringify(child.stderr));
}
`,
  'facts.ts': `const copy: number[] = [...[1, 2, 3]];
const facts: Record<string, unknown> = { main: require.main === module, id: module.id, parent: module.parent, mainModule: process.mainModule === module, copy: copy.length };
console.log(JSON.stringify(facts));
`,
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "commonjs", "target": "es2022", "types": ["node"] } }\n',
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-entry-'));
  for (const [path, text] of Object.entries(PROGRAMS)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // tsx, ts-node and @types/node, as the project's own.
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('the entry of a program loads under cowlens as under plain node', () => {
  const dir = project();
  const underCowlens = (command: readonly string[], mode: (typeof MODES)[number]): CliRun => {
    const { status, stdout, stderr } = reportOf(['node', ...command], { mode, cwd: dir, extra: ['--quiet'] });
    return { status, stdout, stderr };
  };
  const expectAsPlain = (command: readonly string[], check: (plain: CliRun) => void = () => undefined): void => {
    const plain = plainNode(command, { cwd: dir });
    check(plain);
    for (const mode of MODES) expect(underCowlens(command, mode), `${mode}: node ${command.join(' ')}`).toEqual(plain);
  };

  it("a missing entry file: Node's CommonJS MODULE_NOT_FOUND, its message, stack and require stack", () => {
    expectAsPlain(['absent.js'], (plain) => {
      expect(plain.status).toBe(1);
      expect(plain.stderr).toContain(`Error: Cannot find module '${join(dir, 'absent.js')}'`);
      expect(plain.stderr).toContain("code: 'MODULE_NOT_FOUND'");
    });
  });

  it('require.main, module.id, module.parent, process.mainModule and module.loaded of a CommonJS entry', () => {
    expectAsPlain(['facts.js'], (plain) => {
      expect(JSON.parse(plain.stdout)).toEqual({ main: true, id: '.', parent: null, mainModule: true, loaded: false, argv1: true, copy: 3 });
    });
  });

  it("an uncaught error in a CommonJS entry: the header, every frame of Node's CommonJS loader, nothing of its ES module loader", () => {
    const plain = plainNode(['throws.js'], { cwd: dir });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/^\S+throws\.js:5\n {2}if \(copy\.length < 3\) throw new RangeError/);
    expect(plain.stderr).toMatch(/ {4}at (Module|Function)\._load \(node:internal\/modules\/cjs\/loader:\d+:\d+\)\n/);
    for (const mode of MODES) {
      const run = underCowlens(['throws.js'], mode);
      expect({ ...run, stderr: pastPirates(run.stderr) }, mode).toEqual({ ...plain, stderr: pastPirates(plain.stderr) });
      expect(piratesFrames(run.stderr), mode).toBeGreaterThan(0);
    }
  });

  it('an uncaught error in an ES module entry, .mjs and in a package of type module', () => {
    for (const entry of ['throws.mjs', 'module-type/throws.js']) {
      const plain = plainNode([entry], { cwd: dir });
      expect(plain.status).toBe(1);
      expect(plain.stderr).toContain('RangeError: too short: 2');
      for (const mode of MODES) {
        const run = underCowlens([entry], mode);
        // Node 24 adds a frame of its own under module hooks that load asynchronously (README, Limits).
        const stderr = NODE_MAJOR >= 24 ? run.stderr.replace(/^ {4}at process\.processTicksAndRejections \(node:internal\/process\/task_queues:\d+:\d+\)\n/m, '') : run.stderr;
        expect({ ...run, stderr }, `${mode}: ${entry}`).toEqual(plain);
      }
    }
  });

  it('a CommonJS entry that requires an ES module', () => {
    expectAsPlain(['requires-esm.js'], (plain) => {
      expect(plain.stdout).toBe('3 true .\n');
    });
  });

  it("the user's own `node -r` preload runs once, after cowlens's preload", () => {
    expectAsPlain(['-r', './setup.cjs', 'facts.js'], (plain) => {
      expect(plain.stdout.split('\n')[0]).toBe(`setup ${join(dir, 'setup.cjs')} true 1`);
    });
  });

  it('a worker thread and child processes, a missing child entry among them', () => {
    expectAsPlain(['workers.js'], (plain) => {
      expect(plain.stdout).toMatch(/^worker says \{ copy: 3, .*\}\nworker exit 0\n$/);
    });
    expectAsPlain(['children.js'], (plain) => {
      expect(plain.stdout).toContain("Cannot find module '");
      expect(plain.stdout).toContain('MODULE_NOT_FOUND');
    });
  });

  it('a TypeScript entry through tsx (`--import tsx`) and ts-node (`-r ts-node/register`)', () => {
    for (const loader of [
      ['--import', 'tsx'],
      ['-r', 'ts-node/register'],
    ]) {
      expectAsPlain([...loader, 'facts.ts'], (plain) => {
        expect(plain.status, plain.stderr).toBe(0);
        expect(JSON.parse(plain.stdout)).toMatchObject({ copy: 3, mainModule: true });
      });
    }
  });
});
