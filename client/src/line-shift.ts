/**
 * Where a position of a document's older text is after edits: figures and copy points follow the
 * code they belong to while the user types. Shapes match VS Code's (0-based lines and characters)
 * without depending on it.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface TextChange {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly text: string;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The position after one change, or undefined when the change deleted or replaced it. A position
 * at the very start of a change stays where it is (the edit goes before it only when it is an
 * insertion, which then pushes it along).
 */
export function shiftPosition(position: Position, change: TextChange): Position | undefined {
  const { start, end } = change.range;
  const insertion = start.line === end.line && start.character === end.character;
  if (before(position, start) || (!insertion && position.line === start.line && position.character === start.character)) return position;
  if (before(position, end)) return undefined;
  const lines = change.text.split(/\r\n|\r|\n/);
  const lastLength = lines[lines.length - 1]!.length;
  const line = start.line + lines.length - 1;
  if (position.line !== end.line) return { line: position.line + line - end.line, character: position.character };
  const lastStart = lines.length === 1 ? start.character + lastLength : lastLength;
  return { line, character: lastStart + position.character - end.character };
}

/** Through changes applied one after another (VS Code lists a batch so that this is right). */
export function shiftThrough(position: Position, changes: readonly TextChange[]): Position | undefined {
  let current: Position | undefined = position;
  for (const change of changes) {
    if (current === undefined) return undefined;
    current = shiftPosition(current, change);
  }
  return current;
}
