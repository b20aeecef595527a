/**
 * The source map a `data:` URL carries (`//# sourceMappingURL=data:application/json;base64,…`),
 * read from the URL's pathname: base64, or text that URL parsing percent-encoded where it is not
 * ASCII. A `%` that begins no escape is the map's own.
 */
export function sourceMapOfDataUrl(pathname: string): unknown {
  const comma = pathname.indexOf(',');
  const format = pathname.slice(0, comma).split(';');
  if (format[0] !== 'application/json') throw new Error(`not a JSON source map: ${format[0] ?? ''}`);
  const data = pathname.slice(comma + 1);
  return JSON.parse(format.at(-1) === 'base64' ? Buffer.from(data, 'base64').toString('utf8') : percentDecoded(data));
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
