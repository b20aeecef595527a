/**
 * Text from a user's project (file names, messages, command lines) made safe to print. A file
 * name may hold a line break, an ANSI escape or any other control character; printed raw, it could
 * forge lines of a CI log (`::error file=…::` in GitHub Actions), recolour or clear a terminal.
 * Every control character (C0, DEL, C1), the Unicode line and paragraph separators and the
 * bidirectional overrides and isolates (which reorder what a terminal shows) are written as
 * escapes instead, so each stays one visible, unambiguous sequence on the line it belongs to.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(character: string): string {
  const named = NAMED[character];
  if (named !== undefined) return named;
  const code = character.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOne);
}

/**
 * JSON text whose strings keep every character, with those a terminal or a log would act on
 * written as `\u` escapes: JSON.stringify already escapes C0, but leaves DEL, C1 and the separators
 * raw. A parser reads back the same strings.
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
