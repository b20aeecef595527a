/**
 * Which files are JavaScript or TypeScript, and which dialect: by extension alone. Free of the
 * TypeScript compiler on purpose: the load-time hooks ask this of every module a program loads,
 * and must not pay for loading the compiler to answer.
 */
export type SourceLanguage = 'ts' | 'tsx' | 'js' | 'jsx';

const LANGUAGE_BY_EXTENSION: ReadonlyMap<string, SourceLanguage> = new Map([
  ['.ts', 'ts'],
  ['.mts', 'ts'],
  ['.cts', 'ts'],
  ['.tsx', 'tsx'],
  ['.js', 'js'],
  ['.mjs', 'js'],
  ['.cjs', 'js'],
  ['.jsx', 'jsx'],
]);

const DECLARATION_FILE = /\.d\.([^./\\]+\.)?[mc]?ts$/i;

function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return dot > slash ? file.slice(dot).toLowerCase() : '';
}

/** The dialect of a source file, undefined for a file that is not JavaScript or TypeScript. */
export function languageOf(file: string): SourceLanguage | undefined {
  return LANGUAGE_BY_EXTENSION.get(extensionOf(file));
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

/** TypeScript and JSX must be turned into JavaScript before Node can run them. */
export function needsTranspile(file: string): boolean {
  const language = languageOf(file);
  return language !== undefined && language !== 'js';
}
