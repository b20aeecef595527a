// The editor end to end, in a real VS Code (code-server) driven through headless chromium: open
// the editor-tour fixture, run it from the command palette, and check that the figures appear
// inline while it runs and end at the fixture's expected counts, that the status bar shows the
// totals and that the report opens. run.sh starts code-server and sets the environment.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eEnvironment, goToLine, logLines, openFile, openWorkbench, runCommand, runSteps, stepLog, waitFor as waitUntil } from './e2e-helpers.mjs';

const { url, out: OUT, userData: USER_DATA, workspace: WORKSPACE } = e2eEnvironment();
const log = stepLog('e2e');
const figures = {};

/** The source line the fixture's snapshot site is on, and what its figures must end as. */
const SNAPSHOT_LINE = 'history.push(structuredClone(doc));';
const BACKUP_LINE = 'return JSON.parse(JSON.stringify(doc)) as Doc;';
const FINAL_SNAPSHOT = /^⧉ 25 copies · 25 written · saved [\d.]+ MB · shared ×2$/;
const FINAL_BACKUP = /^⧉ 5 copies · 4 written · saved [\d.]+ (?:kB|MB) · shared ×2$/;
const FINAL_STATUS = /cowlens cow: saved [\d.]+ MB · copied [\d.]+ kB/;

const { page, finish } = await openWorkbench(url, OUT, 'browser-console.log');
const waitFor = (what, probe, ms) => waitUntil(page, what, probe, ms);

/**
 * Every inline figure in the editor, by the text of the line it follows. Decorations are CSS
 * `::after` content on spans, not DOM text, so they are read from the computed style.
 */
const inlineFigures = () =>
  page.evaluate(() => {
    const found = {};
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      for (const span of line.querySelectorAll('span')) {
        const content = getComputedStyle(span, '::after').content;
        if (!content || !content.includes('⧉')) continue;
        // The line's own text, without what inlay hints and decorations inject into it.
        const source = [...line.querySelectorAll(':scope > span > span')]
          .filter((piece) => !/dyn-rule|ced-/.test(piece.className))
          .map((piece) => piece.textContent)
          .join('')
          .replace(/\u00a0/g, ' ')
          .trim();
        found[source] = JSON.parse(content);
      }
    }
    return found;
  });

/** Inlay hints are injected text too; the static ones show the server answered. */
const injectedTexts = () =>
  page.evaluate(() => {
    const texts = [];
    for (const span of document.querySelectorAll('.monaco-editor .view-lines span')) {
      for (const pseudo of ['::before', '::after']) {
        const content = getComputedStyle(span, pseudo).content;
        if (content && content !== 'none' && content !== 'normal') texts.push(JSON.parse(content));
      }
      if (span.className.includes('dyn') && span.textContent.includes('⧉')) texts.push(span.textContent);
    }
    return texts;
  });

const statusText = () => page.locator('#cowlens\\.cowlens\\.status, [id="cowlens.cowlens.status"], .statusbar-item:has-text("cowlens")').first().textContent({ timeout: 2000 }).catch(() => '');

const figureFor = (all, line) => Object.entries(all).find(([source]) => source.includes(line))?.[1];

/** The colour an inline figure is drawn in (the stale colour once its file changed after the run). */
const figureColor = (figure) =>
  page.evaluate((text) => {
    for (const span of document.querySelectorAll('.monaco-editor .view-lines .view-line span')) {
      const style = getComputedStyle(span, '::after');
      if (style.content === JSON.stringify(text)) return style.color;
    }
    return undefined;
  }, figure);

