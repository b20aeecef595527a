// Issue 13's first rows: 40 structuredClone snapshots of a 5,000-paragraph document, kept alive,
// the document edited after each one (SNAPSHOT_EDITS=0: never). With --expose-gc, writes the heap
// after full collections to the file FOOTPRINT_HEAP_FILE names.
import { writeFileSync } from 'node:fs';

const doc = { title: 'doc', paragraphs: Array.from({ length: 5000 }, (_, i) => ({ id: i, text: `paragraph ${i}`, style: { bold: i % 7 === 0, size: 12 } })) };
const snapshots = [];
for (let i = 0; i < 40; i++) {
  snapshots.push(structuredClone(doc));
  if (process.env.SNAPSHOT_EDITS !== '0') doc.paragraphs[i * 100].text += ' (edited)';
}
console.log(snapshots.length, snapshots[39].paragraphs[3900].text, doc.paragraphs[3900].text);
if (process.env.FOOTPRINT_HEAP_FILE) {
  globalThis.gc();
  globalThis.gc();
  writeFileSync(process.env.FOOTPRINT_HEAP_FILE, String(process.memoryUsage().heapUsed));
}
