import type { Report, SiteReport } from '../../src/report/model.js';

export type SiteFigures = Pick<SiteReport, 'executions' | 'materialized' | 'eager'> & { readonly copyPoints: readonly string[] };

/** The sites of a report by `file:line:column kind`, with the figures that do not depend on the machine. */
export function sitesOf(report: Report): Record<string, SiteFigures> {
  return Object.fromEntries(
    report.sites.map((s) => [
      `${s.file}:${String(s.line)}:${String(s.column)} ${s.kind}`,
      { executions: s.executions, materialized: s.materialized, eager: s.eager, copyPoints: s.copyPoints.map((p) => `${p.file}:${String(p.line)}:${String(p.column)} ×${String(p.count)}`) },
    ]),
  );
}

/** The same sites seen from a directory above the suite's. */
export function underDirectory(dir: string, sites: Record<string, SiteFigures>): Record<string, SiteFigures> {
  return Object.fromEntries(Object.entries(sites).map(([site, figures]) => [`${dir}/${site}`, { ...figures, copyPoints: figures.copyPoints.map((p) => `${dir}/${p}`) }]));
}

/** A test runner's output without its clock (times, durations) and in an order of its own (test files finish in parallel). */
export function linesOf(output: string): string[] {
  return output
    .replace(/Start at .*/g, '')
    .replace(/^Time: .*/gm, 'Time: T')
    .replace(/^(\s*Duration\s).*/gm, '$1T')
    .replace(/\d+(\.\d+)?m?s\b/g, 'T')
    .replace(/, estimated T/g, '')
    .replace(/duration_ms:? [\d.]+/g, 'duration_ms T')
    // mocha gives a test's time only when it was slow.
    .replace(/ \(T\)$/gm, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .sort();
}

/** Splits a run's stderr into the runner's and cowlens's closing line (where the report went). */
export function splitCowlensLine(stderr: string): { runner: string; cowlens: string } {
  const at = stderr.lastIndexOf('\ncowlens: ') + 1;
  return { runner: stderr.slice(0, at), cowlens: stderr.slice(at) };
}
