import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { marksFor } from '../../src/runtime/edit-marks.js';

/** The text a lent Proxy target reads as once instrumented: each inserted run marked as standing for no original text. */
const proxied = (target: string, location: number): string => {
  const { opening, closing } = marksFor('');
  return `${opening}__cl$i().proxied(${closing}${target}${opening}, __cl$l[${String(location)}])${closing}`;
};

describe('the targets of Proxies the program makes', () => {
  it('are lent where Proxy is the global: as written, through globalThis, through an alias, and revocable ones', () => {
    const { code } = instrumentSource(
      '/virtual/m.js',
      `const a = new Proxy(t1, {});
const b = new globalThis.Proxy(t2, h);
const P = Proxy; const c = new P(t3, h);
const d = Proxy.revocable(t4, h);
const { revocable } = Proxy; const e = revocable(t5, h);
`,
    );
    expect(code).toContain(`new Proxy(${proxied('t1', 0)}, {})`);
    expect(code).toContain(`new globalThis.Proxy(${proxied('t2', 1)}, h)`);
    expect(code).toContain(`new P(${proxied('t3', 2)}, h)`);
    expect(code).toContain(`Proxy.revocable(${proxied('t4', 3)}, h)`);
    expect(code).toContain(`revocable(${proxied('t5', 4)}, h)`);
  });

  it('are left alone where Proxy is another binding, or the target is made right there or spread', () => {
    const text = `function f(Proxy) { return new Proxy(t1, h); }
{ class Proxy { constructor(x) {} } new Proxy(t2); }
const g = new Proxy({ a: 1 }, h), k = new Proxy([1], h), l = new Proxy(() => 1, h), m = new Proxy(...args);
const other = { revocable: (x) => x }; other.revocable(t3, h);
`;
    expect(instrumentSource('/virtual/m.js', text).code).not.toContain('proxied');
  });
});
