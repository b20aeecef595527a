import type { RunMode } from '@cowlens/server/protocol';
import { type FigurePlacement, isFigurePlacement } from '@cowlens/server/figure-placement';
import * as vscode from 'vscode';

/** The settings the client itself reads (the server reads the rest through workspace/configuration). */
export interface ClientSettings {
  readonly mode: RunMode;
  readonly inlineFigures: boolean;
  readonly highlightBytes: number;
  readonly figurePlacement: FigurePlacement;
  readonly watch: boolean;
  /** Node debug launches without a `"cowlens"` attribute get the runtime. */
  readonly debug: boolean;
}

export function clientSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration('cowlens');
  return {
    mode: config.get<RunMode>('mode') === 'cow' ? 'cow' : 'observe',
    inlineFigures: config.get<boolean>('inlineFigures', true),
    highlightBytes: config.get<number>('highlightBytes', 1_000_000),
    figurePlacement: placementOf(config.get<string>('figurePlacement')),
    watch: config.get<boolean>('watch', false),
    debug: config.get<boolean>('debug', false),
  };
}

/** Flips `cowlens.inlineFigures` where it is set: a workspace value would hide a user-level change. */
export async function toggleInlineFigures(): Promise<void> {
  const config = vscode.workspace.getConfiguration('cowlens');
  const inWorkspace = config.inspect<boolean>('inlineFigures')?.workspaceValue !== undefined;
  await config.update('inlineFigures', !clientSettings().inlineFigures, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}

function placementOf(value: string | undefined): FigurePlacement {
  return isFigurePlacement(value) ? value : 'auto';
}
