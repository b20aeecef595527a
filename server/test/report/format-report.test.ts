import { describe, expect, it } from 'vitest';
import {
  formatJson,
  formatMarkdown,
  formatReport,
  formatSarif,
  formatText,
  isReportFormat,
  REPORT_FORMATS,
  validateReport,
} from '../../src/report/index.js';
import { hazardReport, manySitesReport } from './sample-reports.js';

describe('formatJson', () => {
  it('writes the report as 2-space JSON with a trailing newline', () => {
    const text = formatJson(hazardReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 2,');
    expect(JSON.parse(text)).toEqual(hazardReport());
    expect(validateReport(JSON.parse(text)).ok).toBe(true);
  });
});

describe('formatReport', () => {
  it('offers every format', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'markdown']);
    expect(REPORT_FORMATS.every(isReportFormat)).toBe(true);
    expect(isReportFormat('html')).toBe(false);
  });

  it('hands each format its options', () => {
    const report = manySitesReport();
    expect(formatReport(report, 'text')).toBe(formatText(report, { color: false }));
    expect(formatReport(report, 'text', { color: true, maxSites: 3 })).toBe(formatText(report, { color: true, maxSites: 3 }));
    expect(formatReport(report, 'json')).toBe(formatJson(report));
    expect(formatReport(report, 'markdown', { maxSites: 7 })).toBe(formatMarkdown(report, { maxSites: 7 }));
    expect(formatReport(report, 'sarif', { minBytesSaved: 1 })).toBe(formatSarif(report, { minBytesSaved: 1 }));
    expect(formatReport(report, 'sarif', { minBytesSaved: 1 })).not.toBe(formatSarif(report));
  });
});
