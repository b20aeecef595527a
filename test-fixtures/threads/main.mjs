// Threads: big price lists go to a worker thread with postMessage, which always copies (a
// structured clone into another heap: nothing to share). Before that, the main thread keeps two
// copies, and a dependency (node_modules/some-lib, not instrumented) then changes their sources in
// place: writes cowlens cannot see. Cow mode must report them as hazards, and the copies must
// still show the lists as they were when copied.
import { Worker } from 'node:worker_threads';
import { applyDiscount, sortByPrice } from 'some-lib';

const REGIONS = ['north', 'south', 'east'];

function priceList(region, r) {
  const items = [];
  for (let i = 0; i < 1500; i++) items.push({ name: `${region}-${String(i).padStart(4, '0')}`, price: ((i * 7919 + r * 104729) % 10000) / 100 });
  return { region, discounted: false, items };
}

const lists = REGIONS.map(priceList);
const catalogue = lists[0].items.slice();
const lastWeek = structuredClone(lists[1]);
sortByPrice(lists[0].items);
applyDiscount(lists[1], 10);
const [a, b] = [lastWeek.items[0], lastWeek.items[1]];
console.log(`catalogue keeps its order: first=${catalogue[0].name} last=${catalogue[catalogue.length - 1].name}`);
console.log(`last week's south list: discounted=${lastWeek.discounted} ${a.name}=${a.price} ${b.name}=${b.price}`);

const worker = new Worker(new URL('./worker.mjs', import.meta.url));
const answers = [];
worker.on('message', (answer) => {
  answers.push(answer);
  console.log(`${answer.region}: count=${answer.count} total=${answer.total.toFixed(2)} dearest=${answer.dearest}`);
  if (answers.length === lists.length) worker.postMessage({ type: 'done' });
});
for (const list of lists) worker.postMessage(list);
