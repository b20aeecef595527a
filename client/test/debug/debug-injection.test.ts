import { describe, expect, it } from 'vitest';
import { commandOf, injectRun, runIdOf, wantsCowlens, type LaunchConfiguration } from '../../src/debug/debug-injection.js';

const RUN = {
  runId: 7,
  env: { NODE_OPTIONS: '--require=/ext/server/dist/instrument/hooks/preload.cjs', COWLENS_CHANNEL: '/tmp/cowlens-7' },
};

const launch = (extra: Record<string, unknown> = {}): LaunchConfiguration => ({
  type: 'node',
  request: 'launch',
  name: 'Launch',
  program: '${workspaceFolder}/main.js',
  ...extra,
});

describe('wantsCowlens', () => {
  it('follows the setting when the configuration says nothing', () => {
    expect(wantsCowlens(launch(), true)).toBe(true);
    expect(wantsCowlens(launch(), false)).toBe(false);
  });

  it('lets the configuration attribute override the setting either way', () => {
    expect(wantsCowlens(launch({ cowlens: true }), false)).toBe(true);
    expect(wantsCowlens(launch({ cowlens: false }), true)).toBe(false);
  });

  it('takes the older pwa-node type too', () => {
    expect(wantsCowlens(launch({ type: 'pwa-node', cowlens: true }), false)).toBe(true);
  });

  it('leaves attach configurations alone: the process started without the runtime', () => {
    expect(wantsCowlens(launch({ request: 'attach', cowlens: true }), true)).toBe(false);
  });

  it.each(['chrome', 'pwa-chrome', 'node-terminal', 'python'])('leaves a %s configuration alone', (type) => {
    expect(wantsCowlens(launch({ type, cowlens: true }), true)).toBe(false);
  });

  it('leaves a configuration without a type alone (F5 with no launch.json, before the debugger fills it in)', () => {
    expect(wantsCowlens({ request: 'launch', cowlens: true }, true)).toBe(false);
  });

  it('ignores an attribute that is not a boolean and follows the setting', () => {
    expect(wantsCowlens(launch({ cowlens: 'yes' }), false)).toBe(false);
  });

  it('leaves a configuration that already has its run alone, when the debugger resolves it again as pwa-node', () => {
    const injected = injectRun(launch({ cowlens: true }), RUN);
    expect(wantsCowlens({ ...injected, type: 'pwa-node' }, true)).toBe(false);
  });
});

describe('commandOf', () => {
  it('names the runtime, its arguments, the program and its arguments', () => {
    expect(commandOf(launch({ program: '/w/main.ts', args: ['--fast'], runtimeArgs: ['--trace-warnings'] }))).toEqual(['node', '--trace-warnings', '/w/main.ts', '--fast']);
  });

  it('takes the runtime the configuration names, and skips what is not a string', () => {
    expect(commandOf(launch({ program: undefined, runtimeExecutable: 'npm', runtimeArgs: ['run', 'start', 3] }))).toEqual(['npm', 'run', 'start']);
  });
});

describe('injectRun', () => {
  it('adds the run environment when the configuration has none', () => {
    const config = injectRun(launch(), RUN);
    expect(config.env).toEqual(RUN.env);
    expect(runIdOf(config)).toBe(7);
  });

  it('keeps the user variables and lets the run variables win on a clash', () => {
    const config = injectRun(launch({ env: { DEBUG: 'app:*', COWLENS_CHANNEL: 'stale', HOME: null } }), RUN);
    expect(config.env).toEqual({ DEBUG: 'app:*', COWLENS_CHANNEL: '/tmp/cowlens-7', HOME: null, NODE_OPTIONS: RUN.env.NODE_OPTIONS });
  });

  it("puts the runtime's NODE_OPTIONS first and keeps the user's after them", () => {
    const config = injectRun(launch({ env: { NODE_OPTIONS: ' --max-old-space-size=4096 ' } }), RUN);
    expect((config.env as Record<string, string>).NODE_OPTIONS).toBe('--require=/ext/server/dist/instrument/hooks/preload.cjs --max-old-space-size=4096');
  });

  it("keeps the user's NODE_OPTIONS when the run brings none", () => {
    const config = injectRun(launch({ env: { NODE_OPTIONS: '--enable-source-maps' } }), { runId: 1, env: { COWLENS_CHANNEL: 'c' } });
    expect(config.env).toEqual({ NODE_OPTIONS: '--enable-source-maps', COWLENS_CHANNEL: 'c' });
  });

  it('replaces a NODE_OPTIONS the user unset (null) with the run options', () => {
    const config = injectRun(launch({ env: { NODE_OPTIONS: null } }), RUN);
    expect((config.env as Record<string, string>).NODE_OPTIONS).toBe(RUN.env.NODE_OPTIONS);
  });

  it('leaves runtimeArgs and every other attribute as they were', () => {
    const original = launch({ runtimeArgs: ['--inspect-brk', '--import', 'tsx'], cwd: '/w', cowlens: true });
    const config = injectRun(original, RUN);
    expect(config).toMatchObject({ runtimeArgs: ['--inspect-brk', '--import', 'tsx'], cwd: '/w', cowlens: true, type: 'node', request: 'launch' });
    expect(config.runtimeArgs).toBe(original.runtimeArgs);
  });

  it('never changes the configuration or the environment it is given', () => {
    const env = { NODE_OPTIONS: '--trace-warnings', A: '1' };
    const original = launch({ env });
    const frozen = JSON.stringify(original);
    const config = injectRun(original, RUN);
    expect(JSON.stringify(original)).toBe(frozen);
    expect(config.env).not.toBe(env);
    expect(env).toEqual({ NODE_OPTIONS: '--trace-warnings', A: '1' });
  });
});

describe('runIdOf', () => {
  it('finds no run in a configuration that was not injected', () => {
    expect(runIdOf(launch())).toBeUndefined();
    expect(runIdOf(launch({ cowlensRunId: '7' }))).toBeUndefined();
  });
});
