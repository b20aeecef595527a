/**
 * A real LSP client for the tests: starts `cowlens lsp --stdio` as a child process, as Neovim or
 * Helix would, initializes it with the capabilities a test chooses, answers its requests
 * (configuration, refreshes) and records every request and notification it sends.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type InlayHint,
  type ProtocolConnection,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import type { CowlensSettings } from '../../src/lsp/protocol.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO, 'server/bin/cowlens.js');

/** What the server may send: the protocol connection has typed handlers per method only. */
const NOTIFICATIONS = ['cowlens/runFigures', 'cowlens/runOutput', 'textDocument/publishDiagnostics', 'window/logMessage', 'window/showMessage'];
const REQUESTS = ['workspace/configuration', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh'];

export interface ClientOptions {
  /** Sent as `initializationOptions.liveDecorations`. */
  readonly liveDecorations?: boolean;
  /** Answers to `workspace/configuration`; without it the client says it has no configuration. */
  readonly settings?: Partial<CowlensSettings>;
  /** Whether the client says it supports inlay hint and code lens refreshes (default true). */
  readonly refresh?: boolean;
  /** Workspace folders, as paths. */
  readonly folders?: readonly string[];
  /** Extra environment for the server, and so for the programs it runs. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Message {
  readonly method: string;
  readonly params: unknown;
  readonly at: number;
}

/** The environment without a preload of the test runner's own or cowlens's variables. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (key !== 'NODE_OPTIONS' && !key.startsWith('COWLENS_')) env[key] = value;
  return env;
}

export class LspClient {
  readonly notifications: Message[] = [];
  readonly requests: Message[] = [];
  private stderrText = '';
  private versions = new Map<string, number>();

  private initialized: InitializeResult | undefined;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly settings: Partial<CowlensSettings> | undefined,
  ) {
    for (const method of NOTIFICATIONS) {
      connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params, at: Date.now() });
      });
    }
    for (const method of REQUESTS) {
      connection.onRequest(method, (params: unknown) => {
        this.requests.push({ method, params, at: Date.now() });
        if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => this.settings ?? null);
        return null;
      });
    }
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderrText += text;
    });
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: REPO, env: { ...cleanEnv(), ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(connection, child, options.settings);
    connection.listen();
    const refresh = options.refresh ?? true;
    client.initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the protocol's type still requires it
      rootUri: null,
      workspaceFolders: (options.folders ?? []).map((path) => ({ uri: pathToFileURL(path).href, name: path })),
      initializationOptions: { liveDecorations: options.liveDecorations ?? false },
      capabilities: {
        workspace: {
          configuration: options.settings !== undefined,
          inlayHint: { refreshSupport: refresh },
          codeLens: { refreshSupport: refresh },
        },
        textDocument: { inlayHint: {}, hover: { contentFormat: ['markdown'] }, codeAction: {}, codeLens: {}, publishDiagnostics: {} },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get initializeResult(): InitializeResult {
    if (this.initialized === undefined) throw new Error('not initialized');
    return this.initialized;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Opens a document with the given text (or the file's own text); resolves to its URI. */
  async open(path: string, text = readFileSync(path, 'utf8'), languageId = 'typescript'): Promise<string> {
    const uri = pathToFileURL(path).href;
    return this.openUri(uri, text, languageId);
  }

  async openUri(uri: string, text: string, languageId: string): Promise<string> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  notificationsOf<T>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  /** Waits until a notification of `method` satisfies `test`, and resolves to it. */
  async waitForNotification<T>(method: string, test: (params: T) => boolean = () => true, timeoutMs = 60_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const found = this.notifications.find((n) => n.method === method && test(n.params as T));
      if (found !== undefined) return found.params as T;
      if (Date.now() - started > timeoutMs) throw new Error(`no ${method} notification in ${String(timeoutMs)} ms; stderr:\n${this.stderrText}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Shuts the server down the way a client does, and kills it if it does not exit. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else
        this.child.once('exit', () => {
          resolve();
        });
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server is already gone: nothing to shut down.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }
}

/** The text of an inlay hint's label, whether a string or parts. */
export function labelOf(hint: InlayHint | undefined): string {
  if (hint === undefined) return '';
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}
