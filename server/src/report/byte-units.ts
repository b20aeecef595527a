/**
 * Byte counts for people, in decimal (SI) units everywhere cowlens prints them: 1 kB = 1000 B,
 * the units `ls -h --si`, npm and GitHub show, so a figure reads the same in the terminal, the
 * job summary, code scanning and the editor (the client imports this module as
 * `@cowlens/server/units`). Parsing also takes the binary units (KiB, MiB, GiB) because
 * people copy limits from tools that use them; the suffix says which is meant.
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** `512 B`, `1.2 kB`, `48 MB`: one decimal below 10 of a unit, none from 10 on. */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  return scaled(bytes, DECIMAL_UNITS, ' ');
}

const COUNT_UNITS = ['', 'k', 'M', 'G', 'T'] as const;

/** `999`, `1.2k`, `48k`, `3.0M`: counts as short as the byte figures next to them (the editor's inline figures). */
export function formatCount(count: number): string {
  if (count < 0) return `-${formatCount(-count)}`;
  return scaled(count, COUNT_UNITS, '');
}

function scaled(amount: number, units: readonly string[], gap: string): string {
  let unit = 0;
  let value = amount;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)}${gap}${units[0]!}`.trimEnd();
  let text = value < 10 ? value.toFixed(1) : value.toFixed(0);
  // 999.6 k rounds to "1000 k"; say 1.0 M instead.
  if (Number(text) >= 1000 && unit < units.length - 1) {
    unit++;
    text = (Number(text) / 1000).toFixed(1);
  }
  return `${text}${gap}${units[unit]!}`;
}

const UNIT_FACTORS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['b', 1],
  ['k', 1e3],
  ['kb', 1e3],
  ['m', 1e6],
  ['mb', 1e6],
  ['g', 1e9],
  ['gb', 1e9],
  ['kib', 1024],
  ['mib', 1024 ** 2],
  ['gib', 1024 ** 3],
]);

const BYTE_SIZE = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;

/**
 * Reads a size given on the command line: `1048576`, `512kB`, `10MB`, `1.5 GB`, `64MiB`. Units are
 * case-insensitive (`10mb` is 10 MB: nobody means millibits here). Throws an Error that shows the
 * accepted forms.
 */
export function parseByteSize(text: string): number {
  const match = BYTE_SIZE.exec(text.trim());
  const factor = match ? UNIT_FACTORS.get(match[2]!.toLowerCase()) : undefined;
  if (!match || factor === undefined) {
    throw new Error(
      `Invalid byte size "${text}": give a number of bytes, optionally followed by a unit: ` +
        `B, kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), for example 10MB or 512kB.`,
    );
  }
  return Math.round(Number(match[1]) * factor);
}
