import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { REPORT_SCHEMA_VERSION, type Report } from './model.js';
import { OLDEST_SCHEMA_VERSION, upgradeReport } from './older-reports.js';
import { printable } from './printable.js';

/**
 * Checks a value against `server/schema/report.schema.json` before anything trusts it: a baseline
 * read from disk may be old, hand-edited or some other tool's JSON, and a wrong field would
 * otherwise surface as a NaN deep inside a budget check.
 */

// The path is the same from src/report and dist/report, so this works from source and from a build.
export const REPORT_SCHEMA_URL = new URL('../../schema/report.schema.json', import.meta.url);

/**
 * The schema's check as ajv compiles it, compiled when cowlens is built (server/scripts/
 * compile-report-schema.mjs) rather than on every run. Always the built file, from source too.
 */
const SCHEMA_CHECK_URL = new URL('../../dist/report/report-schema-check.cjs', import.meta.url);

export type ReportValidation = { ok: true; report: Report } | { ok: false; errors: string[] };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= createRequire(import.meta.url)(fileURLToPath(SCHEMA_CHECK_URL)) as ValidateFunction;
  return compiled;
}

/** Checks a report of this version or an earlier one; an earlier one comes back as this version reads it (see older-reports.ts). */
export function validateReport(value: unknown): ReportValidation {
  const validate = validator();
  const upgraded = upgradeReport(value);
  if (validate(upgraded)) return { ok: true, report: upgraded as Report };
  const errors = (validate.errors ?? [])
    // An if/then/else adds a "must match the then schema" error beside the one that says why.
    .filter((error) => error.keyword !== 'if')
    .map((error) => describeError(error, value));
  return { ok: false, errors };
}

/** `/sites/3/kind` → `sites[3].kind`, the way the field would be written in code. */
function fieldPath(instancePath: string): string {
  if (instancePath === '') return 'report';
  return printable(instancePath)
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function describeError(error: ErrorObject, value: unknown): string {
  const path = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${path}: missing field "${printable(String(params.missingProperty))}"`;
    case 'additionalProperties':
      return `${path}: unknown field "${printable(String(params.additionalProperty))}"`;
    case 'enum':
      return `${path}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      if (path === 'schemaVersion') return describeSchemaVersion(value);
      return `${path}: must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}

function describeSchemaVersion(value: unknown): string {
  const found = (value as { schemaVersion?: unknown }).schemaVersion;
  return (
    `schemaVersion: must be ${OLDEST_SCHEMA_VERSION} to ${REPORT_SCHEMA_VERSION}, found ${JSON.stringify(found)}: ` +
    `the report was written by a cowlens whose report format this version does not read`
  );
}

const SHOWN_ERRORS = 10;

function errorList(errors: readonly string[]): string {
  const shown = errors.slice(0, SHOWN_ERRORS).map((line) => `  ${line}`);
  const more = errors.length - shown.length;
  if (more > 0) shown.push(`  … and ${more} more`);
  return shown.join('\n');
}

/** A report cowlens built that fails its own schema: it is never written. */
export class InvalidReportError extends Error {}

/**
 * The report as cowlens may write it: one that fails the schema (a figure past what JSON carries
 * exactly, a record a program forged in the spool) throws an `InvalidReportError` saying where,
 * since every reader of it, cowlens's own `merge` and `--baseline` first, would refuse it.
 */
export function checkedReport(report: Report): Report {
  const result = validateReport(report);
  if (result.ok) return result.report;
  throw new InvalidReportError(`the report does not satisfy its own schema, so it was not written:\n${errorList(result.errors)}`);
}

/**
 * Reads and validates a report file, such as a baseline. Throws an Error whose message says what
 * is wrong with the file and what to do about it.
 */
export function readReportFile(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new Error(`Cannot read the cowlens report ${printable(path)}: ${reason}.`, { cause: error });
  }
  let value: unknown;
  try {
    // Editors on Windows may save JSON with a byte order mark, which JSON.parse rejects.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8 quotes the start of the text in its message, newlines and all; keep the message on one line.
    const reason = (error as Error).message.replace(/\s+/g, ' ');
    throw new Error(`${printable(path)} is not JSON (${printable(reason)}). Was it written by cowlens report --format json?`, {
      cause: error,
    });
  }
  const result = validateReport(value);
  if (!result.ok) {
    throw new Error(`${printable(path)} is not a valid cowlens report:\n${errorList(result.errors)}\nWas it written by cowlens report --format json?`);
  }
  return result.report;
}
