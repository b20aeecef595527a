/**
 * Which name a document is scanned under: the parser picks TypeScript, TSX, JavaScript or JSX
 * from the file extension, and an unsaved document (`untitled:Untitled-1`) has none, so its
 * language id stands in.
 */
import { scriptKindOf } from '../analysis/script-kind.js';

const EXTENSION_BY_LANGUAGE: Readonly<Record<string, string>> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

/** A file name the scanner understands, or undefined when the document is not JavaScript or TypeScript. */
export function scanNameOf(uri: string, languageId: string): string | undefined {
  const name = lastSegment(uri);
  if (scriptKindOf(name) !== undefined) return name;
  const extension = EXTENSION_BY_LANGUAGE[languageId];
  return extension === undefined ? undefined : `${name}${extension}`;
}

function lastSegment(uri: string): string {
  const segment = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
