/**
 * The language server's state and what each request does with it: the open documents and their
 * sites, the figures of the latest run, the run session. `start-server.ts` wires these methods to
 * a connection; every one of them is safe to call with a document the server does not know.
 */
import {
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  CodeLensRefreshRequest,
  type Connection,
  type DidChangeTextDocumentParams,
  type DidOpenTextDocumentParams,
  type Hover,
  type HoverParams,
  type InlayHint,
  type InlayHintParams,
  LSPErrorCodes,
  MarkupKind,
  type Position,
  type Range,
  ResponseError,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { StaticSite } from '../analysis/scan-source.js';
import { formatReport } from '../report/format-report.js';
import { checkedReport, InvalidReportError } from '../report/validate-report.js';
import { budgetDiagnostics, type DiagnosticPlaces } from './budget-diagnostics.js';
import type { ClientSupport } from './client-support.js';
import { codeActionsOf } from './code-actions.js';
import { codeLensesOf } from './code-lenses.js';
import { type AnalyzedDocument, DocumentSites } from './document-sites.js';
import { figureInLens } from './figure-placement.js';
import { copyPointHoverText, siteHoverText } from './hover-text.js';
import { hintLabel, inlayHintsOf } from './inlay-hints.js';
import { OpenDocuments } from './open-documents.js';
import {
  type CowlensSettings,
  type EndRunParams,
  type LiveSite,
  type PrepareRunParams,
  type PrepareRunResult,
  type ReportParams,
  RunFiguresNotification,
  type RunFiguresParams,
  type RunMode,
  RunOutputNotification,
  type StartRunParams,
  type StartRunResult,
} from './protocol.js';
import { type PlacedCopyPoint, RunFigures } from './run-figures.js';
import { folderOf, planAttachedRun, planRun, RunPlanError } from './run-plan.js';
import { RunSession } from './run-session.js';
import { PROGRESS_MS } from './snapshot-pacing.js';
import { throttle, type Throttled } from './throttle.js';
import { DEFAULT_SETTINGS, settingsFrom } from './settings.js';
import { figuresOfSites } from './site-figures.js';
import { rangeOfSite, rangesTouch } from './site-ranges.js';
import { sitesOnDisk } from './sites-on-disk.js';
import { pathOfUri, uriOfPath } from './uris.js';

const nextTurn = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

/** `todos.push` in `todos.push(x)`, `a.b[i]` in `a.b[i] = v`: the written expression a copy point's column starts. */
const WRITTEN_EXPRESSION = /[\w$.[\]]+/y;

/** The tab width `auto` placement measures lines with: LSP does not say the client's, and 8 is a terminal's. */
const TAB_SIZE = 8;

const LINE_BREAK_AT_END = /(?:\r\n|\r|\n)$/;

export class CowlensServer {
  private readonly documents = new OpenDocuments();
  private readonly sites: DocumentSites;
  private readonly figures = new RunFigures();
  private readonly session: RunSession;
  /** Refresh requests make the client ask again for every visible document: at most one per snapshot. */
  private readonly refresh: Throttled;
  /** URIs that have cowlens diagnostics now, so a new run or a clear can take them away. */
  private diagnosed = new Set<string>();
  /** URIs whose diagnostics wait for a burst of edits to end to be published again. */
  private readonly republishing = new Set<string>();
  private folders: string[];
  /** The settings the latest run started with: its budgets decide its diagnostics. */
  private runSettings: CowlensSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientSupport,
    folders: readonly string[],
    version: string,
  ) {
    this.folders = [...folders];
    const log = (message: string): void => {
      connection.console.log(message);
    };
    this.sites = new DocumentSites(log, (message) => {
      connection.tracer.log(message);
    });
    this.refresh = throttle(() => {
      this.sendRefresh();
    }, PROGRESS_MS);
    this.session = new RunSession(
      {
        started: () => {
          this.figures.runStarted();
          this.clearDiagnostics();
        },
        figures: (figures) => {
          this.onFigures(figures);
        },
        output: (output) => {
          void connection.sendNotification(RunOutputNotification, output);
        },
      },
      version,
      (message) => {
        connection.console.error(message);
      },
    );
  }

  /** Figures show in hints and lenses only for clients that do not draw them themselves. */
  private get showFigures(): boolean {
    return !this.client.liveDecorations;
  }

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  opened(params: DidOpenTextDocumentParams): void {
    this.sites.of(this.documents.open(params));
  }

  /**
   * Applies an edit: the sites are found when a request asks for them (see `settled`), so a burst
   * of edits (a paste, a formatter, a client replaying its buffer) costs one analysis of the text
   * it ends with, not one per edit. A document with diagnostics has them published again for that
   * text.
   */
  changed(params: DidChangeTextDocumentParams): void {
    const document = this.documents.change(params);
    if (document === undefined) return;
    const path = pathOfUri(document.uri);
    if (path !== undefined) this.figures.edited(path, params.contentChanges);
    if (this.diagnosed.has(document.uri)) this.republishDiagnostics(document.uri);
  }

  closed(uri: string): void {
    this.documents.close(uri);
    this.sites.forget(uri);
  }

  async inlayHints({ textDocument, range }: InlayHintParams): Promise<InlayHint[]> {
    const found = await this.settled(textDocument.uri);
    if (found === undefined) return [];
    const { document } = found;
    const figures = this.placedFigures(document, found.analyzed.sites, false);
    // offsetAt stops a position past a line's end before the line break.
    const lineEnd = (line: number): Position => document.positionAt(document.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }));
    return inlayHintsOf(found.analyzed.sites, figures, this.figuresMode, range, lineEnd);
  }

  async codeLenses({ textDocument }: CodeLensParams): Promise<CodeLens[]> {
    if (!this.showFigures) return [];
    const found = await this.settled(textDocument.uri);
    return found === undefined ? [] : codeLensesOf(this.placedFigures(found.document, found.analyzed.sites, true), this.figuresMode);
  }

  async hover({ textDocument, position }: HoverParams): Promise<Hover | null> {
    const found = await this.settled(textDocument.uri);
    if (found === undefined) return null;
    const at = { start: position, end: position };
    const sites = found.analyzed.sites.filter((site) => rangesTouch(rangeOfSite(site), at));
    // The innermost site: in `{ ...a, b: [...c] }` the cursor on `[...c]` means the array.
    const site = sites.sort((a, b) => b.line - a.line || b.column - a.column)[0];
    const sections: string[] = [];
    let range = site === undefined ? undefined : rangeOfSite(site);
    if (site !== undefined) {
      const run = this.figuresOf(found.document, [site]).get(site);
      sections.push(siteHoverText(site, run, this.figures.current?.mode));
    }
    const points = this.copyPointsAt(found.document, position);
    if (points.range !== undefined) {
      sections.push(copyPointHoverText(points.points));
      range ??= points.range;
    }
    if (sections.length === 0 || range === undefined) return null;
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
  }

  async codeActions({ textDocument, range }: CodeActionParams): Promise<CodeAction[]> {
    const found = await this.settled(textDocument.uri);
    return found === undefined ? [] : codeActionsOf(textDocument.uri, found.analyzed, range);
  }

  async startRun(params: StartRunParams): Promise<StartRunResult> {
    const folder = params.folderUri === undefined ? this.folderFor(params) : pathOfUri(params.folderUri);
    const settings = await this.settingsFor(folder);
    try {
      const plan = planRun(params.target, folder, this.folders, settings);
      this.runSettings = settings;
      return await this.session.start(plan, settings);
    } catch (error) {
      if (error instanceof RunPlanError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      throw error;
    }
  }

  async prepareRun(params: PrepareRunParams): Promise<PrepareRunResult> {
    const folder = params.folderUri === undefined ? this.folders[0] : pathOfUri(params.folderUri);
    const settings = await this.settingsFor(folder);
    try {
      const plan = planAttachedRun(params.command, folder, settings);
      this.runSettings = settings;
      return await this.session.prepare(plan, settings);
    } catch (error) {
      if (error instanceof RunPlanError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      throw error;
    }
  }

  endRun({ runId }: EndRunParams): Promise<boolean> {
    return this.session.end(runId);
  }

  stopRun(): Promise<boolean> {
    return this.session.stop();
  }

  clearFigures(): void {
    this.figures.clear();
    this.session.forgetReport();
    this.clearDiagnostics();
    this.refresh.schedule();
  }

  report({ format }: ReportParams): string | null {
    const report = this.session.lastReport;
    if (report === undefined) return null;
    try {
      return formatReport(checkedReport(report), format, { color: false });
    } catch (error) {
      if (error instanceof InvalidReportError) throw new ResponseError(LSPErrorCodes.RequestFailed, `cowlens: ${error.message}`);
      throw error;
    }
  }

  async shutdown(): Promise<void> {
    this.refresh.cancel();
    await this.session.stop();
  }

  /**
   * The document as it is once the edits the client has already sent are applied, and its sites.
   * Messages are handled one per turn of the event loop; a request that came in the middle of a
   * burst of edits waits, turn by turn, until a turn passes with no edit of its document applied,
   * and is then answered for the text the burst ended with: the versions in between are never
   * analysed. A quiet document costs two turns, well under a millisecond.
   */
  private async settled(uri: string): Promise<{ document: TextDocument; analyzed: AnalyzedDocument } | undefined> {
    for (;;) {
      const version = this.documents.get(uri)?.version;
      await nextTurn();
      await nextTurn();
      if (this.documents.get(uri)?.version === version) break;
    }
    const document = this.documents.get(uri);
    return document === undefined ? undefined : { document, analyzed: this.sites.of(document) };
  }

  /**
   * The figures that go in the inlay hints (`inLens` false) or in the code lenses (true): each
   * site's in one of the two, as the client's figure placement says, and none for a client that
   * draws them itself.
   */
  private placedFigures(document: TextDocument, sites: readonly StaticSite[], inLens: boolean): Map<StaticSite, LiveSite> {
    const placed = new Map<StaticSite, LiveSite>();
    if (!this.showFigures) return placed;
    for (const [site, run] of this.figuresOf(document, sites)) {
      const line = document.getText({ start: { line: site.line - 1, character: 0 }, end: { line: site.line, character: 0 } }).replace(LINE_BREAK_AT_END, '');
      if (figureInLens(this.client.figurePlacement, line, TAB_SIZE, hintLabel(site, run, this.figuresMode)) === inLens) placed.set(site, run);
    }
    return placed;
  }

  /** The mode of the run whose figures are shown: it decides how a saving reads. */
  private get figuresMode(): RunMode {
    return this.figures.current?.mode ?? 'observe';
  }

  private figuresOf(document: TextDocument, sites: readonly StaticSite[]): Map<StaticSite, LiveSite> {
    const path = pathOfUri(document.uri);
    return path === undefined ? new Map<StaticSite, LiveSite>() : figuresOfSites(sites, this.figures.sitesIn(path));
  }

  private copyPointsAt(document: TextDocument, position: Position): { points: readonly PlacedCopyPoint[]; range?: Range } {
    const path = pathOfUri(document.uri);
    if (path === undefined) return { points: [] };
    const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
    for (const placed of this.figures.copyPointsIn(path)) {
      if (placed.line - 1 !== position.line) continue;
      WRITTEN_EXPRESSION.lastIndex = placed.column - 1;
      const length = WRITTEN_EXPRESSION.exec(lineText)?.[0].length ?? 1;
      const start = placed.column - 1;
      if (position.character < start || position.character > start + length) continue;
      const points = this.figures.copyPointsIn(path).filter((p) => p.line === placed.line && p.column === placed.column);
      return { points, range: { start: { line: position.line, character: start }, end: { line: position.line, character: start + length } } };
    }
    return { points: [] };
  }

  private folderFor(params: StartRunParams): string | undefined {
    const path = params.target.kind === 'file' ? pathOfUri(params.target.uri) : undefined;
    return (path === undefined ? undefined : folderOf(path, this.folders)) ?? this.folders[0];
  }

  private async settingsFor(folder: string | undefined): Promise<CowlensSettings> {
    if (!this.client.configuration) return DEFAULT_SETTINGS;
    const warn = (message: string): void => {
      this.connection.console.warn(message);
    };
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ ...(folder === undefined ? {} : { scopeUri: uriOfPath(folder) }), section: 'cowlens' });
      return settingsFrom(raw, warn);
    } catch (error) {
      warn(`cowlens: could not read the cowlens settings (${error instanceof Error ? error.message : String(error)}); using the defaults.`);
      return DEFAULT_SETTINGS;
    }
  }

  private onFigures(figures: RunFiguresParams): void {
    this.figures.update(figures);
    void this.connection.sendNotification(RunFiguresNotification, figures);
    if (this.showFigures) this.refresh.schedule();
    if (figures.state === 'finished') this.publishRunDiagnostics();
  }

  private publishRunDiagnostics(): void {
    const byUri = budgetDiagnostics(this.figures, this.runSettings, this.diagnosticPlaces());
    this.clearDiagnostics();
    for (const [uri, diagnostics] of byUri) {
      this.diagnosed.add(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /**
   * Publishes the diagnostics of an edited document again once its burst of edits ends, at the
   * places their sites are in the text it ends with: a client that leaves diagnostics where they
   * were published (Neovim) would otherwise show them on the wrong lines, and on code an edit removed.
   */
  private republishDiagnostics(uri: string): void {
    if (this.republishing.has(uri)) return;
    this.republishing.add(uri);
    void this.settled(uri)
      .then((found) => {
        const path = pathOfUri(uri);
        // A run started or the figures were cleared while the edits came: nothing to move.
        if (found === undefined || path === undefined || !this.diagnosed.has(uri)) return;
        const diagnostics = budgetDiagnostics(this.figures, this.runSettings, this.diagnosticPlaces(), [path]).get(uri) ?? [];
        void this.connection.sendDiagnostics({ uri, version: found.document.version, diagnostics });
      })
      .catch((error: unknown) => {
        this.connection.console.error(`cowlens: publishing the diagnostics of ${uri} after an edit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      })
      .finally(() => {
        this.republishing.delete(uri);
      });
  }

  private diagnosticPlaces(): DiagnosticPlaces {
    return {
      sitesOf: (path) => {
        const document = this.openDocumentOf(path);
        return document === undefined ? sitesOnDisk(path, this.folders) : this.sites.of(document).sites;
      },
      uriOf: (path) => this.openDocumentOf(path)?.uri ?? uriOfPath(path),
    };
  }

  private openDocumentOf(path: string): TextDocument | undefined {
    for (const document of this.documents.all()) if (pathOfUri(document.uri) === path) return document;
    return undefined;
  }

  private clearDiagnostics(): void {
    for (const uri of this.diagnosed) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.diagnosed = new Set();
  }

  private sendRefresh(): void {
    if (this.client.inlayHintRefresh) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
    if (this.client.codeLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }
}
