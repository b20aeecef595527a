// What the browser scripts of the end-to-end test share: the environment run.sh sets, a headless
// chromium on a code-server page, waiting, the command palette, and the profile's logs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The code-server page, the folder for screenshots and logs, and the profile and workspace run.sh made. */
export function e2eEnvironment() {
  const url = process.env.CS_URL;
  const out = process.env.E2E_OUT;
  const userData = process.env.E2E_USER_DATA;
  const workspace = process.env.E2E_WORKSPACE;
  if (!url || !out || !userData || !workspace) throw new Error('run this through run.sh: CS_URL, E2E_OUT, E2E_USER_DATA and E2E_WORKSPACE must be set');
  mkdirSync(out, { recursive: true });
  return { url, out, userData, workspace };
}

/** Logs with the seconds since the script started, prefixed with the script's name. */
export function stepLog(name) {
  const t0 = Date.now();
  return (message) => console.log(`[${name} +${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);
}

/**
 * Opens the workbench of `url` in a fresh headless chromium and waits for the explorer. `finish`
 * writes the browser console to `out` and closes everything; call it in a `finally`.
 */
export async function openWorkbench(url, out, consoleFile) {
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
  const finish = async () => {
    writeFileSync(join(out, consoleFile), consoleLines.join('\n'));
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
  } catch (error) {
    await finish();
    throw error;
  }
  return { page, finish };
}

/**
 * Runs a script's steps and ends the script whatever happens: on a failure, a screenshot of the
 * page as it was and the error, and a failing exit status; then the figures gathered (when a file
 * is named for them) and the browser closed.
 */
export async function runSteps({ page, finish, out, log, label, failureShot, figures }, steps) {
  try {
    await steps();
  } catch (error) {
    await page.screenshot({ path: join(out, failureShot) }).catch(() => {});
    console.error(`${label} FAILED:`, error);
    process.exitCode = 1;
  } finally {
    if (figures) writeFileSync(join(out, figures.file), JSON.stringify(figures.values, null, 2));
    await finish();
    log(process.exitCode ? 'failed' : 'passed');
  }
}

/** Polls `probe` until it returns something truthy, and resolves to that. */
export async function waitFor(page, what, probe, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Opens a quick input with `key` and sets its whole text at once. Typing key by key raced the box's
 * own set-up: keys pressed before the palette had put its `>` in went to Quick Open instead. The
 * box can also close, or lose its input, as soon as it opened, when the focus moves on behind it
 * (seen after the conditional-breakpoint widget closed, and once in CI right after Quick Open had
 * opened a file): then what the box showed is logged, whatever is left of it is closed, and it is
 * opened again from the editor, up to three times.
 */
async function openQuickInput(page, key, text) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  for (let attempt = 1; ; attempt++) {
    // The quick input of the step before may still be closing: the key would then go to the editor.
    await closeQuickInput(page);
    await page.keyboard.press(key);
    try {
      await input.waitFor({ timeout: 10_000 });
      await input.fill(text, { timeout: 5_000 });
      await input.waitFor({ state: 'visible', timeout: 1_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`[quick input] attempt ${attempt}, ${key} for ${JSON.stringify(text)}: ${String(error.message).split('\n')[0]}; it showed ${await quickInputState(page)}; opening it again`);
      await closeQuickInput(page);
      await focusEditor(page);
    }
  }
}

/**
 * Gives the focus back to the active editor (View: Focus First Editor Group). Not a click: that
 * would move the cursor the next step reads (Go to Line previews, the breakpoint goes on its line).
 */
async function focusEditor(page) {
  await page.keyboard.press('Control+1');
  await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 5_000 }).catch(() => {});
}

/** Closes whatever quick input is open (Escape, as a user would), and waits until it is gone. */
async function closeQuickInput(page) {
  const widget = page.locator('.quick-input-widget');
  for (let presses = 0; ; presses++) {
    try {
      await widget.waitFor({ state: 'hidden', timeout: presses === 0 ? 10_000 : 2_000 });
      return;
    } catch (error) {
      if (presses === 3) throw new Error(`the quick input does not close; it shows ${await quickInputState(page)}`, { cause: error });
      await page.keyboard.press('Escape');
    }
  }
}

/** What the quick input shows, and where the focus is: said when it did not do what was asked. */
async function quickInputState(page) {
  const state = await page
    .evaluate(() => {
      const widget = document.querySelector('.quick-input-widget');
      const shown = (el) => !!el && el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden';
      const input = widget?.querySelector('input');
      return {
        widget: shown(widget),
        title: widget?.querySelector('.quick-input-title')?.textContent ?? '',
        input: input ? { shown: shown(input), value: input.value } : null,
        message: widget?.querySelector('.quick-input-message')?.textContent ?? '',
      };
    })
    .catch((error) => ({ error: String(error) }));
  return `${JSON.stringify(state)}, focus in ${await focusedElement(page)}, rows ${JSON.stringify(await quickInputLabels(page))}`;
}

/** Waits for the quick input's row whose label holds `label`; a timeout says what the box showed. */
async function quickInputRow(page, label, ms = 10_000) {
  // The widget keeps more than one list, and a hidden one may hold the same row.
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`).filter({ visible: true }).first();
  try {
    await row.waitFor({ timeout: ms });
  } catch (error) {
    const value = await page.locator('.quick-input-widget input').inputValue().catch(() => '(no input)');
    throw new Error(`no row "${label}" in the quick input; it held ${JSON.stringify(value)} and listed ${JSON.stringify(await quickInputLabels(page))}`, { cause: error });
  }
  return row;
}

