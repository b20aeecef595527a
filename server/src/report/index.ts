/**
 * Reports: the contract between a run, the CLI, CI and the editor. The model and its JSON Schema,
 * validation, the output formats, merging shards and checking budgets.
 */
export * from './model.js';
export { formatBytes, parseByteSize } from './byte-units.js';
export { comparePlaces, sortCopyPoints, sortHazards, sortSites } from './canonical-order.js';
export { summarizeTotals } from './summarize-totals.js';
export { readReportFile, REPORT_SCHEMA_URL, type ReportValidation, validateReport } from './validate-report.js';
export { formatJson } from './format-json.js';
export { formatText, type TextFormatOptions, DEFAULT_TEXT_MAX_SITES } from './format-text.js';
export { formatMarkdown, type MarkdownFormatOptions, DEFAULT_MARKDOWN_MAX_SITES } from './format-markdown.js';
export {
  DEFAULT_SARIF_MIN_BYTES_COPIED,
  DEFAULT_SARIF_MIN_BYTES_SAVED,
  formatSarif,
  RULE_IDS,
  type SarifFormatOptions,
} from './format-sarif.js';
export { type FormatReportOptions, formatReport, isReportFormat, REPORT_FORMATS, type ReportFormat } from './format-report.js';
export { mergeReports } from './merge-reports.js';
export {
  type BudgetOutcome,
  type Budgets,
  checkBudgets,
  findRegressions,
  formatBudgetOutcome,
  parsePercent,
  type Regression,
} from './budgets.js';
