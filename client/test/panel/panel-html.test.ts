import { describe, expect, it } from 'vitest';
import { makeNonce } from '../../src/panel/nonce.js';
import { panelHtml } from '../../src/panel/panel-html.js';

const assets = {
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/media/panel/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/media/panel/panel.css',
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'abc123',
};

describe('panelHtml', () => {
  const html = panelHtml(assets);

  it('allows nothing but its own nonced script and stylesheet', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(csp).toBe("default-src 'none'; style-src https://*.vscode-cdn.net 'nonce-abc123'; script-src 'nonce-abc123'");
  });

  it('loads exactly one script, with the nonce, from the panel media', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts).toEqual([`<script nonce="abc123" src="${assets.scriptUri}">`]);
  });

  it('has the root element the end-to-end test looks for, and no remote address', () => {
    expect(html).toContain('id="cowlens-panel"');
    expect(html.replaceAll(assets.scriptUri, '').replaceAll(assets.styleUri, '').replaceAll(assets.cspSource, '')).not.toMatch(/https?:/);
  });

  it('escapes a quote in an address rather than ending the attribute', () => {
    expect(panelHtml({ ...assets, scriptUri: 'x"onload="y' })).toContain('src="x&quot;onload=&quot;y"');
  });
});

describe('makeNonce', () => {
  it('is new each time and made of characters a CSP source list takes', () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});
