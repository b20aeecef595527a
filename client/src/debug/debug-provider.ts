import * as vscode from 'vscode';
import { NODE_DEBUG_TYPES, commandOf, injectRun, runIdOf, wantsCowlens, type PreparedRun } from './debug-injection.js';

export interface DebugRunHooks {
  /** Asks the server for a run of `command` in this folder and the environment its processes need. */
  readonly prepareRun: (folder: vscode.WorkspaceFolder | undefined, command: readonly string[]) => Promise<PreparedRun>;
  /** Tells the server the session of a run has ended, so it finishes that run and sends its last figures. */
  readonly endRun: (runId: number) => Promise<void>;
  /** The `cowlens.debug` setting: whether launches without a `cowlens` attribute get the runtime. */
  readonly enabledBySetting: () => boolean;
}

/**
 * Injects the cowlens runtime into Node debug launches. It resolves after variables are
 * substituted, so the run is prepared only for a launch that is about to happen, and the
 * environment's values reach the debuggee verbatim.
 */
export class CowlensDebugConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly hooks: DebugRunHooks) {}

  async resolveDebugConfigurationWithSubstitutedVariables(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration> {
    if (!wantsCowlens(config, this.hooks.enabledBySetting())) return config;
    try {
      return injectRun(config, await this.hooks.prepareRun(folder, commandOf(config)));
    } catch (error) {
      // The user asked to debug: a session without figures is better than no session.
      void vscode.window.showWarningMessage(
        `cowlens: debugging without figures, the run could not be prepared: ${error instanceof Error ? error.message : String(error)}. The cowlens output has the details; "cowlens": false in the launch configuration turns cowlens off for it.`,
      );
      return config;
    }
  }
}

/** Registers the provider for every Node debug type and ends a session's run when the session ends. */
export function registerDebugInjection(hooks: DebugRunHooks): vscode.Disposable {
  const provider = new CowlensDebugConfigurationProvider(hooks);
  return vscode.Disposable.from(
    ...NODE_DEBUG_TYPES.map((type) => vscode.debug.registerDebugConfigurationProvider(type, provider)),
    vscode.debug.onDidTerminateDebugSession((session) => {
      // The debugger starts a child session per process, and a child ending (a worker, a spawned
      // script) is not the end of the run: only the session the user started is.
      if (session.parentSession !== undefined) return;
      const runId = runIdOf(session.configuration);
      // A run the server already finished (the program exited first) has nothing left to end.
      if (runId !== undefined) void hooks.endRun(runId).catch(() => undefined);
    }),
  );
}
