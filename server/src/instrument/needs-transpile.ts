import { ts } from 'ts-morph';
import { scriptKindOf } from '../analysis/script-kind.js';

/** TypeScript and JSX must be turned into JavaScript before Node can run them. */
export function needsTranspile(file: string): boolean {
  const kind = scriptKindOf(file);
  return kind !== undefined && kind !== ts.ScriptKind.JS;
}
