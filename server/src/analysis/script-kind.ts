/**
 * How TypeScript must parse each source file. Plain `.js` files are parsed with JSX enabled
 * (TypeScript's JS kind allows it), since React code often keeps JSX in `.js` files.
 */
import { ts } from 'ts-morph';
import { languageOf, type SourceLanguage } from './source-language.js';

export { isDeclarationFile, isModuleByExtension } from './source-language.js';

const KIND_BY_LANGUAGE: Readonly<Record<SourceLanguage, ts.ScriptKind>> = {
  ts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

/** The script kind for a source file, undefined for a file that is not JavaScript or TypeScript. */
export function scriptKindOf(file: string): ts.ScriptKind | undefined {
  const language = languageOf(file);
  return language === undefined ? undefined : KIND_BY_LANGUAGE[language];
}

/** The script kind for text in `language`, whatever its file's extension says. */
export function scriptKindFor(language: SourceLanguage): ts.ScriptKind {
  return KIND_BY_LANGUAGE[language];
}
