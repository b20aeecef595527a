/**
 * `npm run demo`: a small editor with an undo history, written the way cowlens's instrumenter
 * will emit it (each copy through the runtime, each write through `rt.set`), run once in observe
 * mode and once in cow mode, printing each copy site's figures. Until the `cowlens` CLI lands,
 * this is the quickest way to see the runtime at work.
 */
import { createRuntime, type Mode, type SiteFigures } from '../src/runtime/index.js';

interface Doc {
  title: string;
  paragraphs: { text: string; bold: boolean }[];
}

function run(mode: Mode): { rows: (SiteFigures & { where: string; kind: string })[]; output: string } {
  const rt = createRuntime(mode);
  const history = rt.site('demo/editor.ts', 12, 19, 'structured-clone');
  const view = rt.site('demo/editor.ts', 20, 16, 'array-spread');
  const at = rt.location('demo/editor.ts', 14, 5);

  const doc: Doc = { title: 'Notes', paragraphs: Array.from({ length: 2000 }, (_, i) => ({ text: `paragraph ${String(i)}`, bold: false })) };
  const undo: Doc[] = [];
  for (let edit = 0; edit < 100; edit++) {
    undo.push(rt.structuredClone(history, doc));
    rt.set(doc.paragraphs[edit]!, 'bold', true, at);
  }
  let shown = 0;
  for (let render = 0; render < 100; render++) shown += (rt.arraySpread(view, doc.paragraphs) as Doc['paragraphs']).filter((p) => p.bold).length;
  const output = `bold in undo[50]: ${String(undo[50]!.paragraphs.filter((p) => p.bold).length)}, rendered bold: ${String(shown)}`;

  const rows = rt.registry.sites.map((s) => ({ ...rt.accounting.counters.figuresOf(s.id), where: `${s.file}:${String(s.line)}:${String(s.column)}`, kind: s.kind }));
  return { rows, output };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
for (const mode of ['observe', 'cow'] as const) {
  const { rows, output } = run(mode);
  console.log(`\n${mode} mode: ${output}`);
  console.table(
    rows.map((r) => ({
      site: r.where,
      kind: r.kind,
      executions: r.executions,
      materialized: r.materialized,
      copied: kb(r.bytesCopied),
      saved: kb(r.bytesSaved),
      sharedMax: r.sharedMax,
    })),
  );
}
