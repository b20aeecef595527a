import { vi } from 'vitest';

/**
 * The few parts of the `vscode` API the panel and the debug provider use, recording what they are
 * asked to do: the extension host is not there in a unit test.
 */
export class FakeUri {
  private constructor(readonly value: string) {}
  static parse(value: string): FakeUri {
    return new FakeUri(value);
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri([base.value, ...parts].join('/'));
  }
  toString(): string {
    return this.value;
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Selection {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {}
}

type Listener<T> = (value: T) => void;

/** A minimal event: `event(listener)` subscribes, `fire` calls the listeners still subscribed. */
export class Emitter<T> {
  #listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of this.#listeners) listener(value);
  }
  get count(): number {
    return this.#listeners.size;
  }
}

export const terminated = new Emitter<{ parentSession?: unknown; configuration: Record<string, unknown> }>();

export const vscode = {
  Uri: FakeUri,
  Position,
  Selection,
  Disposable: {
    from: (...disposables: { dispose(): unknown }[]) => ({
      dispose: () => {
        for (const disposable of disposables) disposable.dispose();
      },
    }),
  },
  workspace: {
    asRelativePath: vi.fn((uri: FakeUri) => uri.value.replace('file:///w/', '')),
    openTextDocument: vi.fn((uri: FakeUri) => Promise.resolve({ uri })),
  },
  window: {
    showTextDocument: vi.fn(() => Promise.resolve(undefined)),
    showWarningMessage: vi.fn(() => Promise.resolve(undefined)),
  },
  commands: { executeCommand: vi.fn(() => Promise.resolve(undefined)) },
  debug: {
    registerDebugConfigurationProvider: vi.fn(() => ({ dispose: vi.fn() })),
    onDidTerminateDebugSession: terminated.event,
  },
};
