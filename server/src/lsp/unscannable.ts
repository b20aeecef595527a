/** Texts the server leaves alone: a binary file opened by mistake, or a file too big to parse on every keystroke. */

/** Larger documents (a bundle, a generated file) would stall every request behind a parse of seconds. */
export const MAX_SCANNED_CHARS = 5_000_000;

/** Why a text is not scanned, for the log; undefined when it is scanned. */
export function unscannableReason(text: string): string | undefined {
  if (text.length > MAX_SCANNED_CHARS) {
    return `it has ${(text.length / 1e6).toFixed(1)} million characters, more than the ${MAX_SCANNED_CHARS / 1e6} million cowlens scans in the editor (use cowlens scan on the command line)`;
  }
  if (text.includes('\0')) return 'it holds NUL characters: binary content, not source';
  return undefined;
}
