import { formatJson } from './format-json.js';
import { formatMarkdown, type MarkdownFormatOptions } from './format-markdown.js';
import { formatSarif, type SarifFormatOptions } from './format-sarif.js';
import { formatText } from './format-text.js';
import type { Report } from './model.js';

/** Every output format, for the CLI's `--format` choices. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The options of every format in one bag; each format reads the ones it has. */
export interface FormatReportOptions extends MarkdownFormatOptions, SarifFormatOptions {
  /** Colours in the text format; off unless asked for, so a redirected report stays plain. */
  readonly color?: boolean;
}

export function formatReport(report: Report, format: ReportFormat, options: FormatReportOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, {
        color: options.color ?? false,
        ...(options.maxSites === undefined ? {} : { maxSites: options.maxSites }),
      });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'markdown':
      return formatMarkdown(report, options);
  }
}
