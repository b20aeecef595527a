import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscodeTypes from 'vscode';
import { terminated, vscode } from '../panel/fake-vscode.js';

vi.mock('vscode', async () => (await import('../panel/fake-vscode.js')).vscode);

const { CowlensDebugConfigurationProvider, registerDebugInjection } = await import('../../src/debug/debug-provider.js');

const folder = { name: 'w', index: 0, uri: {} } as unknown as vscodeTypes.WorkspaceFolder;
const RUN = { runId: 9, env: { NODE_OPTIONS: '--import=/ext/hooks.js' } };

function hooks(enabled = false) {
  return {
    prepareRun: vi.fn(() => Promise.resolve(RUN)),
    endRun: vi.fn(() => Promise.resolve()),
    enabledBySetting: () => enabled,
  };
}

const config = (extra: Record<string, unknown> = {}): vscodeTypes.DebugConfiguration => ({ type: 'pwa-node', request: 'launch', name: 'Launch', ...extra });

describe('CowlensDebugConfigurationProvider', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('prepares a run for the folder and injects its environment', async () => {
    const h = hooks();
    const resolved = await new CowlensDebugConfigurationProvider(h).resolveDebugConfigurationWithSubstitutedVariables(folder, config({ cowlens: true }));
    expect(h.prepareRun).toHaveBeenCalledWith(folder);
    expect(resolved.env).toEqual({ NODE_OPTIONS: '--import=/ext/hooks.js' });
    expect(resolved.cowlensRunId).toBe(9);
  });

  it('prepares no run for a configuration that does not want cowlens', async () => {
    const h = hooks(true);
    const original = config({ cowlens: false });
    const resolved = await new CowlensDebugConfigurationProvider(h).resolveDebugConfigurationWithSubstitutedVariables(folder, original);
    expect(h.prepareRun).not.toHaveBeenCalled();
    expect(resolved).toBe(original);
  });

  it('debugs without figures, and says so, when the run cannot be prepared', async () => {
    const h = hooks(true);
    h.prepareRun.mockRejectedValueOnce(new Error('server not running'));
    const original = config();
    const resolved = await new CowlensDebugConfigurationProvider(h).resolveDebugConfigurationWithSubstitutedVariables(folder, original);
    expect(resolved).toBe(original);
    expect(vscode.window.showWarningMessage).toHaveBeenCalledWith(expect.stringContaining('server not running'));
  });
});

describe('registerDebugInjection', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('registers for both Node debug types', () => {
    registerDebugInjection(hooks()).dispose();
    expect(vscode.debug.registerDebugConfigurationProvider.mock.calls.map((call: unknown[]) => call[0])).toEqual(['node', 'pwa-node']);
  });

  it('ends the run when the session the user started ends, not when a child process session does', () => {
    const h = hooks();
    const registration = registerDebugInjection(h);
    terminated.fire({ parentSession: {}, configuration: { cowlensRunId: 9 } });
    expect(h.endRun).not.toHaveBeenCalled();
    terminated.fire({ configuration: { cowlensRunId: 9 } });
    expect(h.endRun).toHaveBeenCalledWith(9);
    terminated.fire({ configuration: {} });
    expect(h.endRun).toHaveBeenCalledTimes(1);
    registration.dispose();
    expect(terminated.count).toBe(0);
  });
});
