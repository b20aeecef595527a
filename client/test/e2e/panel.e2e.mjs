// The cowlens panel end to end, in a real VS Code (code-server) driven through headless
// chromium: start the workspace's Node launch configuration ("cowlens": true, in run.sh) from the
// command palette, pause it at a breakpoint, and check from inside the cowlens view's webview that
// the figures fill while it runs, hold still while it is paused, and end at the editor-tour
// fixture's figures; then sort the table, reveal a site from it, hide and show the view, clear it.
import { join } from 'node:path';
import { e2eEnvironment, goToLine, openFile, openWorkbench, runCommand, runSteps, stepLog, waitFor as waitUntil } from './e2e-helpers.mjs';

const { url, out: OUT } = e2eEnvironment();
const log = stepLog('panel');
const figures = {};

/** test-fixtures/editor-tour/expected.json in cow mode: executions per site line of main.ts. */
const EXPECTED_EXECUTIONS = { 36: 5, 41: 25, 53: 25, 55: 25 };
const EXPECTED_COPIES = 80;
/** The line the breakpoint goes on (after the snapshot of the tick) and the tick it stops at. */
const BREAK_LINE = 54;
const BREAK_TICK = 10;

const { page, finish } = await openWorkbench(url, OUT, 'panel-browser-console.log');
const waitFor = (what, probe, ms) => waitUntil(page, what, probe, ms);

/** The cowlens view's page: two iframes deep (the webview host, then its active frame). */
const panel = page.frameLocator('iframe.webview[src*="extensionId=cowlens.cowlens"]').frameLocator('#active-frame');

/** The totals' data attributes (numbers as the model has them, not as formatted), or null before the page is up. */
const totals = () =>
  panel
    .locator('#cowlens-totals')
    .evaluate((box) => ({ ...box.dataset }), undefined, { timeout: 1000 })
    .catch(() => null);

/** The site rows on the page: file, line and executions (the third column's number). */
const siteRows = () =>
  panel.locator('#cowlens-sites tbody tr.site').evaluateAll((rows) =>
    rows.map((row) => ({ file: row.dataset.file, line: Number(row.dataset.line), executions: Number(row.querySelectorAll('td')[2].dataset.value) })),
  );

const cursorLine = async () => {
  const text = await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent({ timeout: 2000 }).catch(() => '');
  return Number(/Ln (\d+)/.exec(text ?? '')?.[1] ?? 0);
};

/** The cowlens view's tab in the bottom panel. */
const cowlensTab = () => page.locator('.part.panel .composite-bar .action-label', { hasText: /^cowlens$/ }).first();

const debugToolbar = () => page.locator('.debug-toolbar').isVisible().catch(() => false);

