/**
 * The Neovim module (client/neovim/lua/cowlens) in a real Neovim 0.10, headless, with the real
 * language server: neovim-session.lua opens a copy of the editor tour, runs it with :CowlensRun
 * and edits it, and records what Neovim shows. Neovim comes from .ci/neovim (into .ci/.tools,
 * installed here when a checkout has not yet: CI installs it before the tests), or from
 * $COWLENS_NVIM.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOUR } from './editor-tour.js';
import { REPO } from './lsp-client.js';

const NVIM = process.env.COWLENS_NVIM ?? join(REPO, '.ci/.tools/neovim/nvim');
const SESSION = join(REPO, 'server/test/lsp/neovim-session.lua');

interface Shown {
  readonly failure: string | null;
  readonly root_dir: string;
  readonly inlay_hints_enabled: boolean;
  readonly static_hints: readonly { line: number; label: string }[];
  readonly status: string;
  readonly run_hints: readonly { line: number; label: string }[];
  readonly run_lenses: readonly { line: number; title: string }[];
  readonly server_lenses: readonly { line: number; title: string }[];
  readonly report: { readonly mode: string; readonly sites: readonly unknown[] };
  readonly diagnostics: readonly number[];
  readonly diagnostics_after_insert: readonly number[];
  readonly diagnostics_after_removal: readonly number[];
  readonly messages: readonly { message: string; level: number }[];
  readonly test_run_message: string;
  readonly output: readonly string[];
}

function installNeovim(): void {
  if (process.env.COWLENS_NVIM !== undefined || existsSync(NVIM)) return;
  const install = spawnSync(join(REPO, '.ci/neovim'), { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`.ci/neovim failed (status ${String(install.status)}):\n${install.stdout}${install.stderr}`);
}

/** A Neovim session over a fresh copy of the tour, with `setup` as the module's options (Lua). */
function session(setup: string): Shown {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-nvim-'));
  const project = join(dir, 'tour');
  cpSync(TOUR, project, { recursive: true });
  const failingTests = "node -e \"console.log('the tests ran'); process.exit(3)\"";
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'tour', private: true, scripts: { test: failingTests } })}\n`);
  const init = join(dir, 'init.lua');
  writeFileSync(init, `vim.opt.runtimepath:prepend(${JSON.stringify(join(REPO, 'client/neovim'))})\nrequire('cowlens').setup(${setup})\n`);
  const out = join(dir, 'shown.json');
  const nvim = spawnSync(NVIM, ['--headless', '-u', init, '-i', 'NONE', '-c', `luafile ${SESSION}`], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 150_000,
    env: {
      ...process.env,
      COWLENS_TEST_FILE: join(project, 'main.ts'),
      COWLENS_TEST_OUT: out,
      TOUR_TICK_MS: '0',
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_STATE_HOME: join(dir, 'state'),
    },
  });
  if (!existsSync(out)) throw new Error(`Neovim recorded nothing (status ${String(nvim.status)}):\n${nvim.stdout}${nvim.stderr}`);
  const shown = JSON.parse(readFileSync(out, 'utf8')) as Shown;
  const log = join(dir, 'state/nvim/lsp.log');
  expect(shown.failure, existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : nvim.stderr).toBeNull();
  expect(shown.root_dir).toBe(project);
  return shown;
}

const SETTINGS = "settings = { mode = 'cow', budgets = { maxBytesCopiedPerSite = 1000, hazardsAsDiagnostics = true } }";
const STATIC_HINTS = [
  { line: 35, label: '⧉ deep copy (JSON)' },
  { line: 40, label: '⧉ spread' },
  { line: 52, label: '⧉ deep copy' },
  { line: 54, label: '⧉ spread' },
];

describe('the Neovim module in Neovim 0.10, headless', () => {
  beforeAll(installNeovim, 180_000);

  it('is Neovim 0.10 or later', () => {
    const version = spawnSync(NVIM, ['--headless', '--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^NVIM v0\.(1\d|[2-9]\d)\./);
  });

  describe('with its defaults: figures in the inlay hints', () => {
    let shown: Shown;
    beforeAll(() => {
      shown = session(`{ ${SETTINGS} }`);
    }, 160_000);

    it('attaches the file through its FileType autocmd, inlay hints on, static hints first', () => {
      expect(shown.inlay_hints_enabled).toBe(true);
      expect(shown.static_hints).toEqual(STATIC_HINTS);
    });

    it(':CowlensRun runs the file and shows each site figures once, in its hint, and no lens', () => {
      expect(shown.status).toMatch(/^cowlens: finished · 80 copies$/);
      expect(shown.run_hints.map((h) => h.line)).toEqual([35, 40, 52, 54]);
      for (const hint of shown.run_hints) expect(hint.label).toMatch(/^⧉ [^·]+ · \d+ cop(y|ies) · \d+ written/);
      expect(shown.run_lenses).toEqual([]);
      expect(shown.server_lenses).toEqual([]);
      expect(shown.messages.map((m) => m.message)).toContain('cowlens: the run finished: 80 copies at 4 sites (:CowlensReport shows the report).');
    });

    it(':CowlensReport json opens the report of the run', () => {
      expect(shown.report.mode).toBe('cow');
      expect(shown.report.sites).toHaveLength(4);
    });

    it('shows the budget diagnostics, and moves them with edits: published again for the text as it is', () => {
      expect(shown.diagnostics).toEqual([35, 40, 52, 54]);
      expect(shown.diagnostics_after_insert).toEqual([37, 42, 54, 56]);
      expect(shown.diagnostics_after_removal).toEqual([41, 53, 55]);
    });

    it(':CowlensStop with no run says so', () => {
      expect(shown.messages.map((m) => m.message)).toContain('cowlens: no run is going.');
    });

    it(':CowlensRunTests runs the test command; a failing one says so, and :CowlensOutput shows what it printed', () => {
      expect(shown.messages.map((m) => m.message)).toContain('cowlens: running npm test (cow mode)');
      expect(shown.test_run_message).toBe('cowlens: the program exited with status 3; :CowlensOutput shows its output, and the figures show what ran until then.');
      expect(shown.output).toContain('the tests ran');
    });
  });

  describe("with figure_placement = 'auto': the long line's figures in a lens, the others in hints", () => {
    let shown: Shown;
    beforeAll(() => {
      shown = session(`{ figure_placement = 'auto', ${SETTINGS} }`);
    }, 160_000);

    it('puts each site figures in one place, and refreshes the lenses after the run', () => {
      const inHints = shown.run_hints.filter((h) => h.label.includes('copies')).map((h) => h.line);
      const inLenses = shown.run_lenses.map((l) => l.line);
      expect(shown.server_lenses).toEqual(shown.run_lenses);
      expect([...inHints, ...inLenses].sort((a, b) => a - b)).toEqual([35, 40, 52, 54]);
      // Line 55 is 116 columns long: its figures could not be read after it.
      expect(inLenses).toContain(54);
      expect(shown.run_hints.find((h) => h.line === 54)?.label).toBe('⧉ spread');
      expect(inHints).toContain(52);
      for (const lens of shown.run_lenses) expect(lens.title).toMatch(/^⧉ [^·]+ \d+ cop(y|ies) · \d+ written/);
    });
  });
});
