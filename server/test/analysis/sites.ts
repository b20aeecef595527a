import { scanSource, type StaticSite } from '../../src/analysis/scan-source.js';

/** `kind@line:column` for every site of a snippet: compact enough to compare whole files at once. */
export function siteTags(text: string, file = 'sample.ts'): string[] {
  return scanSource(file, text).sites.map((s) => `${s.kind}@${s.line}:${s.column}`);
}

export function sitesOf(text: string, file = 'sample.ts'): StaticSite[] {
  return scanSource(file, text).sites;
}

/** The one site of a snippet; fails the test when there is not exactly one. */
export function onlySite(text: string, file = 'sample.ts'): StaticSite {
  const sites = sitesOf(text, file);
  if (sites.length !== 1) throw new Error(`expected one site, found ${sites.length}: ${JSON.stringify(sites)}`);
  return sites[0]!;
}