await runSteps({ page, finish, out: OUT, log, label: 'panel e2e', failureShot: 'panel-failure.png', figures: { file: 'panel-figures.json', values: figures } }, async () => {
    log('workbench ready');
    // Opening a TypeScript file activates the extension, and the palette knows the view's commands by then.
    await openFile(page, 'main.ts');
    await page.locator('[id="cowlens.cowlens.status"]').first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Focus on cowlens View');
    await panel.locator('#cowlens-panel').waitFor({ timeout: 30_000 });
    const page0 = await panel.locator('html').evaluate((html) => ({
      csp: html.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      scriptNonce: html.querySelector('script[src*="panel.js"]')?.nonce ?? '',
      empty: html.querySelector('#cowlens-empty')?.textContent ?? '',
    }));
    if (!/default-src 'none'/.test(page0.csp) || page0.scriptNonce === '' || !page0.csp.includes(`'nonce-${page0.scriptNonce}'`)) {
      throw new Error(`the panel's page has no nonce policy: ${JSON.stringify(page0)}`);
    }
    log(`the view is there before any run, with a nonce policy; it says: ${page0.empty}`);

    await openFile(page, 'main.ts');
    await goToLine(page, BREAK_LINE);
    await runCommand(page, 'Debug: Add Conditional Breakpoint...');
    // Type only once the widget has the focus: keys typed before go into main.ts, which debugging saves.
    await page.waitForFunction(() => document.activeElement?.closest('.breakpoint-widget') != null, undefined, { timeout: 10_000 });
    await page.keyboard.type(`tick === ${BREAK_TICK}`);
    await page.keyboard.press('Enter');
    await page.locator('.breakpoint-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    // The editor takes the focus back after the widget has gone; a palette opened before that closes at once.
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    log(`conditional breakpoint at main.ts:${BREAK_LINE} (tick === ${BREAK_TICK})`);

    await runCommand(page, 'Debug: Start Debugging');
    const started = Date.now();
    await runCommand(page, 'Focus on cowlens View');

    const seen = new Set();
    const paused = await waitFor(
      'the debuggee to stop at the breakpoint with figures in the panel',
      async () => {
        const now = await totals();
        // The Debug Console opens on the session's start, over the cowlens tab of the bottom panel.
        if (now === null) await cowlensTab().click({ timeout: 1000 }).catch(() => {});
        if (now?.state === 'running' && Number(now.copies) > 0) {
          figures.firstFiguresMs ??= Date.now() - started;
          seen.add(now.copies);
        }
        const stopped = await page.locator('.debug-top-stack-frame-column, .codicon-debug-stackframe').first().isVisible().catch(() => false);
        return stopped && now?.state === 'running' && Number(now.copies) > 0 ? now : undefined;
      },
      90_000,
    );
    figures.pausedMs = Date.now() - started;
    // What the program flushed just before it stopped may still be on its way (the runtime's 100 ms
    // timer, the server's poll, the panel's 250 ms posts): let it settle, then it must hold still.
    let settled = paused;
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(500);
      const now = await totals();
      if (now?.copies === settled.copies) break;
      settled = now;
    }
    await page.waitForTimeout(1500);
    const stillPaused = await totals();
    log(`paused at tick ${BREAK_TICK}: ${settled.copies} copies (${paused.copies} when the pause showed), ${settled.materialized} materialized, ${settled.bytesSaved} bytes saved; 1.5 s later ${stillPaused?.copies}`);
    if (Number(settled.copies) >= EXPECTED_COPIES) throw new Error(`the panel shows ${settled.copies} copies at the breakpoint: not partial`);
    if (stillPaused?.copies !== settled.copies) throw new Error(`figures moved while paused: ${settled.copies} then ${stillPaused?.copies}`);
    figures.pausedCopies = Number(settled.copies);
    await page.screenshot({ path: join(OUT, 'panel-paused.png') });

    await runCommand(page, 'Debug: Continue');
    const final = await waitFor(
      'the final figures in the panel',
      async () => {
        const now = await totals();
        if (now?.state === 'running' && Number(now.copies) > 0) seen.add(now.copies);
        return now?.state === 'finished' ? now : undefined;
      },
      90_000,
    );
    figures.finishedMs = Date.now() - started;
    log(`finished after ${(figures.finishedMs / 1000).toFixed(1)} s: ${JSON.stringify(final)}; ${seen.size} distinct copy counts on the way`);
    if (Number(final.copies) !== EXPECTED_COPIES || Number(final.sites) !== 4) throw new Error(`final totals: expected ${EXPECTED_COPIES} copies at 4 sites, got ${JSON.stringify(final)}`);
    if (seen.size < 3) throw new Error(`the panel did not fill live: only ${[...seen].join(', ')}`);
    await waitFor('the debug session to end', async () => !(await debugToolbar()), 20_000);

    const points = Number(await panel.locator('#cowlens-chart').getAttribute('data-points'));
    const polyline = (await panel.locator('#cowlens-chart polyline.copied').getAttribute('points')) ?? '';
    if (points < 3 || polyline.split(' ').length < 3) throw new Error(`the chart has ${points} points`);
    log(`chart: ${points} points`);

    const rows = await siteRows();
    const byLine = Object.fromEntries(rows.map((row) => [row.line, row.executions]));
    if (rows.some((row) => row.file !== 'main.ts') || JSON.stringify(byLine) !== JSON.stringify(EXPECTED_EXECUTIONS)) {
      throw new Error(`site rows: expected main.ts with ${JSON.stringify(EXPECTED_EXECUTIONS)}, got ${JSON.stringify(rows)}`);
    }
    log(`sites: ${rows.map((row) => `${row.file}:${row.line} ×${row.executions}`).join(', ')}`);
    // For the screenshot, the bottom panel shows the cowlens view maximized, its table in full.
    await cowlensTab().click();
    await runCommand(page, 'View: Toggle Maximized Panel');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'panel.png') });
    await runCommand(page, 'View: Toggle Maximized Panel');

    await panel.locator('#cowlens-sites th button.sort[data-key="location"]').click();
    const sorted = await waitFor('the table sorted by site', async () => {
      const lines = (await siteRows()).map((row) => row.line);
      return lines.join() === '36,41,53,55' ? lines : undefined;
    }, 10_000);
    log(`sorted by site: ${sorted.join(', ')}`);

    await panel.locator('#cowlens-sites tr.site[data-line="53"]').click();
    const line = await waitFor('the editor to reveal main.ts:53', async () => ((await cursorLine()) === 53 ? 53 : undefined), 10_000);
    const active = await page.locator('.tabs-container .tab.active').first().getAttribute('aria-label');
    log(`a click on the row of line 53 put the cursor on line ${line} of ${active}`);
    if (!/main\.ts/.test(active ?? '')) throw new Error(`the active editor is ${active}`);
    const copyPoints = await panel.locator('#cowlens-sites tr.copy-points button.reveal').allTextContents();
    log(`the expanded row lists its copy points: ${copyPoints.join(', ')}`);
    if (!copyPoints.some((text) => text.startsWith('main.ts:55:'))) throw new Error('the copy point at main.ts:55 is not listed');

    // The webview is torn down while hidden; shown again, it must come back with the figures.
    await runCommand(page, 'View: Hide Panel');
    await page.waitForTimeout(500);
    await runCommand(page, 'Focus on cowlens View');
    const restored = await waitFor('the figures after hiding and showing the view', async () => {
      const now = await totals();
      return now?.state === 'finished' && Number(now.copies) === EXPECTED_COPIES ? now : undefined;
    }, 20_000);
    log(`hidden and shown again: ${restored.copies} copies, ${restored.state}`);

    await runCommand(page, 'cowlens: Clear Figures');
    await waitFor('the empty panel after Clear Figures', () => panel.locator('#cowlens-empty').isVisible().catch(() => false), 10_000);
    log('Clear Figures empties the panel');
});
