/**
 * Putting the cowlens runtime into a Node debug session, apart from VS Code: the built-in
 * JavaScript debugger starts the debuggee with the configuration's `env`, so the run's environment
 * (the `--require` of the runtime's preload in NODE_OPTIONS, and the channel to the server) goes there,
 * and every process the debuggee spawns inherits it.
 */

/** The JavaScript debugger's names for Node: `node`, and `pwa-node` from the years it was new. */
export const NODE_DEBUG_TYPES: readonly string[] = ['node', 'pwa-node'];

/** The launch-configuration attribute that turns cowlens on (`true`) or off (`false`) for one configuration. */
export const COWLENS_ATTRIBUTE = 'cowlens';

/** Where the injected configuration records its run, so the end of the session can end that run. */
export const RUN_ID_ATTRIBUTE = 'cowlensRunId';

/** The parts of a debug configuration this module reads; any others pass through untouched. */
export interface LaunchConfiguration {
  readonly type?: string;
  readonly request?: string;
  readonly [attribute: string]: unknown;
}

/** What the server hands out for a run: its id and the environment a process needs to report to it. */
export interface PreparedRun {
  readonly runId: number;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Whether cowlens should run inside this configuration's debuggee: a Node launch (attaching joins
 * a process that started without the runtime, so there is nothing to inject into), not injected
 * already (the debugger may turn a `node` configuration into a `pwa-node` one, and VS Code then
 * resolves it again), and either the configuration says `"cowlens": true`, or it says nothing and
 * the setting is on.
 */
export function wantsCowlens(config: LaunchConfiguration, enabledBySetting: boolean): boolean {
  if (config.type === undefined || !NODE_DEBUG_TYPES.includes(config.type) || config.request !== 'launch') return false;
  if (runIdOf(config) !== undefined) return false;
  const attribute = config[COWLENS_ATTRIBUTE];
  return typeof attribute === 'boolean' ? attribute : enabledBySetting;
}

/**
 * The configuration with the run's environment merged into its `env`; the input is not changed.
 * The run's variables win over the user's of the same name (they are the channel to this run), except
 * NODE_OPTIONS, which keeps the user's options after ours: the runtime's hooks load first, and
 * whatever else the user's program needs still loads. `runtimeArgs` and the rest are left as they are.
 */
export function injectRun<T extends LaunchConfiguration>(config: T, run: PreparedRun): T {
  const userEnv = isEnv(config.env) ? config.env : {};
  const env: Record<string, string | null> = { ...userEnv, ...run.env };
  const nodeOptions = joinOptions(run.env.NODE_OPTIONS, userEnv.NODE_OPTIONS);
  if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  return { ...config, env, [RUN_ID_ATTRIBUTE]: run.runId };
}

/**
 * The command line a Node launch stands for, as the report and the panel name the run: the
 * runtime, its arguments, the program and its arguments (the debugger's own flags are its business).
 */
export function commandOf(config: LaunchConfiguration): string[] {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const runtime = typeof config.runtimeExecutable === 'string' ? config.runtimeExecutable : 'node';
  const program = typeof config.program === 'string' ? [config.program] : [];
  return [runtime, ...strings(config.runtimeArgs), ...program, ...strings(config.args)];
}

/** The run a configuration was injected with, if it was. */
export function runIdOf(config: LaunchConfiguration): number | undefined {
  const runId = config[RUN_ID_ATTRIBUTE];
  return typeof runId === 'number' ? runId : undefined;
}

/** The debugger's `env` maps names to strings, or to null to unset an inherited variable. */
function isEnv(value: unknown): value is Readonly<Record<string, string | null>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinOptions(ours: string | undefined, users: string | null | undefined): string | undefined {
  const parts = [ours, users].map((part) => part?.trim() ?? '').filter((part) => part !== '');
  return parts.length === 0 ? undefined : parts.join(' ');
}
