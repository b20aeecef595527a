import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanSource } from '../../src/analysis/scan-source.js';
import { DocumentSites } from '../../src/lsp/document-sites.js';

const SOURCE = `import { cloneDeep } from 'lodash';
const base = { a: 1, list: [1, 2, 3] };
export function update(s: typeof base, n: number) {
  const next = { ...s, a: n };
  const list = [...s.list, n];
  const backup = JSON.parse(JSON.stringify(next));
  return { next, list, backup, deep: cloneDeep(s), head: list.slice(0, 1) };
}
`;

/** A deterministic stream of edits (insertions, deletions, replacements) anywhere in the text. */
function* edits(seed: number, count: number): Generator<{ at: number; remove: number; insert: string }> {
  const pieces = ['{ ...x }', '[...y]', '.slice()', '\n', ' ', 'const z = ', ';', '(', ')', 'JSON.parse(JSON.stringify(q))', '}', '"', '//'];
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) yield { at: next(), remove: next() % 6, insert: pieces[next() % pieces.length]! };
}

describe('DocumentSites', () => {
  it('finds after each edit exactly the sites a fresh scan of the same text finds (the tree is reparsed incrementally)', () => {
    const sites = new DocumentSites(() => undefined);
    let document = TextDocument.create('file:///w/edited.ts', 'typescript', 1, SOURCE);
    expect(sites.of(document).sites).toEqual(scanSource('edited.ts', SOURCE).sites);
    let version = 1;
    for (const edit of edits(7, 300)) {
      const text = document.getText();
      const start = document.positionAt(edit.at % (text.length + 1));
      const end = document.positionAt(Math.min(text.length, document.offsetAt(start) + edit.remove));
      document = TextDocument.update(document, [{ range: { start, end }, text: edit.insert }], ++version);
      expect(sites.of(document).sites, `after edit ${String(version - 1)}`).toEqual(scanSource('edited.ts', document.getText()).sites);
    }
  });

  it('computes a version once and skips a binary document', () => {
    const logged: string[] = [];
    const sites = new DocumentSites((message) => logged.push(message));
    const document = TextDocument.create('file:///w/a.js', 'javascript', 3, 'const a = [...b];');
    expect(sites.of(document)).toBe(sites.of(document));
    expect(sites.of(TextDocument.create('file:///w/b.js', 'javascript', 1, 'x\0y')).sites).toEqual([]);
    expect(logged).toEqual(['cowlens: not scanning file:///w/b.js: it holds NUL characters: binary content, not source.']);
  });
});
