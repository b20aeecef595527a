/**
 * Which files cowlens scans and how TypeScript must parse each: the extension decides. Plain `.js`
 * files are parsed with JSX enabled (TypeScript's JS kind allows it), since React code often
 * keeps JSX in `.js` files.
 */
import { ts } from 'ts-morph';

const KIND_BY_EXTENSION: ReadonlyMap<string, ts.ScriptKind> = new Map([
  ['.ts', ts.ScriptKind.TS],
  ['.mts', ts.ScriptKind.TS],
  ['.cts', ts.ScriptKind.TS],
  ['.tsx', ts.ScriptKind.TSX],
  ['.js', ts.ScriptKind.JS],
  ['.mjs', ts.ScriptKind.JS],
  ['.cjs', ts.ScriptKind.JS],
  ['.jsx', ts.ScriptKind.JSX],
]);

const DECLARATION_FILE = /\.d\.([^./\\]+\.)?[mc]?ts$/i;

function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return dot > slash ? file.slice(dot).toLowerCase() : '';
}

/** The script kind for a source file, undefined for a file that is not JavaScript or TypeScript. */
export function scriptKindOf(file: string): ts.ScriptKind | undefined {
  return KIND_BY_EXTENSION.get(extensionOf(file));
}

/** `.d.ts`, `.d.mts`, `.d.cts` and `.d.<ext>.ts`: declarations only, nothing runs. */
export function isDeclarationFile(file: string): boolean {
  return DECLARATION_FILE.test(file);
}

/** ES modules by extension: their top-level bindings are private to the file. */
export function isModuleByExtension(file: string): boolean {
  const extension = extensionOf(file);
  return extension === '.mjs' || extension === '.cjs' || extension === '.mts' || extension === '.cts';
}
