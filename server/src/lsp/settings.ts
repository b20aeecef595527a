/**
 * The `cowlens` settings of a workspace folder: what the client answers to
 * `workspace/configuration`, each field checked and filled in from the defaults, so a typo in a
 * user's settings costs that one field (with a log line) and never a run.
 */
import type { CowlensSettings } from './protocol.js';

export const DEFAULT_SETTINGS: CowlensSettings = {
  mode: 'observe',
  testCommand: 'npm test',
  entry: '',
  only: [],
  include: [],
  exclude: [],
  timeout: 0,
  highlightBytes: 1_000_000,
  budgets: { maxBytesCopiedPerSite: 0, hazardsAsDiagnostics: true },
};

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isNonNegative: Check = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isStringList: Check = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');

const CHECKS: Readonly<Record<Exclude<keyof CowlensSettings, 'budgets'>, Check>> = {
  mode: (value) => value === 'observe' || value === 'cow',
  testCommand: isString,
  entry: isString,
  only: isStringList,
  include: isStringList,
  exclude: isStringList,
  timeout: isNonNegative,
  highlightBytes: isNonNegative,
};

const BUDGET_CHECKS: Readonly<Record<keyof CowlensSettings['budgets'], Check>> = {
  maxBytesCopiedPerSite: isNonNegative,
  hazardsAsDiagnostics: (value) => typeof value === 'boolean',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The settings from what the client sent (anything: null, a partial object, wrong types); a field
 * that is there but wrong is reported through `warn` and replaced by its default.
 */
export function settingsFrom(raw: unknown, warn: (message: string) => void): CowlensSettings {
  const given = isRecord(raw) ? raw : {};
  const pick = <T extends object>(from: Record<string, unknown>, defaults: T, checks: Readonly<Record<string, Check>>, prefix: string): T => {
    const result: Record<string, unknown> = { ...(defaults as object) };
    for (const [key, check] of Object.entries(checks)) {
      const value = from[key];
      if (value === undefined || value === null) continue;
      if (check(value)) result[key] = value;
      else warn(`cowlens: the setting ${prefix}${key} = ${JSON.stringify(value)} is not valid; using ${JSON.stringify(result[key])} instead.`);
    }
    return result as T;
  };
  const budgets = pick(isRecord(given.budgets) ? given.budgets : {}, DEFAULT_SETTINGS.budgets, BUDGET_CHECKS, 'cowlens.budgets.');
  return { ...pick(given, DEFAULT_SETTINGS, CHECKS, 'cowlens.'), budgets };
}
