// The editor end to end, in a real VS Code (code-server) driven through headless chromium: open
// the editor-tour fixture, run it from the command palette, and check that the figures appear
// inline while it runs and end at the fixture's expected counts, that the status bar shows the
// totals and that the report opens. run.sh starts code-server and sets the environment.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const URL_ = process.env.CS_URL;
const OUT = process.env.E2E_OUT;
const USER_DATA = process.env.E2E_USER_DATA;
if (!URL_ || !OUT || !USER_DATA) throw new Error('run this through run.sh: CS_URL, E2E_OUT and E2E_USER_DATA must be set');
mkdirSync(OUT, { recursive: true });

const t0 = Date.now();
const log = (message) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);
const figures = {};

/** The source line the fixture's snapshot site is on, and what its figures must end as. */
const SNAPSHOT_LINE = 'history.push(structuredClone(doc));';
const BACKUP_LINE = 'return JSON.parse(JSON.stringify(doc)) as Doc;';
const FINAL_SNAPSHOT = /^⧉ 25 copies · 25 written · saved [\d.]+ MB · shared ×2$/;
const FINAL_BACKUP = /^⧉ 5 copies · 4 written · saved [\d.]+ kB · shared ×2$/;
const FINAL_STATUS = /cowlens cow: saved [\d.]+ MB · copied [\d.]+ kB/;

const profile = mkdtempSync(join(tmpdir(), 'cowlens-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1500, height: 860 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = context.pages()[0] ?? (await context.newPage());
const consoleLines = [];
page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));

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

async function waitFor(what, probe, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Lines of the profile's logs (the extension host's, and the cowlens output channel's) that match. */
function logLines(fileName, pattern) {
  const lines = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (fileName.test(entry.name)) lines.push(...readFileSync(path, 'utf8').split('\n').filter((line) => pattern.test(line)));
    }
  };
  walk(join(USER_DATA, 'logs'));
  return lines;
}

try {
  await page.goto(URL_, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
  log('workbench ready');

  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('main.ts');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').waitFor();
  const opened = Date.now();
  log('main.ts open');
  // The sites the test reads (lines 36 and 53) are below the first screen: centre on line 45.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('45');
  await page.keyboard.press('Enter');

  const staticHint = await waitFor('the static inlay hints of the language server', async () => (await injectedTexts()).find((t) => t.includes('⧉')));
  figures.staticHintMs = Date.now() - opened;
  log(`static inlay hint "${staticHint}" after ${figures.staticHintMs} ms`);
  await page.screenshot({ path: join(OUT, 'static.png') });

  await runCommand('cowlens: Run Current File');
  const started = Date.now();
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

  await runCommand('cowlens: Show Report');
  await waitFor('the report tab', async () => (await page.locator('.monaco-editor .view-lines').last().textContent()).includes('structured-clone'), 20_000);
  log('report tab shows the run');
  await page.screenshot({ path: join(OUT, 'report.png') });

  figures.activation = [...logLines(/exthost\.log$/, /_doActivateExtension cowlens\.cowlens/), ...logLines(/cowlens\.log$/, /\[cowlens\] (activated|language server ready)/)];
  log(`activation: ${figures.activation.join(' | ')}`);
  if (!figures.activation.some((line) => line.includes('activated in'))) throw new Error('the extension did not log its activation');
} catch (error) {
  await page.screenshot({ path: join(OUT, 'failure.png') }).catch(() => {});
  console.error('e2e FAILED:', error);
  process.exitCode = 1;
} finally {
  writeFileSync(join(OUT, 'browser-console.log'), consoleLines.join('\n'));
  writeFileSync(join(OUT, 'figures.json'), JSON.stringify(figures, null, 2));
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  log(process.exitCode ? 'failed' : 'passed');
}
