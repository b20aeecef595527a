/** What the page needs from VS Code: where its two files are, and the origin they are served from. */
export interface PanelAssets {
  readonly scriptUri: string;
  readonly styleUri: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
}

/**
 * The webview's page: a skeleton that `panel.js` fills. The policy allows only the panel's own
 * script and stylesheet (by nonce, and the stylesheet also from the extension's origin), inline
 * SVG drawn by that script, and nothing remote; `img-src` stays closed since the chart is markup.
 */
export function panelHtml(assets: PanelAssets): string {
  const { scriptUri, styleUri, cspSource, nonce } = assets;
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(styleUri)}">
<title>cowlens</title>
</head>
<body>
<main id="cowlens-panel" aria-live="off">
<p id="cowlens-empty">No run yet. Run a file, the tests, or start a Node debug session with cowlens enabled.</p>
</main>
<script nonce="${nonce}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
