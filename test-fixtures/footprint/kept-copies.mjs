// Issue 13's table of kept copies, one row per FOOTPRINT_ROW: the copies stay alive to the end.
// With --expose-gc, writes the heap after full collections to the file FOOTPRINT_HEAP_FILE names.
//
// - document-read: 100 structuredClone snapshots of a 5,000-paragraph document, the document
//   edited after each, then every snapshot read in full;
// - document: the same, never read;
// - config-clone-deep: 40 lodash cloneDeep snapshots of a 3,600-entry configuration, never written;
// - config: the same by structuredClone;
// - array: 50 slice() snapshots of a 200,000-element array, one write to the array after each.
import { writeFileSync } from 'node:fs';
import _ from 'lodash';

const documentOf = () => ({
  title: 'doc',
  paragraphs: Array.from({ length: 5000 }, (_, i) => ({ id: i, text: `paragraph ${i}`, style: { bold: i % 7 === 0, size: 12 } })),
});

const configuration = () => {
  const config = {};
  for (let s = 0; s < 60; s++) {
    const section = {};
    for (let k = 0; k < 60; k++) section[`key${k}`] = { value: `value ${s}.${k}`, enabled: k % 2 === 0, weight: k };
    config[`section${s}`] = section;
  }
  return config;
};

const row = process.env.FOOTPRINT_ROW;
const kept = [];
let checksum = 0;
if (row === 'document-read' || row === 'document') {
  const doc = documentOf();
  for (let i = 0; i < 100; i++) {
    kept.push(structuredClone(doc));
    doc.paragraphs[i * 50].text += ' (edited)';
  }
  if (row === 'document-read') for (const snapshot of kept) for (const p of snapshot.paragraphs) checksum += p.text.length + p.style.size;
  kept.push(doc);
} else if (row === 'config-clone-deep' || row === 'config') {
  const config = configuration();
  for (let i = 0; i < 40; i++) kept.push(row === 'config' ? structuredClone(config) : _.cloneDeep(config));
  kept.push(config);
} else if (row === 'array') {
  const array = Array.from({ length: 200_000 }, (_, i) => i * 1.5);
  for (let i = 0; i < 50; i++) {
    kept.push(array.slice());
    array[i * 1000] = -i;
  }
  for (const snapshot of kept) checksum += snapshot[0] + snapshot[snapshot.length - 1];
  kept.push(array);
} else {
  throw new Error(`FOOTPRINT_ROW must name a row (document-read, document, config-clone-deep, config, array), not ${String(row)}`);
}
console.log(row, kept.length, checksum);
if (process.env.FOOTPRINT_HEAP_FILE) {
  globalThis.gc();
  globalThis.gc();
  writeFileSync(process.env.FOOTPRINT_HEAP_FILE, String(process.memoryUsage().heapUsed));
}
console.log(kept[kept.length - 1] === undefined);
