/** Static analysis: the copy sites of JavaScript and TypeScript source, found from syntax alone. */
export { COPY_NODE_KINDS, type CopyMatch, createCopyMatcher } from './copy-match.js';
export { formatScan } from './format-scan.js';
export { type ScanOptions, type ScanResult, scanPaths } from './scan-paths.js';
export { type FileScan, type ScanDiagnostic, scanSource, type StaticSite } from './scan-source.js';
export { isDeclarationFile, scriptKindOf } from './script-kind.js';
