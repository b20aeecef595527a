import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SpoolRecord } from '../instrument/hooks/spool-format.js';

interface Stream {
  offset: number;
  /** A read can end inside a multi-byte character: the decoder keeps its first bytes. */
  readonly decoder: StringDecoder;
  /** The end of the last read when it stopped mid-line: completed by the next read. */
  partial: string;
}

/**
 * Follows every file in a spool directory, handing each complete new record to `onRecord` with
 * the name of its stream. A line that does not parse (a process killed in the middle of a write)
 * is reported, never fatal.
 */
export class SpoolReader {
  private readonly streams = new Map<string, Stream>();
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly onRecord: (stream: string, record: SpoolRecord) => void,
    private readonly onCorrupt: (stream: string, line: string) => void,
  ) {}

  /** Reads what was appended since the last call. Calls never overlap. */
  poll(): Promise<void> {
    this.reading = this.reading.then(() => this.readAll());
    return this.reading;
  }

  /** Hands over a last line that never got its newline: its writer is gone. */
  finish(): void {
    for (const [name, stream] of this.streams) {
      if (stream.partial !== '') this.deliver(name, stream.partial);
      stream.partial = '';
    }
  }

  private async readAll(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.ndjson')).sort();
    for (const name of names) await this.readStream(name);
  }

  private async readStream(name: string): Promise<void> {
    let stream = this.streams.get(name);
    if (!stream) this.streams.set(name, (stream = { offset: 0, decoder: new StringDecoder('utf8'), partial: '' }));
    const handle = await open(join(this.dir, name), 'r');
    try {
      const { size } = await handle.stat();
      if (size <= stream.offset) return;
      const buffer = Buffer.alloc(size - stream.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, stream.offset);
      stream.offset += bytesRead;
      const text = stream.partial + stream.decoder.write(buffer.subarray(0, bytesRead));
      const lines = text.split('\n');
      stream.partial = lines.pop() ?? '';
      for (const line of lines) if (line !== '') this.deliver(name, line);
    } finally {
      await handle.close();
    }
  }

  private deliver(name: string, line: string): void {
    let record: SpoolRecord;
    try {
      record = JSON.parse(line) as SpoolRecord;
    } catch {
      this.onCorrupt(name, line);
      return;
    }
    this.onRecord(name, record);
  }
}
