import type { RunFiguresParams } from '@cowlens/server/protocol';

export type OutcomeAction = 'Show Output' | 'Show Report';

export interface RunOutcomeMessage {
  readonly severity: 'error' | 'warning';
  readonly text: string;
  readonly actions: readonly OutcomeAction[];
}

/**
 * What the user is told when a run ends, or nothing when it went as planned. A failing program
 * must not pass for a run with odd figures, and a run whose figures may be missing must say why.
 * A run the user stopped needs no message, and a debugged program's outcome is the debugger's to show.
 */
export function runOutcomeMessage(figures: RunFiguresParams): RunOutcomeMessage | undefined {
  if (figures.state !== 'finished' || figures.attached === true || figures.stopped === true) return undefined;
  const reasons = figures.complete === false && figures.incomplete !== undefined && figures.incomplete.length > 0 ? figures.incomplete : [];
  const missing = reasons.length > 0 ? ` Figures may be missing: ${reasons.join('; ')}.` : '';
  if (figures.exitCode === null && typeof figures.signal !== 'string') {
    return { severity: 'error', text: `cowlens: the program did not run.${missing}`, actions: ['Show Output'] };
  }
  const failed = failureOf(figures);
  if (failed !== undefined) {
    return {
      severity: 'error',
      text: `cowlens: ${failed}; its output is in the cowlens output, and the figures show what ran until then.${missing}`,
      actions: ['Show Output', 'Show Report'],
    };
  }
  if (reasons.length > 0) return { severity: 'warning', text: `cowlens: the run is incomplete.${missing}`, actions: ['Show Report'] };
  return undefined;
}

function failureOf({ exitCode, signal }: RunFiguresParams): string | undefined {
  if (typeof exitCode === 'number') return exitCode === 0 ? undefined : `the program exited with status ${String(exitCode)}`;
  return typeof signal === 'string' ? `the program was killed by ${signal}` : undefined;
}