const quickInputLabels = (page) =>
  page
    .locator('.quick-input-list .monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))
    .catch(() => []);

/**
 * Runs a command from the palette by its title. The palette lists a command only while its `when`
 * clause holds in the active editor's context, and that context can lag behind the editor (seen
 * once in CI: "cowlens: Run Current File" missing with main.ts open for 5 s). So a missing command
 * is looked for again, from the editor, up to three times, each miss logged with the state it was
 * seen in; the step fails only when it never shows.
 */
export async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    const before = await workbenchFocus(page);
    await openQuickInput(page, 'F1', `>${title}`);
    try {
      // Click the command itself: Enter would take the best fuzzy match, which may be another
      // one ("Debug: Select and Start Debugging" for "Debug: Start Debugging").
      await (await quickInputRow(page, title, attempt === 1 ? 10_000 : 5_000)).click();
      return;
    } catch (error) {
      const state = `${before}, the category's rows ${JSON.stringify(await categoryRows(page, title))}`;
      await page.keyboard.press('Escape');
      if (attempt === 3) throw new Error(`${error.message}; ${state}`, { cause: error });
      console.error(`[palette] attempt ${attempt}: ${error.message}; ${state}; looking again from the editor`);
      await page.waitForTimeout(1000);
      await focusEditor(page);
    }
  }
}

/** The active editor tab and the focused element, which decide the context a `when` clause reads. */
async function workbenchFocus(page) {
  const tab = await page.locator('.tab.active').first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
  return `active tab ${JSON.stringify(tab)}, focus in ${await focusedElement(page)}`;
}

/** The focused element as tag and classes ("div.native-edit-context"). */
const focusedElement = (page) =>
  page
    .evaluate(() => {
      const el = document.activeElement;
      return el ? [el.tagName.toLowerCase(), ...el.classList].join('.') : 'none';
    })
    .catch((error) => `unknown (${error})`);

/** The open palette's rows for the category of `title` (all of "cowlens: …"), to tell a hidden command from a missing extension. */
async function categoryRows(page, title) {
  await page.locator('.quick-input-widget input').fill(`>${title.split(':')[0]}`).catch(() => {});
  await page.waitForTimeout(500);
  return quickInputLabels(page);
}

/** The labels of the palette's commands that match `filter`, with the palette closed again. */
export async function paletteCommands(page, filter) {
  await openQuickInput(page, 'F1', `>${filter}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  const labels = await quickInputLabels(page);
  await page.keyboard.press('Escape');
  return labels;
}

/** Opens a workspace file with Quick Open. */
export async function openFile(page, name) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await openQuickInput(page, 'Control+P', name);
  // The list shows recent editors until the filter applies: wait for the file's own row.
  await (await quickInputRow(page, name)).click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/**
 * Moves the cursor of the active editor to a line (Go to Line), and checks it got there by the
 * status bar's "Ln N, Col M": a box that closed just before Enter would have sent Enter into the
 * file instead, and the steps after read the cursor's line.
 */
export async function goToLine(page, line) {
  await openQuickInput(page, 'Control+G', `:${line}`);
  // Pressed on the box's input itself, not on whatever has the focus.
  await page.locator('.quick-input-widget input').press('Enter', { timeout: 5_000 });
  // Keys pressed before the box has closed and the editor has focus again would go astray.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  const position = page.locator('[id="status.editor.selection"]');
  try {
    await position.filter({ hasText: new RegExp(`^\\s*Ln ${line},`) }).waitFor({ timeout: 5_000 });
  } catch (error) {
    throw new Error(`Go to Line ${line} left the cursor at ${JSON.stringify(await position.textContent().catch(() => null))}`, { cause: error });
  }
}

/** Lines of the profile's logs (the extension host's, and the cowlens output channel's) that match. */
export function logLines(userData, fileName, pattern) {
  const lines = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (fileName.test(entry.name)) lines.push(...readFileSync(path, 'utf8').split('\n').filter((line) => pattern.test(line)));
    }
  };
  walk(join(userData, 'logs'));
  return lines;
}
