import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { printable } from '../report/printable.js';
import { ExitCode, UserError } from './exit-codes.js';

/** Writes `text` to `path` (`-` is stdout), making its directory; a failure says where and why. */
export async function writeOutput(path: string, text: string): Promise<void> {
  if (path === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    throw new UserError(`cowlens: cannot write ${printable(path)}: ${printable((error as Error).message)}`, ExitCode.CowlensFailed);
  }
}
