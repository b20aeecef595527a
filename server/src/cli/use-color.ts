import picocolors from 'picocolors';

/**
 * Whether text written to `stream` gets ANSI colours: on a terminal that supports them, or where
 * the user sets FORCE_COLOR. picocolors alone also says yes for any process with `CI` set, which
 * would colour output piped into a file or another program on a CI machine; and it must be a
 * boolean, as `createColors(undefined)` falls back to that same guess.
 */
export function useColor(stream: { readonly isTTY?: boolean }): boolean {
  if (!picocolors.isColorSupported) return false;
  const force = process.env.FORCE_COLOR;
  return stream.isTTY === true || (force !== undefined && force !== '0');
}
