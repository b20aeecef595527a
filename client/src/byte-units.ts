/**
 * Byte counts for people, in decimal (SI) units: the same rule as the server's report formats
 * (`server/src/report/byte-units.ts`, not exported by the server package), so a figure reads the
 * same inline, in the status bar and in the report.
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** `512 B`, `1.2 kB`, `48 MB`: one decimal below 10 of a unit, none from 10 on. */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  return scaled(bytes, 1000, DECIMAL_UNITS, ' ');
}

const COUNT_UNITS = ['', 'k', 'M', 'G', 'T'] as const;

/** `999`, `1.2k`, `48k`, `3.0M`: counts as short as the byte figures next to them. */
export function formatCount(count: number): string {
  if (count < 0) return `-${formatCount(-count)}`;
  return scaled(count, 1000, COUNT_UNITS, '');
}

function scaled(amount: number, base: number, units: readonly string[], gap: string): string {
  let unit = 0;
  let value = amount;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)}${gap}${units[0]!}`.trimEnd();
  let text = value < 10 ? value.toFixed(1) : value.toFixed(0);
  // 999.6 k rounds to "1000k"; say 1.0M instead.
  if (Number(text) >= base && unit < units.length - 1) {
    unit++;
    text = (Number(text) / base).toFixed(1);
  }
  return `${text}${gap}${units[unit]!}`;
}
