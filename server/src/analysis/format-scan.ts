/**
 * A scan's results for people (`text`: one line a site, then the diagnostics and a summary) or
 * for programs (`json`: a stable shape, fields in a fixed order). Colour only on request, so
 * nothing written to a file or a pipe carries escape codes; and none from the scanned files
 * either: their names and the messages about them are printed with control characters escaped.
 */
import picocolors from 'picocolors';
import { printable, printableJson } from '../report/printable.js';
import type { ScanResult } from './scan-paths.js';
import type { ScanDiagnostic, StaticSite } from './scan-source.js';

type Colors = ReturnType<typeof picocolors.createColors>;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function siteLine(site: StaticSite, c: Colors): string {
  const tags = [site.deep && c.magenta('[deep]'), site.writtenAtOnce && c.yellow('[written at once]'), site.couldShare && c.green('[could share]')];
  return [`${c.cyan(printable(site.file))}:${site.line}:${site.column}`, c.bold(site.kind), ...tags.filter((t) => t !== false)].join('  ');
}

function diagnosticLine(diagnostic: ScanDiagnostic, c: Colors): string {
  const severity = diagnostic.severity === 'error' ? c.red('error') : c.yellow('warning');
  return `${c.cyan(printable(diagnostic.file))}:${diagnostic.line}:${diagnostic.column}  ${severity}  ${printable(diagnostic.message)}`;
}

function summary(result: ScanResult, c: Colors): string {
  const count = (test: (site: StaticSite) => boolean) => result.sites.filter(test).length;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const sites = `${plural(result.sites.length, 'copy site')} in ${plural(result.files, 'file')}`;
  const flags = `${count((s) => s.deep)} deep, ${count((s) => s.writtenAtOnce)} written at once, ${count((s) => s.couldShare)} could share`;
  const problems = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return c.bold(`${sites} (${flags}); ${problems}; ${Math.round(result.durationMs)} ms`);
}

function formatText(result: ScanResult, c: Colors): string {
  const lines = [...result.sites.map((s) => siteLine(s, c)), ...result.diagnostics.map((d) => diagnosticLine(d, c))];
  return `${[...lines, summary(result, c)].join('\n')}\n`;
}

function formatJson(result: ScanResult): string {
  const sites = result.sites.map(({ file, line, column, kind, deep, writtenAtOnce, couldShare, endLine, endColumn }) => ({
    file,
    line,
    column,
    kind,
    deep,
    writtenAtOnce,
    couldShare,
    endLine,
    endColumn,
  }));
  const diagnostics = result.diagnostics.map(({ file, line, column, severity, message }) => ({ file, line, column, severity, message }));
  return `${printableJson(JSON.stringify({ sites, diagnostics, files: result.files }, null, 2))}\n`;
}

export function formatScan(result: ScanResult, format: 'text' | 'json', color: boolean): string {
  return format === 'json' ? formatJson(result) : formatText(result, picocolors.createColors(color));
}
