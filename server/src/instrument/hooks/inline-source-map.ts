/**
 * How a module cowlens hands Node carries its source map: a data URL in its last line. Its own
 * module: the importing thread reads it of every TypeScript module it loads (source-maps-state.ts),
 * and must not load the map composition for that.
 */
const INLINE_MAP = '\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,';

export function withInlineMap(code: string, map: object): string {
  return `${code}${INLINE_MAP}${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

/** Whether `code` ends with a map that `withInlineMap` put there. */
export function carriesInlineMap(code: string): boolean {
  const last = code.lastIndexOf(INLINE_MAP);
  return last !== -1 && code.indexOf('\n', last + INLINE_MAP.length) >= code.length - 1;
}
