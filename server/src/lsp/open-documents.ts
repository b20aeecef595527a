/**
 * The documents the client has open, kept in sync incrementally. Kept here rather than in
 * `TextDocuments` because the figures of a run need the edits themselves (to move with the text),
 * and `TextDocuments` keeps those to itself.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver/node';

export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();

  open({ textDocument: { uri, languageId, version, text } }: DidOpenTextDocumentParams): TextDocument {
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  /** Applies the edits; undefined for a document the client never opened. */
  change({ textDocument: { uri, version }, contentChanges }: DidChangeTextDocumentParams): TextDocument | undefined {
    const document = this.documents.get(uri);
    if (document === undefined) return undefined;
    const changed = TextDocument.update(document, contentChanges, version);
    this.documents.set(uri, changed);
    return changed;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): IterableIterator<TextDocument> {
    return this.documents.values();
  }
}