await runSteps({ page, finish, out: OUT, log, label: 'e2e', failureShot: 'failure.png', figures: { file: 'figures.json', values: figures } }, async () => {
    log('workbench ready');
    await openFile(page, 'main.ts');
    const opened = Date.now();
    log('main.ts open');
    // The sites the test reads (lines 36 and 53) are below the first screen: centre on line 45.
    await goToLine(page, 45);

    const staticHint = await waitFor('the static inlay hints of the language server', async () => (await injectedTexts()).find((t) => t.includes('⧉')));
    figures.staticHintMs = Date.now() - opened;
    log(`static inlay hint "${staticHint}" after ${figures.staticHintMs} ms`);
    await page.screenshot({ path: join(OUT, 'static.png') });

    await runCommand(page, 'cowlens: Run Current File');
    const started = Date.now();

    // The first run shows the cowlens view, in its own container of the bottom panel, with room
    // for its table at the default window size, and leaves the focus in the editor.
    const view = await waitFor('the cowlens view shown by the first run', async () => {
      const box = await page.locator('iframe.webview[src*="extensionId=cowlens.cowlens"]').first().boundingBox({ timeout: 1000 }).catch(() => null);
      return box && box.height > 0 ? box : undefined;
    }, 20_000);
    const inPanel = await page.locator('.part.panel .composite-bar .action-label', { hasText: /^cowlens$/ }).count();
    const editorFocused = await waitFor('the editor to keep the focus', async () => page.locator('.monaco-editor.focused').count(), 5000).catch(() => 0);
    figures.panelView = { width: Math.round(view.width), height: Math.round(view.height), inPanel, editorFocused };
    log(`cowlens view: ${JSON.stringify(figures.panelView)}`);
    if (inPanel === 0) throw new Error('the cowlens view is not a tab of the bottom panel');
    if (view.height < 180 || view.width < 900) throw new Error(`the cowlens view is too small to use: ${Math.round(view.width)}×${Math.round(view.height)} px`);
    if (editorFocused === 0) throw new Error('showing the cowlens view took the focus from the editor');
    await goToLine(page, 45);
    const seen = new Set();
    const first = await waitFor('the first inline figure', async () => figureFor(await inlineFigures(), SNAPSHOT_LINE));
    figures.firstFigureMs = Date.now() - started;
    seen.add(first);
    log(`first inline figure after ${figures.firstFigureMs} ms: ${first}`);
    const runningStatus = await statusText();
    log(`status bar while running: ${runningStatus}`);

    const final = await waitFor(
      'the final figures',
      async () => {
        const now = figureFor(await inlineFigures(), SNAPSHOT_LINE);
        if (now) seen.add(now);
        if (seen.size === 3) await page.screenshot({ path: join(OUT, 'running.png') });
        return now && FINAL_SNAPSHOT.test(now) ? now : undefined;
      },
      90_000,
    );
    log(`final figure: ${final}; ${seen.size} distinct values while running`);
    if (seen.size < 3) throw new Error(`the figures did not grow live: only ${[...seen].join(' | ')}`);

    const status = await waitFor('the final status bar', async () => {
      const text = await statusText();
      return FINAL_STATUS.test(text) ? text : undefined;
    });
    log(`status bar: ${status}`);
    const all = await inlineFigures();
    const backup = figureFor(all, BACKUP_LINE);
    if (!backup || !FINAL_BACKUP.test(backup)) throw new Error(`backup site figures: expected ${FINAL_BACKUP}, got ${backup}; all: ${JSON.stringify(all)}`);
    log(`backup site: ${backup}`);
    await page.screenshot({ path: join(OUT, 'editor.png') });

    // The copy point (main.ts:55) has a gutter mark, and its hover shows from anywhere on its line's
    // text: VS Code gives an extension's gutter icon no hover of its own.
    const gutterMarks = await page.locator('.monaco-editor .margin .cgmr').count();
    if (gutterMarks === 0) throw new Error('no copy point has a gutter mark');
    const pointLine = page.locator('.monaco-editor .view-lines .view-line', { hasText: 'doc.paragraphs[at] = {' }).first();
    const lineBox = await pointLine.boundingBox();
    const firstWord = await pointLine.locator('span > span').first().boundingBox();
    const indent = firstWord ?? lineBox;
    await page.mouse.move(indent.x + indent.width + 40, lineBox.y + lineBox.height / 2);
    const pointHover = await waitFor('the hover of the copy point', async () => {
      const texts = await page.locator('.monaco-hover:visible').allTextContents().catch(() => []);
      return texts.find((text) => text.includes('cowlens copy point'));
    }, 15_000);
    log(`${gutterMarks} gutter marks; hover on the copy point's line: ${pointHover.slice(0, 120)}`);
    await page.mouse.move(5, 5);

    // An edit above the sites: their figures move down with their lines and turn stale-dimmed.
    const freshColor = await figureColor(final);
    await goToLine(page, 47);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    let seenAfterEdit;
    const moved = await waitFor('the figures to follow the edit, dimmed', async () => {
      const now = figureFor(await inlineFigures(), SNAPSHOT_LINE);
      const color = await figureColor(final);
      seenAfterEdit = { now, color, freshColor };
      return now === final && color !== undefined && color !== freshColor ? color : undefined;
    }, 10_000).catch((error) => {
      throw new Error(`${error.message}: ${JSON.stringify(seenAfterEdit)}`);
    });
    log(`after an edit above them the figures moved with their lines, ${freshColor} → ${moved}`);
    // Undone, so that the file the panel's test debugs next is the fixture as it is.
    await page.keyboard.press('Control+Z');

    await runCommand(page, 'cowlens: Show Report');
    await waitFor('the report tab', async () => (await page.locator('.monaco-editor .view-lines').last().textContent()).includes('structured-clone'), 20_000);
    log('report tab shows the run');
    await page.screenshot({ path: join(OUT, 'report.png') });

    // Watch mode: with cowlens.watch on, saving the file runs it again, and its figures are fresh
    // again (the undone edit above left them stale). The comment added last moves no site.
    writeFileSync(join(WORKSPACE, '.vscode/settings.json'), JSON.stringify({ 'cowlens.mode': 'cow', 'cowlens.watch': true }));
    await openFile(page, 'main.ts');
    await page.waitForTimeout(1000);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('// saved, so that watch mode runs the file again');
    await page.keyboard.press('Control+S');
    await goToLine(page, 45);
    await waitFor('a run on save with fresh figures', async () => {
      const now = figureFor(await inlineFigures(), SNAPSHOT_LINE);
      return now === final && (await figureColor(final)) === freshColor;
    }, 60_000);
    log('watch mode ran the file again on save: its figures are fresh');

    // A failing program: the notification names its exit status, and its output is shown. Its copy
    // is on a line too long for figures after it: they go in a code lens above the line.
    writeFileSync(join(WORKSPACE, '.vscode/settings.json'), JSON.stringify({ 'cowlens.mode': 'cow' }));
    // fails.js is in the workspace from the start (run.sh): quick open may not list a file made now.
    await openFile(page, 'fails.js');
    await runCommand(page, 'cowlens: Run Current File');
    const toast = await waitFor('the notification of the failed run', async () => {
      const texts = await page.locator('.notifications-toasts .notification-toast').allTextContents();
      return texts.find((text) => text.includes('exited with status 3'));
    }, 60_000);
    log(`notification: ${toast}`);
    if (!/Show Output/.test(toast) || !/Show Report/.test(toast)) throw new Error(`the notification offers no way to the output and the report: ${toast}`);
    await waitFor("the program's output, shown", async () => {
      // The editor draws spaces as no-break spaces.
      const texts = await page.locator('.part.panel .monaco-editor .view-lines').allTextContents().catch(() => []);
      return texts.join('\n').replace(/\u00a0/g, ' ').includes('fails.js gives up after 3');
    }, 20_000);
    log("the program's output is shown in the cowlens output");
    const lens = await waitFor('the figures of the long line in a code lens', async () => {
      const texts = await page.locator('.monaco-editor .codelens-decoration').allTextContents();
      return texts.find((text) => text.includes('⧉ 1 copy'));
    }, 20_000);
    const afterLine = Object.values(await inlineFigures());
    log(`code lens above the long line: ${lens}; figures after lines: ${JSON.stringify(afterLine)}`);
    if (afterLine.length > 0) throw new Error(`the long line's figures are also after it: ${JSON.stringify(afterLine)}`);
    await page.screenshot({ path: join(OUT, 'failed-run.png') });

    figures.activation = [...logLines(USER_DATA, /exthost\.log$/, /_doActivateExtension cowlens\.cowlens/), ...logLines(USER_DATA, /cowlens\.log$/, /\[cowlens\] (activated|language server ready)/)];
    log(`activation: ${figures.activation.join(' | ')}`);
    if (!figures.activation.some((line) => line.includes('activated in'))) throw new Error('the extension did not log its activation');
});
