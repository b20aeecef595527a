/**
 * The copy sites of open documents, computed from each version's text once: every feature
 * (hints, lenses, hovers, code actions, diagnostics) reads them from here. The parsed tree is kept
 * with them for the code actions, which rewrite the syntax of a site.
 */
import { ts } from 'ts-morph';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSource } from '../analysis/parse-source.js';
import type { PlainQuestions } from '../analysis/plain-source.js';
import { questionsOf, scanSourceFile, type StaticSite } from '../analysis/scan-source.js';
import { isDeclarationFile, scriptKindOf } from '../analysis/script-kind.js';
import { scanNameOf } from './scan-name.js';
import { unscannableReason } from './unscannable.js';

export interface AnalyzedDocument {
  readonly version: number;
  readonly sites: readonly StaticSite[];
  /** Undefined when the document is not scanned (not JavaScript or TypeScript, binary, huge). */
  readonly sourceFile: ts.SourceFile | undefined;
  /** What the scan asked of the tree's names and types, with the answers it got: the quick fixes ask again. */
  readonly questions: PlainQuestions | undefined;
}

export class DocumentSites {
  private readonly analyzed = new Map<string, AnalyzedDocument>();
  /** Documents already logged as skipped: one line per document, not one per keystroke. */
  private readonly loggedSkips = new Set<string>();

  /** `trace` hears of each analysis (LSP's `$/logTrace`, sent only to a client that asked for traces). */
  constructor(
    private readonly log: (message: string) => void,
    private readonly trace: (message: string) => void = () => undefined,
  ) {}

  /** The sites of the document's current version, computed now if this version has none yet. */
  of(document: TextDocument): AnalyzedDocument {
    const known = this.analyzed.get(document.uri);
    if (known?.version === document.version) return known;
    const fresh = this.analyze(document);
    this.analyzed.set(document.uri, fresh);
    return fresh;
  }

  forget(uri: string): void {
    this.analyzed.delete(uri);
    this.loggedSkips.delete(uri);
  }

  private analyze(document: TextDocument): AnalyzedDocument {
    const none = { version: document.version, sites: [], sourceFile: undefined, questions: undefined };
    const name = scanNameOf(document.uri, document.languageId);
    const scriptKind = name === undefined ? undefined : scriptKindOf(name);
    if (name === undefined || scriptKind === undefined || isDeclarationFile(name)) return none;
    const text = document.getText();
    const skipped = unscannableReason(text);
    if (skipped !== undefined) {
      if (!this.loggedSkips.has(document.uri)) this.log(`cowlens: not scanning ${document.uri}: ${skipped}.`);
      this.loggedSkips.add(document.uri);
      return none;
    }
    this.loggedSkips.delete(document.uri);
    const previous = this.analyzed.get(document.uri)?.sourceFile;
    const started = performance.now();
    const sourceFile = (previous?.fileName === name ? reparse(previous, text) : undefined) ?? parseSource(name, text, scriptKind);
    const questions = questionsOf(sourceFile);
    const sites = scanSourceFile(name, sourceFile, questions).sites;
    this.trace(`cowlens: analysed ${document.uri} version ${String(document.version)} in ${(performance.now() - started).toFixed(1)} ms`);
    return { version: document.version, sites, sourceFile, questions };
  }
}

/**
 * The previous version's tree updated to the new text: the parser reuses every node outside the
 * edited span, so a keystroke costs a fraction of a full parse. The span is found by comparing the
 * texts, which also covers several edits in one change (or all the edits of a burst). The
 * previous tree is not used afterwards (the parser may have taken its nodes). Undefined when the
 * span is more than a quarter of the text (edits far apart): the parser then reuses little, and a
 * fresh parse is 2 to 4 times faster.
 */
function reparse(previous: ts.SourceFile, text: string): ts.SourceFile | undefined {
  const old = previous.text;
  const shorter = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const span = { span: { start: prefix, length: old.length - prefix - suffix }, newLength: text.length - prefix - suffix };
  if (Math.max(span.span.length, span.newLength) * 4 > text.length) return undefined;
  return ts.updateSourceFile(previous, text, span);
}
