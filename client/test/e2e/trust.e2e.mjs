// Workspace Trust end to end: the same workspace opened untrusted (Restricted Mode). The
// extension declares limited support: its static analysis works (the language server's inlay
// hints appear) and nothing can run (no run command in the palette, no run button on the editor).
import { e2eEnvironment, goToLine, openFile, openWorkbench, paletteCommands, runSteps, stepLog, waitFor } from './e2e-helpers.mjs';

const { url, out } = e2eEnvironment();
const log = stepLog('trust');
const { page, finish } = await openWorkbench(url, out, 'trust-console.log');

await runSteps({ page, finish, out, log, label: 'trust e2e', failureShot: 'trust-failure.png' }, async () => {
    await page.locator('.statusbar-item:has-text("Restricted Mode")').first().waitFor({ timeout: 30_000 });
    log('the workspace is in Restricted Mode');
    await openFile(page, 'main.ts');
    await goToLine(page, 45);
    const hint = await waitFor(page, 'the static inlay hints', () =>
      page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines span')].map((span) => span.textContent).find((text) => text.startsWith('⧉'))),
    );
    log(`static inlay hint in Restricted Mode: "${hint}"`);

    const commands = await paletteCommands(page, 'cowlens: ');
    log(`cowlens commands in the palette: ${JSON.stringify(commands)}`);
    const runs = commands.filter((label) => /Run (Current File|Tests|Entry)/.test(label));
    if (runs.length > 0) throw new Error(`run commands are offered in an untrusted workspace: ${JSON.stringify(runs)}`);
    if (!commands.some((label) => label.includes('Show Report'))) throw new Error('the palette lists no cowlens command at all: the check above proves nothing');

    const actions = await page.locator('.editor-actions .action-label').evaluateAll((labels) => labels.map((label) => label.getAttribute('aria-label') ?? ''));
    if (actions.some((label) => label.includes('Run Current File'))) throw new Error(`the editor offers a run in an untrusted workspace: ${JSON.stringify(actions)}`);
    log('no run command and no run button');
});
