import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/**
 * Where a position of the text before an edit is in the text after it. Undefined when the edit
 * replaced the text at the position (or the whole document): what stood there is gone.
 */
export function shiftPosition(position: Position, change: TextDocumentContentChangeEvent): Position | undefined {
  if (!('range' in change)) return undefined;
  const { start, end } = change.range;
  if (before(position, start)) return position;
  if (before(position, end)) return undefined;
  const lines = change.text.split(/\r\n|\r|\n/);
  const lastLine = lines[lines.length - 1]!;
  const newEnd = { line: start.line + lines.length - 1, character: lines.length === 1 ? start.character + lastLine.length : lastLine.length };
  if (position.line === end.line) return { line: newEnd.line, character: newEnd.character + position.character - end.character };
  return { line: position.line + newEnd.line - end.line, character: position.character };
}

/** The position after a series of edits, each applying to the text the one before it left. */
export function shiftThrough(position: Position, changes: readonly TextDocumentContentChangeEvent[]): Position | undefined {
  let at: Position | undefined = position;
  for (const change of changes) {
    at = shiftPosition(at, change);
    if (at === undefined) return undefined;
  }
  return at;
}
