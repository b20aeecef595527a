// Issue 13's last rows: copies of every kind made and dropped in one synchronous job. With
// --expose-gc, writes the heap growth over the loop, measured after full collections inside that
// same job, to the file FOOTPRINT_HEAP_FILE names.
import { writeFileSync } from 'node:fs';

const list = Array.from({ length: 100 }, (_, i) => i);
const record = {};
for (let i = 0; i < 100; i++) record[`k${i}`] = i;
const heap = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
const before = heap();
let sum = 0;
for (let i = 0; i < 50_000; i++) {
  const sliced = list.slice();
  sliced[0] = i;
  const spread = { ...record };
  spread.k1 = i;
  const cloned = structuredClone(record);
  const arrayCopy = [...list];
  sum += sliced[0] + spread.k1 + cloned.k2 + arrayCopy[3];
}
const growth = heap() - before;
console.log(sum);
if (process.env.FOOTPRINT_HEAP_FILE) writeFileSync(process.env.FOOTPRINT_HEAP_FILE, String(growth));
